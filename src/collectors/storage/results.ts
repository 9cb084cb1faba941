/**
 * Turn measured windows into a WorkloadResult, with the honesty checks both engines share: cache
 * suspicion, sync suspicion, spread, and the device's own request count against the benchmark's.
 */
import type { DeviceCrossCheck, WorkloadRepeat, WorkloadResult } from '../../evidence/types/storage';
import type { DeviceCounters } from './block-device';
import { LatencyHistogram } from './histogram';
import type { WorkloadDef } from './profiles';

/** Below this p50 a "disk" read is served from RAM (page cache, host cache): no disk answers that fast. */
export const CACHE_P50_US = 15;
/** Spread above this coefficient of variation is flagged as noisy. */
export const NOISY_CV = 0.3;

const MiB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;
const round0 = (n: number): number => Math.round(n);
const us = (ns: number): number => round1(ns / 1000);

export interface MeasuredWindow {
  ops: number;
  seconds: number;
  hist: LatencyHistogram;
}

export interface RawWorkload {
  def: WorkloadDef;
  label: string;
  ioEngine: string;
  queueDepth: number;
  threads: number;
  windows: MeasuredWindow[];
  /** Sync writes: write and fdatasync latencies separately. */
  writeHist?: LatencyHistogram;
  syncHist?: LatencyHistogram;
  latencySource: WorkloadResult['latencySource'];
  rampOps: number;
  /** fio: ramp I/O is not counted, `rampOps` is the measured rate × ramp time. */
  rampOpsEstimated?: boolean;
  rampSeconds: number;
  /** Engine-provided spread (fio's IOPS samples); else computed over the windows. */
  spread?: NonNullable<WorkloadResult['spread']>;
  cpuSeconds: number | null;
  loadavg1Before: number | null;
}

export interface DeviceContext {
  /** Kernel name used in messages. */
  name: string;
  before: DeviceCounters;
  after: DeviceCounters;
  maxSectorsKb: number | null;
  writeCache: string | null;
}

/**
 * Device requests per benchmark op an honest run shows. A 4 KiB O_DIRECT op is one request; a sync
 * write may add a journal write; a 1 MiB op is split into max_sectors_kb-sized (and segment-limited)
 * requests. Below the range means a cache answered; above it, something else used the device.
 */
export function expectedRatio(def: WorkloadDef, maxSectorsKb: number | null): [number, number] {
  if (def.bs <= 64 * 1024) return def.sync ? [0.9, 3] : [0.9, 1.3];
  const minSplit = maxSectorsKb ? Math.max(1, Math.ceil(def.bs / (maxSectorsKb * 1024))) : 1;
  return [0.9 * minSplit, Math.max(4, (def.bs / 4096) * 1.2)];
}

export function deviceCrossCheck(def: WorkloadDef, benchmarkOps: number, dev: DeviceContext, rampOpsEstimated = false): DeviceCrossCheck {
  const readRequests = dev.after.readIos - dev.before.readIos;
  const writeRequests = dev.after.writeIos - dev.before.writeIos;
  const flushRequests = dev.after.flushIos !== null && dev.before.flushIos !== null ? dev.after.flushIos - dev.before.flushIos : null;
  const inDirection = def.rw === 'randread' || def.rw === 'read' ? readRequests : writeRequests;
  const ratio = benchmarkOps > 0 ? Math.round((inDirection / benchmarkOps) * 1000) / 1000 : 0;
  const expected = expectedRatio(def, dev.maxSectorsKb);
  const verdict = ratio < expected[0] ? 'below' : ratio > expected[1] ? 'above' : 'consistent';
  return { device: dev.name, readRequests, writeRequests, flushRequests, benchmarkOps, rampOpsEstimated, ratio, expected, verdict };
}

function spreadOf(repeats: WorkloadRepeat[]): WorkloadResult['spread'] {
  if (repeats.length < 2) return null;
  const v = repeats.map((r) => r.iops);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { minIops: round0(Math.min(...v)), maxIops: round0(Math.max(...v)), cv: mean > 0 ? Math.round((sd / mean) * 1000) / 1000 : 0, samples: v.length, sampleSeconds: Math.round((repeats.reduce((a, r) => a + r.seconds, 0) / v.length) * 1000) / 1000, source: 'repeats' };
}

