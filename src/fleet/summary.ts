/**
 * The fleet summary (src/findings/fleet.ts FleetSummary) from each host's findings.json and evidence:
 * hosts × sections with counts and scores, the virtualization verdict and storage class per host, the
 * fleet-wide transfer register (which hosts send where), and how the collection task's own container
 * fared in our container checks. Decided here, once; the fleet renderer only prints it.
 */
import { classLabel } from '../evidence/storage-classes';
import type { LoadedEvidence } from '../evidence/types';
import { FLEET_SCHEMA_VERSION, type CollectorCheckRow, type FleetCollection, type FleetHostRow, type FleetSummary, type FleetTransferRow, type HostCollectionRecord } from '../findings/fleet';

import { OUTCOMES, SECTIONS, type FindingsDocument, type Outcome } from '../findings/types';
import { TOOL_VERSION } from '../version';

export const ENGINE_API_ONLY = 'not assessed (engine API only)';

export interface EvaluatedHost {
  record: HostCollectionRecord;
  findings: FindingsDocument | null;
  evidence: LoadedEvidence | null;
  /** Pack files written in the host folder (audit-pack.html …), relative to it. */
  written: string[];
  /** Why the host's evidence could not be evaluated, if it could not. */
  error: string | null;
}

/** Worst first: the register shows the worst outcome among the hosts sending to a destination. */
const OUTCOME_RANK: Outcome[] = ['fail', 'error', 'warn', 'manual', 'attested', 'waived', 'info', 'not-applicable', 'pass'];
function worse(a: Outcome, b: Outcome): Outcome {
  return OUTCOME_RANK.indexOf(a) <= OUTCOME_RANK.indexOf(b) ? a : b;
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function virtCell(h: EvaluatedHost): FleetHostRow['virt'] {
  const file = h.evidence?.virt;
  if (!file) return { verdict: null, kernel: null, notAssessed: h.record.scope === 'engine-api-only' ? ENGINE_API_ONLY : 'no virtualization evidence' };
  if (file.status === 'failed' || file.status === 'skipped' || !file.data) return { verdict: null, kernel: null, notAssessed: `${file.status}: ${file.error ?? 'no data'}` };
  const d = rec(file.data) ?? {};
  // One line: the nearest hypervisor (or bare metal), its provider, and the container layers above it.
  const vm = typeof d.vm === 'string' ? `${d.vm}${typeof d.vmFlavour === 'string' ? ` (${d.vmFlavour})` : ''} VM` : d.machine === 'bare-metal' ? 'bare metal' : 'machine kind unknown';
  const provider = typeof d.provider === 'string' ? ` on ${d.provider}` : '';
  const layers = (Array.isArray(d.containers) ? d.containers : []).map(rec).filter((l): l is Record<string, unknown> => !!l).map((l) => String(l.runtime ?? l.kind ?? l.name ?? 'container'));
  const verdict = `${vm}${provider}${layers.length ? `, inside ${layers.join(' › ')}` : ''}`;
  return { verdict, kernel: typeof d.kernel === 'string' ? d.kernel : null, notAssessed: null };
}

function storageCell(h: EvaluatedHost): FleetHostRow['storage'] {
  const file = h.evidence?.storage;
  if (!file) return { class: null, label: null, notAssessed: h.record.scope === 'engine-api-only' ? ENGINE_API_ONLY : 'no storage evidence' };
  if (file.status === 'failed' || file.status === 'skipped' || !file.data) return { class: null, label: null, notAssessed: `${file.status}: ${file.error ?? 'no data'}` };
  const d = file.data;
  const t = d.primary !== null && d.primary !== undefined ? d.targets[d.primary] : undefined;
  const c = t?.classification?.consistentWith ?? null;
  return c ? { class: c, label: classLabel(c), notAssessed: null } : { class: null, label: null, notAssessed: 'no target was measured' };
}

function hostRow(h: EvaluatedHost, c: FleetCollection): FleetHostRow {
  const node = c.nodes.find((n) => n.id === h.record.nodeId) ?? null;
  const base: FleetHostRow = {
    folder: h.record.folder,
    name: h.record.name,
    status: h.record.status === 'collected' && h.findings ? 'collected' : 'not-collected',
    scope: h.record.scope,
    reason: h.record.reason ?? h.error,
    node: node ? { id: node.id, role: node.role, availability: node.availability, state: node.state, engineVersion: node.engineVersion, address: node.address } : null,
    counts: null,
    scores: {},
    sections: {},
    virt: { verdict: null, kernel: null, notAssessed: 'not collected' },
    storage: { class: null, label: null, notAssessed: 'not collected' },
    gaps: [],
    pack: null,
  };
  if (!h.findings) return base;
  const run = h.findings.run;
  const scores: Record<string, number | null> = {};
  for (const [fw, s] of Object.entries(run.score.byFramework)) scores[fw] = s.value;
  const sections: FleetHostRow['sections'] = {};
  for (const [name, s] of Object.entries(run.score.bySection)) sections[name as keyof FleetHostRow['sections']] = { counts: s.counts, score: s.score };
  const file = (f: string) => (h.written.includes(f) ? `${h.record.folder}/${f}` : null);
  return {
    ...base,
    counts: run.counts,
    scores,
    sections,
    virt: virtCell(h),
    storage: storageCell(h),
    gaps: run.collectors.filter((x) => x.status !== 'ok').map((x) => ({ collector: x.name, status: x.status, reason: x.error ?? (x.status === 'partial' ? 'partial' : x.status) })),
    pack: { findings: `${h.record.folder}/findings.json`, html: file('audit-pack.html'), pdf: file('audit-pack.pdf') },
  };
}

function transfers(hosts: readonly EvaluatedHost[]): FleetTransferRow[] {
  const byDest = new Map<string, FleetTransferRow>();
  for (const h of hosts) {
    for (const e of h.findings?.residency?.endpoints ?? []) {
      if (e.jurisdiction === 'internal') continue;
      const row = byDest.get(e.display) ?? { destination: e.display, country: e.country, jurisdiction: e.jurisdiction, transferBasis: e.transferBasis, outcome: 'pass' as Outcome, hosts: [] };
      const outcome = e.findings.length ? (h.findings!.findings.filter((f) => e.findings.includes(f.id)).map((f) => f.outcome).reduce(worse, 'pass' as Outcome)) : e.outcome;
      row.outcome = worse(row.outcome, outcome);
      row.hosts.push({ host: h.record.name, foundIn: e.foundIn, outcome });
      byDest.set(e.display, row);
    }
  }
  return [...byDest.values()].sort((a, b) => OUTCOME_RANK.indexOf(a.outcome) - OUTCOME_RANK.indexOf(b.outcome) || a.destination.localeCompare(b.destination));
}

/** Our container checks on the collection task's own container (named `<service>.<node>.<task>`), per host. */
function collectorChecks(hosts: readonly EvaluatedHost[], serviceName: string | null): CollectorCheckRow[] {
  if (!serviceName) return [];
  const rows = new Map<string, CollectorCheckRow>();
  for (const h of hosts) {
    for (const f of h.findings?.findings ?? []) {
      if (f.target.kind !== 'container' || !f.target.name.startsWith(`${serviceName}.`)) continue;
      const row = rows.get(f.control) ?? { check: f.check, control: f.control, title: f.title, outcomes: [] };
      row.outcomes.push({ host: h.record.name, outcome: f.outcome });
      rows.set(f.control, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.control.localeCompare(b.control, 'en', { numeric: true }));
}

export function buildFleetSummary(c: FleetCollection, hosts: readonly EvaluatedHost[], now = new Date().toISOString()): FleetSummary {
  const rows = hosts.map((h) => hostRow(h, c));
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) if (r.counts) for (const o of OUTCOMES) totals[o] += r.counts[o];
  return {
    kind: 'residency-audit-fleet-summary',
    schemaVersion: FLEET_SCHEMA_VERSION,
    toolVersion: TOOL_VERSION,
    evaluatedAt: now,
    mode: c.mode,
    collectedAt: c.startedAt,
    sections: [...SECTIONS],
    hosts: rows,
    totals: { hosts: rows.length, collected: rows.filter((r) => r.status === 'collected').length, notCollected: rows.filter((r) => r.status !== 'collected').length, counts: totals },
    transfers: transfers(hosts),
    collector: { service: c.service, checks: collectorChecks(hosts, c.service?.name ?? null) },
  };
}
