/**
 * Benchmark profiles and the five workloads. Both engines run the same definitions, so a fio figure
 * and a Node figure differ only by the engine.
 */
import { cpus } from 'node:os';
import type { StorageProfileInfo, StorageProfileName, WorkloadId } from '../../evidence/types/storage';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Below 10 GiB free, the file shrinks to 256 MiB: the smallest size that does not flatter results much. */
export const SHRINK_BELOW_FREE = 10 * GiB;
export const SHRUNK_FILE_SIZE = 256 * MiB;

export interface WorkloadDef {
  id: WorkloadId;
  rw: 'randread' | 'randwrite' | 'read' | 'write';
  bs: number;
  /** Random workloads get `randomRepeats × randomSeconds`, sequential ones the sequential figures. */
  kind: 'random' | 'sequential';
  /** fio: in-flight requests for one thread (psync = 1). */
  deep: boolean;
  sync: boolean;
}

export const WORKLOADS: readonly WorkloadDef[] = [
  { id: 'randread4kQd1', rw: 'randread', bs: 4096, kind: 'random', deep: false, sync: false },
  { id: 'randread4kQd32', rw: 'randread', bs: 4096, kind: 'random', deep: true, sync: false },
  { id: 'randwrite4kSync', rw: 'randwrite', bs: 4096, kind: 'random', deep: false, sync: true },
  { id: 'seqread1m', rw: 'read', bs: MiB, kind: 'sequential', deep: false, sync: false },
  { id: 'seqwrite1m', rw: 'write', bs: MiB, kind: 'sequential', deep: false, sync: false },
];

/** fio's deep-queue depth ("32 in flight"). */
export const DEEP_QUEUE_DEPTH = 32;

/** Node engine threads standing in for a deep queue: more than 8 only worsens the tail on small machines. */
export function nodeThreadsFor(cpuCount = cpus().length): number {
  return cpuCount <= 2 ? 4 : 8;
}

const PROFILES: Record<StorageProfileName, Omit<StorageProfileInfo, 'nodeThreads'>> = {
  // For tests: a fraction of a second per workload; figures are not comparable (16 MiB file).
  tiny: { name: 'tiny', fileSizeBytes: 16 * MiB, rampSeconds: 0, randomRepeats: 2, randomSeconds: 0.1, sequentialRepeats: 2, sequentialSeconds: 0.1 },
  // About 20 s with a 1 GiB layout: 3 × (0.5 + 3 × 1) + 2 × (0.5 + 2 × 1) = 15.5 s of I/O.
  quick: { name: 'quick', fileSizeBytes: GiB, rampSeconds: 0.5, randomRepeats: 3, randomSeconds: 1, sequentialRepeats: 2, sequentialSeconds: 1 },
  // About 2 min: 3 × (1 + 3 × 8) + 2 × (1 + 3 × 5) = 107 s of I/O plus a 2 GiB layout.
  full: { name: 'full', fileSizeBytes: 2 * GiB, rampSeconds: 1, randomRepeats: 3, randomSeconds: 8, sequentialRepeats: 3, sequentialSeconds: 5 },
};

export const PROFILE_NAMES: readonly StorageProfileName[] = ['tiny', 'quick', 'full'];

/** A profile, with optional overrides: `runtimeSeconds` sets every window's length (e.g. `--runtime 10`). */
export function profileOf(name: StorageProfileName, overrides: { runtimeSeconds?: number; fileSizeBytes?: number } = {}): StorageProfileInfo {
  const p = { ...PROFILES[name], nodeThreads: nodeThreadsFor() };
  if (overrides.runtimeSeconds !== undefined) {
    p.randomSeconds = overrides.runtimeSeconds;
    p.sequentialSeconds = overrides.runtimeSeconds;
  }
  if (overrides.fileSizeBytes !== undefined) p.fileSizeBytes = overrides.fileSizeBytes;
  return p;
}

export function windowsFor(profile: StorageProfileInfo, w: WorkloadDef): { rampMs: number; windowsMs: number[] } {
  const repeats = w.kind === 'random' ? profile.randomRepeats : profile.sequentialRepeats;
  const seconds = w.kind === 'random' ? profile.randomSeconds : profile.sequentialSeconds;
  return { rampMs: Math.round(profile.rampSeconds * 1000), windowsMs: Array.from({ length: repeats }, () => Math.round(seconds * 1000)) };
}

/**
 * Test file size for a filesystem with `freeBytes` available: the profile's size, shrunk to 256 MiB
 * when less than 10 GiB is free. The caller refuses when free space is below twice the result.
 */
export function fileSizeFor(profile: StorageProfileInfo, freeBytes: number): number {
  if (profile.fileSizeBytes > SHRUNK_FILE_SIZE && freeBytes < SHRINK_BELOW_FREE) return SHRUNK_FILE_SIZE;
  return profile.fileSizeBytes;
}

/** Seconds of I/O a profile spends per target (layout not included). */
export function profileSeconds(profile: StorageProfileInfo): number {
  return WORKLOADS.reduce((s, w) => {
    const { rampMs, windowsMs } = windowsFor(profile, w);
    return s + (rampMs + windowsMs.reduce((a, b) => a + b, 0)) / 1000;
  }, 0);
}
