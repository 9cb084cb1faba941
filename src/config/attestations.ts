/**
 * attestations.yaml: people's recorded answers to manual controls (schema:
 * evidence/schema/attestations.schema.json). Found beside the --config file, or given with
 * --attestations FILE; the validated, normalised list is copied into the pack as attestations.json
 * (listed in the manifest) so `report` decides the same way. `residency-audit attest` appends one
 * entry through the yaml document API, so the file's comments and layout are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Document } from 'yaml';
import { InputError } from '../errors';
import { yaml } from './yaml';
import { readPackFile } from '../evidence/pack-file';
import { writeFileAtomic } from '../evidence/store';
import { oneYearAfter } from '../findings/expiry';
import { ATTESTED_OUTCOMES, type Attestation, type AttestedOutcome } from '../findings/types';

export const ATTESTATIONS_FILE = 'attestations.yaml';

/** The copy in the pack. */
export const PACK_ATTESTATIONS_FILE = 'attestations.json';
const MAX_ATTESTATIONS_BYTES = 4 * 1024 * 1024;

/** Bad attestations file: names the file, the entry and the field (exit 2). */
export class AttestationsFileError extends InputError {}

/** A loaded attestations file: the entries (defaults filled in) and where they came from. */
export interface AttestationsFile {
  attestations: Attestation[];
  /** The file as given (absolute), or null for a pack's copy. */
  source: string | null;
  /** SHA-256 of the file's bytes as read. */
  sha256: string;
}

const KEYS = ['control', 'target', 'outcome', 'statement', 'by', 'at', 'basis', 'expires'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date (`2026-10-01`) or date-time with zone (`2026-10-01T09:30:00Z`); YAML 1.1 timestamps arrive as Date. */
export function parseIsoDate(v: unknown, where: string, key: string): string {
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  const s = typeof v === 'string' ? v.trim() : '';
  const ok = (DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s) || (DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s.slice(0, 10) + 'T00:00:00Z').toISOString().slice(0, 10) === s.slice(0, 10));
  if (!ok) throw new AttestationsFileError(`${where}: "${key}" must be an ISO date (2026-10-01) or date-time with a zone (2026-10-01T09:30:00Z), got ${JSON.stringify(v)}`);
  return s;
}

