import * as path from 'node:path';
import { LOCK_FILE, MANIFEST_FILE, SIGNATURE_FILE } from '../../evidence/manifest';
import { loadVerifyingKey } from '../../evidence/signing/keys';
import { verify, type AuditPackPredicate } from '../../index';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { isFleetFolder } from '../../fleet/folder';
import { verifyFleetHosts } from '../../fleet/verify-fleet';

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
  // Usage first: a bad key (or, in verify(), a folder that is no pack) is exit 2 before anything is hashed.
  const key = values.key === undefined ? undefined : await loadVerifyingKey(values.key, '--key');
  const r = await verify({ dir, key });

  const out = (line: string) => process.stdout.write(`${line}\n`);
  const l = r.lock;
  if (l.state === 'in-progress') out(`a run is in progress (pid ${l.pid} on ${l.hostname}, started ${l.startedAt}, ${l.command}): this is the earlier pack, which that run replaces when its new pack is complete; ${LOCK_FILE} is its lock, not part of the pack`);
  else if (l.state === 'stale') out(`not part of the pack: ${LOCK_FILE}, left by process ${l.pid} on ${l.hostname} (${l.command}, started ${l.startedAt}), which no longer runs; the next run takes it over`);
  else if (l.state === 'unreadable') out(`not part of the pack: ${LOCK_FILE} (${l.why})`);
  if ('unusable' in r.manifest) out(`manifest: ${r.manifest.unusable}`);
  else {
    for (const f of r.manifest.changed) out(`changed: ${f}`);
    for (const f of r.manifest.missing) out(`missing: ${f}`);
    for (const f of r.manifest.unlisted) out(`not listed: ${f}`);
    for (const e of r.manifest.special) out(`not a regular file: ${e.path} (${e.kind})`);
    if (r.manifest.ok) out(`verified: ${r.manifest.checked} files in ${dir} match ${MANIFEST_FILE}`);
  }

  // --- fleet folders (src/fleet): each host's own manifest too ---
  const failures = [...r.failures];
  if (await isFleetFolder(dir)) {
    const fleet = await verifyFleetHosts(dir);
    for (const l of fleet.lines) out(l);
    failures.push(...fleet.failures);
  }
  // --- end fleet folders ---

  const s = r.signature;
  if (s.checked) {
    for (const p of s.problems) out(`signature: ${p}`);
    if (s.ok) {
      out(`signature OK: signed by key ${s.signedBy}; ${s.subjects} signed files (${MANIFEST_FILE} included) match`);
      if (s.predicate) out(`signed run: ${describeRun(s.predicate)}`);
    }
  } else if (s.state === 'unsigned') out('unsigned');
  else if (s.state === 'signed') out(`signed by key ${s.keyIds.join(', ')} (signature not checked: pass --key)`);
  else out(`signature: ${s.reason}`);

  if (failures.length === 0) return EXIT.ok;
  out(`verification FAILED: ${failures.join('; ')}`);
  return EXIT.findings;
}
