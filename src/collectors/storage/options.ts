/** `ctx.options.storage`, validated: bad input is an error naming the option, never a silent default. */
import type { StorageProfileName } from '../../evidence/types/storage';
import { PROFILE_NAMES } from './profiles';

export interface StorageOptions {
  /** Extra directories to measure (`--dir`). */
  dirs?: string[];
  engine?: 'auto' | 'fio' | 'node';
  profile?: StorageProfileName;
  /** Override every window's length, seconds (`--runtime`). */
  runtimeSeconds?: number;
  /** Opt-in container boot probe with this local image. */
  bootProbeImage?: string;
  /** Engine for the boot probe (else the run's docker host). */
  dockerHost?: string;
  /** Boot probe runs (default by profile: tiny 2, quick 10, full 20) and payload. */
  bootProbeRuns?: number;
  bootProbeCmd?: string[];
  /** Measure only the Docker paths from the evidence when false (default true). */
  dockerTargets?: boolean;
}

export function parseStorageOptions(raw: unknown): StorageOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object') throw new Error('storage options must be an object');
  const o = raw as Record<string, unknown>;
  const out: StorageOptions = {};
  if (o.dirs !== undefined) {
    if (!Array.isArray(o.dirs) || o.dirs.some((d) => typeof d !== 'string' || !d)) throw new Error('storage option dirs must be a list of directory paths');
    out.dirs = o.dirs as string[];
  }
  if (o.engine !== undefined) {
    if (!['auto', 'fio', 'node'].includes(o.engine as string)) throw new Error(`storage engine must be auto, fio or node; got "${String(o.engine)}"`);
    out.engine = o.engine as StorageOptions['engine'];
  }
  if (o.profile !== undefined) {
    if (!PROFILE_NAMES.includes(o.profile as StorageProfileName)) throw new Error(`storage profile must be one of ${PROFILE_NAMES.join(', ')}; got "${String(o.profile)}"`);
    out.profile = o.profile as StorageProfileName;
  }
  if (o.runtimeSeconds !== undefined) {
    const n = Number(o.runtimeSeconds);
    if (!(n > 0 && n <= 600)) throw new Error(`storage runtime must be a number of seconds in (0, 600]; got "${String(o.runtimeSeconds)}"`);
    out.runtimeSeconds = n;
  }
  for (const k of ['bootProbeImage', 'dockerHost'] as const) {
    if (o[k] !== undefined) {
      if (typeof o[k] !== 'string' || !o[k]) throw new Error(`storage option ${k} must be a non-empty string`);
      out[k] = o[k] as string;
    }
  }
  if (o.bootProbeRuns !== undefined) {
    const n = Number(o.bootProbeRuns);
    if (!(Number.isInteger(n) && n >= 1 && n <= 100)) throw new Error(`boot probe runs must be an integer 1-100; got "${String(o.bootProbeRuns)}"`);
    out.bootProbeRuns = n;
  }
  if (o.bootProbeCmd !== undefined) {
    if (!Array.isArray(o.bootProbeCmd) || !o.bootProbeCmd.length || o.bootProbeCmd.some((c) => typeof c !== 'string')) throw new Error('boot probe command must be a non-empty list of strings');
    out.bootProbeCmd = o.bootProbeCmd as string[];
  }
  if (o.dockerTargets !== undefined) out.dockerTargets = !!o.dockerTargets;
  return out;
}

export function bootProbeRunsFor(profile: StorageProfileName): { runs: number; warmupRuns: number } {
  return profile === 'tiny' ? { runs: 2, warmupRuns: 0 } : profile === 'full' ? { runs: 20, warmupRuns: 1 } : { runs: 10, warmupRuns: 1 };
}
