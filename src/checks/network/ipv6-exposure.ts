import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { declaredPorts, fromPublicSources, isDeclared, modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, CIS_5_14, ISO_A_8_20 } from './references';

export default defineCheck<'docker' | 'network'>({
  id: 'network-ipv6-exposure',
  title: 'Published ports are not open over IPv6 behind the IPv4 firewall\'s back',
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  decidedBy:
    'The exposure model\'s IPv6 results per published port: a port bound to :: (or to every interface), with ip6tables off, is served by the docker-proxy on the host\'s IPv6 addresses and no DOCKER-USER or iptables rule applies to it. Fail when a global IPv6 address reaches it and it is not declared, warn for a ULA or link-local one, pass when IPv6 does not reach it, not applicable when the host has no IPv6 address beyond loopback.',
  rationale:
    'Rules written for IPv4 (iptables, DOCKER-USER, ufw\'s IPv4 set) do nothing for IPv6. Before Docker 27, ip6tables is off by default, so the docker-proxy answers on [::]:port while the IPv4 rules look tight.',
  remediation:
    'Bind the port to an IPv4 address only (-p 127.0.0.1:8080:80 or -p <ipv4>:8080:80), or turn on "ip6tables": true in daemon.json and restrict it with ip6tables -I DOCKER-USER ...; declare intended IPv6 exposure under network.publicPorts.',
  references: [CIS_5_14, ISO_A_8_20, CAIQ_IVS_03],
  evaluate: ({ docker, network }, options): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why);
    const declared = declaredPorts(options);
    const v6 = model.ingress.filter((g) => g.family === 6 && g.interface !== 'lo');
    const disabled = network.sysctl.ipv6Disabled.value === '1';
    const s = network.daemon.settings;
    const settings = { ip6tables: { value: s.ip6tables.value, where: s.ip6tables.where }, ipv6: { value: s.ipv6.value, where: s.ipv6.where }, disableIpv6: network.sysctl.ipv6Disabled.value ?? network.sysctl.ipv6Disabled.status };
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const observed = { ...observedPort(p, isDeclared(p, declared), model), ipv6: settings };
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      if (disabled || !v6.length) return { outcome: 'not-applicable', target, observed, message: `This host has no IPv6 address beyond loopback${disabled ? ' (IPv6 disabled)' : ''}, so ${p.container} port ${port} is not reachable over IPv6.` };
      const reach = p.reachableFrom.filter((r) => r.family === 6 && r.range !== 'loopback');
      const unknown = p.unknownFrom.filter((u) => u.family === 6);
      const expected = { ipv6ReachableFrom: 'nowhere, or declared in network.publicPorts' };
      const offNote = s.ip6tables.value === false ? ' with ip6tables off' : '';
      if (isDeclared(p, declared)) return { outcome: 'pass', target, observed, expected, message: `${p.container} port ${port} is declared public; over IPv6 it is reachable from ${reach.map(where).join(', ') || 'no address'}.` };
      const pub = reach.filter((r) => r.public && fromPublicSources(r));
      if (pub.length) return { outcome: 'fail', target, observed, expected, message: `${p.container} port ${port} is reachable over IPv6 from ${pub.map(where).join(', ')} (${pub[0].via}${offNote}), and it is not declared.` };
      if (unknown.length && !reach.length) return { outcome: 'manual', target, observed, expected, message: `Whether ${p.container} port ${port} is reachable over IPv6 could not be decided: ${unknown[0].rule}` };
      if (reach.length) return { outcome: 'warn', severity: 'medium', target, observed, expected, message: `${p.container} port ${port} is reachable over IPv6 from ${reach.map(where).join(', ')} (${reach[0].via}${offNote}), and it is not declared.` };
      return { outcome: 'pass', target, observed, expected, message: `${p.container} port ${port} is not reachable over IPv6 from ${v6.map(where).join(', ')}.` };
    });
  },
});
