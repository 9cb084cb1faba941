import { hostname } from 'node:os';
import type { LoadedEvidence } from '../evidence/types';
import { ALL_COLLECTORS } from '../collectors/registry';
import { runCollector } from '../collectors/run';
import type { AnyCollector, CollectContext } from '../collectors/types';
import { toJson, writeEvidence, writeFileAtomic } from '../evidence/store';
import type { AuditConfig } from '../config/load';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, writeManifest } from '../evidence/manifest';
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
}

/** Files a pack folder holds that this tool wrote; anything else in the folder is left alone. */
const PACK_OUTPUT = /^(findings\.json|config\.json|attestations\.json|findings\.sarif|findings\.junit\.xml|transfers\.csv|remediation\.sh|findings\.(oscal|hdf)\.json|findings(\.[a-z]{2})?\.(csv|xlsx)|audit-pack(\.[a-z]{2})?\.(html|pdf)|answers\.xlsx|answers(\.[a-z]{2})?\.(csv|json))$/;

/**
 * Make room for a new collection in a folder that may hold an earlier pack: the signature and the manifest go
 * first (so neither ever vouches for a mix of old and new files), then the earlier outputs.
 */
export async function clearPreviousPack(dir: string): Promise<void> {
  await fs.rm(path.join(dir, SIGNATURE_FILE), { force: true });
  await fs.rm(path.join(dir, MANIFEST_FILE), { force: true });
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => PACK_OUTPUT.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
  await Promise.all(COLLECTOR_NAMES.map((c) => fs.rm(path.join(dir, 'evidence', `${c}.json`), { force: true })));
}

/** Run every collector in order, writing each evidence file as soon as it is complete. */
export async function collectAll(opts: CollectOptions): Promise<CollectResult> {
  await clearPreviousPack(opts.outDir);
  const log = opts.log ?? (() => undefined);
  const signal = opts.signal ?? new AbortController().signal;
  const evidence: LoadedEvidence = {};
  const written: string[] = [];
  for (const collector of opts.collectors ?? ALL_COLLECTORS) {
    let file: EvidenceFile;
    const skipWhy = opts.skip?.[collector.name];
    if (skipWhy !== undefined) {
      const now = new Date().toISOString();
      file = {
        schemaVersion: EVIDENCE_SCHEMA_VERSION, collector: collector.name, collectorVersion: collector.version, startedAt: now, endedAt: now,
        host: { hostname: evidence.docker?.host.hostname ?? hostname(), engineId: evidence.docker?.host.engineId ?? null },
        status: 'skipped', error: skipWhy, data: null,
      };
    } else if (signal.aborted) {
      break;
    } else {
      log(`collecting ${collector.name} …`);
      const ctx: CollectContext = { hostRoot: opts.hostRoot, dockerHost: opts.dockerHost, earlier: evidence, log, signal, options: opts.options ?? {} };
      file = await runCollector(collector, ctx);
      log(`collected ${collector.name}: ${file.status}${file.error ? ` (${file.error})` : ''}`);
    }
    (evidence as Record<string, EvidenceFile>)[collector.name] = file;
    written.push(await writeEvidence(opts.outDir, file));
  }
  const anyData = Object.values(evidence).some((f) => f && f.data !== null && (f.status === 'ok' || f.status === 'partial'));
  return { evidence, written, anyData, interrupted: signal.aborted };
}

/**
 * Close a collection: the audit config beside the evidence (so `report` decides the same way) and a
 * manifest over both, so a later `report` can tell whether anything changed since.
 */
export async function sealEvidence(outDir: string, config: AuditConfig | undefined, toolVersion: string): Promise<void> {
  if (config) await writeFileAtomic(path.join(outDir, 'config.json'), toJson(config));
  await writeManifest(outDir, toolVersion);
}