export function summarizeWorkload(raw: RawWorkload, opts: { directIo: boolean; device: DeviceContext | null }): WorkloadResult {
  const { def } = raw;
  const merged = new LatencyHistogram();
  for (const w of raw.windows) merged.merge(w.hist);
  const lat = merged;
  const ops = raw.windows.reduce((a, w) => a + w.ops, 0);
  const seconds = raw.windows.reduce((a, w) => a + w.seconds, 0);
  const iops = seconds > 0 ? ops / seconds : 0;
  const repeats: WorkloadRepeat[] = raw.windows.length < 2 ? [] : raw.windows.map((w) => ({
    ops: w.ops,
    seconds: Math.round(w.seconds * 1000) / 1000,
    iops: round0(w.seconds > 0 ? w.ops / w.seconds : 0),
    mibps: round1(w.seconds > 0 ? (w.ops * def.bs) / MiB / w.seconds : 0),
    p50Us: us(w.hist.quantile(0.5)),
    p99Us: us(w.hist.quantile(0.99)),
  }));
  const spread = raw.spread && raw.spread.samples >= 2 ? raw.spread : spreadOf(repeats);
  const p50Us = us(lat.quantile(0.5));
  const device = opts.device ? deviceCrossCheck(def, ops + raw.rampOps, opts.device, !!raw.rampOpsEstimated) : null;
  const reads = def.rw === 'randread' || def.rw === 'read';
  const warnings: string[] = [];

  let cacheSuspected = false;
  if (!opts.directIo) {
    cacheSuspected = true;
    warnings.push('O_DIRECT was refused on this filesystem, so the page cache sat between the benchmark and the disk: a cache figure, not a disk figure.');
  }
  if (reads && p50Us < CACHE_P50_US) {
    cacheSuspected = true;
    warnings.push(`Median read latency ${p50Us} µs is below ${CACHE_P50_US} µs, which is memory speed: this was served from a cache, not the disk.`);
  }
  let syncSuspected = false;
  if (def.sync && p50Us < CACHE_P50_US) {
    syncSuspected = true;
    warnings.push(`Median write + fdatasync latency ${p50Us} µs is below ${CACHE_P50_US} µs: flushes are not reaching stable storage (volatile cache, nobarrier, or a layer that ignores fdatasync).`);
  }
  if (device) {
    if (device.verdict === 'below') {
      if (reads) cacheSuspected = true;
      warnings.push(`${device.device} completed ${device.ratio} ${reads ? 'read' : 'write'} requests per benchmark operation (expected ${device.expected[0]}-${device.expected[1]}): part of the work never reached the device.`);
    } else if (device.verdict === 'above') {
      warnings.push(`${device.device} completed ${device.ratio} ${reads ? 'read' : 'write'} requests per benchmark operation (expected ${device.expected[0]}-${device.expected[1]}): other I/O ran on the device at the same time, so the figure may be low.`);
    }
    if (def.sync && opts.device?.writeCache === 'write back' && device.flushRequests === 0) {
      syncSuspected = true;
      warnings.push(`${device.device} has a write-back cache but received no flush requests during the fdatasync workload: writes are acknowledged before they are durable.`);
    }
  }
  const noisy = !!spread && spread.cv > NOISY_CV;
  if (noisy) warnings.push(`IOPS varied during the run (${spread!.minIops}-${spread!.maxIops}, cv ${spread!.cv}): the host was busy or the device is throttled in bursts.`);
  if (ops === 0) warnings.push('No operation completed in the measured windows.');

  const result: WorkloadResult = {
    id: def.id,
    label: raw.label,
    rw: def.rw,
    blockSizeBytes: def.bs,
    queueDepth: raw.queueDepth,
    threads: raw.threads,
    inFlight: raw.queueDepth * raw.threads,
    ioEngine: raw.ioEngine,
    sync: def.sync ? 'fdatasync-each-write' : 'none',
    iops: round0(iops),
    mibps: round1((iops * def.bs) / MiB),
    p50Us,
    p99Us: us(lat.quantile(0.99)),
    p999Us: ops >= 1000 ? us(lat.quantile(0.999)) : null,
    meanUs: us(lat.meanNs()),
    maxUs: us(lat.maxNs),
    latencySource: raw.latencySource,
    ops,
    measuredSeconds: Math.round(seconds * 1000) / 1000,
    rampSeconds: raw.rampSeconds,
    repeats,
    spread,
    cpuSeconds: raw.cpuSeconds === null ? null : Math.round(raw.cpuSeconds * 1000) / 1000,
    loadavg1Before: raw.loadavg1Before,
    device,
    cacheSuspected,
    syncSuspected,
    noisy,
    warnings,
  };
  if (raw.writeHist && raw.syncHist) {
    result.phases = {
      writeP50Us: us(raw.writeHist.quantile(0.5)),
      writeP99Us: us(raw.writeHist.quantile(0.99)),
      syncP50Us: us(raw.syncHist.quantile(0.5)),
      syncP99Us: us(raw.syncHist.quantile(0.99)),
    };
  }
  return result;
}
