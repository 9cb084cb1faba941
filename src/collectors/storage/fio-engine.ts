/**
 * The fio engine: one job file for all workloads (one stonewalled job each), JSON+ output to a file,
 * every job's error checked. fio opens the test file through `/proc/<pid>/fd/<n>`,
 * so it measures the same unlinked inode the Node engine would and can never leave a file behind.
 * SIGINT/SIGTERM (the AbortSignal) stop fio at once; a process exit kills it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { StorageEngineInfo, StorageProfileInfo } from '../../evidence/types/storage';
import { parseDeviceStat } from './block-device';
import { BenchAborted, type StorageEngine, type WorkloadRun } from './engine';
import { checkFioJobs, fioCpuSeconds, histogramFromFio, parseFioJson, type FioJob, type FioOutput } from './fio-parse';
import { LatencyHistogram } from './histogram';
import { pidAlive } from './machine';
import { DEEP_QUEUE_DEPTH, windowsFor, type WorkloadDef } from './profiles';
import type { RawWorkload } from './results';
import { procPathOf } from './test-file';

const execFileP = promisify(execFile);
export const FIO_ENGINE_IMPLEMENTATION = 'fio-jobfile 1';
const TMP_PREFIX = 'residency-audit-fio-';

export interface FioInstall {
  /** `fio-3.33` */
  version: string;
  binary: string;
  ioEngines: string[];
}

/** fio on PATH (or `binary`), version 3 or newer, with its I/O engines; null when absent or too old (a loaded machine may take seconds to start it). */
export async function detectFio(binary = 'fio'): Promise<FioInstall | null> {
  try {
    const { stdout } = await execFileP(binary, ['--version'], { timeout: 20_000 });
    const version = stdout.trim();
    const major = Number(/^fio-(\d+)/.exec(version)?.[1]);
    if (!(major >= 3)) return null;
    let ioEngines: string[] = [];
    try {
      const eng = await execFileP(binary, ['--enghelp'], { timeout: 20_000 });
      ioEngines = eng.stdout.split('\n').slice(1).map((s) => s.trim()).filter(Boolean);
    } catch {
      /* old fio: assume psync only */
    }
    return { version, binary, ioEngines };
  } catch {
    return null;
  }
}

/** The deep-queue engine: libaio where available (works on every kernel fio supports), else psync threads. */
export function deepEngine(install: FioInstall): { ioengine: string; iodepth: number; numjobs: number } {
  if (install.ioEngines.includes('libaio')) return { ioengine: 'libaio', iodepth: DEEP_QUEUE_DEPTH, numjobs: 1 };
  if (install.ioEngines.includes('io_uring')) return { ioengine: 'io_uring', iodepth: DEEP_QUEUE_DEPTH, numjobs: 1 };
  return { ioengine: 'psync', iodepth: 1, numjobs: DEEP_QUEUE_DEPTH };
}

/** fio's IOPS sampling period: half a window, so even a two-window workload yields several samples. */
export function iopsAvgMs(windowsMs: readonly number[]): number {
  return Math.max(50, Math.round((windowsMs[0] ?? 1000) / 2));
}

export interface FioPlanJob {
  def: WorkloadDef;
  ioengine: string;
  iodepth: number;
  numjobs: number;
  rampMs: number;
  measuredMs: number;
  /** Length of one window (the profile's repeat length), ms. */
  windowMs: number;
  /** Device counters are read by fio itself right before and after the job (exec_prerun/postrun). */
  countersRead: boolean;
}

export interface FioPlan {
  text: string;
  jobs: FioPlanJob[];
}

/**
 * One job file for every workload, one stonewalled job each (fio spends ~0.3 s per job and ~0.7 s
 * per invocation on this kind of host, so one file and few jobs keep the quick profile near 20 s).
 * Each job reads /proc/loadavg and the device's counters just before it starts and just after it
 * ends (exec_prerun/exec_postrun write `<job>.prerun.txt` in fio's working directory). The spread
 * comes from fio's IOPS samples, one per window (`iopsavgtime`).
 */
