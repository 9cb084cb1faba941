import { evaluateChecks, type LoadedEvidence } from '../checks/evaluate';
import { ALL_CHECKS } from '../checks/registry';
import type { AnyCheck } from '../checks/types';
import type { AuditConfig } from '../config/load';
import { countOutcomes, summarizeScore } from '../findings/score';
import { FINDINGS_SCHEMA_VERSION, type FindingsDocument, type RunInfo } from '../findings/types';
import { applyWaivers } from '../findings/waivers';
import { TOOL_VERSION } from '../version';

export interface EvaluateOptions {
  config: AuditConfig;
  /** Evaluation time (ISO); defaults to now. */
  now?: string;
  checks?: readonly AnyCheck[];
}

/** Evidence in, findings document out: pure apart from the default clock. */
export function buildFindings(evidence: LoadedEvidence, opts: EvaluateOptions): FindingsDocument {
  const now = opts.now ?? new Date().toISOString();
  const raw = evaluateChecks(opts.checks ?? ALL_CHECKS, evidence, { now, residency: opts.config.residency, network: opts.config.network });
  const findings = applyWaivers(raw, opts.config.waivers ?? [], now);
  const files = Object.values(evidence).filter((f) => f !== undefined);
  const starts = files.map((f) => f.startedAt).sort();
  const docker = evidence.docker;
  const run: RunInfo = {
    tool: 'residency-audit',
    toolVersion: TOOL_VERSION,
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    evaluatedAt: now,
    collectedAt: starts[0] ?? null,
    host: { hostname: docker?.data?.info.Name ?? files[0]?.host.hostname ?? 'unknown-host', engineId: docker?.host.engineId ?? null },
    engine: docker?.data ? { version: docker.data.version.Version ?? null, endpoint: docker.data.endpoint } : null,
    collectors: files.map((f) => ({ name: f.collector, version: f.collectorVersion, status: f.status, ...(f.error ? { error: f.error } : {}) })),
    counts: countOutcomes(findings),
    score: summarizeScore(findings),
  };
  return { run, findings };
}
