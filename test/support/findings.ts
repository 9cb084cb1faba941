/** Hand-built findings documents for unit tests of the readers of findings.json (answers, gates, renderers). */
import { fingerprint } from '../../src/findings/fingerprint';
import { countOutcomes, summarizeScore } from '../../src/findings/score';
import { FINDINGS_SCHEMA_VERSION, type Finding, type FindingsDocument, type Outcome, type RunInfo, type Section, type Target } from '../../src/findings/types';

export function finding(control: string, section: Section, outcome: Outcome, target: Target, extra: Partial<Finding> = {}, evidenceFile = 'evidence/docker.json'): Finding {
  const id = fingerprint(control, target);
  const message = `${target.name} ${outcome}`;
  return {
    id, check: control, control, title: control, section, outcome, severity: 'high', target, observed: null, expected: null,
    message: { en: message, nb: message }, remediation: { en: '', nb: '' }, references: [],
    evidence: [{ file: evidenceFile, pointers: ['/data'] }], fingerprint: id, ...extra,
  };
}

export function run(findings: readonly Finding[], extra: Partial<RunInfo> = {}): RunInfo {
  return {
    tool: 'residency-audit', toolVersion: '0.0.0-test', schemaVersion: FINDINGS_SCHEMA_VERSION, evaluatedAt: '2026-11-23T12:00:00Z',
    collectedAt: '2026-11-20T10:00:00Z', collectedUntil: '2026-11-20T10:01:00Z',
    host: { hostname: 'h', engineId: null, os: null, kernel: null, addresses: [] }, engine: null,
    collectors: ['docker', 'residency', 'virt'].map((name) => ({ name, version: '1', status: 'ok' })), evidence: [],
    catalog: { benchmark: 'cis-docker-1.6.0', checks: 0, sha256: '0'.repeat(64) },
    config: { sha256: null, organisation: null, period: null, preparedBy: null }, invocation: null,
    counts: countOutcomes(findings), score: summarizeScore(findings), gaps: [], ...extra,
  };
}

export function document(findings: Finding[], extra: Partial<RunInfo> = {}): FindingsDocument {
  return { run: run(findings, extra), controls: {}, findings, residency: null };
}
