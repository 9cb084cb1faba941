/**
 * Log-linear latency histogram in nanoseconds: exact below 128 ns, then 64 buckets per power of two
 * (≤ 1.6 % error). Small (1,728 counters), mergeable across worker threads and repeats, and fed from
 * fio's json+ bins as well, so both engines' percentiles come from the same arithmetic.
 */

const SUB = 64;
const LINEAR = 128;
/** Values are clamped to 2^32 - 1 ns (4.3 s); `max` keeps the true largest value. */
const MAX_SHIFT = 25;
export const HISTOGRAM_BUCKETS = LINEAR + MAX_SHIFT * SUB;
const MAX_NS = 0xffffffff;

export function bucketOf(ns: number): number {
  const v = ns <= 0 ? 0 : ns >= MAX_NS ? MAX_NS : Math.floor(ns);
  if (v < LINEAR) return v;
  const msb = 31 - Math.clz32(v);
  const shift = msb - 6;
  const sub = v >>> shift;
  return LINEAR + (shift - 1) * SUB + (sub - SUB);
}

/** Middle of a bucket's value range, ns. */
export function bucketValue(index: number): number {
  if (index < LINEAR) return index;
  const shift = Math.floor((index - LINEAR) / SUB) + 1;
  const sub = ((index - LINEAR) % SUB) + SUB;
  const low = sub * 2 ** shift;
  return low + (2 ** shift - 1) / 2;
}

export class LatencyHistogram {
  readonly counts: Uint32Array;
  total = 0;
  sumNs = 0;
  maxNs = 0;

  constructor(counts?: Uint32Array) {
    this.counts = counts ?? new Uint32Array(HISTOGRAM_BUCKETS);
    if (counts) for (const c of counts) this.total += c;
  }

  record(ns: number, count = 1): void {
    this.counts[bucketOf(ns)] += count;
    this.total += count;
    this.sumNs += ns * count;
    if (ns > this.maxNs) this.maxNs = ns;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sumNs += other.sumNs;
    if (other.maxNs > this.maxNs) this.maxNs = other.maxNs;
  }

  /** Value (ns) at quantile q in [0, 1]: the bucket holding the ceil(q·N)-th smallest sample. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketValue(i), this.maxNs || bucketValue(i));
    }
    return this.maxNs;
  }

  meanNs(): number {
    return this.total === 0 ? NaN : this.sumNs / this.total;
  }

  /** Plain form for postMessage between threads (the counts array is transferable). */
  toTransfer(): { counts: Uint32Array; total: number; sumNs: number; maxNs: number } {
    return { counts: this.counts, total: this.total, sumNs: this.sumNs, maxNs: this.maxNs };
  }

  static fromTransfer(t: { counts: Uint32Array; total: number; sumNs: number; maxNs: number }): LatencyHistogram {
    const h = new LatencyHistogram(new Uint32Array(t.counts));
    h.total = t.total;
    h.sumNs = t.sumNs;
    h.maxNs = t.maxNs;
    return h;
  }

  /**
   * Distribution of a + b for independent samples of each (discrete convolution). Used for fio's sync
   * writes, where fio reports the write and the fdatasync latencies separately, never their per-op sum.
   */
  static convolve(a: LatencyHistogram, b: LatencyHistogram): LatencyHistogram {
    const out = new LatencyHistogram();
    if (a.total === 0 || b.total === 0) return out;
    const an: [number, number][] = [];
    const bn: [number, number][] = [];
    a.counts.forEach((c, i) => c && an.push([bucketValue(i), c / a.total]));
    b.counts.forEach((c, i) => c && bn.push([bucketValue(i), c / b.total]));
    const acc = new Float64Array(HISTOGRAM_BUCKETS);
    for (const [va, pa] of an) for (const [vb, pb] of bn) acc[bucketOf(va + vb)] += pa * pb;
    // 1,000 virtual samples per real one: small probabilities survive rounding, and merged windows
    // keep their relative weight. `total` is then not an operation count.
    const n = a.total * 1000;
    let assigned = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const c = Math.round(acc[i] * n);
      out.counts[i] = c;
      assigned += c;
    }
    out.total = assigned;
    out.sumNs = (a.meanNs() + b.meanNs()) * assigned;
    out.maxNs = a.maxNs + b.maxNs;
    return out;
  }
}
