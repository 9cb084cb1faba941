/**
 * The "Network exposure" part: one row per published port (port → container → reachable from which
 * interface, address and family → why, as the exposure model recorded it in the finding), the
 * firewall rules Docker bypasses with their DOCKER-USER fix, and one diagram per host (interfaces
 * on the left, published ports on the right, a line where a port is reachable, coloured by outcome).
 * Read from findings.json (network-port-exposure, network-firewall-bypass) and the network evidence
 * (the interfaces) only.
 */
import type { Finding, Outcome } from '../../findings/types';
import { CATALOGS, formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
import { anchor, containerStateText, visible } from '../format';
import type { Detail, RenderInput } from '../types';

export type InterfaceClass = 'public' | 'private' | 'loopback';

/** Outcome of one line of the diagram: what reaching the port from that interface means. */
export type ReachOutcome = 'fail' | 'warn' | 'pass' | 'intended' | 'manual';

export interface NetworkDiagram {
  title: string;
  host: string;
  interfaces: { id: string; name: string; cls: InterfaceClass; clsLabel: string; addresses: string[] }[];
  ports: { id: string; label: string; sub: string; outcome: Outcome; reachable: boolean }[];
  lines: { from: string; to: string; outcome: ReachOutcome }[];
  legend: { outcome: ReachOutcome; label: string }[];
  /** The diagram in words (alternative text of the figure). */
  alt: string;
}

export interface PortRowView {
  port: string;
  container: string;
  bindings: string;
  outcome: Outcome;
  outcomeLabel: string;
  intended: boolean;
  /** One line per interface: `eth0 (private): 192.0.2.2 IPv4, fd00::2 IPv6`. */
  reachable: string[];
  /** The decision: per route, the chain it took (short), or why it is blocked or not decided. */
  why: string[];
  /** The rules as recorded (HTML details). */
  rules: string[];
  notes: string[];
  id: string;
  /** Ids of this port's findings the table (and the bypass list) says everything of: exposure, IPv6 exposure, firewall bypass. */
  covers: string[];
  anchor: string;
  search: string;
}

export interface BypassView {
  port: string;
  container: string;
  /** The INPUT rules that claim to block it, with where they are bypassed. */
  inputRules: string[];
  /** The DOCKER-USER (or nft) commands that restrict it where forwarded traffic passes. */
  fix: string[];
  outcomeLabel: string;
  outcome: Outcome;
  id: string;
  anchor: string;
}

export interface NetworkView {
  notAssessed: string | null;
  rows: PortRowView[];
  /** Set when --detail failures left passing ports out. */
  omitted: string | null;
  empty: string | null;
  bypass: BypassView[];
  bypassNone: string | null;
  diagrams: NetworkDiagram[];
}

interface ReachEntry {
  interface: string;
  address: string;
  family: number;
  range?: string;
  public?: boolean;
  via?: string;
  why?: string[];
  reason?: string;
  rule?: string;
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function arr(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(rec).filter((x): x is Record<string, unknown> => !!x) : [];
}
function entries(v: unknown): ReachEntry[] {
  return arr(v)
    .filter((e) => typeof e.interface === 'string' && typeof e.address === 'string')
    .map((e) => ({
      interface: e.interface as string,
      address: e.address as string,
      family: e.family === 6 ? 6 : 4,
      range: typeof e.range === 'string' ? e.range : undefined,
      public: e.public === true,
      via: typeof e.via === 'string' ? e.via : undefined,
      why: Array.isArray(e.why) ? e.why.filter((x): x is string => typeof x === 'string') : [],
      reason: typeof e.reason === 'string' ? e.reason : undefined,
      rule: typeof e.rule === 'string' ? e.rule : undefined,
    }));
}

/** `iptables-nft-save nat DOCKER: -A DOCKER … -j DNAT --to-destination 172.17.0.2:80` → `nat DOCKER DNAT 172.17.0.2:80`. */
export function shortRule(why: string): string {
  const l = /^listener (\S+) \(docker-proxy\)$/.exec(why);
  if (l) return `listener ${l[1]}`;
  const m = /^(\S+) (\S+) (\S+): (.*)$/.exec(why);
  if (!m) return why.replace(/\s+/g, ' ');
  const [, , table, chain, rule] = m;
  const target = /-j (\S+)/.exec(rule)?.[1] ?? /\b(accept|drop|reject|jump \S+|goto \S+|dnat to \S+)\b/i.exec(rule)?.[1] ?? '';
  const to = /--to-destination (\S+)/.exec(rule)?.[1];
  return `${table} ${chain}${target ? ` ${target}` : ''}${to ? ` ${to}` : ''}`;
}

function famLabel(f: number): string {
  return f === 6 ? 'IPv6' : 'IPv4';
}

function classOf(ranges: string[], pub: boolean, loopback: boolean): InterfaceClass {
  if (pub) return 'public';
  if (loopback || (ranges.length && ranges.every((r) => r === 'loopback'))) return 'loopback';
  return 'private';
}

/** Interfaces as the network evidence lists them: name → loopback flag, address ranges, public. */
function evidenceInterfaces(input: RenderInput): Map<string, { loopback: boolean; addresses: { address: string; family: number; range: string; public: boolean }[] }> {
  const data = rec(input.evidence.network?.data);
  const out = new Map<string, { loopback: boolean; addresses: { address: string; family: number; range: string; public: boolean }[] }>();
  for (const i of arr(data?.interfaces)) {
    if (typeof i.name !== 'string') continue;
    out.set(i.name, {
      loopback: i.loopback === true,
      addresses: arr(i.addresses)
        .filter((a) => typeof a.address === 'string')
        .map((a) => ({ address: a.address as string, family: a.family === 6 ? 6 : 4, range: typeof a.range === 'string' ? a.range : 'unknown', public: a.public === true })),
    });
  }
  return out;
}

function lineOutcome(cls: InterfaceClass, declared: boolean, unknown: boolean): ReachOutcome {
  if (unknown) return 'manual';
  if (cls === 'loopback') return 'pass';
  if (declared) return 'intended';
  return cls === 'public' ? 'fail' : 'warn';
}

export const REACH_OUTCOMES: readonly ReachOutcome[] = ['fail', 'warn', 'intended', 'pass', 'manual'];

function portRow(t: Translate, f: Finding, ifaceClass: (name: string) => InterfaceClass): PortRowView {
  const o = rec(f.observed) ?? {};
  const reach = entries(o.reachableFrom);
  const blocked = entries(o.blockedFrom);
  const unknown = entries(o.unknownFrom);
  const port = `${typeof o.port === 'number' ? o.port : '?'}/${typeof o.proto === 'string' ? o.proto : 'tcp'}`;
  const state = typeof o.state === 'string' && o.state !== 'running' ? ` (${containerStateText(t, o.state)})` : '';
  const byIface = new Map<string, ReachEntry[]>();
  for (const r of reach) byIface.set(r.interface, [...(byIface.get(r.interface) ?? []), r]);
  // Per interface, its addresses by family: `eth0 (public): IPv4 203.0.113.5; IPv6 2001:db8::5, fe80::1`.
  const perIface = [...byIface].map(([name, rs]) => {
    // Link-local addresses (reachable from the same link only) are counted, not spelled out: findings.json lists them.
    const fams = [4, 6]
      .map((fam) => rs.filter((r) => r.family === fam))
      .filter((x) => x.length)
      .map((x) => {
        const ll = x.filter((r) => r.range === 'link-local');
        const named = x.filter((r) => r.range !== 'link-local').map((r) => visible(r.address));
        return `${famLabel(x[0].family)} ${[...named, ...(ll.length ? [t('network.linkLocal', { n: ll.length })] : [])].join(', ')}`;
      });
    // The class is said for public and loopback interfaces (the diagram shows every interface's).
    const cls = ifaceClass(name);
    return { name: `${visible(name)}${cls === 'private' ? '' : ` (${t(`network.class.${cls}` as MessageKey)})`}`, text: fams.join('; ') };
  });
  // Interfaces that are reached the same way (two bridges with a link-local address each) share a line.
  const sameText = new Map<string, string[]>();
  for (const x of perIface) sameText.set(x.text, [...(sameText.get(x.text) ?? []), x.name]);
  const reachable = [...sameText].map(([text, names]) => `${names.join(', ')}: ${text}`);
  // The same route (via and rules) from several addresses is said once, with the addresses it serves.
  const routes = new Map<string, { via: string; chain: string; full: string[]; interfaces: Set<string> }>();
  for (const r of reach) {
    const why = r.why ?? [];
    const key = `${r.via}\u0001${why.join('\u0002')}`;
    const e = routes.get(key) ?? { via: r.via ?? '?', chain: why.map(shortRule).join(' → '), full: why, interfaces: new Set<string>() };
    e.interfaces.add(r.interface);
    routes.set(key, e);
  }
  // Routes through the same mechanism are one line: `docker-proxy: listener 0.0.0.0:9000 (lo); listener [::]:9000 (lo, eth0)`.
  const byVia = new Map<string, string[]>();
  for (const r of routes.values()) byVia.set(r.via, [...(byVia.get(r.via) ?? []), `${visible(r.chain || '—')} (${[...r.interfaces].map(visible).join(', ')})`]);
  const why = [...byVia].map(([via, parts]) => `${t(via === 'docker-proxy' ? 'network.via.proxy' : 'network.via.dnat')}: ${parts.join('; ')}`);
  for (const u of unknown) why.push(t('network.unknownFrom', { where: `${visible(u.address)} (${visible(u.interface)})`, rule: u.rule === CATALOGS.en['network.rule.dynamicHostPort'] ? t('network.rule.dynamicHostPort') : visible(u.rule ?? '?') }));
  if (!reach.length && !unknown.length) {
    // Blocked everywhere: the reasons, with the address taken out so that the same reason is said once.
    const reasons = new Map<string, number>();
    for (const b of blocked) {
      const r = (b.reason ?? '?').split(b.address).join('…');
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    for (const [r, n] of reasons) why.push(t('network.blocked', { reason: visible(r), n }));
    if (!reasons.size) why.push(t('network.noAddress'));
  }
  const rules = [...new Set([...reach.flatMap((r) => r.why ?? []), ...blocked.flatMap((b) => b.why ?? [])])].map(visible);
  const bindings = Array.isArray(o.bindings) ? o.bindings.filter((b): b is string => typeof b === 'string').map(visible).join(', ') : '';
  const intended = o.declaredPublic === true;
  return {
    port,
    container: `${visible(typeof o.container === 'string' ? o.container : f.target.name)}${state}`,
    bindings,
    outcome: f.outcome,
    outcomeLabel: t(`outcome.${f.outcome}` as MessageKey),
    intended,
    reachable: reachable.length ? reachable : [t('network.noAddress')],
    why,
    rules,
    notes: (Array.isArray(o.notes) ? o.notes.filter((n): n is string => typeof n === 'string') : []).map(visible),
    id: f.id,
    covers: [f.id],
    anchor: anchor('f', f.id),
    search: visible(`${port} ${f.target.name} ${f.id}`.toLowerCase()),
  };
}

function bypassRow(t: Translate, lang: Lang, f: Finding): BypassView {
  const o = rec(f.observed) ?? {};
  const list = arr(o.inputBypass);
  const rules = new Map<string, string[]>();
  for (const b of list) {
    const rule = typeof b.inputRule === 'string' ? b.inputRule : '?';
    const at = `${visible(String(b.address ?? '?'))} (${visible(String(b.interface ?? '?'))})`;
    rules.set(rule, [...(rules.get(rule) ?? []), at]);
  }
  const expected = rec(f.expected);
  const fromExpected = Array.isArray(expected?.fix) ? expected.fix.filter((x): x is string => typeof x === 'string') : [];
  const fix = fromExpected.length ? fromExpected : [...new Set(list.flatMap((b) => (Array.isArray(b.dockerUser) ? b.dockerUser.filter((x): x is string => typeof x === 'string') : [])))];
  return {
    port: `${typeof o.port === 'number' ? o.port : '?'}/${typeof o.proto === 'string' ? o.proto : 'tcp'}`,
    container: visible(typeof o.container === 'string' ? o.container : f.target.name),
    inputRules: [...rules].map(([rule, at]) => t('network.bypass.rule', { rule: visible(rule), where: at.join(', ') })),
    fix: (fix.length ? fix : f.remediation[lang].split('\n')).map(visible),
    outcome: f.outcome,
    outcomeLabel: t(`outcome.${f.outcome}` as MessageKey),
    id: f.id,
    anchor: anchor('f', f.id),
  };
}

const OUTCOME_ORDER: Record<string, number> = { fail: 0, error: 1, warn: 2, manual: 3, waived: 4, attested: 5, info: 6, 'not-applicable': 7, pass: 8 };
const COVERED = new Set(['network-port-exposure', 'network-ipv6-exposure', 'network-firewall-bypass']);
const NEEDS_ACTION = new Set<Outcome>(['fail', 'warn', 'error', 'manual', 'waived', 'attested']);

export function networkView(t: Translate, lang: Lang, input: RenderInput, detail: Detail): NetworkView {
  const file = input.evidence.network;
  const findings = input.findings.findings.filter((f) => f.section === 'network');
  const ports = findings.filter((f) => f.check === 'network-port-exposure' && rec(f.observed)?.port !== undefined);
  const empty: NetworkView = { notAssessed: null, rows: [], omitted: null, empty: null, bypass: [], bypassNone: null, diagrams: [] };
  if (!file || file.status === 'failed' || file.status === 'skipped') {
    const reason = file ? visible(file.error ?? t(`status.${file.status}` as MessageKey)) : t('scope.collectorMissing', { collector: t('collector.network.name'), what: t('collector.network.subject') });
    return { ...empty, notAssessed: reason };
  }
  // The model could not run (no packet filter readable): the error finding says why.
  const failed = findings.find((f) => f.check === 'network-port-exposure' && f.outcome === 'error');
  if (!ports.length && failed) return { ...empty, notAssessed: visible(failed.message[lang]) };

  const ifaces = evidenceInterfaces(input);
  const seen = new Map<string, { ranges: Set<string>; pub: boolean; addresses: Set<string> }>();
  const note = (e: ReachEntry) => {
    const s = seen.get(e.interface) ?? { ranges: new Set<string>(), pub: false, addresses: new Set<string>() };
    const ev = ifaces.get(e.interface)?.addresses.find((a) => a.address === e.address);
    const range = e.range ?? ev?.range;
    if (range) s.ranges.add(range);
    if (e.public || ev?.public) s.pub = true;
    s.addresses.add(e.address);
    seen.set(e.interface, s);
  };
  for (const f of ports) {
    const o = rec(f.observed)!;
    for (const k of ['reachableFrom', 'blockedFrom', 'unknownFrom']) entries(o[k]).forEach(note);
  }
  const ifaceClass = (name: string): InterfaceClass => {
    const s = seen.get(name);
    const ev = ifaces.get(name);
    const ranges = [...(s?.ranges ?? []), ...(ev?.addresses.map((a) => a.range) ?? [])];
    return classOf(ranges, !!s?.pub || !!ev?.addresses.some((a) => a.public), !!ev?.loopback);
  };

  ports.sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] || Number(rec(a.observed)!.port) - Number(rec(b.observed)!.port) || a.target.name.localeCompare(b.target.name));
  const all = ports.map((f) => ({ ...portRow(t, f, ifaceClass), covers: findings.filter((x) => x.target.id === f.target.id && COVERED.has(x.check)).map((x) => x.id) }));
  const rows = detail === 'failures' ? all.filter((r) => NEEDS_ACTION.has(r.outcome)) : all;
  const omitted = rows.length < all.length ? t('network.omitted', { n: formatInt(lang, all.length - rows.length) }) : null;

  const bypassFindings = findings.filter((f) => f.check === 'network-firewall-bypass' && NEEDS_ACTION.has(f.outcome) && rec(f.observed)?.port !== undefined);
  const bypass = bypassFindings.map((f) => bypassRow(t, lang, f));
  const bypassChecked = findings.some((f) => f.check === 'network-firewall-bypass' && (f.outcome === 'pass' || f.outcome === 'not-applicable'));

  // The diagram: interfaces by class (public, private, loopback), then the published ports.
  const CLASS_ORDER: InterfaceClass[] = ['public', 'private', 'loopback'];
  const names = [...seen.keys()].sort((a, b) => CLASS_ORDER.indexOf(ifaceClass(a)) - CLASS_ORDER.indexOf(ifaceClass(b)) || a.localeCompare(b));
  const interfaces = names.map((n) => ({ id: `i:${n}`, name: visible(n), cls: ifaceClass(n), clsLabel: t(`network.class.${ifaceClass(n)}` as MessageKey), addresses: [...seen.get(n)!.addresses].map(visible) }));
  const lines: NetworkDiagram['lines'] = [];
  const diagramPorts: NetworkDiagram['ports'] = [];
  for (const f of ports) {
    const o = rec(f.observed)!;
    const id = `p:${f.id}`;
    const declared = o.declaredPublic === true;
    const reach = entries(o.reachableFrom);
    const unknown = entries(o.unknownFrom);
    for (const n of new Set([...reach.map((r) => r.interface), ...unknown.map((u) => u.interface)])) {
      const unk = !reach.some((r) => r.interface === n);
      lines.push({ from: `i:${n}`, to: id, outcome: lineOutcome(ifaceClass(n), declared, unk) });
    }
    const row = all.find((r) => r.id === f.id)!;
    diagramPorts.push({ id, label: `${row.container} ${row.port}`, sub: declared ? t('network.intended') : row.bindings, outcome: f.outcome, reachable: reach.length > 0 });
  }
  const host = visible(input.findings.run.host.hostname || file.host?.hostname || '?');
  const used = new Set(lines.map((l) => l.outcome));
  const legend = REACH_OUTCOMES.filter((o) => used.has(o)).map((o) => ({ outcome: o, label: t(`network.reach.${o}` as MessageKey) }));
  const alt = `${t('network.diagram', { host })}: ${diagramPorts
    .map((p) => {
      const ls = lines.filter((l) => l.to === p.id);
      return `${p.label} ← ${ls.length ? ls.map((l) => `${l.from.slice(2)} (${t(`network.reach.${l.outcome}` as MessageKey)})`).join(', ') : t('network.noAddress')}`;
    })
    .join('; ')}`;
  const diagrams: NetworkDiagram[] = ports.length ? [{ title: t('network.diagram', { host }), host, interfaces, ports: diagramPorts, lines, legend, alt }] : [];

  return {
    notAssessed: null,
    rows,
    omitted,
    empty: ports.length ? null : t('network.noPorts'),
    bypass,
    bypassNone: bypass.length ? null : bypassChecked ? t('network.bypass.none') : null,
    diagrams,
  };
}