export function fioJobFile(defs: readonly WorkloadDef[], opts: { filename: string; fileSizeBytes: number; direct: boolean; profile: StorageProfileInfo; blockDevice: string | null; deep: { ioengine: string; iodepth: number; numjobs: number } }): FioPlan {
  const text = [
    '[global]',
    `filename=${opts.filename}`,
    `size=${opts.fileSizeBytes}`,
    `direct=${opts.direct ? 1 : 0}`,
    'time_based=1',
    'norandommap=1',
    'randrepeat=0',
    // The file exists (laid out by us): never create, extend, preallocate or unlink it.
    'allow_file_create=0',
    'fallocate=none',
    'overwrite=0',
    'unlink=0',
    'group_reporting=1',
    '',
  ];
  const jobs: FioPlanJob[] = [];
  for (const def of defs) {
    const { ioengine, iodepth, numjobs } = def.deep ? opts.deep : { ioengine: 'psync', iodepth: 1, numjobs: 1 };
    const { rampMs, windowsMs } = windowsFor(opts.profile, def);
    const measuredMs = windowsMs.reduce((a, b) => a + b, 0);
    // With numjobs > 1 every clone would run the hooks; the counters would not bracket the job.
    const countersRead = numjobs === 1 && !!opts.blockDevice && /^\d+:\d+$/.test(opts.blockDevice);
    text.push(
      `[${def.id}]`,
      'stonewall',
      `rw=${def.rw}`,
      `bs=${def.bs}`,
      `ioengine=${ioengine}`,
      `iodepth=${iodepth}`,
      `numjobs=${numjobs}`,
      ...(numjobs > 1 ? ['thread=1'] : []),
      ...(def.sync ? ['fdatasync=1'] : []),
      ...(rampMs > 0 ? [`ramp_time=${rampMs}ms`] : []),
      `runtime=${measuredMs}ms`,
      `iopsavgtime=${iopsAvgMs(windowsMs)}`,
      `exec_prerun=cat /proc/loadavg${countersRead ? ` /sys/dev/block/${opts.blockDevice}/stat` : ''}`,
      ...(countersRead ? [`exec_postrun=cat /sys/dev/block/${opts.blockDevice}/stat`] : []),
      '',
    );
    jobs.push({ def, ioengine, iodepth, numjobs, rampMs, measuredMs, windowMs: windowsMs[0] ?? measuredMs, countersRead });
  }
  return { text: text.join('\n'), jobs };
}

/** Remove working directories of fio runs whose owner process is gone. */
export function sweepStaleFioDirs(dir = os.tmpdir()): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^residency-audit-fio-(\d+)-[0-9A-Za-z]+$/.exec(n);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) rmSync(path.join(dir, n), { recursive: true, force: true });
  }
}

/** Children still running, killed if this process exits without cleaning up (uncaught error, process.exit). */
const running = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }
}

async function readIf(file: string): Promise<string | null> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Run fio on a job file in a private working directory. `onJobStart` is called as each job's
 * prerun file appears (polled), for the progress line. Rejects with BenchAborted on abort.
 */
