/**
 * A small packet-filter evaluator: one new TCP/UDP connection attempt through the hooks of a ruleset,
 * with iptables semantics (jump/goto/return, policies, first terminal verdict per base chain, every base
 * chain at a hook in priority order). A match it cannot decide forks the evaluation: when both branches
 * end alike the rule did not matter; otherwise the result is `unknown` and names the rule.
 */
import { parseIp, type ParsedIp } from '../../residency/ip-address';
import type { Chain, Family, Hook, Match, Rule, Ruleset, Table, Verdict } from './rules';

export interface Packet {
  family: Family;
  proto: string;
  src: string;
  dst: string;
  dport: number;
  sport: number;
  iif?: string;
  oif?: string;
  /** Conntrack: state and original tuple (before DNAT). */
  ctstate: string;
  origDst: string;
  origDport: number;
  origSrc: string;
  /** Addresses that are local to this host (for `addrtype --dst-type LOCAL` / `fib daddr type local`). */
  local: ReadonlySet<string>;
  /** Local addresses by interface (for `--limit-iface-in`). */
  localByIface?: ReadonlyMap<string, ReadonlySet<string>>;
}

export type Step = string;

export type HookResult =
  | { verdict: 'accept'; trail: Step[]; dnat?: { addr?: string; port?: number } }
  | { verdict: 'drop'; trail: Step[] }
  | { verdict: 'unknown'; trail: Step[]; rule: string };

type ChainResult =
  | { kind: 'return'; trail: Step[] }
  | { kind: 'terminal'; verdict: 'accept' | 'drop'; trail: Step[]; dnat?: { addr?: string; port?: number } }
  | { kind: 'unknown'; rule: string; trail: Step[] };

type Tri = boolean | 'unknown';

/** Addresses repeat across thousands of rules and packets: parse each text once. */
const PARSED = new Map<string, ParsedIp | null>();

export function parsed(ip: string): ParsedIp | null {
  let p = PARSED.get(ip);
  if (p === undefined) {
    if (PARSED.size > 200_000) PARSED.clear();
    p = parseIp(ip);
    PARSED.set(ip, p);
  }
  return p;
}

export function inCidr(ip: string, cidr: string): Tri {
  const [a, bitsText] = cidr.split('/');
  const p = parsed(ip);
  const net = parsed(a);
  if (!p || !net) return 'unknown';
  if (p.family !== net.family) return false;
  const bits = bitsText === undefined ? (net.family === 4 ? 32 : 128) : Number(bitsText);
  return prefixEq(p, net, bits);
}

function prefixEq(a: ParsedIp, b: ParsedIp, bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((a.bytes[byte] & mask) !== (b.bytes[byte] & mask)) return false;
  }
  return true;
}

function ifaceMatches(name: string | undefined, pattern: string): Tri {
  if (name === undefined) return 'unknown';
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function anyOf(list: Tri[]): Tri {
  if (list.includes(true)) return true;
  return list.includes('unknown') ? 'unknown' : false;
}

function neg(t: Tri, negate: boolean): Tri {
  return t === 'unknown' ? t : negate ? !t : t;
}

const PROTO_NUMBERS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'ipv6-icmp' };

function addrType(ip: string, pkt: Packet, types: string[], limitIn?: boolean): Tri {
  const local = limitIn && pkt.iif ? pkt.localByIface?.get(pkt.iif)?.has(ip) ?? false : pkt.local.has(ip);
  const out: Tri[] = types.map((t) => {
    if (t === 'LOCAL') return local;
    if (t === 'UNICAST') return true; // the connections modelled are unicast
    return 'unknown';
  });
  return anyOf(out);
}

export function matchOne(m: Match, pkt: Packet, sets: Ruleset['ipsets']): Tri {
  switch (m.kind) {
    case 'iface':
      return neg(anyOf(m.names.map((n) => ifaceMatches(m.dir === 'in' ? pkt.iif : pkt.oif, n))), m.negate);
    case 'addr':
      return neg(anyOf(m.cidrs.map((c) => inCidr(m.dir === 'src' ? pkt.src : pkt.dst, c))), m.negate);
    case 'proto':
      return neg(m.protos.some((p) => (PROTO_NUMBERS[p] ?? p) === pkt.proto || p === 'all'), m.negate);
    case 'port': {
      const port = m.dir === 'dst' ? pkt.dport : pkt.sport;
      return neg(m.ranges.some(([lo, hi]) => port >= lo && port <= hi), m.negate);
    }
    case 'ctstate':
      return neg(m.states.includes(pkt.ctstate), m.negate);
    case 'ctorig': {
      if (m.field === 'dstport' || m.field === 'srcport') {
        const port = m.field === 'dstport' ? pkt.origDport : pkt.sport;
        return neg(m.values.some((v) => {
          const [lo, hi] = v.split(/[:-]/).map(Number);
          return port >= lo && port <= (hi ?? lo);
        }), m.negate);
      }
      return neg(anyOf(m.values.map((c) => inCidr(m.field === 'dst' ? pkt.origDst : pkt.origSrc, c))), m.negate);
    }
    case 'addrtype':
      return neg(addrType(m.dir === 'dst' ? pkt.dst : pkt.src, pkt, m.types, m.limitIn), m.negate);
    case 'ipset': {
      const members = sets.get(m.name);
      if (!members || m.dirs.length !== 1) return 'unknown';
      return neg(anyOf(members.map((c) => inCidr(m.dirs[0] === 'src' ? pkt.src : pkt.dst, c))), m.negate);
    }
    case 'syn':
      return neg(pkt.proto === 'tcp', m.negate);
    default:
      return 'unknown';
  }
}

