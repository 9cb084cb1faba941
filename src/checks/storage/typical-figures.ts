/**
 * Typical published figures for storage classes, for comparing this host's measurement with: QD1
 * 4 KiB random-read IOPS per class (src/evidence/storage-classes.ts) and where they come from.
 * They are not measurements of this host, and the pack says so wherever it prints them.
 */
import { REFERENCE_CLASSES, type ReferenceClass } from '../../evidence/storage-classes';
import type { LocalText } from '../../findings/types';
import { formatInt } from '../../i18n';

/** Where each class's typical figures are published. */
export const CLASS_SOURCES: Record<string, string> = {
  'local-nvme': 'NVMe SSD vendor data sheets (queue-depth-1 random-read latency)',
  'local-sata-ssd': 'SATA/SAS SSD vendor data sheets (queue-depth-1 latency; the SATA link caps near 100,000 IOPS)',
  'network-block': 'cloud provider documentation (e.g. AWS EBS gp3: 3,000 IOPS baseline, configurable to 16,000)',
  'spinning-disk': 'hard-disk data sheets (7,200 rpm: about 8 ms average seek and rotation)',
};

/** Classes with a closed QD1 IOPS range, slowest first. */
export const IOPS_CLASSES: readonly (ReferenceClass & { qd1Iops: { min: number; max: number } })[] = REFERENCE_CLASSES.filter(
  (c): c is ReferenceClass & { qd1Iops: { min: number; max: number } } => !!c.qd1Iops && c.qd1Iops.max !== null && c.id !== 'page-cache',
).sort((a, b) => a.qd1Iops.min - b.qd1Iops.min);

const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');

/** CLASS_SOURCES in bokmål. */
const CLASS_SOURCES_NB: Record<string, string> = {
  'local-nvme': 'datablader fra leverandører av NVMe-SSD (forsinkelse ved tilfeldig lesing med kødybde 1)',
  'local-sata-ssd': 'datablader fra leverandører av SATA/SAS-SSD (forsinkelse ved kødybde 1; SATA-grensesnittet stopper nær 100 000 IOPS)',
  'network-block': 'dokumentasjon fra skyleverandører (f.eks. AWS EBS gp3: 3 000 IOPS som grunnivå, kan økes til 16 000)',
  'spinning-disk': 'datablader for harddisker (7 200 o/min: rundt 8 ms gjennomsnittlig søke- og rotasjonstid)',
};
/** The class labels in bokmål. */
const CLASS_LABELS_NB: Record<string, string> = {
  'local-nvme': 'Lokal NVMe-SSD',
  'local-sata-ssd': 'Lokal SATA/SAS-SSD',
  'network-block': 'Nettverksblokklagring (SSD) i sky (EBS gp3, GCP PD, Azure Premium)',
  'spinning-disk': 'Roterende disk (HDD 7 200 o/min)',
};

/** classFigure in every pack language. */
export function classFigureText(c: (typeof IOPS_CLASSES)[number]): LocalText {
  const nb = `${CLASS_LABELS_NB[c.id] ?? c.label} (typisk ${formatInt('nb', c.qd1Iops.min)}–${formatInt('nb', c.qd1Iops.max)} IOPS ved QD1; kilde: ${CLASS_SOURCES_NB[c.id] ?? 'publiserte spesifikasjoner'})`;
  return { en: classFigure(c), nb };
}

/** "local NVMe SSD (typically 10,000–50,000 IOPS at QD1; source: …)". */
export function classFigure(c: (typeof IOPS_CLASSES)[number]): string {
  return `${c.label} (typically ${n0(c.qd1Iops.min)}–${n0(c.qd1Iops.max)} IOPS at QD1; source: ${CLASS_SOURCES[c.id] ?? 'published specifications'})`;
}

/** The classes whose typical QD1 range holds a measured figure, or the nearest below and above it. */
export function placeIops(iops: number): { within: (typeof IOPS_CLASSES)[number][]; below: (typeof IOPS_CLASSES)[number] | null; above: (typeof IOPS_CLASSES)[number] | null } {
  const within = IOPS_CLASSES.filter((c) => iops >= c.qd1Iops.min && iops <= c.qd1Iops.max);
  const below = [...IOPS_CLASSES].reverse().find((c) => c.qd1Iops.max < iops) ?? null;
  const above = IOPS_CLASSES.find((c) => c.qd1Iops.min > iops) ?? null;
  return { within, below, above };
}
