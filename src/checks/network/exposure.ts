/**
 * The exposure model: for every published port of every container, from which (interface, address,
 * family) of this host a new inbound connection reaches it, decided by evaluating the recorded rules
 * (raw/mangle/nat PREROUTING with Docker's DNAT, then FORWARD with DOCKER-USER and the DOCKER chain, or
 * INPUT and a listening docker-proxy), not by what a host firewall claims. Pure: evidence in, model out.
 */
import type { LocalText } from '../../findings/types';
import type { ContainerInspect, DockerEvidence, NetworkInspect } from '../../evidence/types/docker';
import type { NetInterface, NetListener, NetworkEvidence } from '../../evidence/types/network';
import { classifyAddress, parseIp } from '../../residency/ip-address';
import { formatPort, isWildcard, publishedPorts } from '../docker/ports';
import { CATALOGS, inEveryLanguage } from '../../i18n';
import { containerName } from '../../domain/container-names';
import { evalHook, inCidr, parsed, type HookResult, type Packet } from './packet';
import { rulesetFromEvidence, type RulesetRead } from './ruleset';
import type { Family, Match, Ruleset } from './rules';
import { synthesizeStartRules } from './synth';

export interface Reach {
  interface: string;
  address: string;
  family: Family;
  /** The host address's range class and whether it is public. */
  range: string;
  public: boolean;
  /** Remote sources that get through: `any`, or the source ranges the rules let in. */
  sources: 'any' | string[];
  /** How the connection reaches the container: Docker's DNAT, or a docker-proxy listening on the address. */
  via: 'dnat' | 'docker-proxy';
  /** The rules that decided, in order (`source table chain: rule`). */
  why: string[];
}

export interface Blocked {
  interface: string;
  address: string;
  family: Family;
  reason: string;
  why: string[];
}

export interface Unknown {
  interface: string;
  address: string;
  family: Family;
  /** The rule the model could not decide, as the dump printed it. */
  rule: string;
  why: string[];
}

/** An INPUT rule that drops the port while the forward path still delivers it (ufw/firewalld's blind spot). */
export interface InputBypass {
  interface: string;
  address: string;
  family: Family;
  /** The INPUT rule that drops it. */
  rule: string;
  /** Sources the INPUT chain would have let in (the allowed range to keep in a DOCKER-USER fix), or `none`. */
  inputAllows: 'none' | string[];
}

export interface PortExposure {
  containerId: string;
  container: string;
  state: string;
  running: boolean;
  /** `80/tcp` */
  containerPort: string;
  proto: string;
  hostPort: number | null;
  /** Bindings as the engine reports them: `0.0.0.0:8080->80/tcp`. */
  bindings: string[];
  /** `rules`: the rules in force; `predicted`: the container is not running, so Docker's start-time rules were added to the model. */
  basis: 'rules' | 'predicted';
  reachableFrom: Reach[];
  blockedFrom: Blocked[];
  unknownFrom: Unknown[];
  inputBypass: InputBypass[];
  notes: string[];
}

export type ExposureModel =
  | { available: true; ports: PortExposure[]; ingress: { interface: string; address: string; family: Family }[]; ruleSources: string[]; backend: 'iptables' | 'nftables' | 'none'; read: RulesetRead }
  | { available: false; why: string; whyText: LocalText };

/**
 * The "rule" of a port published without a host port: Docker picks the port when the container starts,
 * so no recorded rule decides it yet. Stored in English in findings.json; ruleText words it per language.
 */
export const DYNAMIC_HOST_PORT_RULE = CATALOGS.en['network.rule.dynamicHostPort'];

/** A rule as a check message shows it: the dynamic-port sentinel in each language, any other rule as recorded. */
export function ruleText(rule: string): string | LocalText {
  return rule === DYNAMIC_HOST_PORT_RULE ? inEveryLanguage('network.rule.dynamicHostPort') : rule;
}

/** Interfaces Docker owns (bridges of its networks and container veths): not where outside traffic arrives. */
export function dockerInterfaces(docker: DockerEvidence, ifaces: NetInterface[]): Set<string> {
  const names = new Set<string>();
  for (const n of docker.networks) {
    if (n.Driver !== 'bridge') continue;
    names.add(n.Options?.['com.docker.network.bridge.name'] ?? (n.Name === 'bridge' ? 'docker0' : `br-${n.Id.slice(0, 12)}`));
  }
  for (const i of ifaces) if (i.kind === 'veth' && i.master && names.has(i.master)) names.add(i.name);
  return names;
}

