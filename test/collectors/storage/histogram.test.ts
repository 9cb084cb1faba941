import { strict as assert } from 'node:assert';
import { bucketOf, bucketValue, HISTOGRAM_BUCKETS, LatencyHistogram } from '../../../src/collectors/storage/histogram';

describe('collectors/storage/histogram', () => {
  it('maps values to buckets whose value is within 1.6 % of the input', () => {
    for (const v of [0, 1, 50, 127, 128, 129, 1000, 4096, 35_000, 123_456, 9_999_999, 4_000_000_000]) {
      const b = bucketOf(v);
      assert.ok(b >= 0 && b < HISTOGRAM_BUCKETS, `bucket of ${v}`);
      const err = Math.abs(bucketValue(b) - v) / Math.max(1, v);
      assert.ok(err <= 0.016, `${v} → ${bucketValue(b)} (${(err * 100).toFixed(2)} %)`);
    }
    assert.equal(bucketOf(2 ** 40), HISTOGRAM_BUCKETS - 1, 'clamped, not out of range');
  });

  it('gives nearest-rank percentiles, mean and max', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i * 1000); // 1 µs .. 1 ms
    assert.ok(Math.abs(h.quantile(0.5) - 500_000) / 500_000 < 0.016);
    assert.ok(Math.abs(h.quantile(0.99) - 990_000) / 990_000 < 0.016);
    assert.equal(h.maxNs, 1_000_000);
    assert.equal(h.meanNs(), 500_500);
    assert.ok(Number.isNaN(new LatencyHistogram().quantile(0.5)));
  });

  it('merges and survives a transfer between threads', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(10_000, 90);
    b.record(1_000_000, 10);
    const m = LatencyHistogram.fromTransfer(a.toTransfer());
    m.merge(b);
    assert.equal(m.total, 100);
    assert.ok(Math.abs(m.quantile(0.9) - 10_000) < 200);
    assert.ok(Math.abs(m.quantile(0.95) - 1_000_000) < 16_000);
  });

  it('convolves two distributions (write + fdatasync) into their sum', () => {
    const w = new LatencyHistogram();
    const s = new LatencyHistogram();
    w.record(40_000, 100);
    s.record(80_000, 50);
    s.record(1_000_000, 50);
    const op = LatencyHistogram.convolve(w, s);
    assert.ok(Math.abs(op.quantile(0.25) - 120_000) / 120_000 < 0.02);
    assert.ok(Math.abs(op.quantile(0.75) - 1_040_000) / 1_040_000 < 0.02);
    assert.ok(Math.abs(op.meanNs() - 580_000) < 1);
  });
});
