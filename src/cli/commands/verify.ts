import * as path from 'node:path';
import { verifyManifest } from '../../evidence/manifest';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const VERIFY_USAGE = `Usage: residency-audit verify DIR

Recompute the SHA-256 of every file listed in DIR/manifest.json. Exit 0 when all match; otherwise
exit 1 and name each file that is changed, missing, or present but not listed.

Options:
  -h, --help   this help`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('verify', argv, {}, true);
  if (values.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one folder: residency-audit verify DIR');
  const dir = path.resolve(positionals[0]);
  const r = await verifyManifest(dir);
  for (const f of r.changed) process.stdout.write(`changed: ${f}\n`);
  for (const f of r.missing) process.stdout.write(`missing: ${f}\n`);
  for (const f of r.unlisted) process.stdout.write(`not listed: ${f}\n`);
  if (r.ok) {
    process.stdout.write(`verified: ${r.checked} files in ${dir} match manifest.json\n`);
    return EXIT.ok;
  }
  process.stdout.write(`verification FAILED: ${r.changed.length} changed, ${r.missing.length} missing, ${r.unlisted.length} not listed\n`);
  return EXIT.findings;
}
