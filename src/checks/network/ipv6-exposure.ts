import { ruleText } from './exposure';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { declaredPorts, fromPublicSources, isDeclared, modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, CIS_5_14, ISO_A_8_20 } from './references';
import { templates } from '../text';

const m = templates({
  noIpv6: {
    en: 'This host has no IPv6 address beyond loopback{disabled}, so {container} port {port} is not reachable over IPv6.',
    nb: 'Denne verten har ingen IPv6-adresse utenom loopback{disabled}, så {container} port {port} kan ikke nås over IPv6.',
  },
  disabled: { en: ' (IPv6 disabled)', nb: ' (IPv6 slått av)' },
  offNote: { en: ' with ip6tables off', nb: ' med ip6tables slått av' },
  declared: {
    en: '{container} port {port} is declared public; over IPv6 it is reachable from {from}.',
    nb: '{container} port {port} er oppgitt som offentlig; over IPv6 kan den nås fra {from}.',
  },
  noAddress: { en: 'no address', nb: 'ingen adresse' },
  public: {
    en: '{container} port {port} is reachable over IPv6 from {from} ({via}{off}), and it is not declared.',
    nb: '{container} port {port} kan nås over IPv6 fra {from} ({via}{off}), og den er ikke oppgitt.',
  },
  undecided: {
    en: 'Whether {container} port {port} is reachable over IPv6 could not be decided: {rule}',
    nb: 'Om {container} port {port} kan nås over IPv6, kunne ikke avgjøres: {rule}',
  },
  closed: {
    en: '{container} port {port} is not reachable over IPv6 from {from}.',
    nb: '{container} port {port} kan ikke nås over IPv6 fra {from}.',
  },
});
const NONE = { en: '', nb: '' };

export default defineCheck<'docker' | 'network'>({
  id: 'network-ipv6-exposure',
  title: { en: 'Published ports are not open over IPv6 behind the IPv4 firewall\'s back', nb: 'Publiserte porter er ikke åpne over IPv6 bak ryggen på IPv4-brannmuren' },
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  messages: m.templates,
  decidedBy: {
    en: 'The exposure model\'s IPv6 results per published port: a port bound to :: (or to every interface), with ip6tables off, is served by the docker-proxy on the host\'s IPv6 addresses and no DOCKER-USER or iptables rule applies to it. Fail when a global IPv6 address reaches it and it is not declared, warn for a ULA or link-local one, pass when IPv6 does not reach it, not applicable when the host has no IPv6 address beyond loopback.',
    nb: 'Eksponeringsmodellens IPv6-resultater per publisert port: en port bundet til :: (eller til alle grensesnitt) med ip6tables slått av betjenes av docker-proxy på vertens IPv6-adresser, og ingen regel i DOCKER-USER eller iptables gjelder for den. Avvik når en global IPv6-adresse når porten og den ikke er oppgitt, advarsel for en ULA- eller link-local-adresse, godkjent når IPv6 ikke når den, ikke relevant når verten ikke har noen IPv6-adresse utenom loopback.',
  },
  rationale: {
    en: 'Rules written for IPv4 (iptables, DOCKER-USER, ufw\'s IPv4 set) do nothing for IPv6. Before Docker 27, ip6tables is off by default, so the docker-proxy answers on [::]:port while the IPv4 rules look tight.',
    nb: 'Regler skrevet for IPv4 (iptables, DOCKER-USER, IPv4-settet i ufw) gjør ingenting for IPv6. Før Docker 27 er ip6tables slått av som standard, så docker-proxy svarer på [::]:port mens IPv4-reglene ser tette ut.',
  },
  remediation: {
    en: 'Bind the port to an IPv4 address only (-p 127.0.0.1:8080:80 or -p <ipv4>:8080:80), or turn on "ip6tables": true in daemon.json and restrict it with ip6tables -I DOCKER-USER ...; declare intended IPv6 exposure under network.publicPorts.',
    nb: 'Bind porten bare til en IPv4-adresse (-p 127.0.0.1:8080:80 eller -p <ipv4>:8080:80), eller slå på "ip6tables": true i daemon.json og begrens den med ip6tables -I DOCKER-USER ...; oppgi tilsiktet IPv6-eksponering under network.publicPorts.',
  },
  references: [CIS_5_14, ISO_A_8_20, CAIQ_IVS_03],
  evaluate: ({ docker, network }, options): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why, model.whyText);
    const declared = declaredPorts(options);
    const v6 = model.ingress.filter((g) => g.family === 6 && g.interface !== 'lo');
    const disabled = network.sysctl.ipv6Disabled.value === '1';
    const s = network.daemon.settings;
    const settings = { ip6tables: { value: s.ip6tables.value, where: s.ip6tables.where }, ipv6: { value: s.ipv6.value, where: s.ipv6.where }, disableIpv6: network.sysctl.ipv6Disabled.value ?? network.sysctl.ipv6Disabled.status };
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const observed = { ...observedPort(p, isDeclared(p, declared), model), ipv6: settings };
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      if (disabled || !v6.length) return { outcome: 'not-applicable', target, observed, message: m('noIpv6', { disabled: disabled ? m('disabled') : NONE, container: p.container, port }) };
      const reach = p.reachableFrom.filter((r) => r.family === 6 && r.range !== 'loopback');
      const unknown = p.unknownFrom.filter((u) => u.family === 6);
      const expected = { ipv6ReachableFrom: 'nowhere, or declared in network.publicPorts' };
      const off = s.ip6tables.value === false ? m('offNote') : NONE;
      if (isDeclared(p, declared)) return { outcome: 'pass', target, observed, expected, message: m('declared', { container: p.container, port, from: reach.length ? reach.map(where).join(', ') : m('noAddress') }) };
      const pub = reach.filter((r) => r.public && fromPublicSources(r));
      if (pub.length) return { outcome: 'fail', target, observed, expected, message: m('public', { container: p.container, port, from: pub.map(where).join(', '), via: pub[0].via, off }) };
      if (unknown.length && !reach.length) return { outcome: 'manual', target, observed, expected, message: m('undecided', { container: p.container, port, rule: ruleText(unknown[0].rule) }) };
      if (reach.length) return { outcome: 'warn', severity: 'medium', target, observed, expected, message: m('public', { container: p.container, port, from: reach.map(where).join(', '), via: reach[0].via, off }) };
      return { outcome: 'pass', target, observed, expected, message: m('closed', { container: p.container, port, from: v6.map(where).join(', ') }) };
    });
  },
});
