/**
 * The residency part's own view: the endpoint register (what, where found, addresses, country,
 * jurisdiction, outcome) and the data-flow chart by jurisdiction. Outcomes and jurisdictions come
 * from the residency findings (decided by the checks, declared locations first); addresses and
 * countries from the evidence. Evidence is read defensively: an older or partial file still renders.
 */
import type { ResidencyEvidence } from '../../evidence/types/residency';
import type { Finding, Outcome } from '../../findings/types';
import { formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
import { JURISDICTION_COLOURS, type StackedBarChart } from '../charts/spec';
import { visible } from '../format';
import { normalizeResidencyConfig } from '../../residency/config';
import { effectiveConfig } from '../../residency/decide';
import { residencySummary } from '../../residency/summary';
import type { RenderInput } from '../types';

export const JURISDICTION_KEYS = ['eea', 'eea-special', 'adequate', 'adequate-partial', 'third-country', 'internal', 'unknown'] as const;
export type JurisdictionKey = (typeof JURISDICTION_KEYS)[number];

export interface EndpointRow {
  id: string;
  endpoint: string;
  foundIn: string;
  addresses: string;
  country: string;
  jurisdiction: JurisdictionKey | null;
  jurisdictionLabel: string;
  declared: boolean;
  outcome: Outcome | null;
  outcomeLabel: string;
  anchor: string | null;
}

export interface ResidencyView {
  notAssessed: string | null;
  /** The plain-language GDPR Chapter V summary (src/residency/summary.ts), one string per paragraph. */
  summary: string[];
  /** Why the summary could not be written from evidence that is present (malformed or older format). */
  summaryError: string | null;
  notes: string[];
  warnings: string[];
  rows: EndpointRow[];
  chart: StackedBarChart | null;
}

/** Worst first: the outcome an endpoint row shows when several checks judged it. */
const WORST: readonly Outcome[] = ['fail', 'error', 'warn', 'manual', 'waived', 'info', 'not-applicable', 'pass'];

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Jurisdiction as a check recorded it in `observed` (top level or one level down), when it did. */
function jurisdictionOf(f: Finding): { key: JurisdictionKey; declared: boolean } | null {
  for (const o of [rec(f.observed), ...Object.values(rec(f.observed) ?? {}).map(rec)]) {
    const j = o ? str(o.jurisdiction) : null;
    if (j && (JURISDICTION_KEYS as readonly string[]).includes(j)) {
      const source = o ? str(o.source) ?? str(o.locationSource) : null;
      return { key: j as JurisdictionKey, declared: !!o?.declared || source === 'declared' || str(o?.basis) === 'declared' };
    }
  }
  return null;
}

function monthsBetween(fromIso: string, toIso: string): number | null {
  const a = Date.parse(fromIso);
  const b = Date.parse(toIso);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor((b - a) / (30.44 * 24 * 3600 * 1000));
}

export function residencyView(t: Translate, lang: Lang, input: RenderInput, findings: readonly Finding[]): ResidencyView {
  const file = input.evidence.residency;
  const data = file && file.status !== 'failed' && file.status !== 'skipped' ? rec(file.data) : null;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (!data) {
    const reason = file ? visible(file.error ?? t(`status.${file.status}` as MessageKey)) : t('scope.collectorMissing', { collector: t('collector.residency.name'), what: t('collector.residency.subject') });
    return { notAssessed: reason, summary: [], summaryError: null, notes, warnings, rows: [], chart: null };
  }
  const chapterV = chapterVSummary(t, lang, input, data);

  const geo = rec(data.geolocation);
  if (geo) {
    const date = str(geo.buildDate);
    notes.push(t('residency.geoDb', { description: visible(str(geo.description) ?? '—'), date: date ? visible(date) : t('cover.unknown'), licence: visible(str(geo.licence) ?? '') }).trim());
    const months = date ? monthsBetween(date, input.findings.run.evaluatedAt) : null;
    if (months !== null && months > 6) warnings.push(t('residency.geoDbOld', { months: formatInt(lang, months) }));
  } else {
    notes.push(t('residency.geoDbNone'));
  }
  const mode = str(rec(data.resolver)?.mode);
  if (mode === 'dns' || mode === 'none' || mode === 'injected') notes.push(t(`residency.resolver.${mode}` as MessageKey));
  const declared = rec(data.declared);
  if (declared && str(declared.file)) notes.push(t('residency.declared', { file: visible(str(declared.file)!), sha: visible((str(declared.sha256) ?? '—').slice(0, 16)) }));
  if (chapterV.configDiffers) notes.push(t('residency.declaredAtRender'));
  notes.push(t('residency.caveat'));

  const byTarget = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.section !== 'residency' || f.target.kind !== 'endpoint') continue;
    const list = byTarget.get(f.target.id);
    if (list) list.push(f);
    else byTarget.set(f.target.id, [f]);
  }

  const rows: EndpointRow[] = [];
  const seen = new Set<string>();
  for (const e of arr(data.endpoints)) {
    const ep = rec(e);
    const id = ep ? str(ep.id) : null;
    if (!ep || !id) continue;
    seen.add(id);
    const found = arr(ep.foundIn)
      .map(rec)
      .filter((x): x is Record<string, unknown> => !!x)
      .map((x) => {
        const obj = rec(x.object);
        const where = obj ? `${str(obj.type) ?? ''} ${str(obj.name) ?? str(obj.id) ?? ''}`.trim() : '';
        return visible([where, str(x.field)].filter(Boolean).join(': '));
      });
    const uniqueFound = [...new Set(found)];
    const addrs = arr(ep.addresses).map(rec).filter((x): x is Record<string, unknown> => !!x);
    const resolution = rec(ep.resolution);
    const addressText = addrs.length
      ? addrs.map((a) => visible(str(a.ip) ?? '?')).join(', ')
      : resolution && str(resolution.error)
        ? `${t('residency.unresolved')} (${visible(str(resolution.error)!)})`
        : t('residency.unresolved');
    const provider = rec(ep.providerRegion);
    const countries = [...new Set(addrs.map((a) => (a.internal === true ? t('residency.internal') : str(a.country) ?? '?')))];
    const country = provider && str(provider.country) ? `${visible(str(provider.country)!)} (${visible(str(provider.provider) ?? '')} ${visible(str(provider.region) ?? '')})`.replace(/\s+\)/, ')') : countries.map(visible).join(', ') || '—';
    const fs = byTarget.get(id) ?? [];
    const worst = WORST.find((o) => fs.some((f) => f.outcome === o)) ?? null;
    const j = fs.map(jurisdictionOf).find((x) => x !== null) ?? null;
    const host = str(ep.host) ?? id;
    const port = typeof ep.port === 'number' ? `:${ep.port}` : '';
    const scheme = str(ep.scheme);
    rows.push({
      id,
      endpoint: visible(`${scheme ? `${scheme}://` : ''}${host.includes(':') ? `[${host}]` : host}${port}`),
      foundIn: uniqueFound.slice(0, 4).join('; ') + (uniqueFound.length > 4 ? `; … (+${uniqueFound.length - 4})` : ''),
      addresses: addressText,
      country,
      jurisdiction: j?.key ?? null,
      jurisdictionLabel: j ? t(`jurisdiction.${j.key}` as MessageKey) + (j.declared ? ` (${t('residency.declaredTag')})` : '') : '—',
      declared: j?.declared ?? false,
      outcome: worst,
      outcomeLabel: worst ? t(`outcome.${worst}` as MessageKey) : '—',
      anchor: fs.length ? `c-${fs[0].control.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : null,
    });
  }
  // Endpoints judged by a check but not in the evidence list (older evidence): still shown.
  for (const [id, fs] of byTarget) {
    if (seen.has(id)) continue;
    const worst = WORST.find((o) => fs.some((f) => f.outcome === o)) ?? null;
    const j = fs.map(jurisdictionOf).find((x) => x !== null) ?? null;
    rows.push({
      id,
      endpoint: visible(fs[0].target.name || id),
      foundIn: '—',
      addresses: '—',
      country: '—',
      jurisdiction: j?.key ?? null,
      jurisdictionLabel: j ? t(`jurisdiction.${j.key}` as MessageKey) : '—',
      declared: j?.declared ?? false,
      outcome: worst,
      outcomeLabel: worst ? t(`outcome.${worst}` as MessageKey) : '—',
      anchor: null,
    });
  }
  // Third countries and open questions first: that is what a reader of this table is looking for.
  const rank = (r: EndpointRow) => (r.outcome ? WORST.indexOf(r.outcome) : WORST.length);
  rows.sort((a, b) => rank(a) - rank(b) || a.endpoint.localeCompare(b.endpoint));

  return { notAssessed: null, summary: chapterV.paragraphs, summaryError: chapterV.error, notes, warnings, rows, chart: jurisdictionChart(t, lang, rows, arr(data.endpoints)) };
}

/** Same config, whatever form it was written in (the normalised form is canonical). */
function sameConfig(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(normalizeResidencyConfig(a)) === JSON.stringify(normalizeResidencyConfig(b));
  } catch {
    return false;
  }
}

/**
 * The Chapter V summary, decided with the config the checks used: the audit config's residency
 * section when the caller passes it (`report DIR --config`), else the one the evidence recorded at
 * collection, else defaults (`effectiveConfig`, as in the residency checks), so it agrees with the
 * findings. Evidence that does not have the expected shape gives a reason, never a throw.
 */
function chapterVSummary(t: Translate, lang: Lang, input: RenderInput, data: Record<string, unknown>): { paragraphs: string[]; error: string | null; configDiffers: boolean } {
  const given = input.config.residency;
  const recorded = rec(data.declared)?.config ?? null;
  const configDiffers = given !== undefined && given !== null && !sameConfig(given, recorded);
  if (!Array.isArray(data.endpoints)) return { paragraphs: [], error: t('residency.summary.unreadable', { reason: t('residency.summary.noEndpointList') }), configDiffers };
  try {
    const evidence = data as unknown as ResidencyEvidence;
    const summary = residencySummary(evidence, effectiveConfig(given, evidence), lang);
    return { paragraphs: summary.paragraphs.map(visible), error: null, configDiffers };
  } catch (err) {
    return { paragraphs: [], error: t('residency.summary.unreadable', { reason: visible(err instanceof Error ? err.message : String(err)) }), configDiffers };
  }
}

function jurisdictionChart(t: Translate, lang: Lang, rows: readonly EndpointRow[], endpoints: readonly unknown[]): StackedBarChart | null {
  if (rows.length === 0) return null;
  const kindsById = new Map<string, string[]>();
  for (const e of endpoints) {
    const ep = rec(e);
    if (ep && str(ep.id)) kindsById.set(str(ep.id)!, arr(ep.kinds).filter((k): k is string => typeof k === 'string'));
  }
  const keyOf = (r: EndpointRow): JurisdictionKey => r.jurisdiction ?? 'unknown';
  const tally = (list: readonly EndpointRow[]) => {
    const c = new Map<JurisdictionKey, number>();
    for (const r of list) c.set(keyOf(r), (c.get(keyOf(r)) ?? 0) + 1);
    return JURISDICTION_KEYS.filter((k) => c.has(k)).map((k) => ({ value: c.get(k)!, colour: JURISDICTION_COLOURS[k], label: t(`jurisdiction.${k}` as MessageKey) }));
  };
  const chartRows = [{ label: `${t('residency.endpoints')} (${formatInt(lang, rows.length)})`, segments: tally(rows) }];
  // One bar per kind of data flow (published port, env, volume, logging, ...): where each kind goes.
  const kinds = new Map<string, EndpointRow[]>();
  for (const r of rows) for (const k of kindsById.get(r.id) ?? []) kinds.set(k, [...(kinds.get(k) ?? []), r]);
  for (const [k, list] of [...kinds].sort((a, b) => b[1].length - a[1].length).slice(0, 10)) chartRows.push({ label: visible(k), segments: tally(list) });
  const used = new Set(rows.map(keyOf));
  return {
    kind: 'stacked',
    title: t('residency.chart'),
    rows: chartRows,
    legend: JURISDICTION_KEYS.filter((k) => used.has(k)).map((k) => ({ label: t(`jurisdiction.${k}` as MessageKey), colour: JURISDICTION_COLOURS[k] })),
  };
}

