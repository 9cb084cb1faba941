import type { Chain, Family, Hook, Match, Rule, Table, Verdict } from './rules';

/** `nft -j list ruleset` objects this parser reads; everything else is ignored (sets, flowtables, counters). */
type NftObject = Record<string, Record<string, unknown>>;

const HOOKS = new Set<Hook>(['prerouting', 'input', 'forward', 'output', 'postrouting']);

function familiesOf(f: unknown): Family[] | null {
  if (f === 'ip') return [4];
  if (f === 'ip6') return [6];
  if (f === 'inet') return [4, 6];
  return null; // arp, bridge, netdev: not on the routed path modelled here
}

/** A right-hand side as a list of strings: `"x"`, `["a","b"]`, `{"set":[...]}`, `{"prefix":{addr,len}}`, `{"range":[a,b]}`. */
function values(right: unknown): string[] | null {
  if (typeof right === 'string' || typeof right === 'number') return [String(right)];
  if (Array.isArray(right)) return right.every((v) => typeof v === 'string' || typeof v === 'number') ? right.map(String) : null;
  if (right && typeof right === 'object') {
    const o = right as Record<string, unknown>;
    if (Array.isArray(o.set)) {
      const out: string[] = [];
      for (const v of o.set) {
        const vs = values(v);
        if (!vs) return null;
        out.push(...vs);
      }
      return out;
    }
    if (o.prefix && typeof o.prefix === 'object') {
      const p = o.prefix as { addr?: unknown; len?: unknown };
      return [`${String(p.addr)}/${String(p.len)}`];
    }
    if (Array.isArray(o.range) && o.range.length === 2) return [`${String(o.range[0])}-${String(o.range[1])}`];
  }
  return null;
}

function portRanges(vs: string[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (const v of vs) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v);
    if (!m) return null;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}

/** Render an expression for display (the finding shows the rule). */
function show(e: unknown): string {
  return JSON.stringify(e);
}

/** One `match` expression → model match (with its implied protocol), or unknown. */
function matchOf(m: { op?: string; left?: Record<string, unknown>; right?: unknown }): Match[] {
  const op = m.op ?? '==';
  const negate = op === '!=';
  const unknown: Match[] = [{ kind: 'unknown', text: show({ match: m }) }];
  if (!['==', '!=', 'in'].includes(op) || !m.left) return unknown;
  const vs = values(m.right);
  if (!vs) return unknown;
  const left = m.left;
  if (left.meta && typeof left.meta === 'object') {
    const key = (left.meta as { key?: string }).key;
    if (key === 'iifname' || key === 'oifname') return [{ kind: 'iface', dir: key === 'iifname' ? 'in' : 'out', names: vs.map((v) => v.replace(/\*$/, '+')), negate }];
    if (key === 'l4proto' || key === 'protocol') return [{ kind: 'proto', protos: vs.map((v) => v.toLowerCase()), negate }];
    return unknown;
  }
  if (left.payload && typeof left.payload === 'object') {
    const p = left.payload as { protocol?: string; field?: string };
    if ((p.protocol === 'ip' || p.protocol === 'ip6') && (p.field === 'saddr' || p.field === 'daddr')) {
      return [{ kind: 'addr', dir: p.field === 'saddr' ? 'src' : 'dst', cidrs: vs, negate }];
    }
    if ((p.protocol === 'tcp' || p.protocol === 'udp' || p.protocol === 'th') && (p.field === 'dport' || p.field === 'sport')) {
      const ranges = portRanges(vs);
      if (!ranges) return unknown;
      // `tcp dport 80` implies the protocol (nft adds the l4proto check itself).
      const proto: Match[] = p.protocol === 'th' ? [] : [{ kind: 'proto', protos: [p.protocol], negate: false }];
      return [...proto, { kind: 'port', dir: p.field === 'dport' ? 'dst' : 'src', ranges, negate }];
    }
    if (p.protocol === 'ip' && p.field === 'protocol') return [{ kind: 'proto', protos: vs, negate }];
    if (p.protocol === 'ip6' && p.field === 'nexthdr') return [{ kind: 'proto', protos: vs, negate }];
    return unknown;
  }
  if (left.ct && typeof left.ct === 'object') {
    const c = left.ct as { key?: string; dir?: string };
    if (c.key === 'state') return [{ kind: 'ctstate', states: vs.map((v) => v.toUpperCase()), negate }];
    if (c.dir === 'original' && (c.key === 'proto-dst' || c.key === 'proto-src')) return [{ kind: 'ctorig', field: c.key === 'proto-dst' ? 'dstport' : 'srcport', values: vs, negate }];
    if (c.dir === 'original' && (c.key === 'daddr' || c.key === 'saddr' || c.key === 'ip daddr' || c.key === 'ip saddr')) {
      return [{ kind: 'ctorig', field: c.key.endsWith('daddr') ? 'dst' : 'src', values: vs, negate }];
    }
    return unknown;
  }
  if (left.fib && typeof left.fib === 'object') {
    const f = left.fib as { result?: string; flags?: string[] };
    const flags = f.flags ?? [];
    if (f.result === 'type' && (flags.includes('daddr') || flags.includes('saddr')) && flags.every((x) => x === 'daddr' || x === 'saddr' || x === 'iif')) {
      return [{ kind: 'addrtype', dir: flags.includes('daddr') ? 'dst' : 'src', types: vs.map((v) => v.toUpperCase()), negate, ...(flags.includes('iif') ? { limitIn: true } : {}) }];
    }
    return unknown;
  }
  return unknown;
}

