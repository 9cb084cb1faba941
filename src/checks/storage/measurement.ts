import { COMPARABLE_MIN_FILE_SIZE } from '../../domain/storage-classification';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { ISO_A_8_6 } from './references';
import { engineText, storageTarget, untrustworthy } from './target';

export default defineCheck<'storage'>({
  id: 'storage-measurement',
  title: 'Storage figures are disk measurements: direct I/O on written data, confirmed by the device',
  section: 'storage',
  severity: 'low',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'Per measured filesystem: O_DIRECT accepted, a test file of at least 256 MiB, no read faster than 15 µs at the median, and the device completed at least 0.9 requests per benchmark operation (its /sys/block stat counters); a refused target (tmpfs, no space) is manual, a failed or interrupted one is an error.',
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
        engine: engineText(t),
        fileSizeBytes: t.testFile?.sizeBytes ?? null,
        directIo: t.testFile?.directIo ?? null,
        deviceRequestsPerOp: Object.fromEntries(results.map((r) => [r.id, r.device ? r.device.ratio : null])),
        readP50Us: Object.fromEntries(results.filter((r) => r.rw === 'randread' || r.rw === 'read').map((r) => [r.id, r.p50Us])),
        loadavgBefore: t.loadavgBefore,
      };
      const expected = { directIo: true, readP50Us: '>= 15', deviceRequestsPerOp: '>= 0.9' };
      if (why.length) return { outcome: 'warn', target, observed, expected, message: `The figures for ${target.name} are not all disk figures: ${why.join('; ')}.` };
      const notes: string[] = [];
      const size = t.testFile?.sizeBytes ?? 0;
      if (size < COMPARABLE_MIN_FILE_SIZE) {
        // Not wrong, but flattered by device and host caches: say so rather than pass it.
        return { outcome: 'warn', target, observed, expected: { ...expected, fileSizeBytes: `>= ${COMPARABLE_MIN_FILE_SIZE}` }, message: `${target.name} was measured on a ${Math.round(size / 1048576)} MiB test file, below the 256 MiB floor: device and host caches flatter such figures (use the quick or full profile).` };
      }
      const busy = Math.max(t.loadavgBefore?.[0] ?? 0, ...results.map((r) => r.loadavg1Before ?? 0));
      if (busy > storage.machine.cpus) notes.push(`the machine was busy (load average ${busy} on ${storage.machine.cpus} CPUs), so figures may be low`);
      if (results.some((r) => r.device?.verdict === 'above')) notes.push('other I/O ran on the device during some workloads');
      if (results.some((r) => r.noisy)) notes.push('IOPS varied by more than 30 % during some workloads');
      if (!results.some((r) => r.device)) notes.push('no device counters could be read, so the cross-check was not possible');
      const base = `${target.name} was measured with ${observed.engine} on a ${Math.round(size / 1048576)} MiB written test file with direct I/O`;
      if (!results.some((r) => r.device)) return { outcome: 'manual', target, observed, expected, message: `${base}, but ${notes.join('; ')}: confirm the figures are not cache figures.` };
      return { outcome: 'pass', target, observed, expected, message: `${base}; the device confirmed the operations${notes.length ? ` (note: ${notes.join('; ')})` : ''}.` };
    }),
});
