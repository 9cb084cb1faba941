import type { CollectorName, EvidenceData, EvidenceFile, LoadedEvidence } from '../evidence/types';

/** What a collector is given. Collectors read the world; they never write to it. */
export interface CollectContext {
  /** Where the host's filesystem is visible (`/`, or a read-only mount of the host inside a container, or a snapshot). */
  hostRoot: string;
  /** Engine address, resolved by the docker CLI's rules (see collectors/docker/connection.ts). */
  dockerHost?: string;
  /** Evidence gathered by collectors that ran earlier in this run (residency reads docker's, storage reads the data-root). */
  earlier: LoadedEvidence;
  /**
   * Resolves once that collector's evidence is in `earlier` (or it will not run in this collection): for
   * evidence read part way through (collectors/schedule.ts READS_LATE). Absent when `earlier` is complete from the start.
   */
  later?: (name: CollectorName) => Promise<void>;
  /** Progress lines for the user (stderr); never part of the evidence. */
  log: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM: stop, clean up, return what is known. */
  signal: AbortSignal;
  /** Collector-specific options from the CLI/config, keyed by collector name. */
  options: Record<string, unknown>;
}

export interface CollectorOutcome<T> {
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  data: T | null;
  error?: string;
  warnings?: string[];
  engineId?: string | null;
}

export interface Collector<K extends CollectorName = CollectorName> {
  name: K;
  version: string;
  /** Must not throw: failures are returned as status `failed` with the reason. `runCollector` enforces it. */
  collect(ctx: CollectContext): Promise<CollectorOutcome<EvidenceData[K]>>;
}

export type AnyCollector = { [K in CollectorName]: Collector<K> }[CollectorName];
export type { EvidenceFile };
