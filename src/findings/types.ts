/**
 * The findings contract (`findings.json`), read by every renderer and by CI gates.
 * Versioned under data-semver like the evidence.
 */

export const FINDINGS_SCHEMA_VERSION = '1.0.0';

/** "Could not check" is `error` or `manual`, never `pass`. `not-applicable` never counts as pass. */
export type Outcome = 'pass' | 'fail' | 'warn' | 'info' | 'manual' | 'not-applicable' | 'error' | 'waived';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'warn', 'info', 'manual', 'not-applicable', 'error', 'waived'];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Highest first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Pack sections; every check belongs to one. */
export type Section = 'residency' | 'virtualization' | 'host' | 'daemon' | 'daemon-files' | 'images' | 'containers' | 'operations' | 'swarm' | 'network' | 'storage';

export type TargetKind = 'host' | 'daemon' | 'container' | 'image' | 'network' | 'volume' | 'endpoint' | 'swarm' | 'file' | 'storage';

export interface Target {
  kind: TargetKind;
  /** Stable id: container/image/network id, file path, endpoint address, host name. */
  id: string;
  /** Human name (container name without the leading slash, image tag, ...). */
  name: string;
  /** Container state at collection time (running, created, exited, ...), when it has one. */
  state?: string;
}

export type Framework = 'CIS Docker Benchmark 1.6.0' | 'GDPR' | 'ISO/IEC 27001:2022' | 'CSA CAIQ v4' | 'Datatilsynet' | 'Other';

export interface Reference {
  framework: Framework;
  /** e.g. `5.5`, `Art. 46`, `A.8.9`, `DSP-19`. */
  id: string;
  title?: string;
  url?: string;
}

export interface Waiver {
  control: string;
  /** Limit the waiver to one target id or name; absent = every target of the control. */
  target?: string;
  justification: string;
  approvedBy: string;
  /** ISO date; an expired waiver no longer applies and is reported as expired. */
  expires: string;
}

export interface Finding {
  /** Check id, e.g. `cis-5.5`, `virt-shared-kernel`, `residency-endpoint`. */
  control: string;
  title: string;
  section: Section;
  outcome: Outcome;
  /** The outcome before a waiver was applied (only on waived findings). */
  waivedOutcome?: Outcome;
  waiver?: Waiver;
  severity: Severity;
  target: Target;
  /** What was seen, as evidence values (e.g. `{ CapAdd: ["SYS_ADMIN"] }`). */
  observed: unknown;
  /** What the control requires. */
  expected: unknown;
  /** One sentence naming the target and the result. */
  message: string;
  /** The exact fix: a `docker run` flag, compose key or daemon.json option. */
  remediation: string;
  references: Reference[];
  /** Which evidence file(s) the finding was decided from. */
  evidence: string[];
  /** Deterministic id (control + target) for quarter-over-quarter diffs. */
  fingerprint: string;
}

export interface RunInfo {
  tool: 'residency-audit';
  toolVersion: string;
  schemaVersion: string;
  /** When the findings were evaluated (ISO). */
  evaluatedAt: string;
  /** When the evidence was collected (earliest collector start, ISO). */
  collectedAt: string | null;
  host: { hostname: string; engineId: string | null };
  engine: { version: string | null; endpoint: string | null } | null;
  collectors: { name: string; version: string; status: string; error?: string }[];
  counts: Record<Outcome, number>;
  score: ScoreSummary;
  /** Evidence files that no longer matched manifest.json (report --allow-modified): the pack is not verifiable. */
  evidenceModified?: string[];
}

export interface ScoreSummary {
  /** 0-100, or null when nothing was scored. */
  value: number | null;
  formula: string;
  bySection: Record<string, { counts: Record<Outcome, number>; score: number | null }>;
}

export interface FindingsDocument {
  run: RunInfo;
  findings: Finding[];
}