async function runFio(install: FioInstall, plan: FioPlan, signal: AbortSignal, onJobStart: (index: number) => void): Promise<{ out: FioOutput; code: number | null; stderr: string; work: string; cleanup: () => Promise<void> }> {
  if (signal.aborted) throw new BenchAborted();
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  const cleanup = (): Promise<void> => fsp.rm(work, { recursive: true, force: true });
  try {
    await fsp.writeFile(path.join(work, 'jobs.fio'), plan.text, { mode: 0o600 });
    const child = spawn(install.binary, ['--output-format=json+', '--output=out.json', 'jobs.fio'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    track(child);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 8000) stderr += d;
    });
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 2000).unref();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let announced = 0;
    const poll = setInterval(() => {
      while (announced < plan.jobs.length && existsSync(path.join(work, `${plan.jobs[announced].def.id}.prerun.txt`))) onJobStart(announced++);
    }, 100);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    }).finally(() => {
      clearInterval(poll);
      signal.removeEventListener('abort', onAbort);
    });
    if (aborted || signal.aborted) throw new BenchAborted();
    const text = await readIf(path.join(work, 'out.json'));
    if (text === null) throw new Error(`fio exited with ${code} and wrote no output${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`);
    return { out: parseFioJson(text), code, stderr, work, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export function fioEngine(install: FioInstall, reason: string): StorageEngine {
  const info: StorageEngineInfo = { name: 'fio', version: install.version, implementation: FIO_ENGINE_IMPLEMENTATION, reason };
  return {
    info,
    async runAll(defs, run, hooks): Promise<void> {
      const plan = fioJobFile(defs, { filename: procPathOf(run.fd), fileSizeBytes: run.fileSizeBytes, direct: run.direct, profile: run.profile, blockDevice: run.blockDevice, deep: deepEngine(install) });
      const { out, code, stderr, work, cleanup } = await runFio(install, plan, run.signal, (i) => hooks.started(plan.jobs[i].def, i));
      try {
        for (const pj of plan.jobs) checkFioJobs(out, [pj.def.id], pj.def.rw === 'randread' || pj.def.rw === 'read' ? 'read' : 'write');
        if (code !== 0) throw new Error(`fio exited with status ${code}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`);
        for (const pj of plan.jobs) {
          const pre = (await readIf(path.join(work, `${pj.def.id}.prerun.txt`))) ?? '';
          const post = (await readIf(path.join(work, `${pj.def.id}.postrun.txt`))) ?? '';
          hooks.finished(pj.def, fioWorkloadRun(pj, out.jobs.find((j) => j.jobname === pj.def.id)!, pre, post));
        }
      } finally {
        await cleanup();
      }
    },
  };
}

/** One fio job's figures as a WorkloadRun (pure: tested with recorded fio output). */
export function fioWorkloadRun(pj: FioPlanJob, job: FioJob, prerun: string, postrun: string): WorkloadRun {
  const { def } = pj;
  const d = def.rw === 'randread' || def.rw === 'read' ? job.read : job.write;
  let hist = histogramFromFio(d.clat_ns);
  let latencySource: RawWorkload['latencySource'] = 'per-operation';
  let writeHist: LatencyHistogram | undefined;
  let syncHist: LatencyHistogram | undefined;
  if (def.sync) {
    // fio times the write and the fdatasync separately, never their per-op sum: the op latency is
    // their convolution (independent samples), labelled as such in the evidence.
    writeHist = hist;
    syncHist = histogramFromFio(job.sync?.lat_ns);
    if (syncHist.total > 0) {
      hist = LatencyHistogram.convolve(writeHist, syncHist);
      latencySource = 'fio-write-plus-sync-convolved';
    }
  }
  const seconds = d.runtime / 1000;
  const preLines = prerun.trim().split('\n');
  const loadavg1Before = Number(preLines[0]?.split(/\s+/)[0]);
  const before = pj.countersRead && preLines[1] ? parseDeviceStat(preLines[1]) : null;
  const after = pj.countersRead && postrun.trim() ? parseDeviceStat(postrun.trim().split('\n')[0]) : null;
  const samples = d.iops_samples ?? 0;
  const spread = samples >= 2 && d.iops_mean
    ? { minIops: Math.round(d.iops_min ?? 0), maxIops: Math.round(d.iops_max ?? 0), cv: Math.round(((d.iops_stddev ?? 0) / d.iops_mean) * 1000) / 1000, samples, sampleSeconds: iopsAvgMs([pj.windowMs]) / 1000, source: 'fio-iops-samples' as const }
    : undefined;
  const cpu = fioCpuSeconds(job);
  return {
    raw: {
      def,
      label: pj.numjobs > 1 ? `fio ${pj.ioengine}, ${pj.numjobs} threads` : `fio ${pj.ioengine}, QD${pj.iodepth}`,
      ioEngine: pj.ioengine,
      queueDepth: pj.iodepth,
      threads: pj.numjobs,
      windows: [{ ops: d.total_ios, seconds, hist }],
      ...(writeHist && syncHist ? { writeHist, syncHist } : {}),
      latencySource,
      // fio leaves ramp I/O out of its counts; the device saw it, so estimate it from the measured rate.
      rampOps: seconds > 0 ? Math.round((d.total_ios / seconds) * (pj.rampMs / 1000)) : 0,
      rampOpsEstimated: pj.rampMs > 0,
      rampSeconds: pj.rampMs / 1000,
      ...(spread ? { spread } : {}),
      // numjobs > 1 with group_reporting reports per-job CPU percentages: not a process total.
      cpuSeconds: pj.numjobs > 1 ? null : cpu,
      loadavg1Before: Number.isFinite(loadavg1Before) ? loadavg1Before : null,
    },
    before,
    after,
  };
}
