import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { STORAGE_CLASS_FIGURES } from './references';
import { primaryTarget } from './target';

const s2 = (ms: number): string => (ms / 1000).toFixed(2);

export default defineCheck<'storage'>({
  id: 'storage-boot-time',
  title: 'Container boot time on this host is measured',
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'The opt-in boot probe (--boot-probe IMAGE): median and p90 of create → start → exit of a throwaway container through the Engine API, with the data-root’s write + fdatasync latency beside it. Informational when measured; manual when the probe was not run; error when it failed.',
  rationale:
    "Container boot time on a Docker host is dominated by the daemon's start path, which issues about ten cache flushes and hundreds of small writes per container, so it follows the fsync latency of the disk under the data-root. Only a measurement on the host itself shows it.",
  remediation: 'Run with --boot-probe IMAGE (an image already on the host, e.g. busybox) to measure boot time; quote the measured median and p90.',
  references: [STORAGE_CLASS_FIGURES],
  evaluate: ({ storage }): CheckResult[] => {
    const b = storage.bootProbe;
    const target: Target = { kind: 'storage', id: 'measurement:container-boot', name: 'Container boot time' };
    const expected = { measured: 'median and p90 of create → start → exit' };
    if (!b) {
      return [{ outcome: 'manual', target, expected, message: 'Container boot time was not measured: the probe is opt-in because it creates throwaway containers on the host (--boot-probe IMAGE).' }];
    }
    const observed = { status: b.status, runs: b.samples.length, untilRunning: b.untilRunning, untilExited: b.untilExited, engine: b.engine, networkMode: b.networkMode, cmd: b.cmd };
    if (b.status === 'failed') return [{ outcome: 'error', target, observed, expected, message: `The boot probe failed: ${b.error ?? 'no reason recorded'}.` }];
    if (!b.untilExited || !b.untilRunning || b.samples.length === 0) {
      return [{ outcome: 'manual', target, observed, expected, message: `The boot probe ${b.status === 'aborted' ? 'was interrupted' : 'produced no samples'}; boot time is not measured.` }];
    }
    const dr = primaryTarget(storage)?.results.randwrite4kSync;
    const fsyncNote = dr ? ` The data-root's write + fdatasync p99 is ${dr.p99Us} µs; boot time follows it, since each container start issues about ten flushes.` : '';
    const message = `${b.samples.length} containers of ${b.image} took ${s2(b.untilExited.medianMs)} s median (p90 ${s2(b.untilExited.p90Ms)} s) from create to exit, ${s2(b.untilRunning.medianMs)} s until running, on ${b.engine.storageDriver ?? 'an unknown storage driver'}.${fsyncNote}`;
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