function bridgeOf(net: NetworkInspect | undefined): string | null {
  if (!net || net.Driver !== 'bridge') return null;
  return net.Options?.['com.docker.network.bridge.name'] ?? (net.Name === 'bridge' ? 'docker0' : `br-${net.Id.slice(0, 12)}`);
}

/** Source ranges the rules distinguish, each with an address inside it, plus one address outside all of them. */
function sourceRepresentatives(rs: Ruleset, family: Family): { rep: string; range: string }[] {
  const cidrs = new Set<string>();
  const visit = (m: Match) => {
    if (m.kind === 'addr' && m.dir === 'src') m.cidrs.forEach((c) => cidrs.add(c));
    if (m.kind === 'ctorig' && m.field === 'src') m.values.forEach((c) => cidrs.add(c));
  };
  for (const t of rs.tables) if (t.families.includes(family)) for (const c of t.chains.values()) for (const r of c.rules) r.matches.forEach(visit);
  const out: { rep: string; range: string }[] = [];
  for (const c of cidrs) {
    const [a, bits] = c.split('/');
    const p = parseIp(a);
    if (!p || p.family !== family || Number(bits ?? (family === 4 ? 32 : 128)) === 0) continue;
    const bytes = Uint8Array.from(p.bytes);
    const b = Number(bits ?? (family === 4 ? 32 : 128));
    if (b < (family === 4 ? 31 : 127)) bytes[bytes.length - 1] |= 1;
    const rep = family === 4 ? Array.from(bytes).join('.') : formatV6(bytes);
    if (!out.some((o) => o.rep === rep)) out.push({ rep, range: c.includes('/') ? c : `${c}/${family === 4 ? 32 : 128}` });
    if (out.length >= 24) break;
  }
  const outside = (family === 4
    ? ['198.51.100.77', '203.0.113.77', '192.0.2.77', '11.22.33.44', '100.64.77.77', '172.31.255.77', '10.255.255.77', '192.168.255.77']
    : ['2001:db8:77::77', '2a00:77::77', 'fd77::77', '2400:77::77']).find((cand) => out.every((o) => inCidr(cand, o.range) === false) && [...cidrs].every((c) => inCidr(cand, c) !== true));
  if (outside) out.push({ rep: outside, range: 'other' });
  return out;
}

function formatV6(b: Uint8Array): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i] << 8) | b[i + 1]).toString(16));
  return g.join(':');
}

function wildcardOf(family: Family): string {
  return family === 4 ? '0.0.0.0' : '::';
}

function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parsed(a);
  const y = parsed(b);
  return !!x && !!y && x.family === y.family && x.bytes.every((v, i) => v === y.bytes[i]);
}

interface Ctx {
  rs: Ruleset;
  ifaces: NetInterface[];
  local: Set<string>;
  localByIface: Map<string, Set<string>>;
  listeners: NetListener[] | null;
  ipForward: Record<Family, string | undefined>;
  userlandProxy: boolean | null;
}

type PathResult =
  | { kind: 'reach'; via: 'dnat' | 'docker-proxy'; why: string[]; inputDrop?: HookResult }
  | { kind: 'blocked'; reason: string; why: string[] }
  | { kind: 'unknown'; rule: string; why: string[] };

function fromHook(h: HookResult, what: string): PathResult | null {
  if (h.verdict === 'unknown') return { kind: 'unknown', rule: h.rule, why: h.trail };
  if (h.verdict === 'drop') return { kind: 'blocked', reason: `dropped in ${what}`, why: h.trail };
  return null;
}

/** Where a DNAT target lives: the interface whose subnet holds it. */
function routeTo(ctx: Ctx, addr: string): string | null {
  for (const i of ctx.ifaces) for (const a of i.addresses) if (inCidr(addr, `${a.address}/${a.prefixLength}`) === true && a.scope !== 'host') return i.name;
  return null;
}

/** A listener that accepts a connection to addr:port (the address itself or the family's wildcard). */
function listening(ctx: Ctx, family: Family, addr: string, port: number): NetListener | null | 'unknown' {
  if (!ctx.listeners) return 'unknown';
  return ctx.listeners.find((l) => l.family === family && l.port === port && (l.address === wildcardOf(family) || sameIp(l.address, addr))) ?? null;
}

