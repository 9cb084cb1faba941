import { hostname } from 'node:os';
import type { LoadedEvidence } from '../checks/evaluate';
import { ALL_COLLECTORS } from '../collectors/registry';
import { runCollector } from '../collectors/run';
import type { AnyCollector, CollectContext } from '../collectors/types';
import { writeEvidence } from '../evidence/store';
import { EVIDENCE_SCHEMA_VERSION, type CollectorName, type EvidenceFile } from '../evidence/types';

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
}

/** Run every collector in order, writing each evidence file as soon as it is complete. */
export async function collectAll(opts: CollectOptions): Promise<CollectResult> {
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
  return { evidence, written, anyData };
}
