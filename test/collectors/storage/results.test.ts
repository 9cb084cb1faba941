import { strict as assert } from 'node:assert';
import type { DeviceCounters } from '../../../src/collectors/storage/block-device';
import { classify } from '../../../src/domain/storage-classification';
import { LatencyHistogram } from '../../../src/collectors/storage/histogram';
import { WORKLOADS } from '../../../src/collectors/storage/profiles';
import { expectedRatio, summarizeWorkload, type RawWorkload } from '../../../src/collectors/storage/results';
import type { StorageTargetEvidence, WorkloadResult } from '../../../src/evidence/types/storage';

const def = (id: string) => WORKLOADS.find((w) => w.id === id)!;

function raw(id: string, opsPerWindow: number[], latencyNs: number, extra: Partial<RawWorkload> = {}): RawWorkload {
  return {
    def: def(id),
    label: 'test',
    ioEngine: 'node-readSync',
    queueDepth: 1,
    threads: 1,
    windows: opsPerWindow.map((ops) => {
      const hist = new LatencyHistogram();
      hist.record(latencyNs, ops);
      return { ops, seconds: 1, hist };
    }),
    latencySource: 'per-operation',
    rampOps: 0,
    rampSeconds: 0,
    cpuSeconds: 0.5,
    loadavg1Before: 0.5,
    ...extra,
  };
}
const counters = (readIos: number, writeIos: number, flushIos: number | null = 0): DeviceCounters => ({ readIos, writeIos, flushIos });

describe('collectors/storage results: honesty checks', () => {
  it('computes IOPS, MiB/s, percentiles and the spread over repeats', () => {
    const r = summarizeWorkload(raw('randread4kQd1', [10_000, 12_000, 14_000], 40_000), { directIo: true, device: null });
    assert.equal(r.iops, 12_000);
    assert.equal(r.mibps, 46.9);
    assert.ok(Math.abs(r.p50Us - 40) < 0.7);
    assert.deepEqual(r.spread && [r.spread.minIops, r.spread.maxIops, r.spread.samples, r.spread.source], [10_000, 14_000, 3, 'repeats']);
    assert.equal(r.repeats.length, 3);
    assert.equal(r.cacheSuspected, false);
    assert.equal(r.noisy, false);
  });

  it('flags a read faster than 15 µs as cache', () => {
    const r = summarizeWorkload(raw('randread4kQd1', [300_000, 300_000], 2_000), { directIo: true, device: null });
    assert.equal(r.cacheSuspected, true);
    assert.match(r.warnings.join(' '), /memory speed/);
  });

  it('flags reads the device never saw (sparse file, cache), and other I/O on the device', () => {
    const few = summarizeWorkload(raw('randread4kQd1', [20_000], 40_000), { directIo: true, device: { name: 'vda', before: counters(100, 0), after: counters(105, 0), maxSectorsKb: 1280, writeCache: 'write back' } });
    assert.equal(few.device!.verdict, 'below');
    assert.equal(few.cacheSuspected, true);
    const many = summarizeWorkload(raw('randread4kQd1', [1000], 40_000), { directIo: true, device: { name: 'vda', before: counters(0, 0), after: counters(5000, 0), maxSectorsKb: 1280, writeCache: 'write back' } });
    assert.equal(many.device!.verdict, 'above');
    assert.equal(many.cacheSuspected, false);
    assert.match(many.warnings.join(' '), /other I\/O/);
  });

  it('expects large sequential requests to be split by max_sectors_kb', () => {
    assert.deepEqual(expectedRatio(def('randread4kQd1'), 4096), [0.9, 1.3]);
    assert.equal(expectedRatio(def('seqread1m'), 512)[0], 1.8);
    const split = summarizeWorkload(raw('seqread1m', [500], 2_000_000), { directIo: true, device: { name: 'sda', before: counters(0, 0), after: counters(1000, 0), maxSectorsKb: 512, writeCache: null } });
    assert.equal(split.device!.verdict, 'consistent');
  });

  it('flags sync writes that never flush a write-back cache, and sub-15 µs durable writes', () => {
    const w = summarizeWorkload(raw('randwrite4kSync', [5000], 60_000), { directIo: true, device: { name: 'vda', before: counters(0, 0, 10), after: counters(0, 5000, 10), maxSectorsKb: 1280, writeCache: 'write back' } });
    assert.equal(w.syncSuspected, true);
    assert.match(w.warnings.join(' '), /no flush requests/);
    const fast = summarizeWorkload(raw('randwrite4kSync', [90_000], 8_000), { directIo: true, device: null });
    assert.equal(fast.syncSuspected, true);
    const ok = summarizeWorkload(raw('randwrite4kSync', [5000], 150_000), { directIo: true, device: { name: 'vda', before: counters(0, 0, 0), after: counters(0, 10_000, 5000), maxSectorsKb: 1280, writeCache: 'write back' } });
    assert.equal(ok.syncSuspected, false);
  });

  it('marks every figure as cache when O_DIRECT was refused', () => {
    const r = summarizeWorkload(raw('seqread1m', [500, 500], 1_000_000), { directIo: false, device: null });
    assert.equal(r.cacheSuspected, true);
    assert.match(r.warnings[0], /O_DIRECT was refused/);
  });

  it('flags a noisy run (cv above 0.3)', () => {
    const r = summarizeWorkload(raw('randread4kQd1', [2000, 10_000, 18_000], 60_000), { directIo: true, device: null });
    assert.equal(r.noisy, true);
  });
});

