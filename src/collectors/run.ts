import { hostname } from 'node:os';
import { COLLECTOR_NAMES, EVIDENCE_SCHEMA_VERSION, type EvidenceFile } from '../evidence/types';
import type { AnyCollector, CollectContext } from './types';

/** Run one collector inside the evidence envelope; a throw becomes status `failed` with the message. */
export async function runCollector(collector: AnyCollector, ctx: CollectContext): Promise<EvidenceFile> {
  const startedAt = new Date().toISOString();
  let outcome;
  try {
    outcome = await collector.collect(ctx);
  } catch (err) {
    outcome = { status: 'failed' as const, data: null, error: err instanceof Error ? err.message : String(err) };
  }
  // A collector that reads the engine's evidence late names its engine even when it returned early.
  if (ctx.later) await Promise.all(COLLECTOR_NAMES.map((n) => ctx.later!(n)));
  const engineId = outcome.engineId ?? ctx.earlier.docker?.host.engineId ?? null;
  const file: EvidenceFile = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    collector: collector.name,
    collectorVersion: collector.version,
    startedAt,
    endedAt: new Date().toISOString(),
    host: { hostname: hostname(), engineId },
    status: outcome.status,
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.warnings?.length ? { warnings: outcome.warnings } : {}),
    data: outcome.data,
  };
  return file;
}
