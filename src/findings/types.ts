/**
 * The findings contract (`findings.json`): the complete, versioned record of one run. Renderers, CI
 * gates, `answer` and `diff` read only this and the evidence; nothing is re-decided after evaluation.
 * Versioned under data-semver like the evidence: an unknown major version is refused on load, an
 * older minor one is accepted.
 */
import type { CollectorName, EvidenceFileRecord } from '../evidence/types';

export type { EvidenceFileRecord };
import type { ResidencyRecord } from './residency';
import type { Registers } from './registers';
import type { QuarterlyRecord } from '../quarterly/types';

/** 2.1: `registers` (waivers and attestations as applied), `quarterly` (since the last audit, trend), `expiredWaiver`/`expiredAttestation` on findings. */
export const FINDINGS_SCHEMA_VERSION = '2.1.0';

/**
 * "Could not check" is `error` or `manual`, never `pass`. `not-applicable` never counts as pass.
 * `attested`: a person's recorded answer to a manual control (see attestations); scored like its
 * `attestedOutcome`. `waived`: an accepted risk with an expiry; not scored.
 */
export type Outcome = 'pass' | 'fail' | 'warn' | 'info' | 'manual' | 'not-applicable' | 'error' | 'waived' | 'attested';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'warn', 'info', 'manual', 'not-applicable', 'error', 'waived', 'attested'];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Highest first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Pack sections; every check belongs to one. */
export type Section = 'residency' | 'virtualization' | 'host' | 'daemon' | 'daemon-files' | 'images' | 'containers' | 'operations' | 'swarm' | 'network' | 'storage';
export const SECTIONS: readonly Section[] = ['residency', 'virtualization', 'host', 'daemon', 'daemon-files', 'images', 'containers', 'operations', 'swarm', 'network', 'storage'];

export type TargetKind = 'host' | 'daemon' | 'container' | 'image' | 'network' | 'volume' | 'endpoint' | 'swarm' | 'file' | 'storage' | 'port';

export interface Target {
  kind: TargetKind;
  /** Id in this collection: container/image/network id, file path, endpoint address, host name. */
  id: string;
  /** Human name (container name without the leading slash, image tag, ...). */
  name: string;
  /** Container state at collection time (running, created, exited, ...), when it has one. */
  state?: string;
  /**
   * What identifies the target across audits when its id does not survive re-creation: a container's
   * compose project/service or name, an image's repository tag. The fingerprint is built from it.
   */
  identity?: string;
  /** The compose project/service or swarm service a container belongs to. */
  workload?: string;
}

/** A text in every language the pack is written in. English is canonical (machine formats use it). */
export interface LocalText {
  en: string;
  nb: string;
}

export type Framework = 'CIS Docker Benchmark 1.6.0' | 'CIS Docker Benchmark 1.8.0' | 'GDPR' | 'ISO/IEC 27001:2022' | 'CSA CAIQ v4' | 'Datatilsynet' | 'Other';

export interface Reference {
  framework: Framework;
  /** e.g. `5.5`, `Art. 46`, `A.8.9`, `DSP-19`. */
  id: string;
  title?: string;
  url?: string;
}

export interface Waiver {
  /** A control id as shown in the findings (`cis-5.5`) or a check's stable id (`cis.privileged`). */
  control: string;
  /** Limit the waiver to one target id, name or identity; absent = every target of the control. */
  target?: string;
  justification: string;
  approvedBy: string;
  /** ISO date or date-time (UTC). A date-only expiry ends at the end of that day UTC. */
  expires: string;
}

/** What a person may attest a manual control as. */
export type AttestedOutcome = 'pass' | 'fail' | 'not-applicable';
export const ATTESTED_OUTCOMES: readonly AttestedOutcome[] = ['pass', 'fail', 'not-applicable'];

