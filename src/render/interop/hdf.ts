/**
 * findings.hdf.json: the Heimdall Data Format (HDF, the InSpec exec-json shape MITRE SAF tools and
 * Heimdall read). One profile per check family: the CIS Docker Benchmark, and per section our own
 * checks (EEA data residency, virtualization, network, storage...). One control per control as
 * evaluated, one result per finding (per target). English, like the other machine formats.
 *
 * Conventions followed (Heimdall computes a control's status from these):
 * - impact from severity: critical 0.9, high 0.7, medium 0.5, low 0.3, info 0.0; the severity itself
 *   is in `tags.severity`. A control whose every finding is not-applicable gets impact 0.0, which
 *   Heimdall shows as Not Applicable (as InSpec does for a control skipped by `only_if`).
 * - result status: pass → passed; fail, warn → failed; error → error; manual, info, not-applicable
 *   → skipped with the finding's message; waived → skipped with the waiver; attested → passed or
 *   failed per the attested outcome (skipped when attested not applicable), with the attestation.
 * - a control whose every finding is waived under one waiver carries it as `waiver_data`; one whose
 *   every finding is attested pass or fail under one attestation carries it as `attestation_data`.
 * - Heimdall shows a control with passed and skipped results as Passed. A control some of whose targets
 *   passed while others need a manual check (and none failed) is therefore written as two: the control
 *   with the decided targets, and `<id> (manual review)` with the rest, which Heimdall shows as Not
 *   Reviewed: "could not check" never reads as a pass.
 * - `code_desc` names the target and how the check decides (the control's decidedBy).
 * Nothing here reads the clock: the same findings.json gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { ControlRecord, Finding, FindingsDocument, Outcome, Section, Severity } from '../../findings/types';
import { translator } from '../../i18n';

export const IMPACT: Record<Severity, number> = { critical: 0.9, high: 0.7, medium: 0.5, low: 0.3, info: 0.0 };

type ResultStatus = 'passed' | 'failed' | 'skipped' | 'error';

const STATUS: Record<Exclude<Outcome, 'attested'>, ResultStatus> = {
  pass: 'passed',
  fail: 'failed',
  warn: 'failed',
  error: 'error',
  manual: 'skipped',
  info: 'skipped',
  'not-applicable': 'skipped',
  waived: 'skipped',
};

interface HdfResult {
  status: ResultStatus;
  code_desc: string;
  message?: string;
  skip_message?: string;
  start_time: string;
  resource: string;
  resource_id: string;
}

interface Family {
  name: string;
  title: string;
  version: string;
  summary: string;
  controls: string[];
}

const t = translator('en');

/** A control record for findings whose control is not in `controls` (hand-built or older findings). */
function controlOf(doc: FindingsDocument, f: Finding): ControlRecord {
  const known = doc.controls[f.control];
  if (known) return known;
  const text = { en: f.title, nb: f.title };
  return { check: f.check, control: f.control, title: text, section: f.section, severity: f.severity, automated: true, decidedBy: { en: '', nb: '' }, rationale: { en: '', nb: '' }, remediation: f.remediation, references: f.references, requires: [] };
}

function familyOf(c: ControlRecord): { name: string; title: string; version: string; summary: string } {
  if (c.benchmark) {
    return {
      name: `${c.benchmark.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${c.benchmark.version}`,
      title: `${c.benchmark.name} ${c.benchmark.version}`,
      version: c.benchmark.version,
      summary: `${c.benchmark.name} ${c.benchmark.version} recommendations as evaluated by residency-audit`,
    };
  }
  const label = t(`section.${c.section}` as Parameters<typeof t>[0]);
  const title = c.section === 'residency' ? 'EEA data residency (GDPR Chapter V)' : label;
  return { name: `residency-audit-${c.section}`, title: `residency-audit: ${title}`, version: '', summary: `residency-audit checks of the ${c.section} section: ${title}` };
}

function daysBetween(from: string, to: string): number {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(1, Math.round(ms / 86_400_000)) : 1;
}

function attestationText(f: Finding): string {
  const a = f.attestation;
  if (!a) return f.message.en;
  const by = a.by.role ? `${a.by.name} (${a.by.role})` : a.by.name;
  return `Attested ${f.attestedOutcome ?? ''} by ${by} on ${a.at}, valid until ${a.expires}: ${a.statement}${a.basis ? ` (basis: ${a.basis})` : ''}`;
}

function waiverText(f: Finding): string {
  const w = f.waiver;
  if (!w) return f.message.en;
  return `Waived until ${w.expires}, approved by ${w.approvedBy}: ${w.justification}${f.waivedOutcome ? ` (outcome before the waiver: ${f.waivedOutcome})` : ''}. ${f.message.en}`;
}

