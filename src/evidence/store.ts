import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { COLLECTOR_NAMES, type CollectorName, type EvidenceFile, type LoadedEvidence } from './types';

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
export class EvidenceReadError extends Error {}

/** Read the evidence files of a pack folder; a malformed file is an error naming it. Unknown collectors are ignored. */
export async function loadEvidence(dir: string): Promise<LoadedEvidence> {
  const evDir = path.join(dir, 'evidence');
  let names: string[];
  try {
    names = await fs.readdir(evDir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new EvidenceReadError(e.code === 'ENOENT' ? `no evidence folder at ${evDir}: is ${dir} an output folder of "residency-audit collect" or "run"?` : `cannot read ${evDir}: ${e.message}`);
  }
  const out: Record<string, EvidenceFile> = {};
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const collector = name.slice(0, -5) as CollectorName;
    if (!COLLECTOR_NAMES.includes(collector)) continue;
    const p = path.join(evDir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.readFile(p, 'utf8'));
    } catch (err) {
      throw new EvidenceReadError(`evidence file ${p} is not valid JSON: ${(err as Error).message}`);
    }
    if (!isEnvelope(parsed)) throw new EvidenceReadError(`evidence file ${p} is not an evidence envelope (needs collector, status, startedAt, data)`);
    if (parsed.collector !== collector) throw new EvidenceReadError(`evidence file ${p} says it is from collector "${parsed.collector}", not "${collector}"`);
    out[collector] = parsed;
  }
  return out as LoadedEvidence;
}

function isEnvelope(v: unknown): v is EvidenceFile {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.collector === 'string' && typeof o.status === 'string' && typeof o.startedAt === 'string' && 'data' in o;
}
