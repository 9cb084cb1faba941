import { InputError } from '../errors';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readPackFile } from './pack-file';
import type * as Validate from './validate';
import { COLLECTOR_NAMES, type CollectorName, type EvidenceFile, type EvidenceFileRecord, type LoadedEvidence } from './types';

/**
 * Write a file so that its final name only ever holds complete content: write a temp file in the same
 * folder, fsync it, rename over the target. A crash, ENOSPC or Ctrl-C leaves at most a `.tmp` file,
 * which is removed on error; the previous content under the final name is untouched.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    await fs.mkdir(dir, { recursive: true });
    handle = await fs.open(tmp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EROFS' ? 'the file system is read-only' : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? `${dir} is not a folder` : e.message;
    throw new Error(`cannot write ${file}: ${why}`, { cause: err });
  }
}

/** Stable, readable JSON for evidence (two-space indent, trailing newline). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function evidencePath(dir: string, collector: string): string {
  return path.join(dir, 'evidence', `${collector}.json`);
}

export async function writeEvidence(dir: string, file: EvidenceFile): Promise<string> {
  const p = evidencePath(dir, file.collector);
  await writeFileAtomic(p, toJson(file));
  return p;
}

/** Evidence that cannot be read as given (missing folder, malformed file): bad input, exit 2. */
export class EvidenceReadError extends InputError {}

export interface EvidenceDir {
  evidence: LoadedEvidence;
  /** One record per evidence file read, with the SHA-256 of the bytes that were parsed. */
  files: EvidenceFileRecord[];
}

/**
 * Read the evidence files of a pack folder as untrusted input: regular files only (no symlinks, FIFOs
 * or devices), size-capped, each validated against its schema (src/evidence/validate): a file of another
 * major schema version or with a wrong type anywhere is refused (SchemaValidationError, exit 2) naming
 * the file and the JSON path. Unknown collectors are ignored.
 */
export async function readEvidenceDir(dir: string): Promise<EvidenceDir> {
  const evDir = path.join(dir, 'evidence');
  let names: string[];
  try {
    const st = await fs.lstat(evDir);
    if (!st.isDirectory()) throw new EvidenceReadError(`${evDir} is not a folder (symbolic links are not followed)`);
    names = await fs.readdir(evDir);
  } catch (err) {
    if (err instanceof EvidenceReadError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new EvidenceReadError(e.code === 'ENOENT' ? `no evidence folder at ${evDir}: is ${dir} an output folder of "residency-audit collect" or "run"?` : `cannot read ${evDir}: ${e.code ?? e.message}`);
  }
  const out: Record<string, EvidenceFile> = {};
  const files: EvidenceFileRecord[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const collector = name.slice(0, -5) as CollectorName;
    if (!COLLECTOR_NAMES.includes(collector)) continue;
    const rel = `evidence/${name}`;
    let bytes: Buffer | null;
    try {
      bytes = await readPackFile(dir, rel);
    } catch (err) {
      throw new EvidenceReadError((err as Error).message);
    }
    if (!bytes) continue;
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new EvidenceReadError(`evidence file ${path.join(dir, rel)} is not valid JSON: ${(err as Error).message}`);
    }
    // Validated before anything is decided from it: schema version, envelope, then the collector's data.
    // The schemas (ajv) are loaded on the first read, not by every writer of evidence.
    const parsed = (require('./validate') as typeof Validate).validateEvidenceFile(rel, collector, json);
    out[collector] = parsed;
    files.push({
      file: rel,
      collector,
      collectorVersion: String(parsed.collectorVersion ?? ''),
      schemaVersion: String(parsed.schemaVersion ?? ''),
      status: parsed.status,
      startedAt: parsed.startedAt,
      endedAt: String(parsed.endedAt ?? parsed.startedAt),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      ...(parsed.error ? { error: String(parsed.error) } : {}),
      ...(Array.isArray(parsed.warnings) && parsed.warnings.length ? { warnings: parsed.warnings.map(String) } : {}),
    });
  }
  return { evidence: out as LoadedEvidence, files };
}

/** The evidence of a pack folder (see readEvidenceDir). */
export async function loadEvidence(dir: string): Promise<LoadedEvidence> {
  return (await readEvidenceDir(dir)).evidence;
}
