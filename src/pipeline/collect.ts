import { hostname } from 'node:os';
import type { LoadedEvidence } from '../evidence/types';
import { ALL_COLLECTORS } from '../collectors/registry';
import { READS, READS_LATE } from '../collectors/schedule';
import { runCollector } from '../collectors/run';
import type { AnyCollector, CollectContext } from '../collectors/types';
import { toJson, writeEvidence, writeFileAtomic } from '../evidence/store';
import type { AuditConfig } from '../config/load';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, writeManifest } from '../evidence/manifest';
import { PACK_ATTESTATIONS_FILE } from '../config/attestations';
import { OUTPUT_FILE } from './outputs';
import { COLLECTOR_NAMES, EVIDENCE_SCHEMA_VERSION, type CollectorName, type EvidenceFile } from '../evidence/types';

export interface CollectOptions {
  outDir: string;
  hostRoot: string;
  dockerHost: string;
  /** Collectors to skip, with the reason recorded in their evidence file (e.g. storage: "--bench off"). */
  skip?: Partial<Record<CollectorName, string>>;
  options?: Record<string, unknown>;
  log?: (line: string) => void;
  signal?: AbortSignal;
  collectors?: readonly AnyCollector[];
}

export interface CollectResult {
  evidence: LoadedEvidence;
  written: string[];
  /** True when at least one collector produced data. */
  anyData: boolean;
  /** True when SIGINT/SIGTERM stopped the collection: the evidence is incomplete. */
  interrupted: boolean;
  /** What the engine's evidence is missing (engineGaps); empty when the engine was read whole or not asked. */
  incomplete: string[];
}

/** Files a pack folder holds that this tool wrote; anything else in the folder is left alone. */

/**
 * Make room for a new collection in a folder that may hold an earlier pack: the signature and the manifest go
 * first (so neither ever vouches for a mix of old and new files), then the earlier outputs.
 */
export async function clearPreviousPack(dir: string): Promise<void> {
  await fs.rm(path.join(dir, SIGNATURE_FILE), { force: true });
  await fs.rm(path.join(dir, MANIFEST_FILE), { force: true });
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => OUTPUT_FILE.test(n) || n === 'config.json' || n === PACK_ATTESTATIONS_FILE).map((n) => fs.rm(path.join(dir, n), { force: true })));
  await Promise.all(COLLECTOR_NAMES.map((c) => fs.rm(path.join(dir, 'evidence', `${c}.json`), { force: true })));
}

/**
 * Run every collector, each as soon as the collectors whose evidence it reads (collectors/schedule.ts)
 * have finished, writing each evidence file as soon as it is complete (and resolving once all are written). A collector that has not
 * started when the signal fires does not run (and writes nothing).
 */
export async function collectAll(opts: CollectOptions): Promise<CollectResult> {
  await clearPreviousPack(opts.outDir);
  const log = opts.log ?? (() => undefined);
  const signal = opts.signal ?? new AbortController().signal;
  const order = opts.collectors ?? ALL_COLLECTORS;
  // Filled as collectors finish: what a running collector sees as `earlier`.
  const sofar: LoadedEvidence = {};
  const files = new Map<CollectorName, { file: EvidenceFile; path: string }>();
  const runOne = async (collector: AnyCollector): Promise<void> => {
    let file: EvidenceFile;
    const skipWhy = opts.skip?.[collector.name];
    if (skipWhy !== undefined) {
      // A skipped collector's record names the engine's host as a run collector's would.
      await Promise.all([...lateReads.get(collector.name)!].map((n) => started.get(n)));
      const now = new Date().toISOString();
      file = {
        schemaVersion: EVIDENCE_SCHEMA_VERSION, collector: collector.name, collectorVersion: collector.version, startedAt: now, endedAt: now,
        host: { hostname: sofar.docker?.host.hostname ?? hostname(), engineId: sofar.docker?.host.engineId ?? null },
        status: 'skipped', error: skipWhy, data: null,
      };
    } else if (signal.aborted) {
      return;
    } else {
      log(`collecting ${collector.name} …`);
      const late = lateReads.get(collector.name)!;
      const later = async (name: CollectorName): Promise<void> => {
        if (late.has(name)) await started.get(name);
      };
      const ctx: CollectContext = { hostRoot: opts.hostRoot, dockerHost: opts.dockerHost, earlier: sofar, later, log, signal, options: opts.options ?? {} };
      file = await runCollector(collector, ctx);
      log(`collected ${collector.name}: ${file.status}${file.error ? ` (${file.error})` : ''}`);
    }
    (sofar as Record<string, EvidenceFile>)[collector.name] = file;
    // Written beside the collectors that read it: they need the evidence, not the file (fsync can take long on a busy disk).
    const write = writeEvidence(opts.outDir, file).then((p) => void files.set(collector.name, { file, path: p }));
    write.catch(() => undefined);
    writes.push(write);
  };
  const writes: Promise<void>[] = [];
  // Each collector waits for those it reads that come before it in the run order.
  const started = new Map<CollectorName, Promise<void>>();
  const lateReads = new Map<CollectorName, Set<CollectorName>>();
  for (const [i, collector] of order.entries()) {
    const before = new Set(order.slice(0, i).map((c) => c.name));
    // ctx.later waits only for collectors started before this one (started.get is set by then): no cycles.
    const waitFor = READS[collector.name].filter((n) => before.has(n)).map((n) => started.get(n)!);
    lateReads.set(collector.name, new Set((READS_LATE[collector.name] ?? []).filter((n) => before.has(n))));
    started.set(collector.name, Promise.all(waitFor).then(() => runOne(collector)));
  }
  await Promise.all(started.values());
  await Promise.all(writes);
  // The result in run order, whatever order the collectors finished in.
  const evidence: LoadedEvidence = {};
  const written: string[] = [];
  for (const c of order) {
    const f = files.get(c.name);
    if (!f) continue;
    (evidence as Record<string, EvidenceFile>)[c.name] = f.file;
    written.push(f.path);
  }
  const anyData = Object.values(evidence).some((f) => f && f.data !== null && (f.status === 'ok' || f.status === 'partial'));
  return { evidence, written, anyData, interrupted: signal.aborted, incomplete: engineGaps(evidence) };
}

/**
 * What the engine's evidence is missing: the docker collector failed, or objects it listed could not
 * be inspected. Non-empty means the audit covers less than the engine holds (the CLI exits 3).
 */
export function engineGaps(evidence: LoadedEvidence): string[] {
  const d = evidence.docker;
  if (!d || d.status === 'skipped') return [];
  if (d.status === 'failed' || !d.data) return [`docker: ${d.error ?? 'no data'}`];
  const missing = d.data.uninspected ?? [];
  if (!missing.length) return [];
  const count = (k: string) => missing.filter((m) => m.kind === k).length;
  const parts = [['container', 'containers'], ['image', 'images'], ['network', 'networks']].filter(([k]) => count(k) > 0).map(([k, plural]) => `${count(k)} ${count(k) === 1 ? k : plural}`);
  const reasons = [...new Set(missing.map((m) => m.reason))];
  return [`docker: ${parts.join(', ')} could not be inspected (${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''})`];
}

/**
 * Close a collection: the audit config beside the evidence (so `report` decides the same way) and a
 * manifest over both, so a later `report` can tell whether anything changed since.
 */
export async function sealEvidence(outDir: string, config: AuditConfig | undefined, toolVersion: string): Promise<void> {
  if (config) await writeFileAtomic(path.join(outDir, 'config.json'), toJson(config));
  await writeManifest(outDir, toolVersion);
}
