/**
 * The built-in engine: no fio, no native addon. Each workload runs in worker threads (one for QD1, N
 * for the deep-queue stand-in), each a synchronous loop over O_DIRECT pread/pwrite with page-aligned
 * WebAssembly.Memory buffers. All threads start on one barrier and report per-window histograms.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StorageEngineInfo } from '../../evidence/types/storage';
import { readDeviceCounters } from './block-device';
import { BenchAborted, type EngineRun, type StorageEngine } from './engine';
import { LatencyHistogram } from './histogram';
import { loadavg3 } from './machine';
import { CTRL_GO, CTRL_STOP, type WorkerJob, type WorkerMessage } from './worker-protocol';
import { windowsFor, type WorkloadDef } from './profiles';
import type { MeasuredWindow, RawWorkload } from './results';

export const NODE_ENGINE_IMPLEMENTATION = 'node-engine 1';

/** The compiled worker next to this file (dist/src/collectors/storage/node-worker.js). */
export function workerFile(): string {
  const js = path.join(__dirname, 'node-worker.js');
  if (!existsSync(js)) throw new Error(`the storage worker ${js} is missing: build with "npx tsc -p ." and run from dist/`);
  return js;
}

type DoneMessage = Extract<WorkerMessage, { type: 'done' }>;

/** Grace after the stop flag before a worker is terminated (a syscall in flight finishes first). */
const STOP_GRACE_MS = 300;

/**
 * Start one worker per job, release them together, collect their results. On abort the stop flag is
 * raised (loops check it every op) and stragglers are terminated; the promise rejects with BenchAborted.
 */
export async function runWorkers(jobs: Omit<WorkerJob, 'ctrl'>[], signal: AbortSignal): Promise<{ results: DoneMessage[]; bufferSource: 'wasm-memory' | 'probed-offset' }> {
  if (signal.aborted) throw new BenchAborted();
  const ctrlBuf = new SharedArrayBuffer(8);
  const ctrl = new Int32Array(ctrlBuf);
  const file = workerFile();
  const workers = jobs.map((job) => new Worker(file, { workerData: { ...job, ctrl: ctrlBuf } satisfies WorkerJob }));
  let ready = 0;
  let bufferSource: 'wasm-memory' | 'probed-offset' = 'wasm-memory';
  const results: DoneMessage[] = new Array(jobs.length);
  let settled = false;

  const stopAll = (): void => {
    Atomics.store(ctrl, CTRL_STOP, 1);
    Atomics.notify(ctrl, CTRL_GO);
    const t = setTimeout(() => workers.forEach((w) => void w.terminate()), STOP_GRACE_MS);
    t.unref();
  };

  try {
    return await new Promise((resolve, reject) => {
      let done = 0;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        stopAll();
        reject(err);
      };
      const onAbort = (): void => fail(new BenchAborted());
      signal.addEventListener('abort', onAbort, { once: true });
      workers.forEach((w, i) => {
        w.on('message', (msg: WorkerMessage) => {
          if (msg.type === 'ready') {
            if (msg.bufferSource === 'probed-offset') bufferSource = 'probed-offset';
            if (++ready === workers.length) {
              Atomics.store(ctrl, CTRL_GO, 1);
              Atomics.notify(ctrl, CTRL_GO);
            }
          } else if (msg.type === 'error') {
            fail(new Error(`${jobs[i].kind} worker: ${msg.message}`));
          } else {
            results[i] = msg;
            if (++done === workers.length && !settled) {
              settled = true;
              signal.removeEventListener('abort', onAbort);
              resolve({ results, bufferSource });
            }
          }
        });
        w.on('error', (err) => fail(err));
        w.on('exit', (code) => {
          if (!results[i] && !settled) fail(new Error(`${jobs[i].kind} worker exited with code ${code} before reporting`));
        });
      });
    });
  } finally {
    // Normal exit: workers end on their own after posting; make sure none outlives the run.
    await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  }
}

