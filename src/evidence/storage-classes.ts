/**
 * Reference storage classes for 4 KiB O_DIRECT random reads: heuristics from spec sheets and cloud
 * documentation (shared/reference/storage-bench.md section 5), not measurements. One table, read by the
 * storage collector (classification), the storage checks (expected values) and the pack (chart bands).
 */
import type { StorageClassId } from './types/storage';

export interface ReferenceClass {
  id: StorageClassId;
  label: string;
  /** QD1 median latency range, µs (max null = open-ended). */
  qd1P50Us: { min: number; max: number | null } | null;
  /** QD1 IOPS range. */
  qd1Iops: { min: number; max: number | null } | null;
  /** IOPS with a deep queue (QD32). */
  deepIops: { min: number; max: number | null } | null;
  note: string;
}

export const REFERENCE_CLASSES: readonly ReferenceClass[] = [
  { id: 'page-cache', label: 'Page cache / RAM (not a disk figure)', qd1P50Us: { min: 0, max: 10 }, qd1Iops: { min: 100_000, max: null }, deepIops: null, note: 'What buffered I/O on a cached file measures.' },
  { id: 'local-nvme', label: 'Local NVMe SSD', qd1P50Us: { min: 20, max: 100 }, qd1Iops: { min: 10_000, max: 50_000 }, deepIops: { min: 100_000, max: 1_000_000 }, note: 'Vendor IOPS figures are QD32+ peaks.' },
  { id: 'local-sata-ssd', label: 'Local SATA/SAS SSD', qd1P50Us: { min: 80, max: 200 }, qd1Iops: { min: 5_000, max: 12_000 }, deepIops: { min: 40_000, max: 100_000 }, note: 'The SATA link caps near 100 k IOPS at depth.' },
  { id: 'network-block', label: 'Cloud network block SSD (EBS gp3, GCP PD, Azure Premium)', qd1P50Us: { min: 300, max: 1_500 }, qd1Iops: { min: 700, max: 3_000 }, deepIops: { min: 3_000, max: 16_000 }, note: 'Usually a provisioned ceiling, e.g. gp3 3,000 IOPS / 125 MiB/s baseline.' },
  { id: 'spinning-disk', label: 'Spinning disk (HDD 7,200 rpm)', qd1P50Us: { min: 4_000, max: 12_000 }, qd1Iops: { min: 80, max: 200 }, deepIops: { min: 150, max: 400 }, note: 'Seek-bound; depth helps a little (NCQ).' },
  { id: 'iops-capped', label: 'Budget VPS with an IOPS cap', qd1P50Us: null, qd1Iops: null, deepIops: { min: 300, max: 1_000 }, note: 'A flat ceiling that does not rise with queue depth.' },
];

export function classLabel(id: StorageClassId): string {
  return REFERENCE_CLASSES.find((c) => c.id === id)?.label ?? 'unclassified';
}
