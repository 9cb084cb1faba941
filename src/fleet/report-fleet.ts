/**
 * `report DIR` on a fleet folder: refuse when the collected files no longer match the fleet manifest,
 * then evaluate every host again into its own pack and re-render the fleet pack (no engine needed).
 */
import type { Invocation } from '../pipeline/evaluate';
import type { Lang, OutputFormat } from '../pipeline/report';
import { readFleetCollection } from './folder';
import { assembleFleetPack, checkFleetIntegrity, type FleetPackResult } from './pack';

export async function reportFleetDir(o: { dir: string; langs: readonly Lang[]; formats: readonly OutputFormat[]; toolVersion: string; invocation?: Invocation | null; now?: string }): Promise<FleetPackResult> {
  await checkFleetIntegrity(o.dir);
  const collection = await readFleetCollection(o.dir);
  return assembleFleetPack({ dir: o.dir, collection, langs: o.langs, formats: o.formats, toolVersion: o.toolVersion, invocation: o.invocation ?? null, ...(o.now ? { now: o.now } : {}) });
}