function matchAll(r: Rule, pkt: Packet, sets: Ruleset['ipsets']): Tri {
  let result: Tri = true;
  for (const m of r.matches) {
    const t = matchOne(m, pkt, sets);
    if (t === false) return false;
    if (t === 'unknown') result = 'unknown';
  }
  return result;
}

/** Forks allowed per hook before the evaluator gives up and reports `unknown`. */
const MAX_STEPS = 20_000;

interface Walk {
  table: Table;
  pkt: Packet;
  sets: Ruleset['ipsets'];
  steps: number;
}

function same(a: ChainResult, b: ChainResult): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'terminal' && b.kind === 'terminal') return a.verdict === b.verdict && a.dnat?.addr === b.dnat?.addr && a.dnat?.port === b.dnat?.port;
  return a.kind !== 'unknown';
}

function label(w: Walk, chain: Chain, r: Rule): Step {
  return `${w.table.source} ${w.table.name} ${chain.name}: ${r.text}`;
}

/** Apply a matched rule's verdict at index i, then go on with the rest of the chain when it falls through. */
function apply(w: Walk, chain: Chain, i: number, v: Verdict, trail: Step[], depth: number): ChainResult {
  const r = chain.rules[i];
  const here = [...trail, label(w, chain, r)];
  switch (v.kind) {
    case 'accept': return { kind: 'terminal', verdict: 'accept', trail: here };
    case 'drop': case 'reject': return { kind: 'terminal', verdict: 'drop', trail: here };
    case 'dnat': return { kind: 'terminal', verdict: 'accept', trail: here, dnat: { ...(v.addr ? { addr: v.addr } : {}), ...(v.port ? { port: v.port } : {}) } };
    case 'return': return { kind: 'return', trail: here };
    case 'continue': return runFrom(w, chain, i + 1, trail, depth);
    case 'unknown': return { kind: 'unknown', rule: label(w, chain, r), trail: here };
    case 'vmap': {
      const name = v.key === 'iif' ? w.pkt.iif : w.pkt.oif;
      const entry = name === undefined ? undefined : w.table.maps.get(v.map)?.get(name);
      if (!w.table.maps.has(v.map)) return { kind: 'unknown', rule: `${label(w, chain, r)} (map ${v.map} not in the dump)`, trail: here };
      if (!entry) return runFrom(w, chain, i + 1, trail, depth);
      return apply(w, chain, i, entry, trail, depth);
    }
    case 'jump': case 'goto': {
      const target = w.table.chains.get(v.chain);
      if (!target) return { kind: 'unknown', rule: `${label(w, chain, r)} (no chain or known target "${v.chain}")`, trail: here };
      if (depth > 64) return { kind: 'unknown', rule: `${label(w, chain, r)} (chains nested deeper than 64)`, trail: here };
      const sub = runFrom(w, target, 0, here, depth + 1);
      if (sub.kind !== 'return') return sub;
      return v.kind === 'goto' ? sub : runFrom(w, chain, i + 1, trail, depth);
    }
  }
}

/**
 * Per chain, rules indexed by a condition every packet they match must meet: an exact destination address
 * (`-d 172.17.0.2/32`) or destination port (`--dport 8080`). A packet then visits only the rules that can
 * match it, in order; Docker's chains hold one such rule per published port, so this keeps a host with
 * thousands of ports linear instead of quadratic.
 */
interface ChainIndex {
  byAddr: Map<string, number[]>;
  byPort: Map<number, number[]>;
  general: number[];
}

const INDEX = new WeakMap<Chain, ChainIndex>();

function canonical(ip: string): string | null {
  const p = parsed(ip);
  return p ? Array.from(p.bytes).join('.') : null;
}

