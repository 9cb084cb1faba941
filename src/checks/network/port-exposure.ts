import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { declaredPorts, fromPublicSources, isDeclared, modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, CIS_5_14, ISO_A_8_20, MOBY_22054, MOBY_4737 } from './references';
import { templates } from '../text';
import { ruleText } from './exposure';

const m = templates({
  isReachable: { en: 'is reachable', nb: 'kan nås' },
  wouldBe: { en: 'would be reachable, once started,', nb: 'vil kunne nås, når den er startet,' },
  declared: {
    en: '{container} port {port} is declared public in network.publicPorts; it {is} from {from}.',
    nb: '{container} port {port} er oppgitt som offentlig i network.publicPorts; den {is} fra {from}.',
  },
  noAddress: { en: 'no address', nb: 'ingen adresse' },
  public: {
    en: '{container} port {port} {is} from public address {from} ({via}; rule path: {rule}), and it is not declared public.',
    nb: '{container} port {port} {is} fra den offentlige adressen {from} ({via}; regelsti: {rule}), og den er ikke oppgitt som offentlig.',
  },
  policy: { en: 'policy', nb: 'standardpolicy' },
  publicFix: {
    en: 'Bind it to loopback or an internal address (-p 127.0.0.1:{hostPort}:{containerPort}), or restrict it: iptables -I DOCKER-USER -i {interface} -p {proto} -m conntrack --ctorigdstport {hostPort} -j DROP; if it is meant to be public, declare { container: {container}, port: {hostPort} } under network.publicPorts.',
    nb: 'Bind den til loopback eller en intern adresse (-p 127.0.0.1:{hostPort}:{containerPort}), eller begrens den: iptables -I DOCKER-USER -i {interface} -p {proto} -m conntrack --ctorigdstport {hostPort} -j DROP; skal den være offentlig, oppgi { container: {container}, port: {hostPort} } under network.publicPorts.',
  },
  unknownPublic: {
    en: 'Whether {container} port {port} is reachable from {from} depends on a rule the model cannot evaluate: {rule}',
    nb: 'Om {container} port {port} kan nås fra {from}, avhenger av en regel modellen ikke kan evaluere: {rule}',
  },
  private: {
    en: '{container} port {port} {is} from non-loopback address {from} (rule path: {rule}), and it is not declared.',
    nb: '{container} port {port} {is} fra adressen {from} utenom loopback (regelsti: {rule}), og den er ikke oppgitt.',
  },
  privateFix: {
    en: 'If only this host needs it, bind it to loopback (-p 127.0.0.1:{hostPort}:{containerPort}); otherwise declare it under network.publicPorts or restrict the sources in DOCKER-USER (iptables -I DOCKER-USER -i {interface} ! -s <allowed range> -p {proto} -m conntrack --ctorigdstport {hostPort} -j DROP).',
    nb: 'Trenger bare denne verten den, bind den til loopback (-p 127.0.0.1:{hostPort}:{containerPort}); ellers oppgi den under network.publicPorts eller begrens kildene i DOCKER-USER (iptables -I DOCKER-USER -i {interface} ! -s <tillatt område> -p {proto} -m conntrack --ctorigdstport {hostPort} -j DROP).',
  },
  undecided: {
    en: 'Whether {container} port {port} is reachable from {from} could not be decided: {rule}',
    nb: 'Om {container} port {port} kan nås fra {from}, kunne ikke avgjøres: {rule}',
  },
  loopback: { en: '{container} port {port} {is} from loopback only ({from}).', nb: '{container} port {port} {is} bare fra loopback ({from}).' },
  nowhere: { en: '{container} port {port} {is} from no host address.', nb: '{container} port {port} {is} fra ingen adresse på verten.' },
});

