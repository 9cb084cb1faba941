/** What an engine is given and returns. Both engines run the same workload definitions on an open test file. */
import type { StorageEngineInfo, StorageProfileInfo } from '../../evidence/types/storage';
import type { DeviceCounters } from './block-device';
import type { WorkloadDef } from './profiles';
import type { RawWorkload } from './results';

export interface EngineRun {
  /** Descriptor of the (already unlinked, laid out) test file. */
  fd: number;
  direct: boolean;
  fileSizeBytes: number;
  profile: StorageProfileInfo;
  /** Block device `major:minor` whose counters to read around each workload, or null. */
  blockDevice: string | null;
  signal: AbortSignal;
}

/** One workload's measurement with the device counters read just before and after it. */
export interface WorkloadRun {
  raw: RawWorkload;
  before: DeviceCounters | null;
  after: DeviceCounters | null;
}

export interface EngineHooks {
  /** A workload is starting (for the progress line). */
  started(def: WorkloadDef, index: number): void;
  /** A workload is done; results arrive as they are known, so an interrupted run keeps the finished ones. */
  finished(def: WorkloadDef, run: WorkloadRun): void;
}

export interface StorageEngine {
  info: StorageEngineInfo;
  runAll(defs: readonly WorkloadDef[], run: EngineRun, hooks: EngineHooks): Promise<void>;
}

/** Thrown when a run is stopped by SIGINT/SIGTERM (the AbortSignal). */
export class BenchAborted extends Error {
  constructor(why = 'interrupted') {
    super(why);
    this.name = 'BenchAborted';
  }
}