interface Target {
  ips: string[];
  port: number;
  /** Host addresses this container's docker-proxy listens on, per its bindings. */
  proxyBinds: string[];
}

/** One connection attempt from `src` arriving on `iif` for `dst:port`. */
function tryPath(ctx: Ctx, family: Family, proto: string, iif: string, src: string, dst: string, port: number, target: Target, loopback: boolean): PathResult {
  const pkt: Packet = {
    family, proto, src, dst, dport: port, sport: 40000, iif, ctstate: 'NEW', origDst: dst, origDport: port, origSrc: src,
    local: ctx.local, localByIface: ctx.localByIface,
  };
  let dnat: { addr?: string; port?: number } | undefined;
  let trail: string[] = [];
  if (loopback) {
    // From the host itself: the OUTPUT hook (nat OUTPUT holds Docker's DNAT for local addresses) and then lo's INPUT.
    const out = evalHook(ctx.rs, { ...pkt, iif: undefined, oif: 'lo' }, 'output');
    const r = fromHook(out, 'OUTPUT');
    if (r) return r;
    dnat = out.verdict === 'accept' ? out.dnat : undefined;
    trail = out.trail;
  } else {
    const pre = evalHook(ctx.rs, pkt, 'prerouting');
    const r = fromHook(pre, 'PREROUTING');
    if (r) return r;
    dnat = pre.verdict === 'accept' ? pre.dnat : undefined;
    trail = pre.trail;
  }
  if (dnat && dnat.addr && !ctx.local.has(dnat.addr)) {
    const to = dnat.addr;
    const toPort = dnat.port ?? port;
    if (!target.ips.some((ip) => sameIp(ip, to)) || toPort !== target.port) return { kind: 'blocked', reason: `DNAT sends it to ${to}:${toPort}, not to this container`, why: trail };
    const oif = routeTo(ctx, to);
    if (!oif) return { kind: 'unknown', rule: `DNAT to ${to}: no interface of this host holds that address's network`, why: trail };
    if (loopback) {
      const f = evalHook(ctx.rs, { ...pkt, iif: undefined, oif, dst: to, dport: toPort }, 'output', 'filter');
      const fr = fromHook(f, 'OUTPUT');
      return fr ?? { kind: 'reach', via: 'dnat', why: [...trail, ...f.trail] };
    }
    if (ctx.ipForward[family] === '0') return { kind: 'blocked', reason: `forwarding is off (${family === 4 ? 'net.ipv4.ip_forward' : 'net.ipv6.conf.all.forwarding'} = 0)`, why: trail };
    const fwd = evalHook(ctx.rs, { ...pkt, dst: to, dport: toPort, oif }, 'forward');
    const fr = fromHook(fwd, 'FORWARD');
    if (fr) return fr;
    // Would the host's INPUT chain have stopped the same connection? That is what ufw/firewalld rules assume.
    const inp = evalHook(ctx.rs, pkt, 'input', 'filter');
    return { kind: 'reach', via: 'dnat', why: [...trail, ...fwd.trail], ...(inp.verdict === 'drop' ? { inputDrop: inp } : {}) };
  }
  // No DNAT (or one to a local address): local delivery through INPUT to whatever listens.
  const lport = dnat?.port ?? port;
  const laddr = dnat?.addr ?? dst;
  const inp = evalHook(ctx.rs, { ...pkt, iif: loopback ? 'lo' : iif, dst: laddr, dport: lport }, 'input');
  const ir = fromHook(inp, 'INPUT');
  if (ir) return { ...ir, why: [...trail, ...ir.why] } as PathResult;
  const l = listening(ctx, family, laddr, lport);
  if (l === 'unknown') return { kind: 'unknown', rule: 'listening sockets of this host are unknown (the docker-proxy may answer)', why: [...trail, ...inp.trail] };
  if (!l) return { kind: 'blocked', reason: `no DNAT rule matched and nothing listens on ${laddr}:${lport}`, why: [...trail, ...inp.trail] };
  const wild = (b: string) => b === '' || (family === 4 ? b === '0.0.0.0' : isWildcard(b) && b !== '0.0.0.0');
  const mine = ctx.userlandProxy !== false && target.proxyBinds.some((b) => wild(b) || sameIp(b, laddr));
  if (!mine) return { kind: 'blocked', reason: `${l.address}:${l.port} is listened on, but not by this container's docker-proxy`, why: [...trail, ...inp.trail] };
  return { kind: 'reach', via: 'docker-proxy', why: [...trail, ...inp.trail, `listener ${l.address.includes(':') ? `[${l.address}]` : l.address}:${l.port} (docker-proxy)`] };
}

