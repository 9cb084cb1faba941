/**
 * Draft texts of the data questions (DSP-19.1 location, DSP-10.1 transfers, DSP-05.1 data flows,
 * DSP-13.1 sub-processing), written from the residency decisions recorded in findings.json: which
 * endpoint is where, under which jurisdiction, on which basis. Nothing is re-decided here.
 */
import type { EndpointRecord, JurisdictionKey } from '../findings/residency';
import type { FindingsDocument } from '../findings/types';
import { translator, type Lang, type MessageKey, type Translate } from '../i18n';
import type { Question } from './caiq';
import { dataEndpoints, type ClassifiedFinding, type Decision, type FindingState } from './decide';
import { mechanismLabel } from '../render/views/transfers';
import { countryName, draftContext, messageOf, nameList, targetName, titleOf } from './text';

type Texts = { draft: string; confirm: string[] };

const bullet = (l: string) => `• ${l}`;

function kindsOf(t: Translate, e: EndpointRecord): string {
  return e.kinds.filter((k) => k !== 'host-address').map((k) => t(`answers.endpointKind.${k}` as MessageKey)).join(', ');
}

/** `logs.example.cn:514 (log destination, China)`. */
function describe(t: Translate, lang: Lang, e: EndpointRecord): string {
  if (!e.country) return t('answers.endpointKinds', { id: e.id, kinds: kindsOf(t, e) });
  return t('answers.endpoint', { id: e.id, kinds: kindsOf(t, e), country: countryName(lang, e.country) });
}

/** EEA first, then adequate, adequate in part, third countries; by country name within each. */
const JURISDICTION_ORDER: readonly JurisdictionKey[] = ['eea', 'eea-special', 'adequate', 'adequate-partial', 'third-country', 'internal', 'unknown'];

function internalIds(doc: FindingsDocument): Set<string> {
  return new Set(doc.residency?.groups.find((g) => g.jurisdiction === 'internal')?.endpoints ?? []);
}

/** The endpoint finding's state (waivers applied), else the recorded outcome. */
function endpointState(d: Decision, e: EndpointRecord): FindingState | null {
  const c = d.related.find((x) => x.finding.check === 'residency-endpoint-jurisdiction' && (x.finding.target.id === e.id || e.findings.includes(x.finding.id)));
  return c?.state ?? null;
}

function hostSentence(t: Translate, doc: FindingsDocument, lang: Lang): string {
  const h = doc.residency?.host;
  const host = doc.run.host?.hostname || '?';
  if (!h?.country) return t('answers.location.hostUnknown', { host });
  return t(h.basis === 'declared' ? 'answers.location.hostDeclared' : 'answers.location.hostGeolocated', { host, country: countryName(lang, h.country) });
}

/** Confirm items for findings no category below speaks for: errors and excepted endpoints. */
function otherConfirm(t: Translate, doc: FindingsDocument, lang: Lang, items: readonly ClassifiedFinding[]): string[] {
  return items
    .filter((c) => c.finding.outcome === 'error' || c.state === 'exception')
    .map((c) => t('answers.confirm.finding', { title: titleOf(doc, c.finding, lang), targets: targetName(c.finding), message: messageOf(c.finding, lang) }));
}

