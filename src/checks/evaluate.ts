import type { CollectorName, EvidenceFile, LoadedEvidence } from '../evidence/types';
import { fingerprint } from '../findings/fingerprint';
import type { ControlRecord, EvidenceRef, Finding, LocalText } from '../findings/types';
import { benchmarkById, DEFAULT_BENCHMARK } from '../frameworks/benchmarks';
import { controlRecord, controlRecords } from './catalog';
import { gapResults, uninspectedOf, watchReads, type ReadWatch } from './gaps';
import { hostTarget } from './targets';
import type { AnyCheck, CheckOptions, CheckResult } from './types';

export type { LoadedEvidence };

function hostnameOf(ev: LoadedEvidence): string {
  for (const file of Object.values(ev)) if (file?.host?.hostname) return file.host.hostname;
  return 'unknown-host';
}

/** Why a required collector gives nothing to decide from, or null when its data is there. */
function unavailable(name: CollectorName, file: EvidenceFile | undefined): { outcome: 'error' | 'manual'; why: LocalText } | null {
  if (!file) return { outcome: 'error', why: { en: `evidence/${name}.json is missing`, nb: `evidence/${name}.json mangler` } };
  if (file.status === 'skipped') {
    const reason = file.error ? `: ${file.error}` : '';
    return { outcome: 'manual', why: { en: `the ${name} collector was skipped${reason}; not assessed`, nb: `innsamleren ${name} ble hoppet over${reason}; ikke vurdert` } };
  }
  if (file.status === 'failed' || file.data === null || file.data === undefined) {
    const reason = file.error ?? 'no data';
    return { outcome: 'error', why: { en: `the ${name} collector failed: ${reason}`, nb: `innsamleren ${name} feilet: ${reason}` } };
  }
  return null;
}

/** RFC 6901 pointers of a result, grouped per evidence file (default: the whole data of each required collector). */
function evidenceRefs(check: AnyCheck, r: CheckResult): EvidenceRef[] {
  const from = r.decidedFrom?.length ? r.decidedFrom : check.requires.map((collector) => ({ collector, pointer: '' }));
  const byFile = new Map<string, string[]>();
  for (const d of from) {
    const file = `evidence/${d.collector}.json`;
    const list = byFile.get(file) ?? [];
    const pointer = `/data${d.pointer}`;
    if (!list.includes(pointer)) list.push(pointer);
    byFile.set(file, list);
  }
  return [...byFile].map(([file, pointers]) => ({ file, pointers }));
}

function toFinding(record: ControlRecord, check: AnyCheck, r: CheckResult): Finding {
  const id = fingerprint(check.id, r.target);
  return {
    id,
    check: check.id,
    control: record.control,
    title: record.title.en,
    section: check.section,
    outcome: r.outcome,
    severity: r.severity ?? check.severity,
    target: r.target,
    observed: r.observed ?? null,
    expected: r.expected ?? null,
    message: r.message,
    remediation: r.remediation ?? record.remediation,
    references: record.references,
    evidence: evidenceRefs(check, r),
    fingerprint: id,
  };
}

/** Two results of one check on one target get distinct ids: the second and later are suffixed in order. */
function distinctIds(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    if (n === 1) return f;
    const id = `${f.id}-${n}`;
    return { ...f, id, fingerprint: id };
  });
}

/** Run one check, turning missing evidence and exceptions into `error`/`manual` findings (never pass). */
export function runCheck(check: AnyCheck, ev: LoadedEvidence, options: CheckOptions, record: ControlRecord = controlRecord(check, benchmarkById(DEFAULT_BENCHMARK))): Finding[] {
  const host = hostTarget(hostnameOf(ev));
  for (const name of check.requires) {
    const gap = unavailable(name, ev[name]);
    if (gap) return [toFinding(record, check, { outcome: gap.outcome, target: host, message: { en: `Not evaluated: ${gap.why.en}.`, nb: `Ikke vurdert: ${gap.why.nb}.` } })];
  }
  const input = {} as Record<CollectorName, unknown>;
  for (const name of check.requires) input[name] = ev[name]!.data;
  // Objects the engine listed but that could not be inspected: an error finding from every check that reads their kind (checks/gaps.ts).
  const missing = check.requires.includes('docker') ? uninspectedOf(ev.docker?.data) : [];
  let watch: ReadWatch | null = null;
  if (missing.length) {
    watch = watchReads(ev.docker!.data!);
    input.docker = watch.docker;
  }
  let results: CheckResult[];
  try {
    results = check.evaluate(input as never, options);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return [toFinding(record, check, { outcome: 'error', target: host, message: { en: `The check failed while evaluating: ${why}`, nb: `Kontrollen feilet under vurderingen: ${why}` } })];
  }
  if (watch) results = [...results, ...gapResults(missing, watch.read)];
  if (results.length === 0) {
    const r: CheckResult = check.automated
      ? { outcome: 'not-applicable', target: host, message: { en: 'Nothing on this host to which the control applies.', nb: 'Ingenting på denne verten som kontrollen gjelder for.' } }
      : { outcome: 'manual', target: host, message: { en: `Needs a person to decide: ${record.decidedBy.en}`, nb: `Må avgjøres av en person: ${record.decidedBy.nb}` } };
    return [toFinding(record, check, r)];
  }
  return distinctIds(results.map((r) => toFinding(record, check, r)));
}

/**
 * Evaluate checks against evidence. `records` (keyed by control id, see checks/catalog.ts) name the
 * controls in the run's benchmark; without them the tool's default benchmark is used.
 */
export function evaluateChecks(checks: readonly AnyCheck[], ev: LoadedEvidence, options: CheckOptions, records: Record<string, ControlRecord> = controlRecords(checks, benchmarkById(DEFAULT_BENCHMARK))): Finding[] {
  const byCheck = new Map(Object.values(records).map((r) => [r.check, r]));
  return checks.flatMap((c) => {
    const record = byCheck.get(c.id);
    return record ? runCheck(c, ev, options, record) : [];
  });
}