export default defineCheck<'docker' | 'network'>({
  id: 'network-port-exposure',
  title: { en: 'Published ports are reachable only from where they are meant to be', nb: 'Publiserte porter kan bare nås der de er ment å kunne nås' },
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  messages: m.templates,
  decidedBy: {
    en: 'For every published port of every container (created ones with the rules Docker adds at start), a new connection from each host interface address is run through the recorded rules: raw/mangle/nat PREROUTING (Docker\'s DNAT), then FORWARD (DOCKER-USER, the DOCKER chain, policies) or INPUT and a listening docker-proxy. Fail when a public address reaches it and it is not declared in network.publicPorts, warn for a private address, pass for loopback only or declared; a rule the model cannot decide makes it manual, showing the rule.',
    nb: 'For hver publiserte port i hver container (opprettede containere med reglene Docker legger til ved start) kjøres en ny tilkobling fra hver adresse på vertens grensesnitt gjennom de registrerte reglene: raw/mangle/nat PREROUTING (Dockers DNAT), deretter FORWARD (DOCKER-USER, DOCKER-kjeden, standardpolicyer) eller INPUT og en lyttende docker-proxy. Avvik når en offentlig adresse når porten og den ikke er oppgitt i network.publicPorts, advarsel for en privat adresse, godkjent for bare loopback eller oppgitt; en regel modellen ikke kan avgjøre, gjør den manuell og vises.',
  },
  rationale: {
    en: 'A port published on 0.0.0.0 is DNAT-ed in PREROUTING before the host\'s INPUT chain, so ufw or firewalld rules that appear to block it do not apply; only DOCKER-USER (or raw/mangle) rules restrict it. What matters is where a connection actually gets through, not what the firewall front-end shows.',
    nb: 'En port publisert på 0.0.0.0 får DNAT i PREROUTING før vertens INPUT-kjede, så regler i ufw eller firewalld som ser ut til å blokkere den, gjelder ikke; bare regler i DOCKER-USER (eller raw/mangle) begrenser den. Det som teller, er hvor en tilkobling faktisk slipper gjennom, ikke hva brannmurens grensesnitt viser.',
  },
  remediation: {
    en: 'Bind the port to the address that should serve it (docker run -p 127.0.0.1:8080:80, compose ports: ["127.0.0.1:8080:80"]), or restrict it in DOCKER-USER (iptables -I DOCKER-USER -i <public if> -p tcp -m conntrack --ctorigdstport 8080 -j DROP); if it is meant to be public, declare it in the audit config under network.publicPorts.',
    nb: 'Bind porten til adressen som skal betjene den (docker run -p 127.0.0.1:8080:80, compose ports: ["127.0.0.1:8080:80"]), eller begrens den i DOCKER-USER (iptables -I DOCKER-USER -i <offentlig grensesnitt> -p tcp -m conntrack --ctorigdstport 8080 -j DROP); skal den være offentlig, oppgi den i revisjonskonfigurasjonen under network.publicPorts.',
  },
  references: [CIS_5_14, ISO_A_8_20, CAIQ_IVS_03, MOBY_4737, MOBY_22054],
  evaluate: ({ docker, network }, options): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why, model.whyText);
    const declared = declaredPorts(options);
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const isDecl = isDeclared(p, declared);
      const observed = observedPort(p, isDecl, model);
      const expected = { reachableFrom: 'loopback only, or declared in network.publicPorts' };
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      const is = m(p.running ? 'isReachable' : 'wouldBe');
      const at = { container: p.container, port, is };
      const pub = p.reachableFrom.filter((r) => r.public && fromPublicSources(r));
      const priv = p.reachableFrom.filter((r) => r.range !== 'loopback');
      const unknownPublic = p.unknownFrom.filter((u) => network.interfaces?.some((i) => i.addresses.some((a) => a.address === u.address && a.public)));
      const list = (rs: { interface: string; address: string }[]) => rs.map(where).join(', ');
      if (isDecl) return { outcome: 'pass', target, observed, expected, message: m('declared', { ...at, from: list(p.reachableFrom) || m('noAddress') }) };
      if (pub.length) {
        return {
          outcome: 'fail', target, observed, expected,
          message: m('public', { ...at, from: list(pub), via: pub[0].via === 'dnat' ? 'Docker DNAT' : 'docker-proxy', rule: pub[0].why.at(-1) ?? m('policy') }),
          remediation: m('publicFix', { hostPort: String(p.hostPort), containerPort: p.containerPort.split('/')[0], interface: pub[0].interface, proto: p.proto, container: p.container }),
        };
      }
      if (unknownPublic.length) {
        return { outcome: 'manual', target, observed, expected, message: m('unknownPublic', { container: p.container, port, from: list(unknownPublic), rule: ruleText(unknownPublic[0].rule) }) };
      }
      if (priv.length) {
        return {
          outcome: 'warn', severity: 'medium', target, observed, expected,
          message: m('private', { ...at, from: list(priv), rule: priv[0].why.at(-1) ?? m('policy') }),
          remediation: m('privateFix', { hostPort: String(p.hostPort), containerPort: p.containerPort.split('/')[0], interface: priv[0].interface, proto: p.proto }),
        };
      }
      if (p.unknownFrom.length) {
        return { outcome: 'manual', target, observed, expected, message: m('undecided', { container: p.container, port, from: list(p.unknownFrom), rule: ruleText(p.unknownFrom[0].rule) }) };
      }
      return { outcome: 'pass', target, observed, expected, message: p.reachableFrom.length ? m('loopback', { ...at, from: list(p.reachableFrom) }) : m('nowhere', at) };
    });
  },
});