function result(f: Finding, c: ControlRecord, startOf: Map<string, string>, fallbackStart: string): HdfResult {
  const start = f.evidence.map((e) => startOf.get(e.file)).find((s): s is string => !!s) ?? fallbackStart;
  const base = { code_desc: `${f.target.kind} ${f.target.name}: ${c.decidedBy.en || c.title.en}`, start_time: start, resource: f.target.kind, resource_id: f.target.id };
  if (f.outcome === 'attested') {
    const outcome = f.attestedOutcome;
    if (outcome === 'pass' || outcome === 'fail') return { status: outcome === 'pass' ? 'passed' : 'failed', message: attestationText(f), ...base };
    return { status: 'skipped', skip_message: attestationText(f), ...base };
  }
  const status = STATUS[f.outcome];
  if (f.outcome === 'waived') return { status, skip_message: waiverText(f), ...base };
  if (status === 'skipped') return { status, skip_message: f.message.en, ...base };
  return { status, message: f.message.en, ...base };
}

/** The one waiver every finding shares, or null. */
function sharedWaiver(fs: readonly Finding[]) {
  const w = fs[0]?.waiver;
  if (!w || !fs.every((f) => f.outcome === 'waived' && f.waiver && JSON.stringify(f.waiver) === JSON.stringify(w))) return null;
  return { justification: w.justification, expiration_date: w.expires, message: `approved by ${w.approvedBy}`, run: true, skipped_due_to_waiver: true };
}

function sharedAttestation(control: string, fs: readonly Finding[]) {
  const first = fs[0];
  const a = first?.attestation;
  const outcome = first?.attestedOutcome;
  if (!a || (outcome !== 'pass' && outcome !== 'fail')) return null;
  if (!fs.every((f) => f.outcome === 'attested' && f.attestedOutcome === outcome && JSON.stringify(f.attestation) === JSON.stringify(a))) return null;
  return {
    control_id: control,
    explanation: a.basis ? `${a.statement} (basis: ${a.basis})` : a.statement,
    frequency: `${daysBetween(a.at, a.expires)}d`,
    status: outcome === 'pass' ? 'passed' : 'failed',
    updated: a.at,
    updated_by: a.by.role ? `${a.by.name} (${a.by.role})` : a.by.name,
  };
}

function hdfControl(doc: FindingsDocument, c: ControlRecord, fs: readonly Finding[], startOf: Map<string, string>, fallbackStart: string) {
  const allNotApplicable = fs.length > 0 && fs.every((f) => f.outcome === 'not-applicable' || (f.outcome === 'attested' && f.attestedOutcome === 'not-applicable'));
  const gdpr = c.references.filter((r) => r.framework === 'GDPR').map((r) => r.id);
  const tags: Record<string, unknown> = { severity: c.severity, check: c.check, section: c.section, automated: c.automated };
  if (c.benchmark) Object.assign(tags, { benchmark: `${c.benchmark.name} ${c.benchmark.version}`, cis_id: c.benchmark.id, cis_assessment: c.benchmark.assessment });
  if (c.level) tags.cis_level = c.level;
  if (gdpr.length) tags.gdpr = gdpr;
  const waiver = sharedWaiver(fs);
  const attestation = sharedAttestation(c.control, fs);
  return {
    id: c.control,
    title: c.title.en,
    desc: c.rationale.en || c.title.en,
    descriptions: [
      { label: 'default', data: c.rationale.en || c.title.en },
      ...(c.decidedBy.en ? [{ label: 'check', data: c.decidedBy.en }] : []),
      ...(c.remediation.en ? [{ label: 'fix', data: c.remediation.en }] : []),
    ],
    impact: allNotApplicable ? 0 : IMPACT[c.severity],
    refs: c.references.map((r) => ({ ref: `${r.framework} ${r.id}${r.title ? `: ${r.title}` : ''}`, ...(r.url ? { url: r.url } : {}) })),
    tags,
    source_location: { ref: `residency-audit ${doc.run.toolVersion}: check ${c.check}` },
    results: fs.map((f) => result(f, c, startOf, fallbackStart)),
    ...(waiver ? { waiver_data: waiver } : {}),
    ...(attestation ? { attestation_data: attestation } : {}),
  };
}

export const MANUAL_REVIEW_SUFFIX = ' (manual review)';

/**
 * The control as written, or split in two when its passes would hide the targets left to a manual
 * check (see the conventions above): findings of the same control, decided and to review.
 */
