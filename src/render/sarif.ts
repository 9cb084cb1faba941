/**
 * SARIF 2.1.0 for code-scanning dashboards and CI. One rule per control, one result per finding
 * that needs attention (fail, warn, error, manual, waived, info); passes and not-applicable are
 * counted in the run's properties rather than listed, which keeps the file small at scale.
 * Results point at the evidence file they were decided from (SARIF needs an artifact location).
 */
import type { ControlRecord, Finding, FindingsDocument, Outcome, Severity } from '../findings/types';

const LEVEL: Record<Outcome, 'error' | 'warning' | 'note' | 'none'> = {
  fail: 'error',
  warn: 'warning',
  error: 'warning',
  manual: 'note',
  info: 'note',
  waived: 'note',
  attested: 'note',
  pass: 'none',
  'not-applicable': 'none',
};

const KIND: Record<Outcome, 'fail' | 'review' | 'informational' | 'pass' | 'notApplicable'> = {
  fail: 'fail',
  warn: 'fail',
  error: 'review',
  manual: 'review',
  info: 'informational',
  waived: 'fail',
  attested: 'review',
  pass: 'pass',
  'not-applicable': 'notApplicable',
};

/** GitHub's `security-severity` (0.0-10.0) ranks results by severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

const LISTED: ReadonlySet<Outcome> = new Set(['fail', 'warn', 'error', 'manual', 'waived', 'attested', 'info']);

/** One rule per control, from the control as evaluated (findings.json `controls`). */
function rule(control: string, first: Finding, record: ControlRecord | undefined) {
  return {
    id: control,
    name: control.replace(/[^A-Za-z0-9]+/g, '_'),
    shortDescription: { text: first.title },
    fullDescription: { text: record?.rationale.en ?? first.title },
    help: { text: `${record?.remediation.en ?? first.remediation.en}${record ? `\n\nHow it is decided: ${record.decidedBy.en}` : ''}` },
    defaultConfiguration: { level: LEVEL.fail },
    properties: {
      tags: ['security', first.section, ...first.references.map((r) => `${r.framework} ${r.id}`)],
      'security-severity': SECURITY_SEVERITY[record?.severity ?? first.severity],
      section: first.section,
      check: first.check,
    },
  };
}

export function renderSarif(doc: FindingsDocument): string {
  const rules: ReturnType<typeof rule>[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of doc.findings) {
    if (!ruleIndex.has(f.control)) {
      ruleIndex.set(f.control, rules.length);
      rules.push(rule(f.control, f, doc.controls[f.control]));
    }
  }
  const results = doc.findings
    .filter((f) => LISTED.has(f.outcome))
    .map((f) => ({
      ruleId: f.control,
      ruleIndex: ruleIndex.get(f.control)!,
      kind: KIND[f.outcome],
      level: LEVEL[f.outcome],
      message: { text: f.message.en },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: f.evidence[0]?.file ?? 'findings.json', uriBaseId: 'PACKROOT' } },
          logicalLocations: [{ name: f.target.name, fullyQualifiedName: `${f.target.kind}/${f.target.id}`, kind: f.target.kind }],
        },
      ],
      partialFingerprints: { 'residencyAuditFinding/v2': f.id },
      properties: {
        outcome: f.outcome,
        severity: f.severity,
        'security-severity': SECURITY_SEVERITY[f.severity],
        target: f.target,
        observed: f.observed,
        expected: f.expected,
        remediation: f.remediation.en,
        evidence: f.evidence,
      },
      ...(f.outcome === 'waived' && f.waiver
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.justification} (approved by ${f.waiver.approvedBy}, expires ${f.waiver.expires})` }] }
        : {}),
    }));
  const run = doc.run;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'residency-audit', version: run.toolVersion, semanticVersion: run.toolVersion, rules } },
        originalUriBaseIds: { PACKROOT: { description: { text: 'The audit pack folder (evidence/, findings.json).' } } },
        invocations: [
          {
            executionSuccessful: run.collectors.every((c) => c.status !== 'failed'),
            endTimeUtc: run.evaluatedAt,
            toolExecutionNotifications: run.collectors
              .filter((c) => c.status === 'failed' || c.status === 'partial' || c.status === 'skipped')
              .map((c) => ({ level: c.status === 'failed' ? 'error' : 'warning', message: { text: `collector ${c.name} ${c.status}${c.error ? `: ${c.error}` : ''}` } })),
          },
        ],
        automationDetails: { id: `residency-audit/${run.host.hostname}/${run.evaluatedAt}` },
        properties: { counts: run.counts, scores: run.score.byFramework, scoreFormula: run.score.formula, host: run.host, collectedAt: run.collectedAt, catalog: run.catalog },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 1)}\n`;
}
