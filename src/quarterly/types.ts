/**
 * Quarter over quarter (findings.json `quarterly`, and `residency-audit diff --json`): what changed
 * between an earlier pack and this one, and the scores over time. Decided when the later pack is
 * evaluated; the pack only prints it ("Since the last audit"). Findings are matched by their stable
 * id (fingerprint of the stable check id and the target's identity: container name or swarm service
 * slot, image tag; src/findings/fingerprint.ts).
 */
import type { AttestedOutcome, LocalText, Outcome, Section, Severity, TargetKind } from '../findings/types';

/**
 * How a finding compares, by its state: `failing` = fail, warn, error or attested as failing;
 * `ok` = pass, not-applicable, info, waived (an accepted risk while the waiver is valid) or attested
 * as passing / not applicable; `open` = manual (nobody decided).
 *
 * - `regressed`: in both packs, not failing before (ok or open), failing now. A waiver or an
 *   attestation that expired counts (`because` says so).
 * - `fixed`: in both packs, failing before, ok now (`new.outcome` tells whether it passes, does not
 *   apply, is attested, or is waived).
 * - `still-failing`: failing in both.
 * - `changed`: in both, not failing now, neither fixed nor unchanged: the outcome differs (pass →
 *   manual, manual → attested, an expired attestation back to manual, fail → manual).
 * - `unchanged`: in both, same outcome (and attested outcome), not failing. Counted, not listed.
 * - `new`: only in the later pack, and failing (a new problem: a new target or a new check).
 * - `added`: only in the later pack, not failing.
 * - `gone`: only in the earlier pack (its target or its check is no longer there); `old.state` says
 *   whether a problem went with it.
 */
export type ChangeKind = 'regressed' | 'new' | 'fixed' | 'still-failing' | 'changed' | 'gone' | 'added' | 'unchanged';
/** In the order lists are printed. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['regressed', 'new', 'fixed', 'still-failing', 'changed', 'gone', 'added', 'unchanged'];

export type FindingState = 'failing' | 'ok' | 'open';

/** What besides the evidence made the difference. */
export type ChangeCause =
  | 'waiver-expired' | 'waived' | 'attestation-expired' | 'attested'
  /** Unmatched: the check is new in the later pack's catalog, or no longer in it. */
  | 'new-check' | 'removed-check'
  /** Unmatched: the check is in both catalogs, the target is new or gone. */
  | 'new-target' | 'target-gone';

export interface FindingSide {
  outcome: Outcome;
  attestedOutcome: AttestedOutcome | null;
  state: FindingState;
  severity: Severity;
}

export interface FindingChange {
  kind: ChangeKind;
  /** The finding id, the same in both packs. */
  id: string;
  check: string;
  /** Control id as shown in the later pack (the earlier one's for `gone`). */
  control: string;
  title: string;
  section: Section;
  target: { kind: TargetKind; name: string; identity: string | null };
  old: FindingSide | null;
  new: FindingSide | null;
  because: ChangeCause | null;
  /** The earlier pack's message, where it says what the later pack no longer does (fixed, changed, regressed, gone). */
  oldMessage: LocalText | null;
}

/** The residency facts compared per endpoint. */
export interface EndpointSnapshot {
  display: string;
  country: string | null;
  jurisdiction: string;
  /** Where the location came from: declared, provider-region, host, geolocation, none. */
  basis: string;
  transferBasis: string | null;
  /** The structured Chapter V basis, when the residency record has one (`endpoints[].transfer`). */
  transfer: unknown;
  outcome: string;
}

export type EndpointField = 'country' | 'jurisdiction' | 'basis' | 'transferBasis' | 'transfer' | 'outcome';

export interface EndpointChange {
  /** `new-destination`: the endpoint is only in the later pack; `removed-destination`: only in the earlier. */
  kind: 'new-destination' | 'removed-destination' | 'changed';
  /** The endpoint id (also the target id of its findings). */
  id: string;
  display: string;
  /** The fields that differ, for `changed`. */
  fields: EndpointField[];
  old: EndpointSnapshot | null;
  new: EndpointSnapshot | null;
  /** Whether the endpoint is a transfer (outside the EEA or of unknown location) in the earlier / later pack. */
  transfer: { old: boolean; new: boolean };
}

/** A change in the virtualization verdict or a storage class. */
export interface PlatformChange {
  aspect: 'virtualization' | 'storage';
  check: string;
  /** The target id (host name, measured path) and name. */
  target: string;
  targetName: string;
  /** `kernel` (dedicated/shared/sandboxed/unknown), `vm`, `provider`, `stack`; `class` for storage. */
  field: string;
  /** Null: not measured / not present in that pack. */
  old: unknown;
  new: unknown;
}

export interface ScoreChange {
  /** findings.run.score.byFramework key: residency, cis, network, platform. */
  framework: string;
  old: number | null;
  new: number | null;
  /** new - old, rounded to 0.1; null when either is null. */
  delta: number | null;
}

/** Which pack a side of the comparison is. */
export interface PackRef {
  /** The folder as given on the command line (absolute); null for the pack being written. */
  dir: string | null;
  evaluatedAt: string;
  collectedAt: string | null;
  host: { hostname: string; engineId: string | null };
  toolVersion: string;
  schemaVersion: string;
  benchmark: string;
  /** SHA-256 of its manifest.json as verified; null for the pack being written. */
  manifestSha256: string | null;
  /** The key id its signature verified with (--key); null when not checked or unsigned. */
  signedBy: string | null;
}

export interface PackDiff {
  old: PackRef;
  new: PackRef;
  /** Same host name and engine id: a diff across hosts is computed, but says so. */
  sameHost: boolean;
  counts: Record<ChangeKind, number>;
  /** Every change but `unchanged`, in CHANGE_KINDS order, then by severity, control and target. */
  findings: FindingChange[];
  endpoints: EndpointChange[];
  /** The host's own location, when it changed. */
  hostLocation: { old: { country: string | null; basis: string }; new: { country: string | null; basis: string } } | null;
  platform: PlatformChange[];
  scores: ScoreChange[];
}

/** One audit in the trend: the scores per framework and the outcome counts. */
export interface TrendPoint {
  /** The pack folder, null for this run. */
  dir: string | null;
  current: boolean;
  evaluatedAt: string;
  collectedAt: string | null;
  host: { hostname: string; engineId: string | null };
  /** findings.run.score.byFramework values. */
  scores: Record<string, number | null>;
  counts: Record<Outcome, number>;
  manifestSha256: string | null;
}

export interface QuarterlyRecord {
  /** Since the last audit (`--previous DIR`); null without it. */
  previous: PackDiff | null;
  /** Earlier packs (`--history`, and `--previous`) and this run, oldest first by collection time. */
  history: TrendPoint[];
}
