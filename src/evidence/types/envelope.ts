/**
 * The envelope every evidence file shares (`evidence/<collector>.json`).
 * Evidence is the system of record: `report DIR` re-evaluates from these files alone.
 */

/** Bumped under data-semver: patch = provenance fix, minor = new field, major = rename/removal. */
export const EVIDENCE_SCHEMA_VERSION = '1.0.0';

/** ok: everything read; partial: some sources missing (see `warnings`); failed: nothing usable (see `error`); skipped: not asked for. */
export type CollectorStatus = 'ok' | 'partial' | 'failed' | 'skipped';

/** Who was looked at. `engineId` is the Docker engine's `Info.ID` when the engine answered. */
export interface HostIdentity {
  hostname: string;
  engineId: string | null;
}

export interface EvidenceFile<T = unknown> {
  schemaVersion: string;
  /** Collector name, equal to the file's base name (`docker` → `evidence/docker.json`). */
  collector: string;
  /** Collector version: bumping it marks older evidence as stale. */
  collectorVersion: string;
  /** ISO 8601 times. */
  startedAt: string;
  endedAt: string;
  host: HostIdentity;
  status: CollectorStatus;
  /** Why the collector could not run (status failed), e.g. `engine unreachable at unix:///run/docker.sock: ECONNREFUSED`. */
  error?: string;
  /** Sources that were missing or denied (status partial), one sentence each. */
  warnings?: string[];
  /** The facts seen; null when status is failed or skipped. */
  data: T | null;
}

/** An evidence file as it was read for evaluation (findings.json `run.evidence`). */
export interface EvidenceFileRecord {
  /** Pack-relative path. */
  file: string;
  collector: string;
  collectorVersion: string;
  schemaVersion: string;
  status: string;
  startedAt: string;
  endedAt: string;
  sha256: string;
  size: number;
  error?: string;
  warnings?: string[];
}
