import { catalogHash, checksFor, controlRecords, waiversFor } from '../checks/catalog';
import { evaluateChecks, type LoadedEvidence } from '../checks/evaluate';
import { ALL_CHECKS } from '../checks/registry';
import { containerRemediations } from '../checks/docker/remediation';
import type { AnyCheck } from '../checks/types';
import type { AuditConfig } from '../config/load';
import type { EvidenceFileRecord } from '../evidence/types';
import { REMOVED_DURING_COLLECTION } from '../evidence/types/docker';
import { benchmarkById, DEFAULT_BENCHMARK, type Benchmark } from '../frameworks/benchmarks';
import { countOutcomes, summarizeScore } from '../findings/score';
import { FINDINGS_SCHEMA_VERSION, type FindingsDocument, type HostInfo, type RunInfo } from '../findings/types';
import { applyAttestations } from '../findings/attestations';
import { buildRegisters, type Registers } from '../findings/registers';
import type { Attestation } from '../findings/types';
import { applyWaiversWithRegister } from '../findings/waivers';
import { residencyRecordOrError } from '../residency/record';
import { TOOL_VERSION } from '../version';

export interface Invocation {
  user: string | null;
  uid: number | null;
  command: string | null;
  hostname: string | null;
}

export interface EvaluateOptions {
  config: AuditConfig;
  /** Evaluation time (ISO); defaults to now. */
  now?: string;
  checks?: readonly AnyCheck[];
  /** Benchmark version to evaluate against; default the config's, else the tool's default. */
  benchmark?: string;
  /** The evidence files as read (with their SHA-256), from readEvidenceDir. */
  files?: EvidenceFileRecord[];
  /** SHA-256 of config.json as stored in the pack, null when there is none. */
  configSha256?: string | null;
  /** Who ran this evaluation and how. */
  invocation?: Invocation | null;
  /** People's answers to manual controls (attestations.yaml, or the pack's attestations.json). */
  attestations?: readonly Attestation[];
  /** The pack's attestations.json as stored, for the register; null when none. */
  attestationsFile?: Registers['attestationsFile'];
}

function hostInfo(evidence: LoadedEvidence, files: readonly { host?: { hostname?: string } }[]): HostInfo {
  const info = evidence.docker?.data?.info;
  const addresses = new Set<string>();
  for (const e of evidence.residency?.data?.endpoints ?? []) {
    if (!Array.isArray(e?.kinds) || !e.kinds.includes('host-address')) continue;
    for (const a of e.addresses ?? []) if (typeof a?.ip === 'string' && a.range !== 'loopback' && a.range !== 'link-local') addresses.add(a.ip);
  }
  return {
    hostname: info?.Name ?? files.find((f) => f.host?.hostname)?.host?.hostname ?? 'unknown-host',
    engineId: evidence.docker?.host.engineId ?? null,
    os: info?.OperatingSystem ?? null,
    kernel: info?.KernelVersion ?? null,
    addresses: [...addresses],
  };
}

/**
 * What could not be collected: every collector that failed or was partial, with its reason (for docker,
 * each container, image or network that could not be inspected). An object removed during the
 * collection is not a gap.
 */
function gapsOf(evidence: LoadedEvidence): string[] {
  const out: string[] = [];
  for (const f of Object.values(evidence)) {
    if (!f) continue;
    if (f.status === 'failed') out.push(`${f.collector}: ${f.error ?? 'failed'}`);
    else if (f.status === 'partial') for (const w of f.warnings ?? [`${f.collector} is partial`]) if (!w.endsWith(REMOVED_DURING_COLLECTION)) out.push(`${f.collector}: ${w}`);
  }
  return out;
}

/** Evidence in, findings document out: pure apart from the default clock. */
export function buildFindings(evidence: LoadedEvidence, opts: EvaluateOptions): FindingsDocument {
  const now = opts.now ?? new Date().toISOString();
  const benchmark: Benchmark = benchmarkById(opts.benchmark ?? opts.config.benchmark ?? DEFAULT_BENCHMARK);
  const checks = checksFor(opts.checks ?? ALL_CHECKS, benchmark);
  const controls = controlRecords(checks, benchmark);
  const checkOptions = { now, residency: opts.config.residency, network: opts.config.network };
  const raw = evaluateChecks(checks, evidence, checkOptions, controls);
  // Waiver control ids follow the config's `benchmark` (else the run's): translated by check when the run uses another version.
  const waivers = waiversFor(opts.config.waivers ?? [], opts.checks ?? ALL_CHECKS, opts.config.benchmark ? benchmarkById(opts.config.benchmark) : benchmark, benchmark);
  // --- attestations, then waivers (src/findings/attestations.ts, waivers.ts), and their registers ---
  // Attestation control ids are read like waiver ids; the registers list each entry as written.
  const attestations = opts.attestations ?? [];
  const attested = applyAttestations(raw, waiversFor(attestations, opts.checks ?? ALL_CHECKS, opts.config.benchmark ? benchmarkById(opts.config.benchmark) : benchmark, benchmark), now);
  const waived = applyWaiversWithRegister(attested.findings, waivers, now);
  const findings = waived.findings;
  const waiverRegister = waived.register.map((e, i) => ({ ...e, waiver: (opts.config.waivers ?? [])[i] }));
  const attestationRegister = attested.register.map((e, i) => ({ ...e, attestation: attestations[i] }));
  const registers = buildRegisters(now, waiverRegister, attestationRegister, opts.attestationsFile ?? null);
  // --- end attestations ---
  const remediation = containerRemediations(evidence.docker?.data ?? undefined, evidence.host?.data ?? undefined, findings, checkOptions);
  const envelopes = Object.values(evidence).filter((f) => f !== undefined);
  const starts = envelopes.map((f) => f.startedAt).sort();
  const ends = envelopes.map((f) => f.endedAt).sort();
  const docker = evidence.docker;
  const version = docker?.data?.version;
  const run: RunInfo = {
    tool: 'residency-audit',
    toolVersion: TOOL_VERSION,
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    evaluatedAt: now,
    collectedAt: starts[0] ?? null,
    collectedUntil: ends[ends.length - 1] ?? null,
    host: hostInfo(evidence, envelopes),
    engine: docker?.data ? { version: version?.Version ?? null, apiVersion: version?.ApiVersion ?? null, endpoint: docker.data.endpoint, os: docker.data.info.OperatingSystem ?? null } : null,
    collectors: envelopes.map((f) => ({ name: f.collector, version: f.collectorVersion, status: f.status, ...(f.error ? { error: f.error } : {}) })),
    evidence: opts.files ?? [],
    catalog: { benchmark: benchmark.id, checks: Object.keys(controls).length, sha256: catalogHash(controls) },
    config: { sha256: opts.configSha256 ?? null, organisation: opts.config.organisation ?? null, period: opts.config.period ?? null, preparedBy: opts.config.preparedBy ?? null, signoff: opts.config.signoff ?? null },
    invocation: opts.invocation ?? null,
    counts: countOutcomes(findings),
    score: summarizeScore(findings),
    gaps: gapsOf(evidence),
  };
  const residencyData = evidence.residency?.data;
  const residency = residencyData ? residencyRecordOrError(residencyData, opts.config.residency, findings) : null;
  return { run, controls, findings, residency, registers, remediation };
}
