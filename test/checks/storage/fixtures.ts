import type { LoadedEvidence } from '../../../src/checks/evaluate';
import type { EvidenceFile } from '../../../src/evidence/types';
import type { BootProbeEvidence, StorageEvidence, StorageTargetEvidence, WorkloadId, WorkloadResult } from '../../../src/evidence/types/storage';

/** A workload result as the collector writes it, with honest defaults (device confirmed the ops). */
export function result(id: WorkloadId, over: Partial<WorkloadResult> = {}): WorkloadResult {
  const rw = id.startsWith('randread') ? 'randread' : id === 'randwrite4kSync' ? 'randwrite' : id === 'seqread1m' ? 'read' : 'write';
  const reads = rw === 'randread' || rw === 'read';
  return {
    id, label: 'fio psync, QD1', rw, blockSizeBytes: id.endsWith('1m') ? 1048576 : 4096, queueDepth: id === 'randread4kQd32' ? 32 : 1, threads: 1,
    inFlight: id === 'randread4kQd32' ? 32 : 1, ioEngine: 'psync', sync: id === 'randwrite4kSync' ? 'fdatasync-each-write' : 'none',
    iops: 17_000, mibps: 66.4, p50Us: 40, p99Us: 150, p999Us: 400, meanUs: 55, maxUs: 2000, latencySource: 'per-operation',
    ops: 51_000, measuredSeconds: 3, rampSeconds: 0.5, repeats: [], spread: { minIops: 16_000, maxIops: 18_000, cv: 0.05, samples: 6, sampleSeconds: 0.5, source: 'fio-iops-samples' },
    cpuSeconds: 1, loadavg1Before: 0.3,
    device: { device: 'vda', readRequests: reads ? 59_500 : 0, writeRequests: reads ? 0 : 110_000, flushRequests: rw === 'randwrite' ? 59_000 : 0, benchmarkOps: 59_500, rampOpsEstimated: true, ratio: reads ? 1 : 1.85, expected: [0.9, 3], verdict: 'consistent' },
    cacheSuspected: false, syncSuspected: false, noisy: false, warnings: [],
    ...over,
  };
}

export function measuredTarget(over: Partial<StorageTargetEvidence> = {}, results: Partial<Record<WorkloadId, Partial<WorkloadResult>>> = {}): StorageTargetEvidence {
  const ids: WorkloadId[] = ['randread4kQd1', 'randread4kQd32', 'randwrite4kSync', 'seqread1m', 'seqwrite1m'];
  const base: Record<WorkloadId, Partial<WorkloadResult>> = {
    randread4kQd1: {}, randread4kQd32: { iops: 70_000, p50Us: 400 }, randwrite4kSync: { iops: 5000, p50Us: 150, p99Us: 900 }, seqread1m: { iops: 600, mibps: 600 }, seqwrite1m: { iops: 550, mibps: 550 },
  };
  return {
    path: '/var/lib/docker', testDir: '/var/lib/docker/tmp', roles: ['docker-data-root'], volumes: [], samePathsAs: [], status: 'measured',
    filesystem: { type: 'ext4', magic: '0xef53', mountPoint: '/', source: '/dev/vda', mountOptions: ['rw', 'relatime'], superOptions: ['rw', 'discard'], majorMinor: '254:0', freeBytes: 80e9, totalBytes: 250e9, inMemory: false, network: false, overlay: false },
    device: { name: 'vda', disk: 'vda', majorMinor: '254:0', partition: false, slaves: [], scheduler: 'mq-deadline', rotational: true, logicalBlockSize: 512, physicalBlockSize: 4096, dmaAlignment: 512, maxSectorsKb: 4096, writeCache: 'write back', vendor: '0x1af4', model: null, driver: 'virtio_blk' },
    testFile: { sizeBytes: 1 << 30, written: true, layoutSeconds: 3.7, layoutMibps: 276, directIo: true, dioAlignment: { memoryBytes: 512, offsetBytes: 512 }, bufferSource: 'fio', unlinkedAfterOpen: true },
    engine: { name: 'fio', version: 'fio-3.33', implementation: 'fio-jobfile 1', reason: 'auto: fio-3.33 found' },
    startedAt: '2026-11-23T15:00:00.000Z', durationSeconds: 19.5, loadavgBefore: [0.3, 0.2, 0.1], loadavgAfter: [1.1, 0.4, 0.2],
    results: Object.fromEntries(ids.map((id) => [id, result(id, { ...base[id], ...(results[id] ?? {}) })])),
    classification: null, warnings: [],
    ...over,
  };
}

export function bootProbe(over: Partial<BootProbeEvidence> = {}): BootProbeEvidence {
  const stat = (m: number) => ({ medianMs: m, p90Ms: m * 1.1, minMs: m * 0.9, maxMs: m * 1.2 });
  return {
    status: 'ok', image: 'busybox:latest', imageId: 'sha256:abc', imageDigests: [], cmd: ['sh', '-c', 'true'], networkMode: 'none', warmupRuns: 1, runs: 10,
    engine: { version: '20.10.24', apiVersion: '1.41', storageDriver: 'overlay2', cgroupDriver: 'cgroupfs', runtime: 'runc', dataRoot: '/var/lib/docker' },
    samples: Array.from({ length: 10 }, () => ({ createMs: 20, startMs: 300, waitMs: 60, removeMs: 30, untilRunningMs: 320, untilExitedMs: 380 })),
    untilRunning: stat(320), untilExited: stat(380), create: stat(20), start: stat(300), remove: stat(30), leftOver: [], loadavgBefore: [0.2, 0.2, 0.2],
    ...over,
  };
}

export function storageEvidence(targets: StorageTargetEvidence[], boot: BootProbeEvidence | null = null): StorageEvidence {
  const primary = targets.findIndex((t) => t.status === 'measured');
  return {
    engine: { name: 'fio', version: 'fio-3.33', implementation: 'fio-jobfile 1', reason: 'auto: fio-3.33 found' },
    profile: { name: 'quick', fileSizeBytes: 1 << 30, rampSeconds: 0.5, randomRepeats: 3, randomSeconds: 1, sequentialRepeats: 2, sequentialSeconds: 1, nodeThreads: 4 },
    machine: { cpus: 2, memTotalBytes: 24e9, kernel: '6.18.0', hypervisor: true, nodeVersion: 'v20.20.2' },
    primary: primary >= 0 ? primary : null,
    targets,
    bootProbe: boot,
  };
}

export function loaded(data: StorageEvidence | null, status: EvidenceFile['status'] = 'ok', error?: string): LoadedEvidence {
  return {
    storage: { schemaVersion: '1.0.0', collector: 'storage', collectorVersion: '1.0.0', startedAt: '2026-11-23T15:00:00Z', endedAt: '2026-11-23T15:00:20Z', host: { hostname: 'audited', engineId: null }, status, ...(error ? { error } : {}), data },
  };
}
