import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { STORAGE_CLASS_FIGURES } from './references';
import { classFigure, IOPS_CLASSES, placeIops } from './typical-figures';
import { engineText, n0, primaryTarget, storageTarget, untrustworthy } from './target';

export default defineCheck<'storage'>({
  id: 'storage-iops-class',
  title: 'Measured random-read IOPS are compared with typical published figures for storage classes',
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  decidedBy:
    "The Docker data-root's (else the first measured directory's) 4 KiB random-read IOPS at queue depth 1, placed against the typical published QD1 range of each storage class (spinning disk, cloud network block SSD, local SATA/SAS SSD, local NVMe SSD). Informational when measured with direct I/O; manual otherwise. Never a pass: a class is a comparison, not a certification.",
  rationale:
    'Storage speed decides how fast databases and queues on the host answer, and how long a container takes to start. Figures quoted for a storage class are usually deep-queue peaks; what an application sees is closer to the queue-depth-1 figure measured here.',
  remediation: 'When the measured figure is below what the workload or the hosting contract needs, move the data-root or the volume to faster storage, or ask the provider about an IOPS cap.',
  references: [STORAGE_CLASS_FIGURES],
  evaluate: ({ storage }): CheckResult[] => {
    const t = primaryTarget(storage);
    const expected = { typicalQd1Iops: IOPS_CLASSES.map((c) => `${c.label}: ${n0(c.qd1Iops.min)}–${n0(c.qd1Iops.max)}`) };
    // A fixed target: the comparison is about the host, and the finding must match quarter over quarter.
    const target: Target = { kind: 'storage', id: 'figures:random-read-iops', name: 'Random-read IOPS against typical figures' };
    if (!t) {
      const why = storage.targets.map((x) => `${x.path}: ${x.status}${x.reason ? ` (${x.reason})` : ''}`).join('; ') || 'no filesystem was measured';
      return [{ outcome: 'manual', target, expected, message: `Random-read IOPS could not be compared with typical figures: ${why}.` }];
    }
    const measured = storageTarget(t);
    const q1 = t.results.randread4kQd1;
    const deep = t.results.randread4kQd32;
    const why = untrustworthy(t);
    if (!q1 || why.length) {
      return [{ outcome: 'manual', target, expected, message: `Random-read IOPS could not be compared on ${measured.name}: ${q1 ? why.join('; ') : 'no 4 KiB random-read figure'}.` }];
    }
    const observed = { path: t.path, randread4kQd1Iops: q1.iops, p50Us: q1.p50Us, deepIops: deep?.iops ?? null, deepInFlight: deep?.inFlight ?? null, engine: engineText(t), spread: q1.spread };
    const deepText = deep ? ` (${n0(deep.iops)} IOPS with ${deep.inFlight} in flight)` : '';
    const head = `${measured.name} measured ${n0(q1.iops)} random-read IOPS at QD1${deepText}`;
    const place = placeIops(q1.iops);
    const message = place.within.length
      ? `${head}: within the typical published range for ${place.within.map(classFigure).join(' and for ')}.`
      : place.above && place.below
        ? `${head}: between the typical published ranges for ${classFigure(place.below)} and ${classFigure(place.above)}.`
        : place.above
          ? `${head}: below the typical published range of every class, the slowest being ${classFigure(place.above)}; a provider IOPS cap is likely.`
          : `${head}: above the typical published range of every class, the fastest being ${classFigure(place.below!)}.`;
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
