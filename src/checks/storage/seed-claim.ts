/**
 * The storage claim in the seed text (docker-hardening-2015, "Benchmark: SATA vs NVMe"):
 * Standard VPS (SATA) ~300-500 random-read IOPS and 2.1 s average container boot; NVMe ~10,000+ IOPS
 * and 0.4 s. Checked against this host's measurement; stated as what was measured, never as pass.
 */
export const SEED_CLAIM_TEXT = 'Standard VPS (SATA): ~300-500 random-read IOPS, 2.1 s container boot; NVMe: ~10,000+ IOPS, 0.4 s boot';

export const SEED_TIERS = {
  slow: { label: 'Standard VPS (SATA)', iopsMin: 300, iopsMax: 500, bootSeconds: 2.1 },
  fast: { label: 'NVMe', iopsMin: 10_000, bootSeconds: 0.4 },
} as const;

/** Where a measured QD1 random-read IOPS figure falls against the claim's tiers (±20 % around 300-500). */
export function iopsTier(iops: number): 'fast' | 'slow' | 'between' | 'below-slow' {
  if (iops >= SEED_TIERS.fast.iopsMin) return 'fast';
  if (iops >= SEED_TIERS.slow.iopsMin * 0.8 && iops <= SEED_TIERS.slow.iopsMax * 1.2) return 'slow';
  return iops < SEED_TIERS.slow.iopsMin * 0.8 ? 'below-slow' : 'between';
}

/** Where a median boot time (seconds) falls: within 25 % of 0.4 s, at or above ~2.1 s, or between. */
export function bootTier(seconds: number): 'fast' | 'slow' | 'between' {
  if (seconds <= SEED_TIERS.fast.bootSeconds * 1.25) return 'fast';
  if (seconds >= SEED_TIERS.slow.bootSeconds * 0.8) return 'slow';
  return 'between';
}
