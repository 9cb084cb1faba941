/**
 * Reading a pack's findings for answering, after checking that the pack is what it was made as: a
 * manifest that matches findings.json, the config and every evidence file, and findings evaluated
 * from exactly that evidence. An edited findings.json (fail turned into pass) must never become a
 * "Yes" in a customer's questionnaire.
 */
import * as path from 'node:path';
import { InputError } from '../errors';
import { ManifestError, MANIFEST_FILE, verifyManifest, type Manifest } from '../evidence/manifest';
import { readPackFile } from '../evidence/pack-file';
import { validateFindings } from '../findings/load';
import type { VerifyingKey } from '../evidence/signing/keys';
import { verifyPackSignature } from '../evidence/signing/verify-pack';
import type { FindingsDocument } from '../findings/types';

export const FINDINGS_FILE = 'findings.json';
const CONFIG_FILE = 'config.json';

/** The pack cannot be answered from: missing, changed or inconsistent (exit 2). */
export class PackIntegrityError extends InputError {}

/** A pack file as text, read as untrusted input (regular file only, size-capped); `what` is the message when absent. */
async function readText(dir: string, rel: string, what: string): Promise<string> {
  let bytes: Buffer | null;
  try {
    bytes = await readPackFile(dir, rel);
  } catch (err) {
    throw new PackIntegrityError((err as Error).message);
  }
  if (!bytes) throw new PackIntegrityError(what);
  return bytes.toString('utf8');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PackIntegrityError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * DIR/findings.json, after verifying DIR against its manifest. Refuses (PackIntegrityError, exit 2)
 * when there is no manifest, when findings.json, config.json or any evidence file was changed,
 * removed or added, or when findings.json was evaluated from other evidence than the pack holds.
 * With a key, the pack's signature must verify too: only that stops someone who edits findings.json
 * and recomputes the manifest.
 */
export async function readVerifiedFindings(dir: string, opts: { key?: VerifyingKey } = {}): Promise<FindingsDocument> {
  const findingsFile = path.join(dir, FINDINGS_FILE);
  const text = await readText(dir, FINDINGS_FILE, `no ${FINDINGS_FILE} in ${dir}: run "residency-audit run" or "residency-audit report ${dir}" first`);
  const manifestText = await readText(
    dir,
    MANIFEST_FILE,
    `no ${MANIFEST_FILE} in ${dir}: the pack cannot be verified, so no answers are given from it (answers come from packs written by "residency-audit run" or "report")`,
  );
  let v;
  try {
    v = await verifyManifest(dir);
  } catch (err) {
    if (err instanceof ManifestError) throw new PackIntegrityError(`${dir}: ${err.message}`);
    throw err;
  }
  const matters = (p: string) => p === FINDINGS_FILE || p === CONFIG_FILE || p.startsWith('evidence/');
  const problems = [
    ...v.changed.filter(matters).map((p) => `${p} changed`),
    ...v.missing.filter(matters).map((p) => `${p} missing`),
    ...v.unlisted.filter(matters).map((p) => `${p} not in the manifest`),
    ...v.special.filter((e) => matters(e.path)).map((e) => `${e.path} is a ${e.kind}`),
  ];
  if (problems.length) {
    throw new PackIntegrityError(`${dir} does not match its ${MANIFEST_FILE} (${problems.join(', ')}): no answers are given from a changed pack; run "residency-audit verify ${dir}" for details, or re-create the pack from trusted evidence`);
  }
  if (opts.key) {
    const sig = await verifyPackSignature(dir, opts.key);
    if (!sig.ok) throw new PackIntegrityError(`${dir}: the signature does not verify with the given key (${sig.problems.join('; ')}): no answers are given`);
  }
  const doc = validateFindings(parseJson(text, findingsFile), FINDINGS_FILE, dir);
  // findings.json records the hash of every evidence file it was evaluated from: it must be this pack's.
  const manifest = parseJson(manifestText, path.join(dir, MANIFEST_FILE)) as Manifest;
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const evaluated = Array.isArray(doc.run.evidence) ? doc.run.evidence : [];
  const mismatched = evaluated.filter((e) => listed.get(e.file) !== e.sha256).map((e) => e.file);
  const unevaluated = [...listed.keys()].filter((p) => p.startsWith('evidence/') && !evaluated.some((e) => e.file === p));
  if (!evaluated.length || mismatched.length || unevaluated.length) {
    const what = !evaluated.length ? 'records no evidence files' : [...mismatched.map((p) => `${p} differs from what it was evaluated from`), ...unevaluated.map((p) => `${p} was not evaluated`)].join(', ');
    throw new PackIntegrityError(`${findingsFile} does not belong to the evidence in ${dir} (${what}): re-create it with "residency-audit report ${dir}"`);
  }
  if (doc.run.evidenceModified?.length) {
    throw new PackIntegrityError(`${findingsFile} was evaluated from evidence that no longer matched its manifest (${doc.run.evidenceModified.join(', ')}, report --allow-modified): no answers are given from it`);
  }
  if (doc.run.unverified) {
    throw new PackIntegrityError(`${findingsFile} was evaluated from a folder without a manifest (report --allow-unverified): no answers are given from unverified evidence`);
  }
  return doc;
}