/** A person's recorded answer to a manual control, as written in attestations.yaml (src/config/attestations.ts). */
export interface Attestation {
  /** A control id as shown in the findings (`cis-5.9`) or a check's stable id (`cis.needed-ports`). */
  control: string;
  /** Glob (`*`, `?`) on the target name, identity or id; absent = every target of the control. */
  target?: string;
  outcome: AttestedOutcome;
  statement: string;
  by: { name: string; role?: string };
  /** When it was attested: ISO date or date-time (UTC). */
  at: string;
  /** What it rests on: a document, ticket or link. */
  basis?: string;
  /** ISO date or date-time (UTC); default one year after `at`. A date-only expiry ends at the end of that day UTC. */
  expires: string;
}

/** Where in the evidence a finding was decided from. */
export interface EvidenceRef {
  /** Pack-relative path, e.g. `evidence/docker.json`; its SHA-256 is in `run.evidence`. */
  file: string;
  /** RFC 6901 JSON pointers into that file (e.g. `/data/containers/3/HostConfig/Privileged`); `""` = the whole file. */
  pointers: string[];
}

export interface Finding {
  /** Stable id of this finding (= fingerprint): the same check on the same target keeps it across audits. */
  id: string;
  /** Stable check id, independent of benchmark numbering (`cis.privileged`, `virt-shared-kernel`). */
  check: string;
  /** Control id as shown in this run's benchmark (`cis-5.5`); for checks outside a benchmark, the check id. */
  control: string;
  title: string;
  section: Section;
  outcome: Outcome;
  /** The outcome before a waiver was applied (only on waived findings). */
  waivedOutcome?: Outcome;
  waiver?: Waiver;
  /** The attested outcome and who attested it (only on attested findings). */
  attestedOutcome?: AttestedOutcome;
  attestation?: AttestationRecord;
  /** A waiver that matched but had expired at evaluation: the finding keeps (and is scored by) its own outcome. */
  expiredWaiver?: Waiver;
  /** An attestation that matched but had expired at evaluation: the finding is manual again. */
  expiredAttestation?: Attestation;
  severity: Severity;
  target: Target;
  /** What was seen, as evidence values (e.g. `{ CapAdd: ["SYS_ADMIN"] }`). */
  observed: unknown;
  /** What the control requires. */
  expected: unknown;
  /** One sentence naming the target and the result, in every pack language. */
  message: LocalText;
  /** The exact fix for this target: a `docker run` flag, compose key or daemon.json option. */
  remediation: LocalText;
  references: Reference[];
  /** Which evidence the finding was decided from. */
  evidence: EvidenceRef[];
  /** Same as `id`; kept for readers of schema 1.x. */
  fingerprint: string;
}

export interface AttestationRecord {
  statement: string;
  by: { name: string; role?: string };
  /** ISO date(-time) of the attestation. */
  at: string;
  /** What it rests on: a document, ticket or link. */
  basis?: string;
  expires: string;
}

/** A check as it was evaluated: the pack prints these texts, never the ones of the tool that renders. */
export interface ControlRecord {
  check: string;
  control: string;
  title: LocalText;
  section: Section;
  severity: Severity;
  /** CIS profile level, where known. */
  level?: 1 | 2;
  /** How this tool decides: from evidence (true) or by a person (false). */
  automated: boolean;
  /** The benchmark's own id and its Automated/Manual label, for benchmark controls. */
  benchmark?: { name: string; version: string; id: string; assessment: 'automated' | 'manual' };
  decidedBy: LocalText;
  rationale: LocalText;
  remediation: LocalText;
  references: Reference[];
  requires: CollectorName[];
}


