import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { SEED_CLAIM } from './references';
import { bootTier, SEED_CLAIM_TEXT, SEED_TIERS } from './seed-claim';
import { primaryTarget } from './target';

const s2 = (ms: number): string => (ms / 1000).toFixed(2);

export default defineCheck<'storage'>({
  id: 'storage-seed-claim-boot',
  title: "The seed text's container boot-time claim is checked against this host's measurement",
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'The opt-in boot probe (--boot-probe IMAGE): median and p90 of create → start → exit of a throwaway container through the Engine API, against the claim\'s 2.1 s ("Standard VPS (SATA)") and 0.4 s ("NVMe"). Informational when measured; manual when the probe was not run; error when it failed.',
  rationale:
    'Container boot time on a Docker host is dominated by the daemon\'s start path, which issues about ten cache flushes and hundreds of small writes per container, so it follows the fsync latency of the disk under the data-root. The claim can only be substantiated by measuring on the target host.',
  remediation: 'Run with --boot-probe IMAGE (an image already on the host, e.g. busybox) to measure boot time; quote the measured median and p90 instead of the claim.',
  references: [SEED_CLAIM],
  evaluate: ({ storage }): CheckResult[] => {
    const b = storage.bootProbe;
    const expected = { claim: SEED_CLAIM_TEXT };
    const target: Target = { kind: 'storage', id: 'claim:container-boot', name: 'Seed claim: container boot time' };
    if (!b) {
      return [{ outcome: 'manual', target, expected, message: 'Container boot time was not measured (the probe is opt-in because it creates throwaway containers on the host: --boot-probe IMAGE); the claim "2.1 s vs 0.4 s" is unverified.' }];
    }
    const observed = { status: b.status, runs: b.samples.length, untilRunning: b.untilRunning, untilExited: b.untilExited, engine: b.engine, networkMode: b.networkMode, cmd: b.cmd };
    if (b.status === 'failed') return [{ outcome: 'error', target, observed, expected, message: `The boot probe failed: ${b.error ?? 'no reason recorded'}.` }];
    if (!b.untilExited || !b.untilRunning || b.samples.length === 0) {
      return [{ outcome: 'manual', target, observed, expected, message: `The boot probe ${b.status === 'aborted' ? 'was interrupted' : 'produced no samples'}; the claim is unverified.` }];
    }
    const med = b.untilExited.medianMs;
    const tier = bootTier(med / 1000);
    const dr = primaryTarget(storage)?.results.randwrite4kSync;
    const fsyncNote = dr ? ` The data-root's write + fdatasync p99 is ${dr.p99Us} µs; boot time follows it, since each container start issues about ten flushes.` : '';
    const head = `${b.samples.length} containers of ${b.image} took ${s2(med)} s median (p90 ${s2(b.untilExited.p90Ms)} s) from create to exit, ${s2(b.untilRunning.medianMs)} s until running, on ${b.engine.storageDriver ?? 'an unknown storage driver'}`;
    const message =
      tier === 'fast'
        ? `${head}: consistent with the claim's "${SEED_TIERS.fast.label} 0.4 s" figure.${fsyncNote}`
        : tier === 'slow'
          ? `${head}: as slow as the claim's "${SEED_TIERS.slow.label} 2.1 s" figure or slower.${fsyncNote}`
          : `${head}: between the claim's 0.4 s and 2.1 s figures.${fsyncNote}`;
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
