import type { NetworkInspect } from '../../evidence/types/docker';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { modelOf, unavailable } from './model';
import { evalHook, type Packet } from './packet';
import { CAIQ_IVS_03, CIS_2_2, ISO_A_8_22 } from './references';
import { templates } from '../text';

const m = templates({
  noBridge: { en: 'The daemon has no default bridge network (started with --bridge=none).', nb: 'Daemonen har ikke noe standard bronettverk (startet med --bridge=none).' },
  noSubnet: {
    en: "The default bridge's IPv4 subnet is not in the docker evidence, so traffic between its containers could not be modelled.",
    nb: 'IPv4-subnettet til standardbroen finnes ikke i Docker-bevisene, så trafikken mellom containerne på den kunne ikke modelleres.',
  },
  nfOff: {
    en: 'Containers on {bridge} reach each other: bridge-nf-call-iptables is 0, so no iptables rule sees their traffic ({attached} container(s) attached now).',
    nb: 'Containere på {bridge} når hverandre: bridge-nf-call-iptables er 0, så ingen iptables-regel ser trafikken deres ({attached} container(e) tilkoblet nå).',
  },
  unreadNf: { en: ' (bridge-nf-call-iptables could not be read: {status}; assumed 1)', nb: ' (bridge-nf-call-iptables kunne ikke leses: {status}; antatt 1)' },
  unknown: {
    en: 'Whether containers on {bridge} reach each other depends on a rule the model cannot evaluate: {rule}',
    nb: 'Om containere på {bridge} når hverandre, avhenger av en regel modellen ikke kan evaluere: {rule}',
  },
  dropped: { en: 'Traffic between containers on {bridge} is dropped by {rule}{modulo}.', nb: 'Trafikk mellom containere på {bridge} forkastes av {rule}{modulo}.' },
  policy: { en: 'the policy', nb: 'standardpolicyen' },
  open: {
    en: 'Containers on {bridge} reach each other on any port: {rule}{modulo} ({attached} container(s) attached now).',
    nb: 'Containere på {bridge} når hverandre på alle porter: {rule}{modulo} ({attached} container(e) tilkoblet nå).',
  },
  noDrop: { en: 'no rule drops it', nb: 'ingen regel forkaster den' },
});

function hostsOf(subnet: string): [string, string] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet);
  if (!m || Number(m[5]) > 29) return null;
  const n = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const ip = (x: number) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
  return [ip(n + 2), ip(n + 3)];
}

