import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { declaredPorts, fromPublicSources, isDeclared, modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, CIS_5_14, ISO_A_8_20, MOBY_22054, MOBY_4737 } from './references';

export default defineCheck<'docker' | 'network'>({
  id: 'network-port-exposure',
  title: 'Published ports are reachable only from where they are meant to be',
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  decidedBy:
    'For every published port of every container (created ones with the rules Docker adds at start), a new connection from each host interface address is run through the recorded rules: raw/mangle/nat PREROUTING (Docker\'s DNAT), then FORWARD (DOCKER-USER, the DOCKER chain, policies) or INPUT and a listening docker-proxy. Fail when a public address reaches it and it is not declared in network.publicPorts, warn for a private address, pass for loopback only or declared; a rule the model cannot decide makes it manual, showing the rule.',
  rationale:
    'A port published on 0.0.0.0 is DNAT-ed in PREROUTING before the host\'s INPUT chain, so ufw or firewalld rules that appear to block it do not apply; only DOCKER-USER (or raw/mangle) rules restrict it. What matters is where a connection actually gets through, not what the firewall front-end shows.',
  remediation:
    'Bind the port to the address that should serve it (docker run -p 127.0.0.1:8080:80, compose ports: ["127.0.0.1:8080:80"]), or restrict it in DOCKER-USER (iptables -I DOCKER-USER -i <public if> -p tcp -m conntrack --ctorigdstport 8080 -j DROP); if it is meant to be public, declare it in the audit config under network.publicPorts.',
  references: [CIS_5_14, ISO_A_8_20, CAIQ_IVS_03, MOBY_4737, MOBY_22054],
  evaluate: ({ docker, network }, options): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why);
    const declared = declaredPorts(options);
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const isDecl = isDeclared(p, declared);
      const observed = observedPort(p, isDecl, model);
      const expected = { reachableFrom: 'loopback only, or declared in network.publicPorts' };
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      const is = p.running ? 'is reachable' : 'would be reachable, once started,';
      const pub = p.reachableFrom.filter((r) => r.public && fromPublicSources(r));
      const priv = p.reachableFrom.filter((r) => r.range !== 'loopback');
      const unknownPublic = p.unknownFrom.filter((u) => network.interfaces?.some((i) => i.addresses.some((a) => a.address === u.address && a.public)));
      const list = (rs: { interface: string; address: string }[]) => rs.map(where).join(', ');
      if (isDecl) return { outcome: 'pass', target, observed, expected, message: `${p.container} port ${port} is declared public in network.publicPorts; it ${is} from ${list(p.reachableFrom) || 'no address'}.` };
      if (pub.length) {
        return {
          outcome: 'fail', target, observed, expected,
          message: `${p.container} port ${port} ${is} from public address ${list(pub)} (${pub[0].via === 'dnat' ? 'Docker DNAT' : 'docker-proxy'}; rule path: ${pub[0].why.at(-1) ?? 'policy'}), and it is not declared public.`,
          remediation: `Bind it to loopback or an internal address (-p 127.0.0.1:${p.hostPort}:${p.containerPort.split('/')[0]}), or restrict it: iptables -I DOCKER-USER -i ${pub[0].interface} -p ${p.proto} -m conntrack --ctorigdstport ${p.hostPort} -j DROP; if it is meant to be public, declare { container: ${p.container}, port: ${p.hostPort} } under network.publicPorts.`,
        };
      }
      if (unknownPublic.length) {
        return { outcome: 'manual', target, observed, expected, message: `Whether ${p.container} port ${port} is reachable from ${list(unknownPublic)} depends on a rule the model cannot evaluate: ${unknownPublic[0].rule}` };
      }
      if (priv.length) {
        return {
          outcome: 'warn', severity: 'medium', target, observed, expected,
          message: `${p.container} port ${port} ${is} from non-loopback address ${list(priv)} (rule path: ${priv[0].why.at(-1) ?? 'policy'}), and it is not declared.`,
          remediation: `If only this host needs it, bind it to loopback (-p 127.0.0.1:${p.hostPort}:${p.containerPort.split('/')[0]}); otherwise declare it under network.publicPorts or restrict the sources in DOCKER-USER (iptables -I DOCKER-USER -i ${priv[0].interface} ! -s <allowed range> -p ${p.proto} -m conntrack --ctorigdstport ${p.hostPort} -j DROP).`,
        };
      }
      if (p.unknownFrom.length) {
        return { outcome: 'manual', target, observed, expected, message: `Whether ${p.container} port ${port} is reachable from ${list(p.unknownFrom)} could not be decided: ${p.unknownFrom[0].rule}` };
      }
      const lo = p.reachableFrom.length ? `loopback only (${list(p.reachableFrom)})` : 'no host address';
      return { outcome: 'pass', target, observed, expected, message: `${p.container} port ${port} ${is} from ${lo}.` };
    });
  },
});