function verdictOf(e: Record<string, unknown>): Verdict | null {
  if ('accept' in e) return { kind: 'accept' };
  if ('drop' in e) return { kind: 'drop' };
  if ('reject' in e) return { kind: 'reject' };
  if ('return' in e) return { kind: 'return' };
  if ('jump' in e) return { kind: 'jump', chain: String((e.jump as { target?: string }).target) };
  if ('goto' in e) return { kind: 'goto', chain: String((e.goto as { target?: string }).target) };
  if ('dnat' in e) {
    const d = (e.dnat ?? {}) as { addr?: unknown; port?: unknown };
    return { kind: 'dnat', ...(typeof d.addr === 'string' ? { addr: d.addr } : {}), ...(typeof d.port === 'number' ? { port: d.port } : {}) };
  }
  if ('masquerade' in e || 'snat' in e || 'redirect' in e) return { kind: 'accept' };
  if ('vmap' in e) {
    const v = e.vmap as { key?: { meta?: { key?: string } }; data?: unknown };
    const key = v.key?.meta?.key;
    if ((key === 'iifname' || key === 'oifname') && typeof v.data === 'string' && v.data.startsWith('@')) return { kind: 'vmap', key: key === 'iifname' ? 'iif' : 'oif', map: v.data.slice(1) };
    return { kind: 'unknown', text: show(e) };
  }
  if ('queue' in e || 'tproxy' in e || 'dup' in e || 'fwd' in e) return { kind: 'unknown', text: show(e) };
  return null;
}

/** Expressions that neither match nor decide (they count, log, mark or comment). */
const NEUTRAL = new Set(['counter', 'log', 'limit', 'mangle', 'notrack', 'comment', 'quota', 'ct helper', 'ct count', 'synproxy']);

function ruleOf(r: { expr?: unknown[]; comment?: string }): Rule {
  const matches: Match[] = [];
  let verdict: Verdict = { kind: 'continue' };
  for (const e of (r.expr ?? []) as Record<string, unknown>[]) {
    const key = Object.keys(e)[0];
    if (key === 'match') {
      matches.push(...matchOf(e.match as never));
      continue;
    }
    const v = verdictOf(e);
    if (v) {
      verdict = v;
      continue;
    }
    if (key === 'limit') {
      matches.push({ kind: 'unknown', text: show(e) });
      continue;
    }
    if (!NEUTRAL.has(key)) matches.push({ kind: 'unknown', text: show(e) });
  }
  // A rate limit on a rule that only logs or counts changes nothing.
  const cleaned = verdict.kind === 'continue' ? matches.filter((m) => !(m.kind === 'unknown' && m.text.startsWith('{"limit"'))) : matches;
  return { matches: cleaned, verdict, text: `${show(r.expr)}${r.comment ? ` comment "${r.comment}"` : ''}` };
}

/**
 * `nft -j list ruleset` → tables. `skip` names tables read elsewhere (iptables-nft's own tables,
 * which iptables-nft-save renders in iptables syntax). Throws a clear error on text that is not such JSON.
 */
export function parseNftJson(text: string, source = 'nft -j list ruleset', skip: (family: string, table: string) => boolean = () => false): Table[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const list = (doc as { nftables?: unknown }).nftables;
  if (!Array.isArray(list)) throw new Error(`${source}: no "nftables" array at the top level`);
  const tables = new Map<string, Table>();
  const key = (family: unknown, name: unknown) => `${String(family)} ${String(name)}`;
  const tableOf = (o: Record<string, unknown>): Table | null => tables.get(key(o.family, o.table)) ?? null;
  for (const item of list as NftObject[]) {
    const kind = Object.keys(item)[0];
    const o = item[kind];
    if (kind === 'table') {
      const fams = familiesOf(o.family);
      if (!fams || skip(String(o.family), String(o.name))) continue;
      tables.set(key(o.family, o.name), { families: fams, name: `${String(o.family)} ${String(o.name)}`, source, chains: new Map(), maps: new Map() });
    } else if (kind === 'chain') {
      const t = tableOf(o);
      if (!t) continue;
      const hook = typeof o.hook === 'string' && HOOKS.has(o.hook as Hook) ? (o.hook as Hook) : undefined;
      const chain: Chain = {
        name: String(o.name),
        rules: [],
        ...(typeof o.type === 'string' ? { type: o.type } : {}),
        ...(hook ? { hook, priority: typeof o.prio === 'number' ? o.prio : 0 } : {}),
        ...(o.policy === 'drop' || o.policy === 'accept' ? { policy: o.policy } : hook ? { policy: 'accept' as const } : {}),
      };
      t.chains.set(chain.name, chain);
    } else if (kind === 'map') {
      const t = tableOf(o);
      if (!t || o.map !== 'verdict') continue;
      const m = new Map<string, Verdict>();
      for (const el of (o.elem ?? []) as unknown[]) {
        if (!Array.isArray(el) || el.length !== 2 || typeof el[0] !== 'string') continue;
        m.set(el[0], verdictOf(el[1] as Record<string, unknown>) ?? { kind: 'unknown', text: show(el[1]) });
      }
      t.maps.set(String(o.name), m);
    } else if (kind === 'rule') {
      const t = tableOf(o);
      const chain = t?.chains.get(String(o.chain));
      if (chain) chain.rules.push(ruleOf(o as { expr?: unknown[]; comment?: string }));
    }
  }
  return [...tables.values()];
}
