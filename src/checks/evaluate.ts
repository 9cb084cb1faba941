import type { CollectorName, EvidenceData, EvidenceFile, LoadedEvidence } from '../evidence/types';
import { fingerprint } from '../findings/fingerprint';
import type { Finding } from '../findings/types';
import { hostTarget } from './targets';
import type { AnyCheck, CheckOptions, CheckResult } from './types';

export type { LoadedEvidence };

function hostnameOf(ev: LoadedEvidence): string {
  for (const file of Object.values(ev)) if (file?.host?.hostname) return file.host.hostname;
  return 'unknown-host';
}

/** Why a required collector gives nothing to decide from, or null when its data is there. */
function unavailable(name: CollectorName, file: EvidenceFile | undefined): { outcome: 'error' | 'manual'; why: string } | null {
  if (!file) return { outcome: 'error', why: `evidence/${name}.json is missing` };
  if (file.status === 'skipped') return { outcome: 'manual', why: `the ${name} collector was skipped${file.error ? `: ${file.error}` : ''}; not assessed` };
  if (file.status === 'failed' || file.data === null || file.data === undefined) {
    return { outcome: 'error', why: `the ${name} collector failed: ${file.error ?? 'no data'}` };
  }
  return null;
}

function toFinding(check: AnyCheck, r: CheckResult): Finding {
  return {
    control: check.id,
    title: check.title,
    section: check.section,
    outcome: r.outcome,
    severity: r.severity ?? check.severity,
    target: r.target,
    observed: r.observed ?? null,
    expected: r.expected ?? null,
    message: r.message,
    remediation: r.remediation ?? check.remediation,
    references: check.references,
    evidence: check.requires.map((n) => `evidence/${n}.json`),
    fingerprint: fingerprint(check.id, r.target),
  };
}

/** Run one check, turning missing evidence and exceptions into `error`/`manual` findings (never pass). */
export function runCheck(check: AnyCheck, ev: LoadedEvidence, options: CheckOptions): Finding[] {
  const host = hostTarget(hostnameOf(ev));
  for (const name of check.requires) {
    const gap = unavailable(name, ev[name]);
    if (gap) return [toFinding(check, { outcome: gap.outcome, target: host, message: `Not evaluated: ${gap.why}.` })];
  }
  const input = {} as Record<CollectorName, unknown>;
  for (const name of check.requires) input[name] = ev[name]!.data;
  let results: CheckResult[];
  try {
    results = check.evaluate(input as EvidenceData, options);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return [toFinding(check, { outcome: 'error', target: host, message: `The check failed while evaluating: ${why}` })];
  }
  if (results.length === 0) {
    const r: CheckResult = check.automated
      ? { outcome: 'not-applicable', target: host, message: 'Nothing on this host to which the control applies.' }
      : { outcome: 'manual', target: host, message: `Needs a person to decide: ${check.decidedBy}` };
    return [toFinding(check, r)];
  }
  return results.map((r) => toFinding(check, r));
}

export function evaluateChecks(checks: readonly AnyCheck[], ev: LoadedEvidence, options: CheckOptions): Finding[] {
  return checks.flatMap((c) => runCheck(c, ev, options));
}