describe('collectors/storage classify: "consistent with", never a device type', () => {
  const result = (over: Partial<WorkloadResult>): WorkloadResult => ({ ...summarizeWorkload(raw('randread4kQd1', [1000, 1000], 40_000), { directIo: true, device: null }), ...over });
  const target = (qd1: Partial<WorkloadResult>, deep?: Partial<WorkloadResult>): Pick<StorageTargetEvidence, 'results' | 'device' | 'testFile' | 'loadavgBefore'> => ({
    results: { randread4kQd1: result(qd1), ...(deep ? { randread4kQd32: result({ id: 'randread4kQd32', ...deep }) } : {}) },
    device: null,
    testFile: null,
    loadavgBefore: [0.1, 0.1, 0.1],
  });
  const opts = { hypervisor: false, cpus: 2 };

  it('classifies by QD1 latency', () => {
    assert.equal(classify(target({ p50Us: 40, iops: 20_000 }, { iops: 80_000, inFlight: 32 }), opts).consistentWith, 'local-nvme');
    assert.equal(classify(target({ p50Us: 150, iops: 6000 }, { iops: 60_000, inFlight: 32 }), opts).consistentWith, 'local-sata-ssd');
    assert.equal(classify(target({ p50Us: 700, iops: 1400 }, { iops: 12_000, inFlight: 32 }), opts).consistentWith, 'network-block');
    assert.equal(classify(target({ p50Us: 8000, iops: 120 }, { iops: 300, inFlight: 32 }), opts).consistentWith, 'spinning-disk');
  });

  it('names a flat ceiling that depth does not lift as an IOPS cap, keeping the latency class as possible', () => {
    const c = classify(target({ p50Us: 2000, iops: 480 }, { iops: 500, inFlight: 32 }), opts);
    assert.equal(c.consistentWith, 'iops-capped');
    assert.ok(c.alsoPossible.includes('network-block'));
    assert.match(c.statement, /^consistent with an IOPS cap near 500 IOPS/);
  });

  it('calls cache figures a cache and adds caveats (VM, rotational flag, busy machine)', () => {
    assert.equal(classify(target({ p50Us: 2, iops: 300_000, cacheSuspected: true }), opts).consistentWith, 'page-cache');
    const t = { ...target({ p50Us: 40, iops: 20_000 }), device: { rotational: true, name: 'vda' } as StorageTargetEvidence['device'], loadavgBefore: [5, 5, 5] as [number, number, number] };
    const c = classify(t, { hypervisor: true, cpus: 2 });
    assert.equal(c.caveats.length, 3);
    assert.ok(c.statement.startsWith('consistent with'));
    assert.equal(classify({ ...target({}), results: {} }, opts).consistentWith, 'unclassified');
  });
});