export interface RunInfo {
  tool: 'residency-audit';
  toolVersion: string;
  schemaVersion: string;
  /** When the findings were evaluated (ISO). */
  evaluatedAt: string;
  /** When the evidence was collected (earliest collector start, ISO). */
  collectedAt: string | null;
  /** When the last collector ended (ISO). */
  collectedUntil: string | null;
  host: HostInfo;
  engine: { version: string | null; apiVersion: string | null; endpoint: string | null; os: string | null } | null;
  collectors: { name: string; version: string; status: string; error?: string }[];
  /** Every evidence file evaluated, with the SHA-256 of the bytes that were read. */
  evidence: EvidenceFileRecord[];
  /** The check catalog the findings were evaluated with. */
  catalog: { benchmark: string; checks: number; sha256: string };
  /** The audit configuration used (config.json, hashed as stored in the pack; null when none) and what the pack prints of it. */
  config: { sha256: string | null; organisation: string | null; period: string | null; preparedBy: string | null; signoff?: Signoff | null };
  /** Who ran the evaluation and how (from the process, not the evidence). */
  invocation: { user: string | null; uid: number | null; command: string | null; hostname: string | null } | null;
  counts: Record<Outcome, number>;
  score: ScoreSummary;
  /** Evidence files that no longer matched manifest.json (report --allow-modified): the pack is not verifiable. */
  evidenceModified?: string[];
  /** The pack folder had no manifest and was evaluated with --allow-unverified. */
  unverified?: boolean;
  /** What could not be collected or inspected (engine died, inspections failed): the pack is incomplete. */
  gaps: string[];
}

/** A person in the sign-off block. */
export interface SignoffPerson {
  name: string;
  role?: string;
}

/** The sign-off names and roles from the audit config (`signoff:`). */
export interface Signoff {
  preparedBy?: SignoffPerson;
  reviewedBy?: SignoffPerson;
  approvedBy?: SignoffPerson;
  dpo?: SignoffPerson;
}

export interface HostInfo {
  hostname: string;
  engineId: string | null;
  os: string | null;
  kernel: string | null;
  /** Host addresses seen (interfaces or engine-reported), for the cover. */
  addresses: string[];
}

export interface FrameworkScore {
  /** 0-100, or null when nothing was scored. */
  value: number | null;
  counts: Record<Outcome, number>;
}

export interface ScoreSummary {
  /** Kept for readers of schema 1.x: the CIS score (never a blend of GDPR and CIS). */
  value: number | null;
  formula: string;
  /** One score per framework: `residency` (GDPR Chapter V), `cis` (container hardening), `host` (virtualization, storage). */
  byFramework: Record<string, FrameworkScore>;
  bySection: Record<string, { counts: Record<Outcome, number>; score: number | null }>;
}

/**
 * One corrected `docker run` line per container that fixes every failed or warned container control
 * at once (the fixes of the single checks combined), with what a command cannot fix.
 */
export interface ContainerRemediation {
  container: { id: string; name: string; state: string | null; image: string; workload: string | null };
  /** Control ids the command fixes, in benchmark order. */
  controls: string[];
  /** Ids of the findings the command fixes. */
  findings: string[];
  /** Failed or warned controls of this container the command does not fix (image rebuild, a person's choice). */
  notFixed: { control: string; finding: string; reason: string }[];
  /** Commands to run first (e.g. `docker network create app-net`). */
  before: string[];
  /** The corrected command. Environment values and labels are left out: they may hold secrets. */
  command: string;
  /** Options taken out of and put into the container's command line. */
  removed: string[];
  added: string[];
  /** The same as a compose service, when the container came from compose (its labels name project and service). */
  compose: string | null;
}

export interface FindingsDocument {
  run: RunInfo;
  /** Every check evaluated, keyed by control id as shown. */
  controls: Record<string, ControlRecord>;
  findings: Finding[];
  /** Residency decisions as evaluated (register, summary, host location); null without residency evidence. */
  residency: ResidencyRecord | null;
  /** The waiver and attestation registers as applied at `run.evaluatedAt` (schema 2.1; absent in 2.0 documents). */
  registers?: Registers;
  /** What changed since the previous audit and the score trend (`--previous`, `--history`); null without them. */
  quarterly?: QuarterlyRecord | null;
  /** One corrected command per container with a failed or warned container control (absent in older documents). */
  remediation?: ContainerRemediation[];
}