function locationTexts(doc: FindingsDocument, d: Decision, lang: Lang): Texts {
  const t = translator(lang);
  const ctx = draftContext(doc, lang);
  const internal = internalIds(doc);
  const endpoints = dataEndpoints(doc);
  const external = endpoints.filter((e) => !internal.has(e.id));
  const byCountry = new Map<string, { jurisdiction: JurisdictionKey; items: EndpointRecord[] }>();
  const unknown: EndpointRecord[] = [];
  for (const e of external) {
    if (!e.country || e.jurisdiction === 'unknown') {
      unknown.push(e);
      continue;
    }
    const row = byCountry.get(e.country) ?? { jurisdiction: e.jurisdiction, items: [] };
    row.items.push(e);
    byCountry.set(e.country, row);
  }
  const lines: string[] = [];
  const rows = [...byCountry].sort(([a, x], [b, y]) => JURISDICTION_ORDER.indexOf(x.jurisdiction) - JURISDICTION_ORDER.indexOf(y.jurisdiction) || countryName(lang, a).localeCompare(countryName(lang, b), lang));
  for (const [code, row] of rows) {
    lines.push(t('answers.location.country', { country: countryName(lang, code), jurisdiction: t(`answers.jurisdiction.${row.jurisdiction}` as MessageKey), endpoints: nameList(t, row.items.map((e) => t('answers.endpointKinds', { id: e.id, kinds: kindsOf(t, e) })), '; ') }));
  }
  if (unknown.length) lines.push(t('answers.location.unknown', { endpoints: nameList(t, unknown.map((e) => t('answers.endpointKinds', { id: e.id, kinds: kindsOf(t, e) })), '; ') }));
  const inside = endpoints.filter((e) => internal.has(e.id)).length;
  if (inside) lines.push(t('answers.location.internal', { n: inside }));
  const count = (b: string) => external.filter((e) => e.basis === b).length;
  const draft = [
    hostSentence(t, doc, lang),
    t('caiq.DSP-19.1.lead', ctx),
    ...lines.map(bullet),
    t('answers.location.bases', { declared: count('declared'), provider: count('provider-region'), geolocated: count('geolocation') }),
    t('answers.draft.footer', ctx),
  ].join('\n');

  const confirm: string[] = [];
  const h = doc.residency?.host;
  if (!h?.country || h.basis !== 'declared') confirm.push(t('answers.confirm.hostLocation', { host: ctx.host }));
  if (unknown.length) confirm.push(t('answers.confirm.unknownLocation', { endpoints: nameList(t, unknown.map((e) => e.id)) }));
  const geolocated = external.filter((e) => e.country && e.jurisdiction !== 'unknown' && e.basis === 'geolocation');
  if (geolocated.length) {
    confirm.push(t('answers.confirm.geolocated', { endpoints: nameList(t, geolocated.map((e) => e.id)) }));
    const stale = d.related.find((c) => c.finding.check === 'residency-geolocation-freshness' && c.state !== 'pass' && c.state !== 'na');
    if (stale) confirm.push(t('answers.confirm.finding', { title: titleOf(doc, stale.finding, lang), targets: targetName(stale.finding), message: messageOf(stale.finding, lang) }));
  }
  confirm.push(...otherConfirm(t, doc, lang, d.related.filter((c) => c.finding.check !== 'residency-geolocation-freshness')));
  return { draft, confirm };
}

type TransferCategory = 'thirdNoBasis' | 'notAllowed' | 'thirdBasis' | 'partialBasis' | 'partial' | 'unknown' | 'adequate' | 'eea';
const CATEGORY_ORDER: readonly TransferCategory[] = ['thirdNoBasis', 'notAllowed', 'thirdBasis', 'partialBasis', 'partial', 'unknown', 'adequate', 'eea'];

/**
 * The transfer basis declared for an endpoint, in the pack's language: the structured `transfer`
 * (mechanism, document, TIA date) as the register shows it, else the older free text; null when none.
 */
function declaredBasis(t: Translate, e: EndpointRecord): string | null {
  const tr = e.transfer;
  if (tr && tr.mechanism !== 'none') return [mechanismLabel(t, tr), tr.document, tr.tiaDate ? `TIA ${tr.tiaDate}` : null].filter(Boolean).join(', ');
  return tr?.basisText ?? e.transferBasis ?? null;
}

function categoryOf(t: Translate, e: EndpointRecord, state: FindingState | null): TransferCategory {
  const failed = state === 'fail' || state === 'exception' || (state === null && e.outcome === 'fail');
  const covered = declaredBasis(t, e) !== null && e.transfer?.status !== 'missing' && !failed;
  switch (e.jurisdiction) {
    case 'third-country':
      return covered ? 'thirdBasis' : 'thirdNoBasis';
    case 'adequate-partial':
      return covered ? 'partialBasis' : 'partial';
    case 'adequate':
      return failed ? 'notAllowed' : 'adequate';
    case 'eea':
    case 'eea-special':
      return failed ? 'notAllowed' : 'eea';
    default:
      return 'unknown';
  }
}

