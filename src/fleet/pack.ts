/**
 * The fleet pack: each collected host's own pack in its folder (reportFromDir, unchanged), then the
 * fleet summary (fleet-summary.json), the fleet pack per language (fleet-pack.html, fleet-pack.pdf,
 * and fleet-pack.nb.html, fleet-pack.nb.pdf for `--lang en,nb`: summary first, then one part per host)
 * and DIR/manifest.json over every file of every host.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, verifyManifest, writeManifest } from '../evidence/manifest';
import { readEvidenceDir, toJson, writeFileAtomic } from '../evidence/store';
import { FLEET_FILE, FLEET_SUMMARY_FILE, HOSTS_DIR, type FleetCollection, type FleetSummary } from '../findings/fleet';
import type { Invocation } from '../pipeline/evaluate';
import { EvidenceIntegrityError, reportFromDir, type Lang, type OutputFormat } from '../pipeline/report';
import { statPackFile } from '../evidence/pack-file';
import { OUTPUT_FILE } from '../pipeline/outputs';
import { renderFleetPacks } from '../render/fleet';
import { buildFleetSummary, type EvaluatedHost } from './summary';

export interface FleetPackOptions {
  dir: string;
  collection: FleetCollection;
  langs: readonly Lang[];
  formats: readonly OutputFormat[];
  toolVersion: string;
  invocation?: Invocation | null;
  now?: string;
  log?: (line: string) => void;
}

export interface FleetPackResult {
  summary: FleetSummary;
  hosts: EvaluatedHost[];
  written: string[];
}

/** Evaluate every collected host into its own pack, then the fleet pack and manifest. */
export async function assembleFleetPack(o: FleetPackOptions): Promise<FleetPackResult> {
  const log = o.log ?? (() => undefined);
  const hosts: EvaluatedHost[] = [];
  for (const record of o.collection.hosts) {
    if (record.status !== 'collected') {
      hosts.push({ record, findings: null, evidence: null, written: [], error: null });
      continue;
    }
    const hostDir = path.join(o.dir, HOSTS_DIR, record.folder);
    try {
      const { findings, written } = await reportFromDir({ dir: hostDir, langs: o.langs, formats: o.formats, toolVersion: o.toolVersion, invocation: o.invocation ?? null, ...(o.now ? { now: o.now } : {}) });
      // Rendered in place, not in a staging folder: what an earlier render wrote and this one did not goes, and the host's manifest is made again without it.
      if ((await removeStaleOutputs(hostDir, written)).length) await writeManifest(hostDir, o.toolVersion);
      // Only what the summary reads (virt, storage): the docker evidence of 50 hosts would be held for nothing.
      const { evidence } = await readEvidenceDir(hostDir);
      hosts.push({ record, findings, evidence: { virt: evidence.virt, storage: evidence.storage }, written, error: null });
      log(`fleet: ${record.name}: ${findings.findings.length} findings (${findings.run.counts.fail} fail)`);
    } catch (err) {
      hosts.push({ record, findings: null, evidence: null, written: [], error: `its evidence could not be evaluated: ${(err as Error).message}` });
      log(`fleet: ${record.name}: could not be evaluated: ${(err as Error).message}`);
    }
  }
  const summary = buildFleetSummary(o.collection, hosts, o.now);
  await writeFileAtomic(path.join(o.dir, FLEET_SUMMARY_FILE), toJson(summary));
  const rendered = await renderFleetPacks({ summary, hosts: hosts.map((h) => ({ folder: h.record.folder, findings: h.findings, written: h.written })) }, o.langs, o.dir);
  await removeStaleOutputs(o.dir, rendered);
  await writeManifest(o.dir, o.toolVersion);
  return { summary, hosts, written: [FLEET_SUMMARY_FILE, ...rendered, MANIFEST_FILE] };
}

/**
 * Outputs of an earlier render (src/pipeline/outputs.ts: packs, answers, exports, any language) that
 * this render did not write again: removed, as the single-host staging swap leaves them behind, so no
 * manifest goes on vouching for a language or format no longer asked for. Returns what was removed.
 */
async function removeStaleOutputs(dir: string, written: readonly string[]): Promise<string[]> {
  const keep = new Set(written);
  const stale = (await fs.readdir(dir)).filter((n) => OUTPUT_FILE.test(n) && !keep.has(n));
  await Promise.all(stale.map((n) => fs.rm(path.join(dir, n), { force: true })));
  return stale;
}

/** Files whose change makes a fleet folder unfit to re-render: the collected evidence and records. */
const COLLECTED = /^(fleet\.json|hosts\/[^/]+\/(evidence\/[^/]+|config\.json|not-collected\.json))$/;

/**
 * Before re-rendering a fleet folder (`report DIR`): its manifest must still vouch for every collected
 * file; each host's own manifest is checked again by reportFromDir.
 */
export async function checkFleetIntegrity(dir: string): Promise<void> {
  if ((await statPackFile(dir, MANIFEST_FILE)) === null) throw new EvidenceIntegrityError(`${dir} has no ${MANIFEST_FILE}: a fleet folder cannot be re-rendered unverified`);
  const v = await verifyManifest(dir);
  const bad = [...v.changed, ...v.missing].filter((p) => COLLECTED.test(p));
  if (bad.length) throw new EvidenceIntegrityError(`the fleet folder ${dir} does not match its manifest (${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}); run "residency-audit verify ${dir}" for details`);
}

export { FLEET_FILE };
