/**
 * "Since the last audit": findings.json `quarterly` (decided at evaluation, src/quarterly) in the
 * pack's language. The earlier pack, the counts per kind of change, the lists (regressed, new,
 * fixed, then the other changes), the transfer register and platform changes, the score per
 * framework with its delta, and the trend over the packs given with --history. Nothing is compared
 * here: every row is one of the record's.
 */
import type { Finding, FindingsDocument, Outcome } from '../../findings/types';
import { formatDecimal, formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
// The record's types, read through the findings document (src/render never imports src/quarterly).
type QuarterlyRecord = NonNullable<FindingsDocument['quarterly']>;
type PackDiff = NonNullable<QuarterlyRecord['previous']>;
type FindingChange = PackDiff['findings'][number];
type ChangeKind = FindingChange['kind'];
type FindingSide = NonNullable<FindingChange['old']>;
type EndpointChange = PackDiff['endpoints'][number];
type PlatformChange = PackDiff['platform'][number];
type TrendPoint = QuarterlyRecord['history'][number];
import type { LineChart } from '../charts/spec';
import { anchor, isoDate, isoMinute, visible } from '../format';
import { countryLabel } from './transfers';

/** Counted always, in this order (what the auditor asks first), then the other kinds when they occur. */
const MAIN_COUNTS: readonly ChangeKind[] = ['regressed', 'new', 'fixed', 'still-failing', 'unchanged'];
const OTHER_COUNTS: readonly ChangeKind[] = ['changed', 'gone', 'added'];
/** Listed with every row: regressed first, then new and fixed; the others under "other changes". */
const LISTED: readonly ChangeKind[] = ['regressed', 'new', 'fixed', 'changed', 'gone'];
/** With `--detail failures` only what needs action is listed (the counts stay). */
const LISTED_FAILURES: readonly ChangeKind[] = ['regressed', 'new'];

const FRAMEWORK_ORDER = ['residency', 'cis', 'network', 'platform'];
export const FRAMEWORK_COLOURS: Record<string, string> = { residency: '#1565c0', cis: '#2e7d32', network: '#ef6c00', platform: '#6a1b9a' };

export interface ChangeRowView {
  kind: ChangeKind;
  id: string;
  /** Link to the finding's block or pass row in this pack; null when the finding is not in it (gone). */
  anchor: string | null;
  control: string;
  title: string;
  target: string;
  old: string;
  new: string;
  oldOutcome: Outcome | null;
  newOutcome: Outcome | null;
  because: string | null;
  severity: string;
  severityLabel: string;
}

export interface ChangeListView {
  kind: ChangeKind;
  anchor: string;
  title: string;
  rows: ChangeRowView[];
  /** Other changes (changed, gone): folded in the HTML, a few rows in the PDF. */
  folded: boolean;
}

export interface QuarterlyView {
  intro: string;
  /** The earlier pack, as label/value rows. */
  previous: { label: string; value: string; mono?: boolean }[];
  notes: string[];
  counts: { kind: ChangeKind; label: string; n: number; nText: string }[];
  /** The counts as one sentence (the PDF and --detail failures print it). */
  countsLine: string;
  lists: ChangeListView[];
  /** "No finding changed" when nothing but unchanged and still failing. */
  noChanges: string | null;
  endpoints: { kind: string; kindKey: EndpointChange['kind']; endpoint: string; change: string; register: string }[];
  hostLocation: string | null;
  platform: { aspect: string; target: string; field: string; old: string; new: string }[];
  scores: { framework: string; label: string; old: string; new: string; delta: string; trend: 'up' | 'down' | 'same' | 'none' }[];
  trend: {
    chart: LineChart | null;
    rows: { date: string; pack: string; host: string; current: boolean; scores: string[]; fail: string; manual: string }[];
    frameworks: string[];
    note: string | null;
  };
}

export type { ChangeKind };

function outcomeText(t: Translate, s: FindingSide | null): string {
  if (!s) return '—';
  const o = t(`outcome.${s.outcome}` as MessageKey);
  return s.outcome === 'attested' && s.attestedOutcome ? `${o} (${t(`outcome.${s.attestedOutcome}` as MessageKey)})` : o;
}

function value(t: Translate, lang: Lang, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('quarterly.none');
  if (field === 'country' && typeof v === 'string') return countryLabel(lang, v);
  if (field === 'basis' && typeof v === 'string') return t(`residency.basis.${v}` as MessageKey).startsWith('residency.') ? visible(v) : t(`residency.basis.${v}` as MessageKey);
  if (field === 'outcome' && typeof v === 'string') return t(`outcome.${v}` as MessageKey).startsWith('outcome.') ? visible(v) : t(`outcome.${v}` as MessageKey);
  if (field === 'jurisdiction' && typeof v === 'string') return t(`jurisdiction.${v}` as MessageKey) === `jurisdiction.${v}` ? visible(v) : t(`jurisdiction.${v}` as MessageKey);
  if (typeof v === 'string') return visible(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    // A structured transfer basis: its mechanism and document say what changed.
    const o = v as Record<string, unknown>;
    const parts = ['mechanism', 'module', 'document', 'tiaDate'].filter((k) => o[k] !== undefined && o[k] !== null).map((k) => `${k} ${visible(String(o[k]))}`);
    return parts.length ? parts.join(', ') : visible(JSON.stringify(v));
  }
  return visible(String(v));
}

function changeRow(t: Translate, doc: FindingsDocument, lang: Lang, present: ReadonlySet<string>, c: FindingChange): ChangeRowView {
  const side = c.new ?? c.old!;
  return {
    kind: c.kind,
    id: c.id,
    anchor: present.has(c.id) ? anchor('f', c.id) : null,
    control: visible(c.control),
    title: visible(doc.controls[c.control]?.title[lang] ?? c.title),
    target: visible(c.target.name || c.target.identity || '—'),
    old: outcomeText(t, c.old),
    new: outcomeText(t, c.new),
    oldOutcome: c.old?.outcome ?? null,
    newOutcome: c.new?.outcome ?? null,
    because: c.because ? t(`quarterly.because.${c.because}` as MessageKey) : null,
    severity: side.severity,
    severityLabel: t(`severity.${side.severity}` as MessageKey),
  };
}

function endpointChange(t: Translate, lang: Lang, e: EndpointChange): QuarterlyView['endpoints'][number] {
  const reg = (b: boolean) => t(b ? 'quarterly.register.in' : 'quarterly.register.out');
  let change: string;
  const where = (s: NonNullable<EndpointChange['new']>) => [s.country ? countryLabel(lang, s.country) : '', value(t, lang, 'jurisdiction', s.jurisdiction)].filter(Boolean).join(' · ');
  if (e.kind === 'new-destination') change = `${where(e.new!)} · ${value(t, lang, 'outcome', e.new!.outcome)}`;
  else if (e.kind === 'removed-destination') change = t('quarterly.endpoint.was', { where: where(e.old!) });
  else change = e.fields.map((f) => `${t(`quarterly.field.${f}` as MessageKey)}: ${value(t, lang, f, e.old![f])} → ${value(t, lang, f, e.new![f])}`).join('; ');
  // Only a change of an endpoint present in both can move it into or out of the register.
  const register = e.kind === 'new-destination' ? reg(e.transfer.new) : e.kind === 'removed-destination' ? reg(e.transfer.old) : e.transfer.old === e.transfer.new ? reg(e.transfer.new) : `${reg(e.transfer.old)} → ${reg(e.transfer.new)}`;
  return { kind: t(`quarterly.endpoint.${e.kind}` as MessageKey), kindKey: e.kind, endpoint: visible(e.display), change, register };
}

function platformChange(t: Translate, lang: Lang, p: PlatformChange): QuarterlyView['platform'][number] {
  const v = (x: unknown) => (x === null || x === undefined ? t('quarterly.notMeasured') : typeof x === 'number' ? formatDecimal(lang, x) : value(t, lang, p.field, x));
  const field = t(`quarterly.platform.${p.field}` as MessageKey);
  return { aspect: t(`quarterly.aspect.${p.aspect}` as MessageKey), target: visible(p.targetName || p.target), field: field.startsWith('quarterly.') ? visible(p.field) : field, old: v(p.old), new: v(p.new) };
}

function frameworkLabel(t: Translate, k: string): string {
  const l = t(`framework.${k}` as MessageKey);
  return l === `framework.${k}` ? visible(k) : l;
}

/** A point's x label: its collection date, or its evaluation time when several audits share a date. */
function pointLabels(points: readonly TrendPoint[]): string[] {
  const dates = points.map((p) => isoDate(p.collectedAt ?? p.evaluatedAt));
  return dates.map((d, i) => (dates.filter((x) => x === d).length > 1 ? isoMinute(points[i].collectedAt ?? points[i].evaluatedAt).replace(/ UTC$/, '') : d));
}

export function quarterlyView(t: Translate, lang: Lang, doc: FindingsDocument, findings: readonly Finding[], failuresOnly: boolean): QuarterlyView | null {
  const q = doc.quarterly;
  if (!q || !q.previous) return null;
  const d = q.previous;
  const present = new Set(findings.map((f) => f.id));
  const o = d.old;
  const previous: QuarterlyView['previous'] = [
    { label: t('quarterly.prev.folder'), value: o.dir ? visible(o.dir) : t('quarterly.none'), mono: true },
    { label: t('quarterly.prev.collected'), value: `${isoMinute(o.collectedAt)} · ${t('quarterly.prev.evaluatedAt', { at: isoMinute(o.evaluatedAt) })}` },
    { label: t('quarterly.prev.host'), value: `${visible(o.host.hostname)}${o.host.engineId ? ` · ${t('quarterly.prev.engine', { id: visible(o.host.engineId) })}` : ''}` },
    { label: t('quarterly.prev.tool'), value: t('quarterly.prev.toolValue', { version: visible(o.toolVersion), benchmark: visible(o.benchmark), schema: visible(o.schemaVersion) }) },
    // Shortened: the only full SHA-256 values a pack prints are those of its own manifest.
    { label: t('quarterly.prev.manifest'), value: o.manifestSha256 ? t('quarterly.prev.manifestValue', { hash: `${o.manifestSha256.slice(0, 16)}…` }) : t('quarterly.none') },
    { label: t('quarterly.prev.signature'), value: o.signedBy ? t('quarterly.prev.signed', { key: visible(o.signedBy) }) : t('quarterly.prev.notChecked') },
  ];
  const notes: string[] = [];
  if (!d.sameHost) notes.push(t('quarterly.otherHost', { old: visible(o.host.hostname), new: visible(d.new.host.hostname) }));
  if (o.benchmark !== d.new.benchmark) notes.push(t('quarterly.otherBenchmark', { old: visible(o.benchmark), new: visible(d.new.benchmark) }));
  const kinds = [...MAIN_COUNTS, ...OTHER_COUNTS.filter((k) => d.counts[k] > 0)];
  const counts = kinds.map((k) => ({ kind: k, label: t(`quarterly.kind.${k}` as MessageKey), n: d.counts[k], nText: formatInt(lang, d.counts[k]) }));
  const countsLine = counts.map((c) => `${c.nText} ${c.label}`).join(' · ');
  const listed = failuresOnly ? LISTED_FAILURES : LISTED;
  const lists: ChangeListView[] = listed
    .map((k) => ({ kind: k, anchor: `since-${k}`, title: t(`quarterly.list.${k}` as MessageKey, { n: formatInt(lang, d.counts[k]) }), rows: d.findings.filter((c) => c.kind === k).map((c) => changeRow(t, doc, lang, present, c)), folded: k === 'changed' || k === 'gone' }))
    .filter((l) => l.rows.length > 0);
  const changed = LISTED.some((k) => d.counts[k] > 0);

  const hl = d.hostLocation;
  const scores = [...d.scores]
    .filter((s) => s.old !== null || s.new !== null)
    .sort((a, b) => FRAMEWORK_ORDER.indexOf(a.framework) - FRAMEWORK_ORDER.indexOf(b.framework))
    .map((s) => ({
      framework: s.framework,
      label: frameworkLabel(t, s.framework),
      old: s.old === null ? '—' : formatDecimal(lang, s.old),
      new: s.new === null ? '—' : formatDecimal(lang, s.new),
      delta: s.delta === null ? '—' : `${s.delta > 0 ? '+' : s.delta < 0 ? '−' : '±'}${formatDecimal(lang, Math.abs(s.delta))}`,
      trend: (s.delta === null ? 'none' : s.delta > 0 ? 'up' : s.delta < 0 ? 'down' : 'same') as 'up' | 'down' | 'same' | 'none',
    }));

  const points = q.history;
  const frameworks = FRAMEWORK_ORDER.filter((k) => points.some((p) => p.scores[k] !== null && p.scores[k] !== undefined));
  const labels = pointLabels(points);
  const values = points.flatMap((p) => frameworks.map((k) => p.scores[k])).filter((v): v is number => typeof v === 'number');
  // Scores 0-100; the axis starts at a round 10 below the lowest, so a change of a few points shows.
  const min = values.length ? Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10) : 0;
  const chart: LineChart | null =
    points.length >= 2 && frameworks.length
      ? {
          kind: 'line',
          title: t('quarterly.trend.chart', { n: formatInt(lang, points.length) }),
          labels,
          min,
          max: 100,
          series: frameworks.map((k) => ({ label: frameworkLabel(t, k), colour: FRAMEWORK_COLOURS[k] ?? '#455a64', values: points.map((p) => p.scores[k] ?? null) })),
          current: points.findIndex((p) => p.current) >= 0 ? points.findIndex((p) => p.current) : null,
        }
      : null;
  const trendRows = points.map((p, i) => ({
    date: labels[i],
    pack: p.current ? t('quarterly.thisRun') : visible(p.dir ?? '—'),
    host: visible(p.host.hostname),
    current: p.current,
    scores: frameworks.map((k) => (p.scores[k] === null || p.scores[k] === undefined ? '—' : formatDecimal(lang, p.scores[k]!))),
    fail: formatInt(lang, (p.counts.fail ?? 0) + (p.counts.warn ?? 0) + (p.counts.error ?? 0)),
    manual: formatInt(lang, p.counts.manual ?? 0),
  }));

  return {
    intro: t('quarterly.intro', { at: isoMinute(o.collectedAt ?? o.evaluatedAt) }),
    previous,
    notes,
    counts,
    countsLine,
    lists,
    noChanges: changed ? null : t('quarterly.noChanges'),
    // Transfers (in the register before or after) first: they are what a DPO reads.
    endpoints: [...d.endpoints].sort((a, b) => Number(b.transfer.old || b.transfer.new) - Number(a.transfer.old || a.transfer.new)).map((e) => endpointChange(t, lang, e)),
    hostLocation: hl ? t('quarterly.hostLocation', { old: `${countryLabel(lang, hl.old.country)} (${t(`residency.basis.${hl.old.basis}` as MessageKey)})`, new: `${countryLabel(lang, hl.new.country)} (${t(`residency.basis.${hl.new.basis}` as MessageKey)})` }) : null,
    platform: d.platform.map((p) => platformChange(t, lang, p)),
    scores,
    trend: { chart, rows: points.length >= 2 ? trendRows : [], frameworks: frameworks.map((k) => t(`quarterly.short.${k}` as MessageKey).startsWith('quarterly.') ? visible(k) : t(`quarterly.short.${k}` as MessageKey)), note: points.length >= 2 ? null : t('quarterly.trend.none') },
  };
}