export default defineCheck<'docker' | 'network'>({
  id: 'network-icc',
  title: { en: 'Containers on the default bridge cannot reach each other (checked in the rules)', nb: 'Containere på standardbroen når ikke hverandre (kontrollert i reglene)' },
  section: 'network',
  severity: 'medium',
  automated: true,
  requires: ['docker', 'network'],
  messages: m.templates,
  decidedBy: {
    en: 'A new connection from one address of the default bridge\'s subnet to another, in and out on the bridge, is run through the recorded PREROUTING and FORWARD rules. Bridged traffic meets those rules only when net.bridge.bridge-nf-call-iptables is 1, so with it off the traffic passes whatever the rules say. Fail when it passes, pass when a rule drops it, manual when a rule cannot be evaluated.',
    nb: 'En ny tilkobling fra én adresse i standardbroens subnett til en annen, inn og ut på broen, kjøres gjennom de registrerte reglene i PREROUTING og FORWARD. Trafikk over broen møter disse reglene bare når net.bridge.bridge-nf-call-iptables er 1, så når den er slått av, slipper trafikken gjennom uansett hva reglene sier. Avvik når den slipper gjennom, godkjent når en regel forkaster den, manuell når en regel ikke kan evalueres.',
  },
  rationale: {
    en: 'cis-2.2 reads the icc option; this reads what the kernel enforces. A DOCKER-USER or FORWARD rule, br_netfilter being off, or another firewall can make the two differ, and only the rules decide whether one compromised container can probe every other one on docker0.',
    nb: 'cis-2.2 leser valget icc; denne kontrollen leser det kjernen faktisk håndhever. En regel i DOCKER-USER eller FORWARD, at br_netfilter er slått av, eller en annen brannmur kan gjøre at de to er ulike, og bare reglene avgjør om én kompromittert container kan undersøke alle de andre på docker0.',
  },
  remediation: {
    en: 'daemon.json: { "icc": false } and restart the daemon (Docker then writes "-A FORWARD -i docker0 -o docker0 -j DROP"); keep net.bridge.bridge-nf-call-iptables = 1; put containers that must talk on a user-defined network.',
    nb: 'daemon.json: { "icc": false } og start daemonen på nytt (Docker skriver da "-A FORWARD -i docker0 -o docker0 -j DROP"); behold net.bridge.bridge-nf-call-iptables = 1; legg containere som må snakke sammen, på et brukerdefinert nettverk.',
  },
  references: [CIS_2_2, ISO_A_8_22, CAIQ_IVS_03],
  evaluate: ({ docker, network }): CheckResult[] => {
    const target = engineTarget(docker);
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why, model.whyText);
    const def: NetworkInspect | undefined = docker.networks.find((n) => n.Name === 'bridge' && n.Driver === 'bridge');
    if (!def) return [{ outcome: 'not-applicable', target, observed: { defaultBridge: null }, message: m('noBridge') }];
    const bridge = def.Options?.['com.docker.network.bridge.name'] ?? 'docker0';
    const subnet = def.IPAM?.Config?.map((c) => c.Subnet).find((s) => s && !s.includes(':'));
    const pair = subnet ? hostsOf(subnet) : null;
    const attached = Object.keys(def.Containers ?? {}).length;
    const icc = network.daemon.settings.icc;
    const nf = network.sysctl.bridgeNfCallIptables;
    const base = { bridge, subnet: subnet ?? null, attachedContainers: attached, daemonIcc: { value: icc.value, where: icc.where }, bridgeNfCallIptables: nf.status === 'read' ? nf.value : `${nf.status}${nf.detail ? ` (${nf.detail})` : ''}` };
    const expected = { interContainerTraffic: 'dropped' };
    if (!pair) return [{ outcome: 'manual', target, observed: base, expected, message: m('noSubnet') }];
    if (nf.status === 'read' && nf.value === '0') {
      return [{ outcome: 'fail', target, observed: { ...base, verdict: 'accept', why: ['net.bridge.bridge-nf-call-iptables = 0: frames between containers on the bridge bypass iptables'] }, expected, message: m('nfOff', { bridge, attached }) }];
    }
    const rs = model.read.ruleset;
    const pkt: Packet = { family: 4, proto: 'tcp', src: pair[0], dst: pair[1], dport: 1, sport: 40000, iif: bridge, oif: bridge, ctstate: 'NEW', origDst: pair[1], origDport: 1, origSrc: pair[0], local: new Set(network.interfaces?.flatMap((i) => i.addresses.map((a) => a.address)) ?? []) };
    const pre = evalHook(rs, pkt, 'prerouting');
    const fwd = pre.verdict === 'accept' ? evalHook(rs, pkt, 'forward') : pre;
    const why = [...(pre.verdict === 'accept' ? pre.trail : []), ...fwd.trail];
    const modulo = nf.status === 'read' ? { en: '', nb: '' } : m('unreadNf', { status: nf.status });
    if (fwd.verdict === 'unknown') return [{ outcome: 'manual', target, observed: { ...base, verdict: 'unknown', rule: fwd.rule, why }, expected, message: m('unknown', { bridge, rule: fwd.rule ?? '' }) }];
    if (fwd.verdict === 'drop') return [{ outcome: 'pass', target, observed: { ...base, verdict: 'drop', why }, expected, message: m('dropped', { bridge, rule: why.at(-1) ?? m('policy'), modulo }) }];
    return [{ outcome: 'fail', target, observed: { ...base, verdict: 'accept', why }, expected, message: m('open', { bridge, rule: why.at(-1) ?? m('noDrop'), modulo, attached }) }];
  },
});
