import { IPTABLES_HOOKS, type Chain, type Family, type Match, type Rule, type Table, type Verdict } from './rules';

/** Targets that let the packet go on to the next rule (they log, mark or count). */
const CONTINUE_TARGETS = new Set(['LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TRACE', 'TCPMSS', 'CHECKSUM', 'AUDIT', 'TOS', 'DSCP', 'TTL', 'HL', 'CLASSIFY', 'SET']);
/** Targets that end the chain with the packet let through (NAT rewrites on the way out). */
const ACCEPTING_NAT = new Set(['SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);

/** Split an iptables-save rule line into words, keeping "quoted strings" (comments) as one word. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  return out;
}

function portRanges(text: string): [number, number][] | null {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^(\d*)(?::(\d*))?$/.exec(part);
    if (!m) return null;
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[2] === '' ? 65535 : Number(m[2]);
    out.push([lo, hi]);
  }
  return out;
}

/** One `-A CHAIN ...` line → rule. Unknown options become `unknown` matches carrying their text. */
export function parseRuleArgs(words: string[], text: string): Rule {
  const matches: Match[] = [];
  let verdict: Verdict = { kind: 'continue' };
  let negate = false;
  let i = 0;
  const next = () => words[++i] ?? '';
  const unknown = (what: string) => matches.push({ kind: 'unknown', text: what });
  for (; i < words.length; i++) {
    const w = words[i];
    if (w === '!') {
      negate = true;
      continue;
    }
    const neg = negate;
    negate = false;
    switch (w) {
      case '-i': case '--in-interface': matches.push({ kind: 'iface', dir: 'in', names: [next()], negate: neg }); break;
      case '-o': case '--out-interface': matches.push({ kind: 'iface', dir: 'out', names: [next()], negate: neg }); break;
      case '-s': case '--source': matches.push({ kind: 'addr', dir: 'src', cidrs: next().split(','), negate: neg }); break;
      case '-d': case '--destination': matches.push({ kind: 'addr', dir: 'dst', cidrs: next().split(','), negate: neg }); break;
      case '-p': case '--protocol': matches.push({ kind: 'proto', protos: [next().toLowerCase()], negate: neg }); break;
      case '-m': case '--match': next(); break; // the module's own options follow and are read below
      case '--dport': case '--destination-port': case '--dports': case '--destination-ports': case '--sport': case '--source-port': case '--sports': case '--source-ports': case '--ports': {
        const v = next();
        const ranges = portRanges(v);
        if (!ranges) unknown(`${w} ${v}`);
        else if (w === '--ports') unknown(`${w} ${v} (source or destination)`);
        else matches.push({ kind: 'port', dir: /dport|destination/.test(w) ? 'dst' : 'src', ranges, negate: neg });
        break;
      }
      case '--ctstate': case '--state': matches.push({ kind: 'ctstate', states: next().toUpperCase().split(','), negate: neg }); break;
      case '--ctorigdstport': case '--ctorigsrcport': {
        const v = next();
        matches.push({ kind: 'ctorig', field: w === '--ctorigdstport' ? 'dstport' : 'srcport', values: [v], negate: neg });
        break;
      }
      case '--ctorigdst': case '--ctorigsrc': matches.push({ kind: 'ctorig', field: w === '--ctorigdst' ? 'dst' : 'src', values: next().split(','), negate: neg }); break;
      case '--src-type': case '--dst-type': matches.push({ kind: 'addrtype', dir: w === '--src-type' ? 'src' : 'dst', types: next().toUpperCase().split(','), negate: neg }); break;
      case '--limit-iface-in': {
        const last = [...matches].reverse().find((m) => m.kind === 'addrtype');
        if (last && last.kind === 'addrtype') last.limitIn = true;
        break;
      }
      case '--match-set': {
        const name = next();
        const dirs = next().split(',') as ('src' | 'dst')[];
        matches.push({ kind: 'ipset', name, dirs, negate: neg });
        break;
      }
      case '--syn': matches.push({ kind: 'syn', negate: neg }); break;
      case '--comment': next(); break;
      case '-j': case '--jump': case '-g': case '--goto': {
        const t = next();
        const goto = w === '-g' || w === '--goto';
        if (t === 'ACCEPT') verdict = { kind: 'accept' };
        else if (t === 'DROP') verdict = { kind: 'drop' };
        else if (t === 'REJECT') verdict = { kind: 'reject' };
        else if (t === 'RETURN') verdict = { kind: 'return' };
        else if (t === 'DNAT') verdict = { kind: 'dnat' };
        else if (ACCEPTING_NAT.has(t)) verdict = { kind: 'accept' };
        else if (CONTINUE_TARGETS.has(t)) verdict = { kind: 'continue' };
        // Anything else is a user chain; a target extension the model does not know is found missing as a chain by the evaluator.
        else verdict = { kind: goto ? 'goto' : 'jump', chain: t };
        break;
      }
      case '--to-destination': {
        const v = next();
        if (verdict.kind === 'dnat') {
          const m = /^\[?([^\]]*?)\]?(?::(\d+)(?:-\d+)?)?$/.exec(v.includes('[') || (v.match(/:/g) ?? []).length <= 1 ? v : `[${v}]`);
          if (m) verdict = { kind: 'dnat', ...(m[1] ? { addr: m[1] } : {}), ...(m[2] ? { port: Number(m[2]) } : {}) };
        }
        break;
      }
      // Options of targets that keep going, of REJECT, or of NAT: no effect on the verdict.
      case '--reject-with': case '--to-source': case '--to-ports': case '--log-prefix': case '--log-level': case '--set-xmark': case '--set-mark':
      case '--nflog-group': case '--nflog-prefix': case '--random': case '--random-fully': case '--persistent': case '--log-uid':
      case '--save-mark': case '--restore-mark': case '--clamp-mss-to-pmtu': case '--set-mss': case '--zone': case '--notrack': case '--mask': case '--nfmask': case '--ctmask':
        if (!['--random', '--random-fully', '--persistent', '--log-uid', '--save-mark', '--restore-mark', '--clamp-mss-to-pmtu', '--notrack'].includes(w)) next();
        break;
      case '--limit': case '--limit-burst':
        // Rate limits on a rule that only logs change nothing; on others the model cannot know the rate.
        next();
        matches.push({ kind: 'unknown', text: `${w} ${words[i]}` });
        break;
      default:
        if (w.startsWith('-')) {
          const arg = words[i + 1] && !words[i + 1].startsWith('-') && words[i + 1] !== '!' ? ` ${words[++i]}` : '';
          unknown(`${neg ? '! ' : ''}${w}${arg}`);
        } else unknown(w);
    }
  }
  // A rate limit on a LOG rule is harmless: drop the unknown so the rule stays a no-op.
  const cleaned = verdict.kind === 'continue' ? matches.filter((m) => !(m.kind === 'unknown' && /^--limit/.test(m.text))) : matches;
  return { matches: cleaned, verdict, text };
}

/**
 * iptables-save / ip6tables-save text → tables. Chains named in `:NAME POLICY` lines are kept even when
 * empty; base chains get their hook and priority. Throws a clear error on text that is not such a dump.
 */
export function parseIptablesSave(text: string, family: Family, source: string): Table[] {
  const tables: Table[] = [];
  let table: Table | null = null;
  const lines = text.split('\n');
  lines.forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('*')) {
      table = { families: [family], name: line.slice(1), source, chains: new Map(), maps: new Map() };
      tables.push(table);
      return;
    }
    if (line === 'COMMIT') {
      table = null;
      return;
    }
    if (!table) throw new Error(`${source} line ${idx + 1}: "${line.slice(0, 60)}" outside a *table block`);
    const t: Table = table;
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      const base = IPTABLES_HOOKS[t.name]?.[name];
      const chain: Chain = { name, rules: [], type: t.name, ...(base ? { hook: base.hook, priority: base.priority } : {}) };
      if (policy === 'ACCEPT' || policy === 'DROP') chain.policy = policy === 'ACCEPT' ? 'accept' : 'drop';
      t.chains.set(name, chain);
      return;
    }
    const words = tokenize(line);
    if (words[0] !== '-A' || !words[1]) throw new Error(`${source} line ${idx + 1}: expected "-A CHAIN ...", got "${line.slice(0, 60)}"`);
    let chain = t.chains.get(words[1]);
    if (!chain) {
      chain = { name: words[1], rules: [], type: t.name };
      t.chains.set(words[1], chain);
    }
    chain.rules.push(parseRuleArgs(words.slice(2), line));
  });
  return tables;
}

/** Which iptables implementation wrote a dump: iptables-save's header names it (`v1.8.9 (nf_tables)`). */
export function dumpVariant(text: string): 'nft' | 'legacy' | null {
  const m = /^# Generated by ip6?tables-save v[\d.]+(?: \(([a-z_]+)\))?/m.exec(text);
  if (!m) return null;
  return m[1] === 'nf_tables' ? 'nft' : 'legacy';
}
