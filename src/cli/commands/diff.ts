import { loadVerifyingKey } from '../../evidence/signing/keys';
import { diffPacks } from '../../quarterly/compare';
import { diffText } from '../../quarterly/text';
import { readTrustedPack } from '../../quarterly/trusted-pack';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const DIFF_USAGE = `Usage: residency-audit diff OLD NEW [--json] [--fail-on-regression] [--key KEYFILE.pub]

Compare two audit packs: findings matched by their stable id (check and target identity: container
name or swarm service slot, image tag), each classified as
  regressed      in both, not failing before (pass, waived, attested, manual...), failing now
                 (fail, warn, error, attested as failing); an expired waiver counts
  new            only in NEW, failing
  fixed          in both, failing before, now passing, not applicable, attested or waived
  still failing  failing in both
  changed        any other change of outcome (pass -> manual, manual -> attested, fail -> manual)
  gone           only in OLD (its target or check is no longer there)
  added          only in NEW, not failing
  unchanged      the same outcome, not failing (counted only)
plus the residency endpoints (new or removed destinations, changed country, jurisdiction, location
basis, transfer basis), the virtualization verdict and storage classes, and the scores per framework.
Both packs are verified against their manifests first (and their signatures with --key).

Options:
      --json                the comparison as JSON (the same object run/report --previous records)
      --fail-on-regression  exit 1 when a finding regressed
      --key FILE            both packs must be signed with this Ed25519 public key
  -h, --help                this help

Exit codes: 0 compared; 1 a finding regressed (with --fail-on-regression); 2 bad usage, or a pack
that is missing, does not verify (the message names the folder and the file) or cannot be read.`;

export async function diffCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('diff', argv, { json: { type: 'boolean' }, 'fail-on-regression': { type: 'boolean' }, key: { type: 'string' } }, true);
  if (values.help) {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('diff takes two pack folders: residency-audit diff OLD NEW');
  const key = values.key === undefined ? undefined : await loadVerifyingKey(values.key, '--key');
  const old = await readTrustedPack(positionals[0], 'OLD pack', key);
  const now = await readTrustedPack(positionals[1], 'NEW pack', key);
  const d = diffPacks(old, now);
  process.stdout.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : diffText(d));
  if (values.json && !d.sameHost) process.stderr.write(`residency-audit: note: OLD is from host ${d.old.host.hostname}, NEW from ${d.new.host.hostname}\n`);
  return values['fail-on-regression'] && d.counts.regressed > 0 ? EXIT.findings : EXIT.ok;
}
