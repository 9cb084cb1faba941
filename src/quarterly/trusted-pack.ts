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
import { FINDINGS_SCHEMA_VERSION, OUTCOMES, SEVERITIES, type FindingsDocument } from '../findings/types';

const FINDINGS_FILE = 'findings.json';

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

/** The checks findings.json must pass before the diff reads it; names the JSON path. */
function checkFindings(doc: unknown, where: string): FindingsDocument {
  const bad = (p: string, what: string) => new PackTrustError(`${where}: ${p} ${what}`);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw bad('(top level)', 'is not an object');
  const d = doc as Record<string, unknown>;
  const run = d.run as Record<string, unknown> | undefined;
  if (!run || typeof run !== 'object') throw bad('/run', 'is missing');
  const version = typeof run.schemaVersion === 'string' ? run.schemaVersion : '';
  const major = version.split('.')[0];
  if (major !== FINDINGS_SCHEMA_VERSION.split('.')[0]) {
    throw bad('/run/schemaVersion', `is ${JSON.stringify(run.schemaVersion ?? null)}; this version reads ${FINDINGS_SCHEMA_VERSION.split('.')[0]}.x (re-evaluate a copy of the pack with "residency-audit report")`);
  }
  if (typeof run.evaluatedAt !== 'string') throw bad('/run/evaluatedAt', 'is missing');
  if (!Array.isArray(d.findings)) throw bad('/findings', 'is not a list');
  d.findings.forEach((f: unknown, i: number) => {
    const p = `/findings/${i}`;
    if (!f || typeof f !== 'object') throw bad(p, 'is not an object');
    const o = f as Record<string, unknown>;
    for (const k of ['id', 'check', 'control', 'title', 'section']) if (typeof o[k] !== 'string') throw bad(`${p}/${k}`, 'is not a string');
    if (!(OUTCOMES as readonly unknown[]).includes(o.outcome)) throw bad(`${p}/outcome`, `is ${JSON.stringify(o.outcome)}, not an outcome`);
    if (!(SEVERITIES as readonly unknown[]).includes(o.severity)) throw bad(`${p}/severity`, `is ${JSON.stringify(o.severity)}, not a severity`);
    const t = o.target as Record<string, unknown> | undefined;
    if (!t || typeof t !== 'object' || typeof t.kind !== 'string' || typeof t.id !== 'string' || typeof t.name !== 'string') throw bad(`${p}/target`, 'needs kind, id and name');
  });
  if (d.controls !== undefined && (typeof d.controls !== 'object' || d.controls === null)) throw bad('/controls', 'is not an object');
  if (d.residency !== null && d.residency !== undefined && (typeof d.residency !== 'object' || !Array.isArray((d.residency as Record<string, unknown>).endpoints))) throw bad('/residency/endpoints', 'is not a list');
  return { ...(d as unknown as FindingsDocument), controls: (d.controls ?? {}) as FindingsDocument['controls'], residency: (d.residency ?? null) as FindingsDocument['residency'] };
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
  const findings = checkFindings(parsed, `${role} ${abs}: ${FINDINGS_FILE}`);
  return { dir: abs, findings, manifestSha256: sha256(manifestBytes), signedBy };
}
