import { generateSigningKeyPair } from '../../evidence/signing/keys';
import { writeKeyPair } from '../../evidence/signing/write-key-pair';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const KEYGEN_USAGE = `Usage: residency-audit keygen --out KEYFILE [--force]

Create an Ed25519 key pair for signing audit packs, offline:
  KEYFILE      the private key (PKCS#8 PEM, mode 0600): "run/report --sign-key KEYFILE"
  KEYFILE.pub  the public key (SPKI PEM) to hand to auditors: "verify DIR --key KEYFILE.pub"
Prints the key id (first 16 hex digits of the SHA-256 of the public key's DER) to pin and publish.

Options:
  -o, --out KEYFILE   where to write the private key (KEYFILE.pub beside it)
      --force         replace existing key files (the old key can no longer sign)
  -h, --help          this help

Exit codes: 0 written; 2 bad usage, or KEYFILE or KEYFILE.pub already exists.`;

export async function keygenCommand(argv: string[]): Promise<number> {
  const { values } = parse('keygen', argv, { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${KEYGEN_USAGE}\n`);
    return EXIT.ok;
  }
  if (!values.out) throw new UsageError('--out KEYFILE is required');
  const pair = generateSigningKeyPair();
  const { privateFile, publicFile } = await writeKeyPair(values.out, pair, !!values.force);
  process.stdout.write(
    `wrote ${privateFile} (private key, mode 0600: keep it secret) and ${publicFile} (public key)\n` +
      `key id: ${pair.keyId}\n` +
      `fingerprint: sha256:${pair.fingerprint}\n`,
  );
  return EXIT.ok;
}