function text(o: Record<string, unknown>, key: string, where: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new AttestationsFileError(`${where}: "${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) throw new AttestationsFileError(`${where}: "${key}" must be a non-empty string`);
  return v.trim();
}

/** One entry, validated, with the default expiry (one year after `at`) filled in. */
export function validateAttestation(v: unknown, where: string): Attestation {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new AttestationsFileError(`${where} must be a mapping (control, outcome, statement, by, at, …)`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(KEYS as readonly string[]).includes(k)) throw new AttestationsFileError(`${where}: unknown key "${k}" (allowed: ${KEYS.join(', ')})`);
  const control = text(o, 'control', where, true)!;
  const outcome = o.outcome;
  if (!(ATTESTED_OUTCOMES as readonly unknown[]).includes(outcome)) throw new AttestationsFileError(`${where}: "outcome" must be ${ATTESTED_OUTCOMES.join(', ')}; got ${JSON.stringify(outcome)}`);
  const statement = text(o, 'statement', where, true)!;
  let by: Attestation['by'];
  if (typeof o.by === 'string' && o.by.trim()) by = { name: o.by.trim() };
  else if (o.by && typeof o.by === 'object' && !Array.isArray(o.by)) {
    const b = o.by as Record<string, unknown>;
    for (const k of Object.keys(b)) if (k !== 'name' && k !== 'role') throw new AttestationsFileError(`${where}: unknown key "by.${k}" (allowed: name, role)`);
    const name = text(b, 'name', `${where}: by`, true)!;
    const role = text(b, 'role', `${where}: by`, false);
    by = { name, ...(role ? { role } : {}) };
  } else throw new AttestationsFileError(`${where}: "by" is required: { name, role } or a name`);
  const at = parseIsoDate(o.at, where, 'at');
  const expires = o.expires === undefined || o.expires === null ? oneYearAfter(at) : parseIsoDate(o.expires, where, 'expires');
  if (Date.parse(expires.length === 10 ? `${expires}T23:59:59.999Z` : expires) <= Date.parse(at)) throw new AttestationsFileError(`${where}: "expires" (${expires}) must be after "at" (${at})`);
  const target = text(o, 'target', where, false);
  const basis = text(o, 'basis', where, false);
  return { control, ...(target ? { target } : {}), outcome: outcome as AttestedOutcome, statement, by, at, ...(basis ? { basis } : {}), expires };
}

/** The whole file: `attestations:` with a list of entries (an empty file is an empty list). */
export function parseAttestations(source: string, content: string): Attestation[] {
  let doc: unknown;
  try {
    doc = yaml().parse(content);
  } catch (err) {
    throw new AttestationsFileError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new AttestationsFileError(`${source}: expected a mapping with "attestations:" at the top level`);
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'attestations') throw new AttestationsFileError(`${source}: unknown key "${k}" (allowed: attestations)`);
  if (o.attestations === undefined || o.attestations === null) return [];
  if (!Array.isArray(o.attestations)) throw new AttestationsFileError(`${source}: "attestations" must be a list`);
  return o.attestations.map((a, i) => validateAttestation(a, `${source}: attestations[${i}]`));
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function loadAttestationsFile(file: string): AttestationsFile {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    // A FIFO or device would block or read the host: only a regular file is read.
    const st = statSync(abs);
    if (!st.isFile()) throw new AttestationsFileError(`attestations file ${file} is not a regular file`);
    if (st.size > MAX_ATTESTATIONS_BYTES) throw new AttestationsFileError(`attestations file ${file} is ${st.size} bytes, over the limit of ${MAX_ATTESTATIONS_BYTES}`);
    bytes = readFileSync(abs);
  } catch (err) {
    if (err instanceof AttestationsFileError) throw err;
    throw new AttestationsFileError(`cannot read attestations file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { attestations: parseAttestations(file, bytes.toString('utf8')), source: abs, sha256: sha256(bytes) };
}

/**
 * The attestations of a run: --attestations FILE when given, else attestations.yaml beside the
 * --config file when there is one, else none (a pack's own copy is then used by `report`).
 */
export function findAttestationsFile(flag: string | undefined, configFile: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  if (configFile === undefined) return undefined;
  const beside = path.join(path.dirname(path.resolve(configFile)), ATTESTATIONS_FILE);
  return existsSync(beside) ? beside : undefined;
}

/** The pack's copy: the normalised entries as JSON, readable by the same parser. */
export function packAttestationsJson(a: readonly Attestation[]): string {
  return `${JSON.stringify({ attestations: a }, null, 2)}\n`;
}

export function parsePackAttestations(dir: string, bytes: Buffer): AttestationsFile {
  return { attestations: parseAttestations(path.join(dir, PACK_ATTESTATIONS_FILE), bytes.toString('utf8')), source: null, sha256: sha256(bytes) };
}

const NEW_FILE_HEADER = `# Attestations: people's answers to manual controls (residency-audit attest, README "Attestations").
# Each entry: control (id as shown, e.g. cis-5.9, or a stable check id), optional target (glob on the
# target name), outcome (pass, fail, not-applicable), statement, by {name, role}, at, basis, expires
# (default one year after at; a date ends at the end of that day UTC).
`;

/**
 * Append one attestation to FILE (created when missing), keeping its comments and layout; written
 * atomically (temp file, fsync, rename). The file is validated before and after: an invalid file is
 * refused, never half-fixed. `controlComment` is written after the control id.
 */
export async function appendAttestation(file: string, entry: Attestation, controlComment?: string): Promise<{ created: boolean; count: number }> {
  let content: string | null = null;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new AttestationsFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (content !== null) parseAttestations(file, content);
  const { isDocument, isMap, isScalar, isSeq, parseDocument } = yaml();
  const doc: Document = content === null || !content.trim() ? parseDocument(`${content ?? NEW_FILE_HEADER}attestations: []\n`) : parseDocument(content);
  if (!isDocument(doc) || doc.errors.length) throw new AttestationsFileError(`${file}: not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  if (doc.contents === null || (isMap(doc.contents) && !doc.has('attestations'))) {
    if (doc.contents === null) doc.contents = doc.createNode({}) as never;
    doc.set('attestations', doc.createNode([]));
  }
  const list = doc.get('attestations', true);
  if (!isSeq(list)) {
    if (list === null || list === undefined || (typeof list === 'object' && 'value' in list && list.value === null)) doc.set('attestations', doc.createNode([]));
    else throw new AttestationsFileError(`${file}: "attestations" must be a list`);
  }
  const seq = doc.get('attestations', true);
  if (!isSeq(seq)) throw new AttestationsFileError(`${file}: "attestations" must be a list`);
  // A flow `[]` stays flow when items are added: switch it to block style like a hand-written list.
  seq.flow = false;
  const node = doc.createNode(entry);
  if (controlComment) {
    // `control: cis.needed-ports  # cis-5.9 in CIS Docker Benchmark 1.8.0`
    const value = isMap(node) ? node.get('control', true) : undefined;
    if (isScalar(value)) value.comment = ` ${controlComment}`;
  }
  seq.items.push(node);
  const next = doc.toString();
  const all = parseAttestations(file, next);
  await writeFileAtomic(file, next);
  return { created: content === null, count: all.length };
}

/** The pack's attestations.json, or null when the pack has none. */
export async function readPackAttestations(dir: string): Promise<AttestationsFile | null> {
  const bytes = await readPackFile(dir, PACK_ATTESTATIONS_FILE, MAX_ATTESTATIONS_BYTES);
  return bytes ? parsePackAttestations(dir, bytes) : null;
}
