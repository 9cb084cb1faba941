/**
 * The check catalog as evaluated: one ControlRecord per check, with every text in every pack language
 * and the benchmark's own id and label. Recorded in findings.json, so a pack shows the texts its
 * findings were decided with, whatever tool version renders it.
 */
import { createHash } from 'node:crypto';
import { controlIdOf, isBenchmarkCheck, referencesIn, type Benchmark } from '../frameworks/benchmarks';
import type { ControlRecord, Waiver } from '../findings/types';
import type { AnyCheck } from './types';

/** The checks of a benchmark: every non-benchmark check, and the benchmark checks this version has. */
export function checksFor(checks: readonly AnyCheck[], benchmark: Benchmark): AnyCheck[] {
  return checks.filter((c) => !isBenchmarkCheck(c) || benchmark.entryFor(c) !== null);
}

export function controlRecord(check: AnyCheck, benchmark: Benchmark): ControlRecord {
  const entry = benchmark.entryFor(check);
  const control = controlIdOf(check, benchmark);
  return {
    check: check.id,
    control,
    title: check.title,
    section: check.section,
    severity: check.severity,
    // The level of the selected version (1.6.0 and 1.8.0 differ for 3.17-3.22 and 4.12).
    ...(entry ? { level: entry.level } : check.level ? { level: check.level } : {}),
    automated: check.automated,
    ...(entry ? { benchmark: { name: benchmark.name, version: benchmark.version, id: entry.id, assessment: entry.assessment } } : {}),
    decidedBy: check.decidedBy,
    rationale: check.rationale,
    remediation: check.remediation,
    // The CIS reference cites the selected version's number and title.
    references: referencesIn(check, benchmark),
    requires: [...check.requires],
  };
}

/** Control records keyed by control id, in catalog order. */
export function controlRecords(checks: readonly AnyCheck[], benchmark: Benchmark): Record<string, ControlRecord> {
  const out: Record<string, ControlRecord> = {};
  for (const c of checksFor(checks, benchmark)) {
    const r = controlRecord(c, benchmark);
    if (out[r.control]) throw new Error(`two checks have control id ${r.control} in ${benchmark.id}: ${out[r.control].check} and ${c.id}`);
    out[r.control] = r;
  }
  return out;
}

/**
 * Waivers written in the numbering of `written` (the config's `benchmark`), for a run evaluated in
 * `run`: a control id that names a different check in the two versions (`cis-2.7` is TLS in 1.6.0,
 * devicemapper in 1.8.0) is rewritten to the stable check id it meant, so a waiver never moves to
 * another check; ids the run shows the same way are kept as written.
 */
export function waiversFor<W extends Pick<Waiver, 'control'>>(waivers: readonly W[], checks: readonly AnyCheck[], written: Benchmark, run: Benchmark): W[] {
  if (written.id === run.id) return [...waivers];
  return waivers.map((w) => {
    const meant = checks.find((c) => written.entryFor(c) !== null && controlIdOf(c, written) === w.control);
    if (!meant || controlIdOf(meant, run) === w.control) return w;
    return { ...w, control: meant.id };
  });
}

/** SHA-256 of the catalog's records (ids, texts, severities, references): changes whenever any check's content does. */
export function catalogHash(records: Record<string, ControlRecord>): string {
  const h = createHash('sha256');
  for (const id of Object.keys(records).sort()) h.update(`${JSON.stringify(records[id])}\n`);
  return h.digest('hex');
}
