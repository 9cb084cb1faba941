/**
 * An earlier pack as read-only, verified input (`diff OLD NEW`, `--previous`, `--history`): its
 * manifest must verify as `residency-audit verify` checks it, its signature too when a public key is
 * given, and the findings.json bytes that are parsed must be the ones the manifest lists. Any failure
 * is bad input (exit 2) naming the folder and the file.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { ManifestError, MANIFEST_FILE, verifyManifest } from '../evidence/manifest';
import { readPackFile } from '../evidence/pack-file';
import type { VerifyingKey } from '../evidence/signing/keys';
import { verifyPackSignature } from '../evidence/signing/verify-pack';
import { FINDINGS_FILE, validateFindings } from '../findings/load';
import type { FindingsDocument } from '../findings/types';

/** A pack that cannot be trusted or read: names the folder and the file (exit 2). */
export class PackTrustError extends InputError {}

export interface TrustedPack {
  /** Absolute folder. */
  dir: string;
  findings: FindingsDocument;
  manifestSha256: string;
  /** Key id the signature verified with; null when no key was given. */
  signedBy: string | null;
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * Verify and read the pack in DIR. `role` names it in errors: "previous pack", "OLD", "history pack".
 */
export async function readTrustedPack(dir: string, role: string, key?: VerifyingKey): Promise<TrustedPack> {
  const abs = path.resolve(dir);
  const fail = (what: string) => new PackTrustError(`${role} ${abs}: ${what}`);
  try {
    if (!(await fs.stat(abs)).isDirectory()) throw fail('is not a folder');
  } catch (err) {
    if (err instanceof PackTrustError) throw err;
    throw fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let v;
  try {
    v = await verifyManifest(abs);
  } catch (err) {
    if (err instanceof ManifestError || err instanceof InputError) throw fail(`${(err as Error).message}: not a verifiable pack`);
    throw err;
  }
  if (!v.ok) {
    const issues = [
      ...v.changed.map((f) => `changed: ${f}`),
      ...v.missing.map((f) => `missing: ${f}`),
      ...v.unlisted.map((f) => `not listed: ${f}`),
      ...v.special.map((e) => `not a regular file: ${e.path} (${e.kind})`),
    ];
    throw fail(`does not match its ${MANIFEST_FILE} (${issues.join('; ')}); run "residency-audit verify ${abs}"`);
  }
  let signedBy: string | null = null;
  if (key) {
    const s = await verifyPackSignature(abs, key);
    if (!s.ok) throw fail(`signature: ${s.problems.join('; ')}`);
    signedBy = s.signedBy;
  }
  // Parse exactly the bytes that were vouched for: hash findings.json as read against the manifest.
  const manifestBytes = await readPackFile(abs, MANIFEST_FILE);
  if (!manifestBytes) throw fail(`no ${MANIFEST_FILE}`);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as { files: { path: string; sha256: string }[] };
  const entry = manifest.files.find((f) => f.path === FINDINGS_FILE);
  if (!entry) throw fail(`${MANIFEST_FILE} lists no ${FINDINGS_FILE}: the pack was collected but never evaluated (run "residency-audit report" on a copy)`);
  const bytes = await readPackFile(abs, FINDINGS_FILE);
  if (!bytes || sha256(bytes) !== entry.sha256) throw fail(`changed: ${FINDINGS_FILE} (it changed while being read)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw fail(`${FINDINGS_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  let findings: FindingsDocument;
  try {
    // The findings schema (major version, every field), as `answer` reads a pack.
    findings = validateFindings(parsed, FINDINGS_FILE, abs);
  } catch (err) {
    if (err instanceof InputError) throw fail((err as Error).message);
    throw err;
  }
  return { dir: abs, findings, manifestSha256: sha256(manifestBytes), signedBy };
}
