import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ManifestError, MANIFEST_FILE, SIGNATURE_FILE, verifyManifest, type VerifyResult } from '../../evidence/manifest';
import { loadVerifyingKey } from '../../evidence/signing/keys';
import { signatureStatus, verifyPackSignature, type SignatureCheck } from '../../evidence/signing/verify-pack';
import type { AuditPackPredicate } from '../../evidence/signing/statement';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const VERIFY_USAGE = `Usage: residency-audit verify DIR [--key KEYFILE.pub]

Recompute the SHA-256 of every file listed in DIR/manifest.json. Exit 0 when all match; otherwise
exit 1 and name each file that is changed, missing, or present but not listed.

With --key, also check DIR/${SIGNATURE_FILE} with that Ed25519 public key: the signature, then every
signed digest (manifest.json included) against the files, then the signed file list against
manifest.json. A pack whose evidence was changed and its manifest recomputed fails here. Without
--key, verify says whether the pack is signed and by which key id, but checks no signature.

Options:
      --key FILE   public key (SPKI PEM, KEYFILE.pub from "keygen") the pack must be signed with
  -h, --help       this help

Exit codes: 0 all match (and the signature verifies); 1 a mismatch or a bad signature; 2 bad usage
(no manifest.json in DIR, an unreadable key file, not an Ed25519 public key).`;

/** A manifest that cannot be used as one (bad JSON, no list, a path outside the pack): verification fails, exit 1. */
async function manifestCheck(dir: string): Promise<VerifyResult | string> {
  try {
    return await verifyManifest(dir);
  } catch (err) {
    // A manifest that cannot be used as one fails verification; I/O failures are the tool's (exit 4).
    if (err instanceof ManifestError) return err.message;
    throw err;
  }
}

function describeRun(p: AuditPackPredicate): string {
  const r = p.run;
  const parts = [`residency-audit ${r.toolVersion ?? '(version unknown)'}`, `collected ${r.collectedAt ?? 'unknown'}`, `evaluated ${r.evaluatedAt ?? 'unknown'}`];
  if (r.host) parts.push(`host ${String(r.host.hostname)}${r.host.engineId ? ` (engine ${String(r.host.engineId)})` : ''}`);
  if (r.invocation?.user !== undefined && r.invocation.user !== null) parts.push(`run by ${String(r.invocation.user)}${r.invocation.uid !== null ? ` (uid ${String(r.invocation.uid)})` : ''}`);
  if (r.catalog?.sha256) parts.push(`catalog sha256 ${String(r.catalog.sha256).slice(0, 16)}…`);
  if (r.config?.sha256) parts.push(`config sha256 ${String(r.config.sha256).slice(0, 16)}…`);
  return parts.join(', ');
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('verify', argv, { key: { type: 'string' } }, true);
  if (values.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one folder: residency-audit verify DIR [--key KEYFILE.pub]');
  const dir = path.resolve(positionals[0]);
  // Usage first: a bad key or a folder that is no pack is exit 2 before anything is hashed.
  const key = values.key === undefined ? undefined : await loadVerifyingKey(values.key, '--key');
  try {
    await fs.access(path.join(dir, MANIFEST_FILE));
  } catch {
    throw new UsageError(`no ${MANIFEST_FILE} in ${dir}: is it the output folder of "residency-audit run", "collect" or "report"?`);
  }

  const out = (line: string) => process.stdout.write(`${line}\n`);
  const r = await manifestCheck(dir);
  const failures: string[] = [];
  if (typeof r === 'string') {
    out(`manifest: ${r}`);
    failures.push('manifest.json unusable');
  } else {
    for (const f of r.changed) out(`changed: ${f}`);
    for (const f of r.missing) out(`missing: ${f}`);
    for (const f of r.unlisted) out(`not listed: ${f}`);
    for (const e of r.special) out(`not a regular file: ${e.path} (${e.kind})`);
    if (r.ok) out(`verified: ${r.checked} files in ${dir} match ${MANIFEST_FILE}`);
    else failures.push(`${r.changed.length} changed, ${r.missing.length} missing, ${r.unlisted.length} not listed${r.special.length ? `, ${r.special.length} not a regular file` : ''}`);
  }

  if (key) {
    const s: SignatureCheck = await verifyPackSignature(dir, key);
    for (const p of s.problems) out(`signature: ${p}`);
    if (s.ok) {
      out(`signature OK: signed by key ${s.signedBy}; ${s.subjects} signed files (${MANIFEST_FILE} included) match`);
      if (s.predicate) out(`signed run: ${describeRun(s.predicate)}`);
    } else failures.push(`signature: ${s.problems.length} problem${s.problems.length === 1 ? '' : 's'}`);
  } else {
    const st = await signatureStatus(dir);
    if (st.state === 'unsigned') out('unsigned');
    else if (st.state === 'signed') out(`signed by key ${st.keyIds.join(', ')} (signature not checked: pass --key)`);
    else {
      out(`signature: ${st.reason}`);
      failures.push(`${SIGNATURE_FILE} damaged`);
    }
  }

  if (failures.length === 0) return EXIT.ok;
  out(`verification FAILED: ${failures.join('; ')}`);
  return EXIT.findings;
}