function containerIps(c: ContainerInspect): string[] {
  const out: string[] = [];
  for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
    if (n.IPAddress) out.push(n.IPAddress);
    if (n.GlobalIPv6Address) out.push(n.GlobalIPv6Address);
  }
  return out;
}

/** Evaluate every published port of every container. */
export function exposureModel(docker: DockerEvidence, net: NetworkEvidence): ExposureModel {
  const no = (why: LocalText) => ({ available: false as const, why: why.en, whyText: why });
  if (!net.namespace.commandsDescribeHost) {
    return no(net.namespace.note ? { en: net.namespace.note, nb: net.namespace.note } : { en: 'the collector ran in another network namespace than the host', nb: 'innsamleren kjørte i et annet nettverksnavnerom enn verten' });
  }
  if (!net.interfaces) {
    const src = `${net.interfacesSource.command}: ${net.interfacesSource.detail ?? net.interfacesSource.status}`;
    return no({ en: `the host's interfaces are unknown (${src})`, nb: `vertens nettverksgrensesnitt er ukjente (${src})` });
  }
  const read = rulesetFromEvidence(net);
  if (!read.known[4].ok) return no({ en: `the packet filter could not be read: ${read.known[4].why}`, nb: `pakkefilteret kunne ikke leses: ${read.known[4].why}` });
  const ifaces = net.interfaces;
  const own = dockerInterfaces(docker, ifaces);
  const local = new Set<string>();
  const localByIface = new Map<string, Set<string>>();
  for (const i of ifaces) for (const a of i.addresses) {
    const ip = classifyAddress(a.address)?.ip ?? a.address;
    local.add(a.address);
    local.add(ip);
    (localByIface.get(i.name) ?? localByIface.set(i.name, new Set()).get(i.name)!).add(a.address);
  }
  const settings = net.daemon.settings;
  const ctx: Ctx = {
    rs: read.ruleset,
    ifaces,
    local,
    localByIface,
    listeners: net.listeners,
    ipForward: { 4: net.sysctl.ipForward.value, 6: net.sysctl.ipv6Forwarding.value },
    userlandProxy: typeof settings['userland-proxy'].value === 'boolean' ? (settings['userland-proxy'].value as boolean) : null,
  };
  const ingress: { interface: string; address: string; family: Family; range: string; public: boolean; loopback: boolean }[] = [];
  for (const i of ifaces) {
    if (!i.up && !i.loopback) continue;
    if (own.has(i.name)) continue;
    for (const a of i.addresses) {
      if (i.loopback && !(a.range === 'loopback')) continue;
      ingress.push({ interface: i.name, address: a.address, family: a.family, range: a.range, public: a.public, loopback: i.loopback });
    }
  }
  const reps: Record<Family, { rep: string; range: string }[]> = { 4: sourceRepresentatives(read.ruleset, 4), 6: sourceRepresentatives(read.ruleset, 6) };
  const backend = read.ruleset.tables.some((t) => t.name.endsWith('docker-bridges')) ? 'nftables' : read.ruleset.tables.some((t) => t.chains.has('DOCKER')) ? 'iptables' : 'none';

  const ports: PortExposure[] = [];
  for (const c of docker.containers) {
    if (c.HostConfig.NetworkMode === 'host' || c.HostConfig.NetworkMode === 'none' || c.HostConfig.NetworkMode?.startsWith('container:')) continue;
    const bindings = publishedPorts(c);
    const byPort = new Map<string, typeof bindings>();
    for (const b of bindings) {
      const key = `${b.hostPort}|${b.containerPort}`;
      (byPort.get(key) ?? byPort.set(key, []).get(key)!).push(b);
    }
    const running = !!c.State?.Running;
    for (const group of byPort.values()) {
      const [cpText, proto = 'tcp'] = group[0].containerPort.split('/');
      const cport = Number(cpText);
      const hostPort = group[0].hostPort ? Number(group[0].hostPort) : null;
      const exp: PortExposure = {
        containerId: c.Id, container: containerName(c), state: c.State?.Status ?? 'unknown', running, containerPort: group[0].containerPort, proto, hostPort,
        bindings: group.map(formatPort), basis: running ? 'rules' : 'predicted', reachableFrom: [], blockedFrom: [], unknownFrom: [], inputBypass: [], notes: [],
      };
      ports.push(exp);
      let rs = read.ruleset;
      let listeners = net.listeners;
      let ips = containerIps(c);
      if (!running) {
        const netName = c.HostConfig.NetworkMode && c.HostConfig.NetworkMode !== 'default' ? c.HostConfig.NetworkMode : 'bridge';
        const network = docker.networks.find((n) => n.Name === netName || n.Id === netName);
        const synth = synthesizeStartRules(read.ruleset, net.listeners, backend, bridgeOf(network), network, group.map((b) => b.hostIp), hostPort, proto, cport, ctx.userlandProxy, net.daemon.version);
        if ('why' in synth) {
          for (const g of ingress) exp.unknownFrom.push({ interface: g.interface, address: g.address, family: g.family, rule: synth.why, why: [] });
          continue;
        }
        ({ ruleset: rs, listeners } = synth);
        ips = [synth.address];
        exp.notes.push(`not running: evaluated with the rules Docker adds at start (${synth.shape})`);
      }
      if (hostPort === null) {
        for (const g of ingress) exp.unknownFrom.push({ interface: g.interface, address: g.address, family: g.family, rule: DYNAMIC_HOST_PORT_RULE, why: [] });
        continue;
      }
      const cctx: Ctx = { ...ctx, rs, listeners };
      const target: Target = { ips, port: cport, proxyBinds: group.map((b) => b.hostIp) };
      for (const g of ingress) {
        const fam = g.family;
        const tried = g.loopback ? [{ rep: g.address, range: 'local' }] : reps[fam];
        const results = tried.map((s) => ({ s, r: tryPath(cctx, fam, proto, g.interface, s.rep, g.address, hostPort, target, g.loopback) }));
        const reached = results.filter((x) => x.r.kind === 'reach');
        const unknown = results.find((x) => x.r.kind === 'unknown');
        if (fam === 6 && !read.known[6].ok && !reached.length) {
          exp.unknownFrom.push({ interface: g.interface, address: g.address, family: fam, rule: `IPv6 rules could not be read: ${read.known[6].why}`, why: [] });
          continue;
        }
        if (reached.length) {
          const first = reached[0].r as Extract<PathResult, { kind: 'reach' }>;
          const sources = reached.length === results.length ? 'any' : reached.map((x) => (x.s.range === 'other' ? 'other addresses' : x.s.range));
          exp.reachableFrom.push({ interface: g.interface, address: g.address, family: fam, range: g.range, public: g.public, sources, via: first.via, why: first.why });
          if (unknown) exp.notes.push(`from ${g.address} some sources are undecided: ${(unknown.r as { rule: string }).rule}`);
          const drops = reached.filter((x) => (x.r as { inputDrop?: HookResult }).inputDrop);
          if (drops.length) {
            const inputDrop = (drops[0].r as { inputDrop: HookResult }).inputDrop;
            const allowed = results.filter((x) => x.r.kind === 'reach' && !(x.r as { inputDrop?: HookResult }).inputDrop).map((x) => x.s.range).filter((r) => r !== 'other');
            exp.inputBypass.push({ interface: g.interface, address: g.address, family: fam, rule: inputDrop.trail.at(-1) ?? 'INPUT policy', inputAllows: allowed.length ? allowed : 'none' });
          }
        } else if (unknown) {
          const u = unknown.r as Extract<PathResult, { kind: 'unknown' }>;
          exp.unknownFrom.push({ interface: g.interface, address: g.address, family: fam, rule: u.rule, why: u.why });
        } else {
          const b = results[0].r as Extract<PathResult, { kind: 'blocked' }>;
          exp.blockedFrom.push({ interface: g.interface, address: g.address, family: fam, reason: b.reason, why: b.why });
        }
      }
    }
  }
  return { available: true, ports, ingress: ingress.map(({ interface: i, address, family }) => ({ interface: i, address, family })), ruleSources: read.sources, backend, read };
}
