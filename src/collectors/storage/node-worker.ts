/**
 * Worker thread of the Node storage engine: one synchronous I/O loop, timed per operation.
 *
 * Loops run here, never on the main thread and never through the libuv threadpool: a blocking loop on
 * the main thread delays SIGINT handling by seconds, and the threadpool's hand-off adds ~60 µs per op
 * (0.3-0.4× fio at 32 in flight). Each worker is a plain synchronous QD1 loop, which matches fio's psync.
 * Loaded from the compiled JS next to this file (`node-worker.js`).
 */
import { randomBytes, randomFillSync } from 'node:crypto';
import { fdatasyncSync, readSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { alignedBuffer } from './aligned-buffer';
import { LatencyHistogram } from './histogram';

import { CTRL_GO, CTRL_STOP, type WindowResult, type WorkerJob, type WorkerMessage } from './worker-protocol';

/** Fill the write buffer with random data, then stamp each 4 KiB so no two blocks match (no dedup). */
function stampBlocks(buf: Buffer, fileOffset: number, runId: number): void {
  for (let o = 0; o + 16 <= buf.length; o += 4096) {
    buf.writeUInt32LE(runId >>> 0, o);
    buf.writeDoubleLE(fileOffset + o, o + 4);
    buf.writeUInt32LE(0x52415354, o + 12); // "RAST"
  }
}

function layout(job: WorkerJob, buf: Buffer, ctrl: Int32Array): WorkerMessage {
  const t0 = performance.now();
  randomFillSync(buf);
  for (let off = 0; off < job.fileSize; off += job.bs) {
    if (Atomics.load(ctrl, CTRL_STOP)) return { type: 'done', rampOps: 0, windows: [], stopped: true };
    const len = Math.min(job.bs, job.fileSize - off);
    stampBlocks(buf, off, job.runId);
    writeSync(job.fd, buf, 0, len, off);
  }
  fdatasyncSync(job.fd);
  return { type: 'done', rampOps: 0, windows: [], layoutSeconds: (performance.now() - t0) / 1000, stopped: false };
}

function measure(job: WorkerJob, buf: Buffer, ctrl: Int32Array): WorkerMessage {
  const { fd, bs } = job;
  const blocks = Math.max(1, Math.floor(job.fileSize / bs));
  const random = job.kind === 'randread' || job.kind === 'randwrite-sync';
  const writes = job.kind === 'randwrite-sync' || job.kind === 'seqwrite';
  const sync = job.kind === 'randwrite-sync';
  if (writes) randomFillSync(buf);
  // xorshift32, seeded per thread: cheap and good enough to spread offsets uniformly.
  let x = randomBytes(4).readUInt32LE(0) | 1;
  let seqOffset = job.startOffset % (blocks * bs);

  const windows: WindowResult[] = [];
  let hist = new LatencyHistogram();
  let writeHist = sync ? new LatencyHistogram() : undefined;
  let syncHist = sync ? new LatencyHistogram() : undefined;
  let ops = 0;
  let rampOps = 0;
  let windowIndex = -1; // -1 = ramp
  const start = performance.now();
  let windowStart = start;
  let windowEnd = start + job.rampMs;
  if (job.rampMs <= 0) {
    windowIndex = 0;
    windowEnd = start + job.windowsMs[0];
  }
  let counter = 0;

  for (;;) {
    if (Atomics.load(ctrl, CTRL_STOP)) return { type: 'done', rampOps, windows, stopped: true };
    let off: number;
    if (random) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      off = ((x >>> 0) % blocks) * bs;
    } else {
      off = seqOffset;
      seqOffset += bs;
      if (seqOffset + bs > blocks * bs) seqOffset = 0;
    }
    let t1: number;
    const t0 = performance.now();
    if (writes) {
      buf.writeUInt32LE(++counter, 16);
      writeSync(fd, buf, 0, bs, off);
      t1 = performance.now();
      if (sync) {
        fdatasyncSync(fd);
        const t2 = performance.now();
        if (windowIndex >= 0) {
          writeHist!.record((t1 - t0) * 1e6);
          syncHist!.record((t2 - t1) * 1e6);
        }
        t1 = t2;
      }
    } else {
      readSync(fd, buf, 0, bs, off);
      t1 = performance.now();
    }
    if (windowIndex < 0) rampOps++;
    else {
      hist.record((t1 - t0) * 1e6);
      ops++;
    }
    if (t1 >= windowEnd) {
      if (windowIndex >= 0) {
        windows.push({
          ops,
          seconds: (t1 - windowStart) / 1000,
          hist: hist.toTransfer(),
          ...(sync ? { writeHist: writeHist!.toTransfer(), syncHist: syncHist!.toTransfer() } : {}),
        });
        hist = new LatencyHistogram();
        if (sync) {
          writeHist = new LatencyHistogram();
          syncHist = new LatencyHistogram();
        }
        ops = 0;
      }
      windowIndex++;
      if (windowIndex >= job.windowsMs.length) return { type: 'done', rampOps, windows, stopped: false };
      windowStart = t1;
      windowEnd = t1 + job.windowsMs[windowIndex];
    }
  }
}

function main(): void {
  const job = workerData as WorkerJob;
  const ctrl = new Int32Array(job.ctrl);
  let reply: WorkerMessage;
  try {
    // Layout writes (checked with a write at offset 0, which layout rewrites anyway); reads check with a read.
    const mode = job.kind === 'layout' ? 'write' : 'read';
    const { buf, source } = alignedBuffer(job.fd, job.bs, { direct: job.direct, mode, checkLen: Math.min(job.bs, 4096) });
    parentPort!.postMessage({ type: 'ready', bufferSource: source } satisfies WorkerMessage);
    // Start barrier: every thread of a workload starts at the same instant.
    while (Atomics.load(ctrl, CTRL_GO) === 0 && Atomics.load(ctrl, CTRL_STOP) === 0) Atomics.wait(ctrl, CTRL_GO, 0, 100);
    reply = job.kind === 'layout' ? layout(job, buf, ctrl) : measure(job, buf, ctrl);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { type: 'error', message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) };
  }
  const transfer: ArrayBuffer[] = [];
  if (reply.type === 'done') {
    for (const w of reply.windows) {
      for (const h of [w.hist, w.writeHist, w.syncHist]) if (h) transfer.push(h.counts.buffer as ArrayBuffer);
    }
  }
  parentPort!.postMessage(reply, transfer);
}

// Only as a storage worker (never when imported elsewhere, e.g. inside another worker thread).
if (parentPort && (workerData as Partial<WorkerJob> | null)?.ctrl instanceof SharedArrayBuffer) main();