function transferTexts(doc: FindingsDocument, d: Decision, lang: Lang): Texts {
  const t = translator(lang);
  const ctx = draftContext(doc, lang);
  const internal = internalIds(doc);
  const endpoints = dataEndpoints(doc);
  const cats = new Map<TransferCategory, EndpointRecord[]>();
  for (const e of endpoints.filter((x) => !internal.has(x.id))) {
    const c = categoryOf(t, e, endpointState(d, e));
    cats.set(c, [...(cats.get(c) ?? []), e]);
  }
  const lines: string[] = [];
  const host = d.related.find((c) => c.finding.check === 'residency-host-location');
  if (host && (host.state === 'fail' || host.state === 'exception')) lines.push(t('answers.transfer.host', { host: ctx.host, country: countryName(lang, doc.residency?.host.country) }));
  for (const c of CATEGORY_ORDER) {
    const list = cats.get(c);
    if (!list?.length) continue;
    const withBasis = c === 'thirdBasis' || c === 'partialBasis';
    const items = list.map((e) => (withBasis ? t('answers.endpointWithBasis', { endpoint: describe(t, lang, e), basis: declaredBasis(t, e) ?? '' }) : describe(t, lang, e)));
    lines.push(t(`answers.transfer.${c}` as MessageKey, { endpoints: nameList(t, items, '; ') }));
  }
  const inside = endpoints.filter((e) => internal.has(e.id)).length;
  if (inside) lines.push(t('answers.transfer.internal', { n: inside }));
  const draft = lines.length ? [t('caiq.DSP-10.1.lead', ctx), ...lines.map(bullet), t('answers.draft.footer', ctx)].join('\n') : '';

  const confirm: string[] = [];
  for (const e of [...(cats.get('thirdBasis') ?? []), ...(cats.get('partialBasis') ?? [])]) confirm.push(t('answers.confirm.transferBasis', { endpoint: describe(t, lang, e), basis: declaredBasis(t, e) ?? '' }));
  for (const e of cats.get('partial') ?? []) confirm.push(t('answers.confirm.partial', { endpoint: describe(t, lang, e) }));
  const unknown = cats.get('unknown') ?? [];
  if (unknown.length) confirm.push(t('answers.confirm.unknownLocation', { endpoints: nameList(t, unknown.map((e) => e.id)) }));
  // Adequate countries whose decision an EEA EFTA exporter cannot rely on yet, and the like: the finding says why.
  for (const c of d.related.filter((x) => x.state === 'open' && x.finding.outcome === 'manual')) {
    const e = endpoints.find((x) => x.id === c.finding.target.id);
    if (e && (e.jurisdiction === 'adequate' || e.jurisdiction === 'eea-special')) confirm.push(t('answers.confirm.finding', { title: titleOf(doc, c.finding, lang), targets: e.id, message: messageOf(c.finding, lang) }));
  }
  confirm.push(...otherConfirm(t, doc, lang, d.related));
  return { draft, confirm };
}

function dataFlowTexts(doc: FindingsDocument, lang: Lang): Texts {
  const t = translator(lang);
  const ctx = draftContext(doc, lang);
  const endpoints = dataEndpoints(doc);
  if (!endpoints.length) return { draft: '', confirm: [] };
  const byKind = new Map<string, string[]>();
  for (const e of endpoints) for (const k of e.kinds) if (k !== 'host-address') byKind.set(k, [...(byKind.get(k) ?? []), e.id]);
  const lines = [...byKind].map(([k, ids]) => t('answers.flows.kind', { kind: t(`answers.endpointKind.${k}` as MessageKey), n: ids.length, endpoints: nameList(t, ids) }));
  return { draft: [t('caiq.DSP-05.1.lead', { ...ctx, n: endpoints.length }), ...lines.map(bullet), t('answers.draft.footer', ctx)].join('\n'), confirm: [] };
}

function subProcessingTexts(doc: FindingsDocument, d: Decision, lang: Lang): Texts {
  const t = translator(lang);
  const ctx = draftContext(doc, lang);
  const internal = internalIds(doc);
  const external = dataEndpoints(doc).filter((e) => !internal.has(e.id));
  const lines = external.map((e) => {
    const endpoint = describe(t, lang, e);
    if (!e.provider) return t('answers.sub.noProvider', { endpoint });
    if (e.provider.parent) return t('answers.sub.providerParent', { endpoint, provider: e.provider.name, parent: e.provider.parent, parentCountry: countryName(lang, e.provider.parentCountry) });
    return t('answers.sub.provider', { endpoint, provider: e.provider.name });
  });
  const draft = lines.length ? [t('caiq.DSP-13.1.lead', ctx), ...lines.map(bullet), t('answers.draft.footer', ctx)].join('\n') : '';
  const confirm: string[] = [];
  const undeclared = external.filter((e) => !e.provider);
  if (undeclared.length) confirm.push(t('answers.confirm.providers', { endpoints: nameList(t, undeclared.map((e) => e.id)) }));
  for (const c of d.related.filter((x) => x.finding.check === 'residency-foreign-control' && x.state !== 'pass' && x.state !== 'na')) {
    confirm.push(t('answers.confirm.finding', { title: titleOf(doc, c.finding, lang), targets: targetName(c.finding), message: messageOf(c.finding, lang) }));
  }
  return { draft, confirm };
}

export function residencyTexts(q: Question, doc: FindingsDocument, d: Decision, lang: Lang): Texts {
  if (!doc.residency) return { draft: '', confirm: [] };
  switch (q.rule) {
    case 'location':
      return locationTexts(doc, d, lang);
    case 'transfers':
      return transferTexts(doc, d, lang);
    case 'data-flows':
      return dataFlowTexts(doc, lang);
    case 'sub-processing':
      return subProcessingTexts(doc, d, lang);
    default:
      return { draft: '', confirm: [] };
  }
}
