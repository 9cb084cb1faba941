/**
 * The residency part's own view: the endpoint register (what, where found, addresses, country,
 * jurisdiction, outcome) and the data-flow chart by jurisdiction, printed from the residency record
 * in findings.json (decided at evaluation). The row outcome is the worst of the endpoint's findings,
 * so a waiver shows. Nothing here decides a jurisdiction.
 */
import { JURISDICTION_KEYS, type EndpointRecord, type JurisdictionKey, type ResidencyRecord } from '../../findings/residency';
import type { Finding, Outcome } from '../../findings/types';
import { formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
import { JURISDICTION_COLOURS, type StackedBarChart } from '../charts/spec';
import { anchor, visible } from '../format';
import type { RenderInput } from '../types';

export { JURISDICTION_KEYS, type JurisdictionKey };

export interface EndpointRow {
  id: string;
  endpoint: string;
  foundIn: string;
  addresses: string;
  country: string;
  jurisdiction: JurisdictionKey | null;
  jurisdictionLabel: string;
  /** Where the location came from: declared, provider region, the host, geolocation. */
  basisLabel: string;
  declared: boolean;
  outcome: Outcome | null;
  outcomeLabel: string;
  anchor: string | null;
}

export interface ResidencyView {
  notAssessed: string | null;
  /** The plain-language GDPR Chapter V summary (decided at evaluation), one string per paragraph. */
  summary: string[];
  /** Why the summary could not be written from evidence that is present (malformed or older format). */
  summaryError: string | null;
  notes: string[];
  warnings: string[];
  rows: EndpointRow[];
  chart: StackedBarChart | null;
}

/** Worst first: the outcome an endpoint row shows when several findings judged it. */
const WORST: readonly Outcome[] = ['fail', 'error', 'warn', 'manual', 'waived', 'attested', 'info', 'not-applicable', 'pass'];

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function monthsBetween(fromIso: string, toIso: string): number | null {
  const a = Date.parse(fromIso);
  const b = Date.parse(toIso);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor((b - a) / (30.44 * 24 * 3600 * 1000));
}

function geolocationNotes(t: Translate, lang: Lang, geo: unknown, evaluatedAt: string, notes: string[], warnings: string[]): void {
  const g = rec(geo);
  if (!g) {
    notes.push(t('residency.geoDbNone'));
    return;
  }
  const date = str(g.buildDate);
  notes.push(t('residency.geoDb', { description: visible(str(g.description) ?? '—'), date: date ? visible(date) : t('cover.unknown'), licence: visible(str(g.licence) ?? '') }).trim());
  const months = date ? monthsBetween(date, evaluatedAt) : null;
  if (months !== null && months > 6) warnings.push(t('residency.geoDbOld', { months: formatInt(lang, months) }));
}

function rowOf(t: Translate, e: EndpointRecord, byId: Map<string, Finding>): EndpointRow {
  const fs = e.findings.map((id) => byId.get(id)).filter((f): f is Finding => !!f);
  const worst = WORST.find((o) => fs.some((f) => f.outcome === o)) ?? e.outcome;
  const addresses = e.addresses.length
    ? e.addresses.map((a) => visible(a.ip)).join(', ')
    : e.resolution.error
      ? `${t('residency.unresolved')} (${visible(e.resolution.error)})`
      : t('residency.unresolved');
  const countries = [...new Set(e.addresses.map((a) => (a.internal ? t('residency.internal') : a.country ?? '?')))];
  const pr = e.providerRegion;
  const country = pr ? `${visible(pr.country)} (${visible(pr.provider)} ${visible(pr.region)})` : e.declared && e.country ? visible(e.country) : countries.map(visible).join(', ') || '—';
  const found = e.foundIn.map(visible);
  // The same grouping as the summary, the register and the chart (on-host endpoints are internal).
  const group: JurisdictionKey = e.group ?? e.jurisdiction;
  return {
    id: e.id,
    endpoint: visible(e.display),
    foundIn: found.slice(0, 4).join('; ') + (found.length > 4 ? `; … (+${found.length - 4})` : ''),
    addresses,
    country,
    jurisdiction: group,
    jurisdictionLabel: t(`jurisdiction.${group}` as MessageKey),
    basisLabel: t(`residency.basis.${['declared', 'provider-region', 'host', 'geolocation'].includes(e.basis) ? e.basis : 'none'}` as MessageKey),
    declared: e.declared,
    outcome: worst,
    outcomeLabel: t(`outcome.${worst}` as MessageKey),
    anchor: fs.length ? anchor('c', fs[0].control) : null,
  };
}

export function residencyView(t: Translate, lang: Lang, input: RenderInput): ResidencyView {
  const file = input.evidence.residency;
  const record: ResidencyRecord | null = input.findings.residency;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (!record) {
    const reason = file ? visible(file.error ?? t(`status.${file.status}` as MessageKey)) : t('scope.collectorMissing', { collector: t('collector.residency.name'), what: t('collector.residency.subject') });
    return { notAssessed: reason, summary: [], summaryError: null, notes, warnings, rows: [], chart: null };
  }
  geolocationNotes(t, lang, record.geolocation, input.findings.run.evaluatedAt, notes, warnings);
  const mode = record.resolver.mode;
  if (mode === 'dns' || mode === 'none' || mode === 'injected') notes.push(t(`residency.resolver.${mode}` as MessageKey));
  // Only hashes the manifest lists are printed: the config as stored in the pack, or the evidence that recorded it.
  const hash = (p: string) => input.manifest.find((m) => m.path === p)?.sha256 ?? null;
  if (record.config.source === 'audit-config') notes.push(t('residency.declaredConfig', { sha: hash('config.json') ?? '—' }));
  else if (record.config.source === 'collection') notes.push(t('residency.declaredCollection', { file: visible(record.config.file ?? '—'), sha: hash('evidence/residency.json') ?? '—' }));
  if (record.config.differsFromCollection) notes.push(t('residency.declaredAtRender'));
  notes.push(t('residency.caveat'));

  const byId = new Map(input.findings.findings.map((f) => [f.id, f]));
  // The host's own addresses are judged by residency-host-location, not listed as data flows.
  const flows = record.endpoints.filter((e) => e.kinds.some((k) => k !== 'host-address'));
  const rows = flows.map((e) => rowOf(t, e, byId));
  // Third countries and open questions first: that is what a reader of this table is looking for.
  const rank = (r: EndpointRow) => (r.outcome ? WORST.indexOf(r.outcome) : WORST.length);
  rows.sort((a, b) => rank(a) - rank(b) || a.endpoint.localeCompare(b.endpoint));
  return {
    notAssessed: null,
    summary: record.summary[lang].map(visible),
    summaryError: record.error ? visible(record.error[lang]) : null,
    notes,
    warnings,
    rows,
    chart: jurisdictionChart(t, lang, rows, flows),
  };
}

function jurisdictionChart(t: Translate, lang: Lang, rows: readonly EndpointRow[], endpoints: readonly EndpointRecord[]): StackedBarChart | null {
  if (rows.length === 0) return null;
  const kindsById = new Map(endpoints.map((e) => [e.id, e.kinds.filter((k) => k !== 'host-address')]));
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
  for (const [k, list] of [...kinds].sort((a, b) => b[1].length - a[1].length).slice(0, 10)) chartRows.push({ label: t(`flow.${k}` as MessageKey), segments: tally(list) });
  const used = new Set(rows.map(keyOf));
  return {
    kind: 'stacked',
    title: t('residency.chart'),
    rows: chartRows,
    legend: JURISDICTION_KEYS.filter((k) => used.has(k)).map((k) => ({ label: t(`jurisdiction.${k}` as MessageKey), colour: JURISDICTION_COLOURS[k] })),
  };
}
