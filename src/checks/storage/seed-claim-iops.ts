import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { SEED_CLAIM } from './references';
import { iopsTier, SEED_CLAIM_TEXT, SEED_TIERS } from './seed-claim';
import { engineText, n0, primaryTarget, storageTarget, untrustworthy } from './target';

export default defineCheck<'storage'>({
  id: 'storage-seed-claim-iops',
  title: "The seed text's random-read IOPS claim is checked against this host's measurement",
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  decidedBy:
    'The Docker data-root\'s (else the first measured directory\'s) 4 KiB random-read IOPS at QD1 against the claim\'s tiers: ~300-500 IOPS ("Standard VPS (SATA)") and ~10,000+ IOPS ("NVMe"). Informational when measured honestly; manual otherwise. Never a pass: a marketing claim is stated against a measurement, not certified.',
  rationale:
    'The seed material promises NVMe-class storage with "10,000+" random-read IOPS and contrasts it with "~300-500" on standard VPS disks. The audit pack must say what this host measured, and that 300-500 IOPS is not what a SATA SSD does (thousands at QD1) but what a spinning disk or a provider IOPS cap does.',
  remediation: 'Quote the measured figure, with its engine, file size and spread, instead of the claim.',
  references: [SEED_CLAIM],
  evaluate: ({ storage }): CheckResult[] => {
    const t = primaryTarget(storage);
    const expected = { claim: SEED_CLAIM_TEXT };
    // A fixed target: the claim is about the host, and the finding must match quarter over quarter.
    const target: Target = { kind: 'storage', id: 'claim:random-read-iops', name: 'Seed claim: random-read IOPS' };
    if (!t) {
      const why = storage.targets.map((x) => `${x.path}: ${x.status}${x.reason ? ` (${x.reason})` : ''}`).join('; ') || 'no filesystem was measured';
      return [{ outcome: 'manual', target, expected, message: `The claim "${SEED_CLAIM_TEXT}" could not be checked: ${why}.` }];
    }
    const measured = storageTarget(t);
    const q1 = t.results.randread4kQd1;
    const deep = t.results.randread4kQd32;
    const why = untrustworthy(t);
    if (!q1 || why.length) {
      return [{ outcome: 'manual', target, expected, message: `The IOPS claim could not be checked on ${measured.name}: ${q1 ? why.join('; ') : 'no 4 KiB random-read figure'}.` }];
    }
    const observed = { path: t.path, randread4kQd1Iops: q1.iops, p50Us: q1.p50Us, deepIops: deep?.iops ?? null, deepInFlight: deep?.inFlight ?? null, engine: engineText(t), spread: q1.spread };
    const deepText = deep ? ` (${n0(deep.iops)} IOPS with ${deep.inFlight} in flight)` : '';
    const head = `${measured.name} measured ${n0(q1.iops)} random-read IOPS at QD1${deepText}`;
    const tier = iopsTier(q1.iops);
    const satNote = ' Note that ~300-500 IOPS is not typical of a SATA SSD, which does thousands at QD1; it is consistent with a spinning disk or a provider IOPS cap.';
    const message =
      tier === 'fast'
        ? `${head}: in the claim's "${SEED_TIERS.fast.label} ~10,000+" tier.${satNote}`
        : tier === 'slow'
          ? `${head}: in the claim's "${SEED_TIERS.slow.label} ~300-500" tier, not the "${SEED_TIERS.fast.label} ~10,000+" one.${satNote}`
          : tier === 'between'
            ? `${head}: between the claim's tiers (~300-500 and ~10,000+); the claim's NVMe figure is not met at QD1 on this host.`
            : `${head}: below even the claim's "~300-500" tier.`;
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