function hdfControls(doc: FindingsDocument, c: ControlRecord, fs: readonly Finding[], startOf: Map<string, string>, fallbackStart: string) {
  const whole = hdfControl(doc, c, fs, startOf, fallbackStart);
  const statuses = whole.results.map((r) => r.status);
  const toReview = fs.filter((f) => f.outcome === 'manual');
  if (!toReview.length || !statuses.includes('passed') || statuses.includes('failed') || statuses.includes('error')) return [whole];
  const decided = hdfControl(doc, c, fs.filter((f) => f.outcome !== 'manual'), startOf, fallbackStart);
  const review = hdfControl(doc, c, toReview, startOf, fallbackStart);
  return [decided, { ...review, id: `${c.control}${MANUAL_REVIEW_SUFFIX}`, title: `${c.title.en}${MANUAL_REVIEW_SUFFIX}` }];
}

export function renderHdf(doc: FindingsDocument): string {
  const run = doc.run;
  const startOf = new Map(run.evidence.map((e) => [e.file, e.startedAt]));
  const fallbackStart = run.collectedAt ?? run.evaluatedAt;
  const byControl = new Map<string, Finding[]>();
  for (const f of doc.findings) {
    const list = byControl.get(f.control);
    if (list) list.push(f);
    else byControl.set(f.control, [f]);
  }
  const records = new Map<string, ControlRecord>();
  for (const c of Object.values(doc.controls)) if (byControl.has(c.control)) records.set(c.control, c);
  for (const f of doc.findings) if (!records.has(f.control)) records.set(f.control, controlOf(doc, f));

  const families = new Map<string, Family & { sections: Map<Section, string[]> }>();
  for (const c of records.values()) {
    const fam = familyOf(c);
    const entry = families.get(fam.name) ?? { ...fam, controls: [], sections: new Map<Section, string[]>() };
    entry.controls.push(c.control);
    const inSection = entry.sections.get(c.section);
    if (inSection) inSection.push(c.control);
    else entry.sections.set(c.section, [c.control]);
    families.set(fam.name, entry);
  }

  const counts = { passed: 0, failed: 0, skipped: 0 };
  const profiles = [...families.values()].map((fam) => {
    const controls = fam.controls.flatMap((id) => hdfControls(doc, records.get(id)!, byControl.get(id) ?? [], startOf, fallbackStart));
    const idsOf = (ids: readonly string[]) => ids.flatMap((id) => controls.filter((x) => x.id === id || x.id === `${id}${MANUAL_REVIEW_SUFFIX}`).map((x) => x.id));
    for (const c of controls) for (const r of c.results) if (r.status !== 'error') counts[r.status]++;
    const profile = {
      name: fam.name,
      title: fam.title,
      version: fam.version || run.toolVersion,
      maintainer: 'residency-audit',
      summary: fam.summary,
      supports: [{ 'platform-family': 'linux' }],
      attributes: [],
      groups: [...fam.sections].map(([section, ids]) => ({ id: section, title: t(`section.${section}` as Parameters<typeof t>[0]), controls: idsOf(ids) })),
      controls,
      status: 'loaded',
    };
    // InSpec's sha256 identifies the profile source; here: the profile as written (without this field) and the catalog it came from.
    const sha256 = createHash('sha256').update(JSON.stringify({ catalog: run.catalog.sha256, profile })).digest('hex');
    return { ...profile, sha256 };
  });

  const started = run.collectedAt ? Date.parse(run.collectedAt) : NaN;
  const ended = run.collectedUntil ? Date.parse(run.collectedUntil) : NaN;
  const hdf = {
    platform: { name: 'residency-audit', release: run.toolVersion, target_id: run.host.engineId ? `${run.host.hostname} (${run.host.engineId})` : run.host.hostname },
    version: run.toolVersion,
    statistics: {
      ...(Number.isFinite(started) && Number.isFinite(ended) ? { duration: Math.max(0, (ended - started) / 1000) } : {}),
      controls: { passed: { total: counts.passed }, failed: { total: counts.failed }, skipped: { total: counts.skipped } },
    },
    profiles,
    passthrough: {
      tool: run.tool,
      findingsSchemaVersion: run.schemaVersion,
      evaluatedAt: run.evaluatedAt,
      collectedAt: run.collectedAt,
      collectedUntil: run.collectedUntil,
      host: run.host,
      catalog: run.catalog,
      evidence: run.evidence.map((e) => ({ file: e.file, sha256: e.sha256, startedAt: e.startedAt, endedAt: e.endedAt, status: e.status })),
      ...(run.evidenceModified ? { evidenceModified: run.evidenceModified } : {}),
      ...(run.unverified ? { unverified: true } : {}),
      gaps: run.gaps,
    },
  };
  // Compact, as InSpec writes it: Heimdall reads it, `jq .` shows it indented.
  return `${JSON.stringify(hdf)}\n`;
}
