import type { CollectorName, EvidenceData } from '../evidence/types';
import type { LocalText, Outcome, Reference, Section, Severity, Target, Waiver } from '../findings/types';
export type { LocalText };

/**
 * A text a check writes: one string per pack language, or (until a check's texts are translated) an
 * English string, which the runner uses for both languages.
 */
export type Text = LocalText;

/** Options a check may read; everything that would otherwise come from a clock, env or config file. */
export interface CheckOptions {
  /** Evaluation time (ISO), for waiver expiry and evidence age; checks never read the clock. */
  now: string;
  /** Residency settings from `residency.yaml` (see residency checks). */
  residency?: Record<string, unknown>;
  /** Extra settings keyed by check id. */
  [key: string]: unknown;
}

/** A place in a collector's data that a result was decided from (RFC 6901 pointer relative to `data`). */
export interface DecidedFrom {
  collector: CollectorName;
  /** e.g. `/containers/3/HostConfig/Privileged`; `""` = the whole of the collector's data. */
  pointer: string;
}

/** One result of a check for one target. The runner turns results into findings. */
export interface CheckResult {
  outcome: Exclude<Outcome, 'waived' | 'attested'>;
  target: Target;
  observed?: unknown;
  expected?: unknown;
  /** One sentence naming the target and what was found. */
  message: Text;
  /** Per-target fix (e.g. the corrected `docker run` line); falls back to the check's remediation. */
  remediation?: Text;
  /** Per-target severity override (e.g. a dangerous capability is critical). */
  severity?: Severity;
  /** Where the result was read from; default: the whole data of every collector the check requires. */
  decidedFrom?: DecidedFrom[];
}

export interface CheckMeta<K extends CollectorName = CollectorName> {
  /**
   * Stable check id, independent of any benchmark's numbering: `cis.<slug>` for CIS Docker Benchmark
   * controls (their numbers per benchmark version are in src/frameworks), `<family>-<slug>` otherwise.
   */
  id: string;
  /** What the control wants, phrased as a state ("Containers run unprivileged"), at most 120 characters. */
  title: Text;
  section: Section;
  severity: Severity;
  /** CIS profile level, where known. */
  level?: 1 | 2;
  /** true: decided from evidence; false: only a human can decide (outcome manual with what to look at). */
  automated: boolean;
  /** How the check decides, in one or two sentences (printed by `residency-audit checks`). */
  decidedBy: Text;
  rationale: Text;
  remediation: Text;
  references: Reference[];
  /** Collectors whose evidence the check reads; the check sees only these. */
  requires: readonly K[];
  /** The CIS Docker Benchmark 1.6.0 number this check implements, for benchmark controls. */
  cis?: string;
  /** The check's message templates (`templates(...).templates`), for the catalog tests of every language. */
  messages?: Readonly<Record<string, LocalText>>;
}

export interface Check<K extends CollectorName = CollectorName> extends CheckMeta<K> {
  /** Pure and synchronous: no I/O, no clock, no process.env. */
  evaluate(evidence: Pick<EvidenceData, K>, options: CheckOptions): CheckResult[];
}

/** A check with its input type erased, as the registry holds it. */
export type AnyCheck = Check<CollectorName>;

export type { Waiver };
