/**
 * fio's JSON (`--output-format=json+`): the fields the engine reads, validated job by job. json+ adds
 * the latency bins, so fio's percentiles are recomputed with the same histogram as the Node engine's
 * and can be merged over repeats.
 */
import { LatencyHistogram } from './histogram';

export interface FioLatency {
  N?: number;
  min?: number;
  max?: number;
  mean?: number;
  percentile?: Record<string, number>;
  /** json+ only: latency value (ns) → count. */
  bins?: Record<string, number>;
}

export interface FioDirection {
  total_ios: number;
  io_bytes: number;
  /** ms */
  runtime: number;
  iops: number;
  /** IOPS sampled once per `iopsavgtime` ms. */
  iops_min?: number;
  iops_max?: number;
  iops_mean?: number;
  iops_stddev?: number;
  iops_samples?: number;
  clat_ns?: FioLatency;
  lat_ns?: FioLatency;
}

export interface FioJob {
  jobname: string;
  error: number;
  /** ms */
  job_runtime?: number;
  usr_cpu?: number;
  sys_cpu?: number;
  read: FioDirection;
  write: FioDirection;
  sync?: { total_ios?: number; lat_ns?: FioLatency };
}

export interface FioOutput {
  'fio version': string;
  jobs: FioJob[];
  disk_util?: { name: string; read_ios: number; write_ios: number; util: number }[];
}

/** Parse fio's output file; text before the JSON (fio warnings) is skipped. */
export function parseFioJson(text: string): FioOutput {
  const start = text.search(/^\{/m);
  if (start < 0) throw new Error(`fio wrote no JSON${text.trim() ? `: ${text.trim().split('\n').slice(0, 3).join(' / ')}` : ''}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start));
  } catch (err) {
    throw new Error(`fio's JSON output is incomplete or invalid (${(err as Error).message}); fio was probably interrupted`);
  }
  const o = parsed as FioOutput;
  if (!o || !Array.isArray(o.jobs)) throw new Error('fio JSON output has no jobs[]');
  return o;
}

/**
 * Check every job: fio exits 1 and still writes JSON when a job fails, so the exit status alone is
 * not enough. `error` names the errno; zero completed I/Os is a failure too.
 */
export function checkFioJobs(o: FioOutput, expected: readonly string[], dir: 'read' | 'write'): void {
  const names = o.jobs.map((j) => j.jobname);
  for (const name of expected) {
    const job = o.jobs.find((j) => j.jobname === name);
    if (!job) throw new Error(`fio job ${name} is missing from the output (got ${names.join(', ') || 'none'})`);
    if (job.error) throw new Error(`fio job ${name} failed with error ${job.error}${ERRNO[job.error] ? ` (${ERRNO[job.error]})` : ''}`);
    if (!job[dir] || !(job[dir].total_ios > 0)) throw new Error(`fio job ${name} completed no ${dir}s`);
  }
}

const ERRNO: Record<number, string> = { 1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 12: 'ENOMEM', 13: 'EACCES', 22: 'EINVAL', 28: 'ENOSPC', 30: 'EROFS', 95: 'EOPNOTSUPP' };

/** A histogram from fio's json+ bins; without bins (plain json), from its percentile table (coarser). */
export function histogramFromFio(lat: FioLatency | undefined): LatencyHistogram {
  const h = new LatencyHistogram();
  if (!lat) return h;
  if (lat.bins && Object.keys(lat.bins).length) {
    for (const [ns, count] of Object.entries(lat.bins)) if (count > 0) h.record(Number(ns), count);
  } else if (lat.percentile && lat.N) {
    // Spread N samples over the percentile points: each point stands for the mass up to it.
    let prev = 0;
    for (const [p, ns] of Object.entries(lat.percentile).sort((a, b) => Number(a[0]) - Number(b[0]))) {
      const upTo = Math.round((Number(p) / 100) * lat.N);
      if (upTo > prev) h.record(ns, upTo - prev);
      prev = Math.max(prev, upTo);
    }
    if (lat.N > prev && lat.max) h.record(lat.max, lat.N - prev);
  }
  // Keep fio's own mean and max, which are exact.
  if (lat.mean !== undefined && h.total > 0) h.sumNs = lat.mean * h.total;
  if (lat.max !== undefined) h.maxNs = lat.max;
  return h;
}

/** CPU seconds fio reports for a job (usr/sys are percentages of the job's runtime). */
export function fioCpuSeconds(job: FioJob): number | null {
  if (job.usr_cpu === undefined || job.sys_cpu === undefined || job.job_runtime === undefined) return null;
  return ((job.usr_cpu + job.sys_cpu) / 100) * (job.job_runtime / 1000);
}
