import { classify } from '../../domain/storage-classification';
import { REFERENCE_CLASSES } from '../../evidence/storage-classes';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { ISO_A_8_6 } from './references';
import { engineText, n0, storageTarget, untrustworthy } from './target';

export default defineCheck<'storage'>({
  id: 'storage-performance',
  title: 'What the Docker data-root and volumes deliver is measured and stated',
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'Per measured filesystem: 4 KiB random read at QD1 and with 32 in flight (or N threads), 4 KiB write + fdatasync, 1 MiB sequential read and write; the class the QD1 latency and deep-queue ceiling are consistent with (reference classes from spec sheets and cloud documentation). Informational; cache figures are not classified.',
  rationale:
    'Customers ask what the disks under their containers deliver. The answer must be this host\'s measurement with its spread and context, stated as "consistent with" a class, because a virtual disk does not reveal the device behind it.',
  remediation: 'None needed; if the class is below what the workload requires, move the Docker data-root or the busy volumes to faster storage or raise the provider\'s IOPS limit.',
  references: [ISO_A_8_6],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t): CheckResult => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const fig = (id: keyof typeof t.results) => {
        const r = t.results[id];
        return r ? { iops: r.iops, mibps: r.mibps, p50Us: r.p50Us, p99Us: r.p99Us, label: r.label, spread: r.spread } : null;
      };
      const observed = {
        engine: engineText(t),
        randread4kQd1: fig('randread4kQd1'),
        randread4kQd32: fig('randread4kQd32'),
        randwrite4kSync: fig('randwrite4kSync'),
        seqread1m: fig('seqread1m'),
        seqwrite1m: fig('seqwrite1m'),
      };
      const expected = { referenceClasses: REFERENCE_CLASSES.map((c) => ({ id: c.id, label: c.label, qd1P50Us: c.qd1P50Us, qd1Iops: c.qd1Iops, deepIops: c.deepIops })) };
      const why = untrustworthy(t);
      if (why.length) return { outcome: 'manual', target, observed, expected, message: `${target.name} was not classified: ${why.join('; ')}.` };
      // Re-classified from the figures, so evidence from an older collector gets today's thresholds.
      const cls = classify(t, { hypervisor: storage.machine.hypervisor, cpus: storage.machine.cpus });
      const q1 = t.results.randread4kQd1;
      const sw = t.results.randwrite4kSync;
      const sr = t.results.seqread1m;
      const parts = [
        q1 ? `${n0(q1.iops)} random-read IOPS at QD1 (p50 ${q1.p50Us} µs, p99 ${q1.p99Us} µs)` : null,
        sw ? `${n0(sw.iops)} durable 4 KiB writes/s (p99 ${sw.p99Us} µs)` : null,
        sr ? `${sr.mibps} MiB/s sequential read` : null,
      ].filter(Boolean);
      return { outcome: 'info', target, observed: { ...observed, classification: cls }, expected, message: `${target.name}: ${parts.join(', ')}; ${cls.statement}.` };
    }),
});
