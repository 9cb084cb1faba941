import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { MAX_PACK_FILE_BYTES, readPackFile } from './pack-file';
import { toJson, writeFileAtomic } from './store';

export const MANIFEST_FILE = 'manifest.json';
/** The optional DSSE signature over the manifest (src/evidence/signing): like the manifest, never listed in it. */
export const SIGNATURE_FILE = 'manifest.sig.json';
/** The lock of a run writing into the folder (src/pipeline/lock.ts): never part of a pack, never listed. */
export const LOCK_FILE = '.residency-audit.lock';

export interface ManifestEntry {
  /** Path relative to the pack folder, with forward slashes. */
  path: string;
  sha256: string;
  /** Bytes. */
  size: number;
}

export interface Manifest {
  tool: 'residency-audit';
  toolVersion: string;
  createdAt: string;
  algorithm: 'sha256';
  files: ManifestEntry[];
}

/** What a pack entry is, when it is not a regular file or folder. */
export type SpecialKind = 'symbolic link' | 'FIFO' | 'socket' | 'device' | 'other';

/** In-flight or left-over temp files of the tool's atomic writes (`.name.<pid>.<rand>.tmp`) and render folders. */
export const TEMP_ENTRY = /(^|\/)(\.[^/]*\.tmp$|\.render-[^/]*\/)/;

export interface PackEntries {
  /** Regular files (relative, sorted), without the manifest and its signature. */
  files: string[];
  /** Anything else found: a pack holds only regular files, so each of these fails verification. */
  special: { path: string; kind: SpecialKind }[];
}

function specialKind(e: import('node:fs').Dirent): SpecialKind {
  if (e.isSymbolicLink()) return 'symbolic link';
  if (e.isFIFO()) return 'FIFO';
  if (e.isSocket()) return 'socket';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'device';
  return 'other';
}

/** Every entry under dir without following symbolic links. */
export async function walkPack(dir: string): Promise<PackEntries> {
  const files: string[] = [];
  const special: PackEntries['special'] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) {
        if (r !== MANIFEST_FILE && r !== SIGNATURE_FILE && r !== LOCK_FILE) files.push(r);
      } else special.push({ path: r, kind: specialKind(e) });
    }
  }
  await walk('');
  return { files: files.sort(), special: special.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The files a new manifest lists: every regular file but the manifest, its signature and the tool's temp files. */
export async function listPackFiles(dir: string): Promise<string[]> {
  return (await walkPack(dir)).files.filter((f) => !TEMP_ENTRY.test(f));
}

/**
 * SHA-256 and size of a pack file, read without following a symbolic link and without blocking on a
 * FIFO; null when the entry is not a regular file (it cannot be vouched for).
 */
export async function hashPackFile(abs: string): Promise<{ sha256: string; size: number } | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return null;
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return null;
    const h = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false })) h.update(chunk as Buffer);
    return { sha256: h.digest('hex'), size: st.size };
  } finally {
    await handle.close();
  }
}

export async function sha256File(file: string): Promise<string> {
  const r = await hashPackFile(file);
  if (!r) throw new Error(`${file} is not a regular file`);
  return r.sha256;
}

export async function hashEntries(dir: string, files: readonly string[]): Promise<ManifestEntry[]> {
  return Promise.all(
    files.map(async (p) => {
      const r = await hashPackFile(path.join(dir, p));
      if (!r) throw new Error(`cannot hash ${p} in ${dir}: not a regular file`);
      return { path: p, ...r };
    }),
  );
}

export async function writeManifest(dir: string, toolVersion: string, createdAt = new Date().toISOString()): Promise<Manifest> {
  const manifest: Manifest = { tool: 'residency-audit', toolVersion, createdAt, algorithm: 'sha256', files: await hashEntries(dir, await listPackFiles(dir)) };
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), toJson(manifest));
  return manifest;
}

export interface VerifyResult {
  ok: boolean;
  changed: string[];
  missing: string[];
  /** Regular files present but not listed (dot files and temp files included). */
  unlisted: string[];
  /** Entries that are no regular file at all (symbolic links, FIFOs, sockets, devices), listed or not. */
  special: { path: string; kind: SpecialKind }[];
  checked: number;
}

/** The manifest is unusable (not JSON, no list, a path outside the pack): bad input. */
export class ManifestError extends InputError {}

/** Recompute every hash in DIR/manifest.json; name each file that is changed, missing, not listed, or no regular file. */
export async function verifyManifest(dir: string): Promise<VerifyResult> {
  let manifest: Manifest;
  let bytes: Buffer | null;
  try {
    bytes = await readPackFile(dir, MANIFEST_FILE, MAX_PACK_FILE_BYTES);
  } catch (err) {
    throw new ManifestError((err as Error).message);
  }
  if (!bytes) throw new ManifestError(`no ${MANIFEST_FILE} in ${dir}`);
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch (err) {
    throw new ManifestError(`${path.join(dir, MANIFEST_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  if (!manifest || !Array.isArray(manifest.files)) throw new ManifestError(`${MANIFEST_FILE} in ${dir} has no "files" list`);
  // A manifest is input too: never let it make us read outside the pack folder.
  for (const f of manifest.files) {
    if (typeof f?.path !== 'string' || path.isAbsolute(f.path) || f.path.split(/[\\/]/).includes('..')) {
      throw new ManifestError(`${MANIFEST_FILE} in ${dir} lists a path outside the pack: ${JSON.stringify(f?.path)}`);
    }
  }
  const { files, special } = await walkPack(dir);
  const present = new Set(files);
  const listed = new Set(manifest.files.map((f) => f.path));
  const changed: string[] = [];
  const missing: string[] = [];
  const specialPaths = new Set(special.map((e) => e.path));
  await Promise.all(
    manifest.files.map(async (f) => {
      if (specialPaths.has(f.path)) return; // reported as special below
      if (!present.has(f.path)) {
        missing.push(f.path);
        return;
      }
      const r = await hashPackFile(path.join(dir, f.path));
      if (!r || r.sha256 !== f.sha256 || r.size !== f.size) changed.push(f.path);
    }),
  );
  const unlisted = files.filter((p) => !listed.has(p));
  changed.sort();
  missing.sort();
  return { ok: !changed.length && !missing.length && !unlisted.length && !special.length, changed, missing, unlisted, special, checked: manifest.files.length };
}
