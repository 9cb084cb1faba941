import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { toJson, writeFileAtomic } from './store';

export const MANIFEST_FILE = 'manifest.json';
/** The optional DSSE signature over the manifest (src/evidence/signing): like the manifest, never listed in it. */
export const SIGNATURE_FILE = 'manifest.sig.json';

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

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Every regular file under dir (relative, sorted), skipping the manifest itself, its signature and in-flight temp files. */
export async function listPackFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile() && r !== MANIFEST_FILE && r !== SIGNATURE_FILE && !/(^|\/)\.[^/]*\.tmp$/.test(r)) out.push(r);
    }
  }
  await walk('');
  return out.sort();
}

export async function hashEntries(dir: string, files: readonly string[]): Promise<ManifestEntry[]> {
  return Promise.all(
    files.map(async (p) => {
      const abs = path.join(dir, p);
      const [sha256, st] = await Promise.all([sha256File(abs), fs.stat(abs)]);
      return { path: p, sha256, size: st.size };
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
  unlisted: string[];
  checked: number;
}

/** Recompute every hash in DIR/manifest.json; name each file that is changed, missing or not listed. */
export async function verifyManifest(dir: string): Promise<VerifyResult> {
  const mPath = path.join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(mPath, 'utf8')) as Manifest;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(e.code === 'ENOENT' ? `no ${MANIFEST_FILE} in ${dir}` : `${mPath} is not valid JSON: ${e.message}`);
  }
  if (!Array.isArray(manifest.files)) throw new Error(`${mPath} has no "files" list`);
  // A manifest is input too: never let it make us read outside the pack folder.
  for (const f of manifest.files) {
    if (typeof f?.path !== 'string' || path.isAbsolute(f.path) || f.path.split(/[\\/]/).includes('..')) {
      throw new Error(`${mPath} lists a path outside the pack: ${JSON.stringify(f?.path)}`);
    }
  }
  const present = new Set(await listPackFiles(dir));
  const listed = new Set(manifest.files.map((f) => f.path));
  const changed: string[] = [];
  const missing: string[] = [];
  await Promise.all(
    manifest.files.map(async (f) => {
      if (!present.has(f.path)) {
        missing.push(f.path);
        return;
      }
      const abs = path.join(dir, f.path);
      const [sha, st] = await Promise.all([sha256File(abs), fs.stat(abs)]);
      if (sha !== f.sha256 || st.size !== f.size) changed.push(f.path);
    }),
  );
  const unlisted = [...present].filter((p) => !listed.has(p));
  changed.sort();
  missing.sort();
  unlisted.sort();
  return { ok: !changed.length && !missing.length && !unlisted.length, changed, missing, unlisted, checked: manifest.files.length };
}