/** Write the whole test file with random, per-block-stamped data (never sparse: holes are answered without I/O). */
export async function layoutTestFile(fd: number, fileSizeBytes: number, direct: boolean, signal: AbortSignal): Promise<{ seconds: number; bufferSource: 'wasm-memory' | 'probed-offset' }> {
  const { results, bufferSource } = await runWorkers(
    [{ kind: 'layout', fd, direct, fileSize: fileSizeBytes, bs: 1024 * 1024, rampMs: 0, windowsMs: [], startOffset: 0, runId: (Math.random() * 2 ** 32) >>> 0 }],
    signal,
  );
  if (results[0].stopped) throw new BenchAborted();
  return { seconds: results[0].layoutSeconds ?? 0, bufferSource };
}

const KIND: Record<WorkloadDef['rw'], WorkerJob['kind']> = { randread: 'randread', randwrite: 'randwrite-sync', read: 'seqread', write: 'seqwrite' };

/** Run one workload on N threads and merge their windows (window k of every thread spans the same time). */
async function runWorkload(def: WorkloadDef, run: EngineRun): Promise<Omit<RawWorkload, 'loadavg1Before'>> {
  const threads = def.deep ? run.profile.nodeThreads : 1;
  const { rampMs, windowsMs } = windowsFor(run.profile, def);
  const jobs = Array.from({ length: threads }, (_, i) => ({
    kind: KIND[def.rw],
    fd: run.fd,
    direct: run.direct,
    fileSize: run.fileSizeBytes,
    bs: def.bs,
    rampMs,
    windowsMs,
    startOffset: Math.floor((run.fileSizeBytes / threads) * i),
    runId: 0,
  }));
  const cpu0 = process.cpuUsage();
  const { results } = await runWorkers(jobs, run.signal);
  const cpu = process.cpuUsage(cpu0);
  if (results.some((r) => r.stopped)) throw new BenchAborted();

  const windows: MeasuredWindow[] = windowsMs.map((_, k) => {
    const hist = new LatencyHistogram();
    let ops = 0;
    let seconds = 0;
    for (const r of results) {
      const w = r.windows[k];
      if (!w) continue;
      hist.merge(LatencyHistogram.fromTransfer(w.hist));
      ops += w.ops;
      seconds += w.seconds;
    }
    return { ops, seconds: seconds / results.length, hist };
  });
  let writeHist: LatencyHistogram | undefined;
  let syncHist: LatencyHistogram | undefined;
  if (def.sync) {
    writeHist = new LatencyHistogram();
    syncHist = new LatencyHistogram();
    for (const r of results) {
      for (const w of r.windows) {
        if (w.writeHist) writeHist.merge(LatencyHistogram.fromTransfer(w.writeHist));
        if (w.syncHist) syncHist.merge(LatencyHistogram.fromTransfer(w.syncHist));
      }
    }
  }
  const io = def.rw === 'randread' || def.rw === 'read' ? 'readSync' : def.sync ? 'writeSync+fdatasyncSync' : 'writeSync';
  return {
    def,
    label: threads > 1 ? `node, ${threads} threads (${io} each)` : `node ${io}, QD1`,
    ioEngine: `node-${io}`,
    queueDepth: 1,
    threads,
    windows,
    ...(writeHist && syncHist ? { writeHist, syncHist } : {}),
    latencySource: 'per-operation',
    rampOps: results.reduce((a, r) => a + r.rampOps, 0),
    rampSeconds: rampMs / 1000,
    // Process-wide: the main thread idles while the workers run, so this is the workers' CPU.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

export function nodeEngine(reason: string): StorageEngine {
  const info: StorageEngineInfo = { name: 'node', version: process.version, implementation: NODE_ENGINE_IMPLEMENTATION, reason };
  return {
    info,
    async runAll(defs, run, hooks): Promise<void> {
      for (const [i, def] of defs.entries()) {
        if (run.signal.aborted) throw new BenchAborted();
        hooks.started(def, i);
        const loadavg1Before = loadavg3()[0];
        const before = run.blockDevice ? readDeviceCounters(run.blockDevice) : null;
        const raw = await runWorkload(def, run);
        const after = run.blockDevice ? readDeviceCounters(run.blockDevice) : null;
        hooks.finished(def, { raw: { ...raw, loadavg1Before }, before, after });
      }
    },
  };
}
