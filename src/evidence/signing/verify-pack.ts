import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, sha256File } from '../manifest';
import { decodeBase64Strict, IN_TOTO_PAYLOAD_TYPE, parseEnvelope, signatureVerifies, SignatureFormatError, type DsseEnvelope } from './dsse';
import type { VerifyingKey } from './keys';
import { parseStatement, type AuditPackPredicate, type Statement } from './statement';

/** What a pack says about its signature, before any key is involved. */
export type SignatureStatus = { state: 'unsigned' } | { state: 'signed'; keyIds: string[] } | { state: 'damaged'; reason: string };

async function readEnvelope(dir: string): Promise<DsseEnvelope | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, SIGNATURE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseEnvelope(text, SIGNATURE_FILE);
}

/** Unsigned, signed by which key id(s) (unchecked: key ids are hints, anyone can write one), or damaged. */
export async function signatureStatus(dir: string): Promise<SignatureStatus> {
  try {
    const env = await readEnvelope(dir);
    if (!env) return { state: 'unsigned' };
    return { state: 'signed', keyIds: env.signatures.map((s) => s.keyid || '(no key id)') };
  } catch (err) {
    if (err instanceof SignatureFormatError) return { state: 'damaged', reason: err.message };
    throw err;
  }
}

export interface SignatureCheck {
  ok: boolean;
  /** The key id the signature verified with; null when it did not verify. */
  signedBy: string | null;
  /** One line each, naming the file or the reason. */
  problems: string[];
  /** Subjects compared with the files on disk. */
  subjects: number;
  predicate: AuditPackPredicate | null;
}

function fail(problem: string): SignatureCheck {
  return { ok: false, signedBy: null, problems: [problem], subjects: 0, predicate: null };
}

/** The DSSE signature step: which envelope signature verifies with the key, or why none does. */
function verifiedPayload(env: DsseEnvelope, key: VerifyingKey): { payload: Buffer } | { problem: string } {
  const payload = decodeBase64Strict(env.payload);
  if (!payload) return { problem: `${SIGNATURE_FILE}: "payload" is not base64: the file is damaged` };
  for (const s of env.signatures) {
    const sig = decodeBase64Strict(s.sig);
    if (sig && signatureVerifies(env.payloadType, payload, sig, key.publicKey)) return { payload };
  }
  const others = [...new Set(env.signatures.map((s) => s.keyid).filter((id) => id && id !== key.keyId))];
  if (others.length && !env.signatures.some((s) => s.keyid === key.keyId)) return { problem: `${SIGNATURE_FILE} is signed by key ${others.join(', ')}, not by ${key.keyId}` };
  return { problem: `the signature in ${SIGNATURE_FILE} does not verify with key ${key.keyId}: the signature or its payload was altered, or another key made it` };
}

function outsidePack(p: string): boolean {
  return path.isAbsolute(p) || p.split(/[\\/]/).includes('..');
}

async function digestOnDisk(dir: string, rel: string): Promise<string | null> {
  try {
    return await sha256File(path.join(dir, rel));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/** manifest.json's entries as path → sha256, or the reason it cannot be read (its own digest check names it too). */
async function manifestEntries(dir: string): Promise<Map<string, string> | string> {
  try {
    const m = JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as { files?: unknown };
    if (!Array.isArray(m.files)) return `${MANIFEST_FILE} has no "files" list`;
    return new Map(m.files.map((f: { path?: unknown; sha256?: unknown }) => [String(f?.path), String(f?.sha256)]));
  } catch (err) {
    return `${MANIFEST_FILE} cannot be read as JSON: ${(err as Error).message}`;
  }
}

/** Compare the signed statement with the pack on disk and with manifest.json. */
async function compareSubjects(dir: string, statement: Statement): Promise<string[]> {
  const problems: string[] = [];
  const signed = new Map<string, string>();
  for (const s of statement.subject) {
    if (signed.has(s.name)) problems.push(`the signed statement lists ${s.name} twice`);
    signed.set(s.name, s.digest.sha256);
  }
  if (!signed.has(MANIFEST_FILE)) problems.push(`the signed statement has no subject ${MANIFEST_FILE}`);
  const unchanged = new Set<string>();
  for (const [name, sha] of [...signed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (outsidePack(name)) {
      problems.push(`the signed statement names a path outside the pack: ${JSON.stringify(name)}`);
      continue;
    }
    const onDisk = await digestOnDisk(dir, name);
    if (onDisk === null) problems.push(`missing since signing: ${name}`);
    else if (onDisk !== sha) problems.push(`changed since signing: ${name}`);
    else unchanged.add(name);
  }
  const entries = await manifestEntries(dir);
  if (typeof entries === 'string') {
    problems.push(entries);
    return problems;
  }
  for (const p of [...entries.keys()].sort()) {
    if (!signed.has(p)) problems.push(`listed in ${MANIFEST_FILE} but not signed: ${p}`);
    // Where the file itself still has its signed content, a differing manifest entry is the manifest's fault.
    else if (entries.get(p) !== signed.get(p) && unchanged.has(p)) problems.push(`${MANIFEST_FILE} and the signature disagree on ${p}`);
  }
  for (const name of [...signed.keys()].sort()) {
    if (name !== MANIFEST_FILE && !entries.has(name)) problems.push(`signed but not listed in ${MANIFEST_FILE}: ${name}`);
  }
  return problems;
}

/**
 * Check DIR/manifest.sig.json with the public key: the DSSE signature first (nothing in the payload is read
 * before it verifies), then every signed digest against the files on disk (manifest.json included), then the
 * signed subjects against manifest.json's entries. A damaged file is a failed check with a reason, never a throw.
 */
export async function verifyPackSignature(dir: string, key: VerifyingKey): Promise<SignatureCheck> {
  let env: DsseEnvelope | null;
  try {
    env = await readEnvelope(dir);
  } catch (err) {
    if (err instanceof SignatureFormatError) return fail(err.message);
    throw err;
  }
  if (!env) return fail(`no ${SIGNATURE_FILE} in ${dir}: the pack is unsigned`);
  const v = verifiedPayload(env, key);
  if ('problem' in v) return fail(v.problem);
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { ...fail(`${SIGNATURE_FILE} has payloadType ${JSON.stringify(env.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`), signedBy: key.keyId };
  let statement: Statement;
  try {
    statement = parseStatement(v.payload, SIGNATURE_FILE);
  } catch (err) {
    if (err instanceof SignatureFormatError) return { ...fail(err.message), signedBy: key.keyId };
    throw err;
  }
  const problems = await compareSubjects(dir, statement);
  return { ok: problems.length === 0, signedBy: key.keyId, problems, subjects: statement.subject.length, predicate: statement.predicate };
}