function indexOf(chain: Chain): ChainIndex {
  let ix = INDEX.get(chain);
  if (ix) return ix;
  ix = { byAddr: new Map(), byPort: new Map(), general: [] };
  chain.rules.forEach((r, i) => {
    const addr = r.matches.find((m) => m.kind === 'addr' && m.dir === 'dst' && !m.negate && m.cidrs.length === 1 && (!m.cidrs[0].includes('/') || /\/(32|128)$/.test(m.cidrs[0])));
    const key = addr && addr.kind === 'addr' ? canonical(addr.cidrs[0].replace(/\/\d+$/, '')) : null;
    if (key) return void (ix!.byAddr.get(key) ?? ix!.byAddr.set(key, []).get(key)!).push(i);
    const port = r.matches.find((m) => m.kind === 'port' && m.dir === 'dst' && !m.negate && m.ranges.length === 1 && m.ranges[0][0] === m.ranges[0][1]);
    if (port && port.kind === 'port') return void (ix!.byPort.get(port.ranges[0][0]) ?? ix!.byPort.set(port.ranges[0][0], []).get(port.ranges[0][0])!).push(i);
    ix!.general.push(i);
  });
  INDEX.set(chain, ix);
  return ix;
}

/** Rule indexes from `start` on that can match the packet, in chain order. */
function candidates(chain: Chain, pkt: Packet, start: number): number[] {
  if (chain.rules.length < 16) return chain.rules.map((_, i) => i).filter((i) => i >= start);
  const ix = indexOf(chain);
  const d = canonical(pkt.dst);
  const lists = [ix.general, (d && ix.byAddr.get(d)) || [], ix.byPort.get(pkt.dport) ?? []];
  return lists.flat().filter((i) => i >= start).sort((a, b) => a - b);
}

function runFrom(w: Walk, chain: Chain, start: number, trail: Step[], depth: number): ChainResult {
  for (const i of candidates(chain, w.pkt, start)) {
    if (++w.steps > MAX_STEPS) return { kind: 'unknown', rule: `evaluation stopped after ${MAX_STEPS} rule visits in ${chain.name}`, trail };
    const r = chain.rules[i];
    const m = matchAll(r, w.pkt, w.sets);
    if (m === false) continue;
    if (m === 'unknown') {
      if (r.verdict.kind === 'continue') continue;
      const yes = apply(w, chain, i, r.verdict, trail, depth);
      const no = runFrom(w, chain, i + 1, trail, depth);
      if (same(yes, no)) return no;
      return { kind: 'unknown', rule: label(w, chain, r), trail: [...trail, label(w, chain, r)] };
    }
    return apply(w, chain, i, r.verdict, trail, depth);
  }
  return { kind: 'return', trail };
}

/** The base chains hooked at `hook` for a family, in kernel order (priority, then source order). */
export function baseChains(rs: Ruleset, family: Family, hook: Hook, type?: 'nat' | 'filter'): { table: Table; chain: Chain }[] {
  const out: { table: Table; chain: Chain; n: number }[] = [];
  let n = 0;
  for (const table of rs.tables) {
    if (!table.families.includes(family)) continue;
    for (const chain of table.chains.values()) {
      if (chain.hook !== hook) continue;
      const isNat = chain.type === 'nat';
      if (type === 'nat' && !isNat) continue;
      if (type === 'filter' && isNat) continue;
      out.push({ table, chain, n: n++ });
    }
  }
  return out.sort((a, b) => (a.chain.priority ?? 0) - (b.chain.priority ?? 0) || a.n - b.n);
}

/**
 * Run the packet through every base chain at a hook. A drop anywhere drops; `unknown` stops with the
 * rule; the first DNAT is returned (later nat chains do not see a NEW packet again).
 */
export function evalHook(rs: Ruleset, pkt: Packet, hook: Hook, type?: 'nat' | 'filter'): HookResult {
  const trail: Step[] = [];
  let dnat: { addr?: string; port?: number } | undefined;
  for (const { table, chain } of baseChains(rs, pkt.family, hook, type)) {
    if (dnat && chain.type === 'nat') continue;
    const w: Walk = { table, pkt, sets: rs.ipsets, steps: 0 };
    const r = runFrom(w, chain, 0, [], 0);
    if (r.kind === 'unknown') return { verdict: 'unknown', trail: [...trail, ...r.trail], rule: r.rule };
    if (r.kind === 'terminal') {
      trail.push(...r.trail);
      if (r.verdict === 'drop') return { verdict: 'drop', trail };
      if (r.dnat) dnat = r.dnat;
      continue;
    }
    // End of a base chain: its policy.
    if (chain.policy === 'drop') {
      trail.push(...r.trail, `${table.source} ${table.name} ${chain.name}: policy DROP`);
      return { verdict: 'drop', trail };
    }
  }
  return { verdict: 'accept', trail, ...(dnat ? { dnat } : {}) };
}
