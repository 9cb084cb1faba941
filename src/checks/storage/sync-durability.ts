import { barrierOff } from '../../domain/write-barriers';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { GDPR_32_1_B, ISO_A_8_14 } from './references';
import { n0, storageTarget } from './target';

export default defineCheck<'storage'>({
  id: 'storage-sync-durability',
  title: 'fdatasync reaches stable storage on the Docker data-root and volumes',
  section: 'storage',
  severity: 'medium',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'The 4 KiB write + fdatasync workload: fail when the filesystem is mounted without write barriers or a write-back device received no flush requests; warn when write + fdatasync completed faster than 15 µs at the median; pass when flushes reached a write-back device (or the device cache is write-through) at a plausible latency; manual without device counters.',
  rationale:
    'Databases and queues in containers rely on fdatasync to make a commit durable. If flushes never reach the device, a power loss or host crash silently loses committed data, which is an availability and integrity failure for the personal data they hold.',
  remediation:
    'Remove nobarrier/barrier=0 from the mount options; do not use volatile write caches (or unsafe hypervisor cache modes such as cache=unsafe) under the Docker data-root; ask the provider whether the virtual disk honours flushes.',
  references: [GDPR_32_1_B, ISO_A_8_14],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t): CheckResult => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const r = t.results.randwrite4kSync;
      if (!r) return { outcome: 'error', target, message: `${target.name} has no write + fdatasync figure.` };
      const writeCache = t.device?.writeCache ?? null;
      const flushes = r.device?.flushRequests ?? null;
      const observed = { p50Us: r.p50Us, p99Us: r.p99Us, iops: r.iops, writeCache, flushRequests: flushes, operations: r.device?.benchmarkOps ?? r.ops, mountOptions: t.filesystem?.mountOptions ?? [] };
      const expected = { flushesReachDevice: true, p50Us: '>= 15', barriers: 'on' };
      if (t.filesystem && barrierOff(t.filesystem)) {
        return { outcome: 'fail', target, observed, expected, message: `${target.name} is mounted with write barriers off (${t.filesystem.mountOptions.join(',')}): fdatasync does not make writes durable.` };
      }
      if (writeCache === 'write back' && flushes === 0) {
        return { outcome: 'fail', target, observed, expected, message: `${target.name}: ${t.device!.name} has a write-back cache but received no flush requests during ${r.ops} write + fdatasync operations: commits are acknowledged before they are durable.` };
      }
      if (r.syncSuspected || r.p50Us < 15) {
        return { outcome: 'warn', target, observed, expected, message: `${target.name}: write + fdatasync took ${r.p50Us} µs at the median, faster than any device flushes a cache; confirm the storage has power-loss protection or honours flushes.` };
      }
      if (writeCache === 'write through') {
        return { outcome: 'pass', target, observed, expected, message: `${target.name}: the device reports a write-through cache (no flush needed); write + fdatasync took ${r.p50Us} µs at the median, ${r.p99Us} µs at p99.` };
      }
      if (writeCache === 'write back' && flushes !== null && flushes > 0) {
        return { outcome: 'pass', target, observed, expected, message: `${target.name}: ${n0(flushes)} flush requests reached ${t.device!.name} during ${n0(r.device!.benchmarkOps)} write + fdatasync operations; median ${r.p50Us} µs, p99 ${r.p99Us} µs.` };
      }
      return { outcome: 'manual', target, observed, expected, message: `${target.name}: whether flushes reach stable storage could not be confirmed (no device cache mode or flush counters); write + fdatasync took ${r.p50Us} µs at the median.` };
    }),
});
