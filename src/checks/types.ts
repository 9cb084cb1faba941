import type { CollectorName, EvidenceData } from '../evidence/types';
import type { Outcome, Reference, Section, Severity, Target, Waiver } from '../findings/types';

/** Options a check may read; everything that would otherwise come from a clock, env or config file. */
export interface CheckOptions {
  /** Evaluation time (ISO), for waiver expiry and evidence age; checks never read the clock. */
  now: string;
  /** Residency settings from `residency.yaml` (see residency checks). */
  residency?: Record<string, unknown>;
  /** Extra settings keyed by check id. */
  [key: string]: unknown;
}

/** One result of a check for one target. The runner turns results into findings. */
export interface CheckResult {
  outcome: Exclude<Outcome, 'waived'>;
  target: Target;
  observed?: unknown;
  expected?: unknown;
  /** One sentence naming the target and what was found. */
  message: string;
  /** Per-target fix (e.g. the corrected `docker run` line); falls back to the check's remediation. */
  remediation?: string;
  /** Per-target severity override (e.g. a dangerous capability is critical). */
  severity?: Severity;
}

export interface CheckMeta<K extends CollectorName = CollectorName> {
  /** `cis-<number>` for CIS Docker Benchmark 1.6.0 controls, `<family>-<slug>` otherwise. */
  id: string;
  /** What the control wants, phrased as a state ("Containers run unprivileged"), at most 120 characters. */
  title: string;
  section: Section;
  severity: Severity;
  /** CIS profile level, where known. */
  level?: 1 | 2;
  /** true: decided from evidence; false: only a human can decide (outcome manual with what to look at). */
  automated: boolean;
  /** How the check decides, in one or two sentences (printed by `residency-audit checks`). */
  decidedBy: string;
  rationale: string;
  remediation: string;
  references: Reference[];
  /** Collectors whose evidence the check reads; the check sees only these. */
  requires: readonly K[];
}

export interface Check<K extends CollectorName = CollectorName> extends CheckMeta<K> {
  /** Pure and synchronous: no I/O, no clock, no process.env. */
  evaluate(evidence: Pick<EvidenceData, K>, options: CheckOptions): CheckResult[];
}

/** A check with its input type erased, as the registry holds it. */
export type AnyCheck = Check<CollectorName>;

export type { Waiver };
