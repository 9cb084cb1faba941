/**
 * A host's folder under DIR/hosts/: written from a received stream into a private temp folder,
 * checked against the node's own manifest, then renamed into place; or, for a host that could not be
 * collected, a folder holding only the not-collected marker with the reason.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { verifyManifest } from '../evidence/manifest';
import { toJson, writeFileAtomic } from '../evidence/store';
import { NOT_COLLECTED_FILE, type NotCollectedRecord } from '../evidence/types/fleet';
import type { BundleFile } from './stream';

/** Write the received files, verify them against the manifest they came with, and move them into place. Throws with the reason. */
export async function installHostFolder(hostsDir: string, folder: string, files: readonly BundleFile[]): Promise<void> {
  const final = path.join(hostsDir, folder);
  const tmp = path.join(hostsDir, `.incoming-${folder}-${process.pid}`);
  await fs.rm(tmp, { recursive: true, force: true });
  try {
    for (const f of files) {
      const abs = path.join(tmp, f.path);
      await fs.mkdir(path.dirname(abs), { recursive: true });
      await fs.writeFile(abs, f.data, { flag: 'wx', mode: 0o644 });
    }
    const v = await verifyManifest(tmp).catch((err: Error) => {
      throw new Error(`its manifest is unusable: ${err.message}`);
    });
    if (!v.ok) {
      const bad = [...v.changed.map((p) => `changed ${p}`), ...v.missing.map((p) => `missing ${p}`), ...v.unlisted.map((p) => `not listed ${p}`)];
      throw new Error(`the received folder does not match its own manifest: ${bad.slice(0, 5).join(', ')}`);
    }
    await fs.rm(final, { recursive: true, force: true });
    await fs.rename(tmp, final);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The folder of a host that was not collected: only the marker, with the reason. */
export async function writeNotCollected(hostsDir: string, folder: string, rec: NotCollectedRecord): Promise<void> {
  const dir = path.join(hostsDir, folder);
  await fs.rm(dir, { recursive: true, force: true });
  await writeFileAtomic(path.join(dir, NOT_COLLECTED_FILE), toJson(rec));
}
