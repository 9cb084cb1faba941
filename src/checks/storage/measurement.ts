import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { ISO_A_8_6 } from './references';
import { storageTarget, untrustworthy } from './target';

export default defineCheck<'storage'>({
  id: 'storage-measurement',
  title: 'Storage figures are disk measurements: direct I/O on written data, confirmed by the device',
  section: 'storage',
  severity: 'low',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'Per measured filesystem: O_DIRECT accepted, no read faster than 15 µs at the median, and the device completed at least 0.9 requests per benchmark operation (its /sys/block stat counters); a refused target (tmpfs, no space) is manual, a failed or interrupted one is an error.',
  rationale:
    'A storage figure is only evidence if it measured the disk: page-cache hits, sparse files and small cached files give numbers ten to a hundred times too good. The pack states what the disks deliver, so each figure must be shown to have reached the device.',
  remediation:
    'Re-run on the Docker host as root (residency-audit bench-storage, or run with --bench quick); pick a --dir on the disk itself, not tmpfs; on a filesystem that refuses O_DIRECT, measure the block device\'s filesystem instead.',
  references: [ISO_A_8_6],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t) => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const why = untrustworthy(t);
      const results = Object.values(t.results).filter((r) => !!r);
      const observed = {
        engine: t.engine ? `${t.engine.name} ${t.engine.version}` : null,
        fileSizeBytes: t.testFile?.sizeBytes ?? null,
        directIo: t.testFile?.directIo ?? null,
        deviceRequestsPerOp: Object.fromEntries(results.map((r) => [r.id, r.device ? r.device.ratio : null])),
        readP50Us: Object.fromEntries(results.filter((r) => r.rw === 'randread' || r.rw === 'read').map((r) => [r.id, r.p50Us])),
        loadavgBefore: t.loadavgBefore,
      };
      const expected = { directIo: true, readP50Us: '>= 15', deviceRequestsPerOp: '>= 0.9' };
      if (why.length) return { outcome: 'warn', target, observed, expected, message: `The figures for ${target.name} are not all disk figures: ${why.join('; ')}.` };
      const notes: string[] = [];
      if (results.some((r) => r.device?.verdict === 'above')) notes.push('other I/O ran on the device during some workloads');
      if (results.some((r) => r.noisy)) notes.push('IOPS varied by more than 30 % during some workloads');
      if (!results.some((r) => r.device)) notes.push('no device counters could be read, so the cross-check was not possible');
      const base = `${target.name} was measured with ${observed.engine} on a ${Math.round((t.testFile?.sizeBytes ?? 0) / 1048576)} MiB written test file with direct I/O`;
      if (!results.some((r) => r.device)) return { outcome: 'manual', target, observed, expected, message: `${base}, but ${notes.join('; ')}: confirm the figures are not cache figures.` };
      return { outcome: 'pass', target, observed, expected, message: `${base}; the device confirmed the operations${notes.length ? ` (note: ${notes.join('; ')})` : ''}.` };
    }),
});
