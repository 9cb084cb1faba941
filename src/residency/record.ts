/**
 * The residency part of findings.json: every decision the pack shows about where data is and flows,
 * made here once (with the same functions as the residency checks) so a renderer never re-decides.
 */
import type { ResidencyEvidence } from '../evidence/types/residency';
import type { Finding, LocalText } from '../findings/types';
import { translator } from '../i18n';
import type { EndpointRecord, JurisdictionKey, ResidencyRecord, TransferRecord, TransferRegisterRow, TransferStatus } from '../findings/residency';
import { normalizeResidencyConfig } from './config';
import { decideAll, effectiveConfig, type EndpointDecision } from './decide';
import { groupOf, summaryOf } from './summary';
import type { TransferAssessment } from './transfer';

/** Same config, whatever form it was written in (the normalised form is canonical). */
function sameConfig(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(normalizeResidencyConfig(a)) === JSON.stringify(normalizeResidencyConfig(b));
  } catch {
    return false;
  }
}

function display(e: EndpointDecision['endpoint']): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `${e.scheme ? `${e.scheme}://` : ''}${host}${e.port !== null && e.port !== undefined ? `:${e.port}` : ''}`;
}

function transferRecord(t: TransferAssessment): TransferRecord {
  return { mechanism: t.mechanism, module: t.module, derogation: t.derogation, act: t.act, document: t.document, tiaDate: t.tiaDate, note: t.note, basisText: t.basisText, status: t.status, reason: t.reason, text: t.text };
}

const STATUS_ORDER: Record<TransferStatus, number> = { missing: 0, 'covered-needs-review': 1, covered: 2 };

/** The transfer register: one row per data flow leaving the EEA or of unknown location, missing bases first. */
function register(records: readonly EndpointRecord[], evidence: ResidencyEvidence): TransferRegisterRow[] {
  const byId = new Map(evidence.endpoints.map((e) => [e.id, e]));
  const rows: TransferRegisterRow[] = [];
  for (const r of records) {
    if (!r.transfer || !r.kinds.some((k) => k !== 'host-address')) continue;
    const containers = new Set<string>();
    const objects = new Set<string>();
    for (const f of byId.get(r.id)?.foundIn ?? []) {
      if (f.object?.type === 'container') containers.add(f.object.name);
      else if (f.object) objects.add(`${f.object.type} ${f.object.name}`);
      // Volume options name the containers that mount them: "Options device (mounted by web, worker)".
      const mounted = /\(mounted by ([^)]+)\)/.exec(f.field);
      if (mounted) for (const n of mounted[1].split(/,\s*/)) if (n.trim()) containers.add(n.trim());
    }
    rows.push({ endpoint: r.id, display: r.display, containers: [...containers], objects: [...objects], kinds: r.kinds, country: r.country, jurisdiction: r.jurisdiction, transfer: r.transfer, outcome: r.outcome, findings: r.findings });
  }
  return rows.sort((a, b) => STATUS_ORDER[a.transfer.status] - STATUS_ORDER[b.transfer.status] || a.endpoint.localeCompare(b.endpoint));
}

function endpointRecord(d: EndpointDecision, findingsByTarget: Map<string, string[]>): EndpointRecord {
  const e = d.endpoint;
  return {
    id: e.id,
    display: display(e),
    kinds: [...e.kinds],
    foundIn: [...new Set(e.foundIn.map((f) => `${f.object ? `${f.object.type} ${f.object.name}: ` : ''}${f.field}`))],
    addresses: e.addresses.map((a) => ({ ip: a.ip, range: a.range, internal: a.internal, country: a.country })),
    resolution: { method: e.resolution.method, error: e.resolution.error ?? null },
    country: d.verdict.country,
    jurisdiction: d.verdict.jurisdiction as JurisdictionKey,
    basis: d.basis,
    declared: d.basis === 'declared',
    provider: d.provider ? { name: d.provider.name, parent: d.provider.parent ?? null, parentCountry: d.provider.parentCountry ?? null } : null,
    providerRegion: e.providerRegion ?? null,
    transferBasis: d.declared?.transferBasis ?? null,
    group: groupOf(d) as JurisdictionKey,
    transfer: d.transfer ? transferRecord(d.transfer) : null,
    decision: d.verdict.decision,
    outcome: d.outcome,
    findings: findingsByTarget.get(e.id) ?? [],
  };
}

/**
 * Decide the residency record from the evidence and the config the checks used (the audit config's
 * residency section, else what the evidence recorded at collection, else defaults).
 */
export function residencyRecord(evidence: ResidencyEvidence, auditResidency: unknown, findings: readonly Finding[]): ResidencyRecord {
  const config = effectiveConfig(auditResidency, evidence);
  const source: ResidencyRecord['config']['source'] = auditResidency !== undefined && auditResidency !== null ? 'audit-config' : evidence.declared ? 'collection' : 'default';
  const findingsByTarget = new Map<string, string[]>();
  for (const f of findings) {
    if (f.section !== 'residency' || f.target.kind !== 'endpoint') continue;
    findingsByTarget.set(f.target.id, [...(findingsByTarget.get(f.target.id) ?? []), f.id]);
  }
  // Decided once: the summaries in both languages, the register and the chart all count these decisions.
  const { host, decisions } = decideAll(evidence, config);
  const en = summaryOf(evidence, host, decisions, 'en');
  const nb = summaryOf(evidence, host, decisions, 'nb');
  const endpoints = decisions.map((d) => endpointRecord(d, findingsByTarget));
  return {
    host: { country: host.country, basis: host.basis, detail: host.detail },
    endpoints,
    transfers: register(endpoints, evidence),
    summary: { en: en.paragraphs, nb: nb.paragraphs },
    groups: en.groups.map((g) => ({ jurisdiction: g.jurisdiction as JurisdictionKey, endpoints: g.endpoints, countries: g.countries })),
    config: { source, file: evidence.declared?.file ?? null, sha256: evidence.declared?.sha256 ?? null, differsFromCollection: source === 'audit-config' && !sameConfig(auditResidency, evidence.declared?.config ?? null) },
    geolocation: evidence.geolocation ?? null,
    resolver: { mode: evidence.resolver?.mode ?? null },
    error: null,
  };
}

/** The record when the evidence cannot be decided from (malformed or older format): the reason, never a throw. */
export function residencyRecordOrError(evidence: unknown, auditResidency: unknown, findings: readonly Finding[]): ResidencyRecord {
  const unreadable = (reason: LocalText): LocalText => ({
    en: translator('en')('residency.summary.unreadable', { reason: reason.en }),
    nb: translator('nb')('residency.summary.unreadable', { reason: reason.nb }),
  });
  const noList = { en: translator('en')('residency.summary.noEndpointList'), nb: translator('nb')('residency.summary.noEndpointList') };
  try {
    if (!Array.isArray((evidence as { endpoints?: unknown } | null)?.endpoints)) return emptyRecord(unreadable(noList));
    return residencyRecord(evidence as ResidencyEvidence, auditResidency, findings);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return emptyRecord(unreadable({ en: why, nb: why }));
  }
}

function emptyRecord(error: LocalText): ResidencyRecord {
  return {
    host: { country: null, basis: 'none', detail: '' },
    endpoints: [],
    transfers: [],
    summary: { en: [], nb: [] },
    groups: [],
    config: { source: 'default', file: null, sha256: null, differsFromCollection: false },
    geolocation: null,
    resolver: { mode: null },
    error,
  };
}
