/**
 * What `verify DIR` adds for a fleet folder: DIR/manifest.json already covers every file of every host;
 * each collected host's own manifest is checked too, so a host folder copied out of the fleet on its
 * own still verifies, and a not-collected host is named with its reason.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, verifyManifest } from '../evidence/manifest';
import { HOSTS_DIR } from '../findings/fleet';
import { readFleetCollection } from './folder';

export interface FleetVerifyResult {
  lines: string[];
  failures: string[];
}

export async function verifyFleetHosts(dir: string): Promise<FleetVerifyResult> {
  const lines: string[] = [];
  const failures: string[] = [];
  const collection = await readFleetCollection(dir).catch((err: Error) => {
    failures.push(`fleet.json: ${err.message}`);
    return null;
  });
  if (!collection) return { lines: [`fleet: ${failures[0]}`], failures };
  for (const h of collection.hosts) {
    const hostDir = path.join(dir, HOSTS_DIR, h.folder);
    if (h.status !== 'collected') {
      lines.push(`host ${h.name}: not collected (${h.reason ?? 'no reason recorded'})`);
      continue;
    }
    const has = await fs.lstat(path.join(hostDir, MANIFEST_FILE)).then((s) => s.isFile()).catch(() => false);
    if (!has) {
      lines.push(`host ${h.name}: no ${MANIFEST_FILE}`);
      failures.push(`host ${h.name} has no manifest`);
      continue;
    }
    try {
      const v = await verifyManifest(hostDir);
      if (v.ok) lines.push(`host ${h.name}: ${v.checked} files match its own ${MANIFEST_FILE}`);
      else {
        lines.push(`host ${h.name}: ${v.changed.length} changed, ${v.missing.length} missing, ${v.unlisted.length} not listed against its own ${MANIFEST_FILE}`);
        failures.push(`host ${h.name} does not match its own manifest`);
      }
    } catch (err) {
      lines.push(`host ${h.name}: ${(err as Error).message}`);
      failures.push(`host ${h.name}: manifest unusable`);
    }
  }
  return { lines, failures };
}
