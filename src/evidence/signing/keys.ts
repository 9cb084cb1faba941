import { InputError } from '../../errors';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** Pack-signing keys: Ed25519 only, PEM files (private PKCS#8, public SPKI). */

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export interface VerifyingKey {
  publicKey: KeyObject;
  keyId: string;
}

/** A key file that cannot be used (unreadable, not PEM, not Ed25519, the wrong half): bad usage. */
export class KeyFileError extends InputError {}

/** SHA-256 of the public key's SPKI DER, hex: the full fingerprint. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The key id written into signatures and printed for pinning: the first 16 hex digits of the fingerprint. */
export function keyId(publicKey: KeyObject): string {
  return keyFingerprint(publicKey).slice(0, 16);
}

export interface GeneratedKeyPair {
  privatePem: string;
  publicPem: string;
  keyId: string;
  fingerprint: string;
}

export function generateSigningKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyId(publicKey),
    fingerprint: keyFingerprint(publicKey),
  };
}

async function readKeyFile(file: string, flag: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new KeyFileError(`${flag} ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a folder, not a key file' : e.message}`);
  }
}

function requireEd25519(key: KeyObject, file: string, flag: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyFileError(`${flag} ${file} is not an Ed25519 key (it is ${key.asymmetricKeyType ?? 'of an unknown type'}); make one with "residency-audit keygen --out FILE"`);
}

/** The private key of `--sign-key FILE`. */
export async function loadSigningKey(file: string, flag = '--sign-key'): Promise<SigningKey> {
  const text = await readKeyFile(file, flag);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MISSING_PASSPHRASE') throw new KeyFileError(`${flag} ${file} is encrypted with a passphrase, which is not supported`);
    if (/PUBLIC KEY-----/.test(text)) throw new KeyFileError(`${flag} ${file} holds a public key: signing needs the private key (the file without .pub)`);
    throw new KeyFileError(`${flag} ${file} is not a PEM private key`);
  }
  requireEd25519(privateKey, file, flag);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyId(publicKey) };
}

/** The public key of `verify --key FILE`; a private key is refused so that it is not handed around as if public. */
export async function loadVerifyingKey(file: string, flag = '--key'): Promise<VerifyingKey> {
  const text = await readKeyFile(file, flag);
  if (/PRIVATE KEY-----/.test(text)) throw new KeyFileError(`${flag} ${file} holds a private key: pass the public key (${file.endsWith('.pub') ? 'made by keygen' : `${file}.pub`}) and keep the private one secret`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(text);
  } catch {
    throw new KeyFileError(`${flag} ${file} is not a PEM public key`);
  }
  requireEd25519(publicKey, file, flag);
  return { publicKey, keyId: keyId(publicKey) };
}
