/**
 * A fleet folder: DIR/hosts/ with one folder per host, and DIR/fleet.json (the collection record and
 * the marker that DIR is a fleet folder, for `report` and `verify`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { readPackFile } from '../evidence/pack-file';
import { FLEET_FILE, HOSTS_DIR, type FleetCollection } from '../findings/fleet';

/** Whether DIR is a fleet folder (hosts/ is a real folder and fleet.json a regular file; no symlinks followed). */
export async function isFleetFolder(dir: string): Promise<boolean> {
  const [hosts, marker] = await Promise.all([fs.lstat(path.join(dir, HOSTS_DIR)).catch(() => null), fs.lstat(path.join(dir, FLEET_FILE)).catch(() => null)]);
  return !!hosts?.isDirectory() && !!marker?.isFile();
}

/** fleet.json is missing or not a fleet collection record: bad input. */
export class FleetFolderError extends InputError {}

export async function readFleetCollection(dir: string): Promise<FleetCollection> {
  const bytes = await readPackFile(dir, FLEET_FILE).catch((err: Error) => {
    throw new FleetFolderError(err.message);
  });
  if (!bytes) throw new FleetFolderError(`no ${FLEET_FILE} in ${dir}: not a fleet folder`);
  let c: FleetCollection;
  try {
    c = JSON.parse(bytes.toString('utf8')) as FleetCollection;
  } catch (err) {
    throw new FleetFolderError(`${path.join(dir, FLEET_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  if (c?.kind !== 'residency-audit-fleet' || !Array.isArray(c.hosts)) throw new FleetFolderError(`${path.join(dir, FLEET_FILE)} is not a fleet collection record`);
  if (!/^1\./.test(String(c.schemaVersion))) throw new FleetFolderError(`${FLEET_FILE} has schema version ${String(c.schemaVersion)}; this tool reads 1.x`);
  for (const h of c.hosts) {
    if (typeof h?.folder !== 'string' || !/^[A-Za-z0-9._-]+$/.test(h.folder) || h.folder === '.' || h.folder === '..') throw new FleetFolderError(`${FLEET_FILE} names a host folder outside ${HOSTS_DIR}/: ${JSON.stringify(h?.folder)}`);
  }
  return c;
}
