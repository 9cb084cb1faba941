/**
 * Measure one target: refuse what is not a disk, check space, create and lay out the test file, run
 * the five workloads with the device counters read around each, classify. The test file is unlinked
 * from the start and its descriptor closed on every path out (done, error, SIGINT), which frees it.
 */
import { closeSync } from 'node:fs';
import { cpus as osCpus } from 'node:os';
import type { StorageProfileInfo, StorageTargetEvidence, TestFileFacts, WorkloadId } from '../../evidence/types/storage';
import { alignedBuffer, probeDioAlignment } from './aligned-buffer';
import { blockDeviceFacts } from './block-device';
import { classify } from '../../domain/storage-classification';
import { BenchAborted, type EngineHooks, type StorageEngine } from './engine';
import { barrierOff } from '../../domain/write-barriers';
import { loadavg3 } from './machine';
import { layoutTestFile } from './node-engine';
import { fileSizeFor, WORKLOADS } from './profiles';
import { summarizeWorkload, type DeviceContext } from './results';
import type { ResolvedTarget } from './targets';
import { openTestFile, sweepStaleTestFiles } from './test-file';

export interface BenchTargetOptions {
  profile: StorageProfileInfo;
  engine: StorageEngine;
  /** With `--engine auto`: used for the remaining workloads when fio fails on one. */
  fallback?: () => StorageEngine;
  signal: AbortSignal;
  log: (line: string) => void;
  hypervisor: boolean;
  /** Workloads to run (all by default). */
  only?: readonly WorkloadId[];
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const size = (b: number): string => (b >= GiB ? `${(b / GiB).toFixed(b % GiB ? 1 : 0)} GiB` : `${Math.round(b / MiB)} MiB`);

export function emptyTarget(t: ResolvedTarget): StorageTargetEvidence {
  return {
    path: t.path,
    testDir: t.dir,
    roles: t.roles,
    volumes: t.volumes,
    samePathsAs: t.paths.slice(1),
    status: 'skipped',
    filesystem: t.fs,
    device: t.blockDevice ? blockDeviceFacts(t.blockDevice) : null,
    testFile: null,
    engine: null,
    startedAt: null,
    durationSeconds: null,
    loadavgBefore: null,
    loadavgAfter: null,
    results: {},
    classification: null,
    warnings: [],
  };
}

/** Why a target must not be benchmarked, or null. */
export function refusal(t: ResolvedTarget, fileSizeBytes: number): string | null {
  if (!t.fs) return null;
  if (t.fs.inMemory) return `${t.path} is on ${t.fs.type} (RAM), not a disk: a benchmark there measures memory. Pick a directory on the disk you want to know about.`;
  if (t.fs.freeBytes < 2 * fileSizeBytes) {
    return `only ${size(t.fs.freeBytes)} free on ${t.fs.mountPoint ?? t.dir}; the benchmark needs twice its ${size(fileSizeBytes)} test file (${size(2 * fileSizeBytes)}) free. Free some space, pick another --dir, or use a smaller profile.`;
  }
  return null;
}

export async function benchTarget(t: ResolvedTarget, o: BenchTargetOptions): Promise<StorageTargetEvidence> {
  const ev = emptyTarget(t);
  if (t.error) return { ...ev, status: 'failed', reason: t.error };
  const fileSizeBytes = fileSizeFor(o.profile, t.fs!.freeBytes);
  const refused = refusal(t, fileSizeBytes);
  if (refused) return { ...ev, status: 'refused', reason: refused };
  if (o.signal.aborted) return { ...ev, status: 'aborted', reason: 'interrupted before it started' };

  const warnings = ev.warnings;
  if (fileSizeBytes < o.profile.fileSizeBytes) warnings.push(`Less than 10 GiB free: the test file was shrunk to ${size(fileSizeBytes)}.`);
  if (t.fs!.network) warnings.push(`${t.path} is on ${t.fs!.type}, a network filesystem: the figures include the network and the server's caches.`);
  if (t.fs!.overlay) warnings.push(`${t.path} is on overlayfs: the figures are those of the upper layer's filesystem.`);
  if (barrierOff(t.fs!)) warnings.push('The filesystem is mounted with write barriers off (nobarrier): fdatasync does not make writes durable here.');
  if (!t.blockDevice) warnings.push('No block device behind this filesystem could be found, so the device cross-check (requests the device completed) is not available.');
  const swept = sweepStaleTestFiles(t.dir);
  if (swept.length) warnings.push(`Removed ${swept.length} test file(s) left by an earlier run that crashed: ${swept.join(', ')}.`);

  const started = Date.now();
  ev.startedAt = new Date(started).toISOString();
  ev.loadavgBefore = loadavg3();
  let engine = o.engine;
  ev.engine = engine.info;
  const label = `${t.path}${ev.device ? ` (${ev.device.name}, ${t.fs!.type})` : ` (${t.fs!.type})`}`;

  let file;
  try {
    file = openTestFile(t.dir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied: run as root, or pass a --dir you can write on the same filesystem' : e.code === 'EROFS' ? 'the filesystem is read-only' : e.message;
    return { ...ev, status: 'failed', reason: `cannot create a test file in ${t.dir}: ${why}` };
  }
  const done = (status: StorageTargetEvidence['status'], reason?: string): StorageTargetEvidence => {
    ev.status = status;
    if (reason) ev.reason = reason;
    ev.loadavgAfter = loadavg3();
    ev.durationSeconds = Math.round((Date.now() - started) / 100) / 10;
    if (status === 'measured') ev.classification = classify(ev, { hypervisor: o.hypervisor, cpus: osCpus().length });
    return ev;
  };
  try {
    if (!file.direct) warnings.push(`${t.fs!.type} refused O_DIRECT here: every figure went through the page cache and is not a disk figure.`);
    o.log(`storage: ${label}: writing a ${size(fileSizeBytes)} test file`);
    const lay = await layoutTestFile(file.fd, fileSizeBytes, file.direct, o.signal);
    const probeBuf = alignedBuffer(file.fd, 8192, { direct: file.direct, mode: 'read', checkLen: 4096 });
    const testFile: TestFileFacts = {
      sizeBytes: fileSizeBytes,
      written: true,
      layoutSeconds: Math.round(lay.seconds * 1000) / 1000,
      layoutMibps: lay.seconds > 0 ? Math.round((fileSizeBytes / MiB / lay.seconds) * 10) / 10 : 0,
      directIo: file.direct,
      dioAlignment: file.direct && probeBuf.source === 'wasm-memory' ? probeDioAlignment(file.fd, probeBuf.buf) : null,
      bufferSource: engine.info.name === 'fio' ? 'fio' : lay.bufferSource,
      unlinkedAfterOpen: true,
    };
    ev.testFile = testFile;

    const device = ev.device;
    const workloads = WORKLOADS.filter((w) => !o.only || o.only.includes(w.id));
    const hooks: EngineHooks = {
      started: (def, i) => o.log(`storage: ${label}: [${i + 1}/${workloads.length}] ${def.id} (${engine.info.name})`),
      finished: (def, { raw, before, after }) => {
        const devCtx: DeviceContext | null = before && after && device ? { name: device.name, before, after, maxSectorsKb: device.maxSectorsKb, writeCache: device.writeCache } : null;
        const r = summarizeWorkload(raw, { directIo: file.direct, device: devCtx });
        ev.results[def.id] = r;
        o.log(`storage: ${label}: ${def.id}: ${Math.round(r.iops).toLocaleString('en-US')} IOPS, ${r.mibps} MiB/s, p50 ${r.p50Us} µs, p99 ${r.p99Us} µs${r.warnings.length ? ` (${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''})` : ''}`);
      },
    };
    const run = { fd: file.fd, direct: file.direct, fileSizeBytes, profile: o.profile, blockDevice: t.blockDevice, signal: o.signal };
    try {
      await engine.runAll(workloads, run, hooks);
    } catch (err) {
      if (err instanceof BenchAborted || !o.fallback || engine.info.name !== 'fio') throw err;
      // auto mode: fio broke on this host (seccomp, old kernel, odd filesystem); measure with the built-in engine.
      const why = (err as Error).message;
      warnings.push(`fio failed (${why}); the workloads ran on the built-in Node engine instead.`);
      engine = o.fallback();
      ev.engine = { ...engine.info, reason: `fallback after fio failed: ${why}` };
      testFile.bufferSource = lay.bufferSource;
      ev.results = {};
      await engine.runAll(workloads, run, hooks);
    }
    const cpus = osCpus().length;
    if (ev.loadavgBefore[0] > cpus) warnings.push(`The machine was busy (load average ${ev.loadavgBefore[0]} on ${cpus} CPUs) when the benchmark started: figures may be low.`);
    return done('measured');
  } catch (err) {
    if (err instanceof BenchAborted) return done('aborted', 'interrupted by SIGINT/SIGTERM; the test file was removed');
    return done('failed', (err as Error).message);
  } finally {
    // Workers and fio have stopped by now (engines await them), so the descriptor is no longer in use.
    closeSync(file.fd);
  }
}
