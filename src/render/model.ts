/**
 * The pack's view model: everything the HTML and PDF show, decided once, in the pack's language.
 * Both renderers walk this model in the same order, so the two formats have the same structure
 * (cover, scope and method, executive summary, four parts, exceptions register, appendix).
 */
import type { CollectorName, LoadedEvidence } from '../evidence/types';
import { countOutcomes, SCORE_FORMULA, scoreOf, SEVERITY_WEIGHT } from '../findings/score';
import { OUTCOMES, SEVERITIES, type ControlRecord, type Finding, type FindingsDocument, type Outcome, type Section, type Severity } from '../findings/types';
import { formatDecimal, formatInt, translator, type Lang, type MessageKey, type Translate } from '../i18n';
import { OUTCOME_COLOURS, type ChartSpec, type StackedBarChart } from './charts/spec';
import { anchor, formatValue, isoDate, isoMinute, visible } from './format';
import type { RenderInput } from './types';
import { residencyView, type ResidencyView } from './views/residency';
import { storageView, type StorageView } from './views/storage';
import { virtView, type VirtView } from './views/virt';

export type PartId = 'residency' | 'host' | 'containers' | 'storage';
export const PART_IDS: readonly PartId[] = ['residency', 'host', 'containers', 'storage'];

/** Which finding sections each part of the pack holds, in order. */
export const PART_SECTIONS: Record<PartId, readonly Section[]> = {
  residency: ['residency'],
  host: ['virtualization', 'host', 'network'],
  containers: ['daemon', 'daemon-files', 'images', 'containers', 'operations', 'swarm'],
  storage: ['storage'],
};

/** Collectors whose absence means a part is not assessed. */
const PART_COLLECTORS: Record<PartId, readonly CollectorName[]> = {
  residency: ['residency'],
  host: ['virt'],
  containers: ['docker'],
  storage: ['storage'],
};

/** Outcome order inside a control: what needs action first. */
const OUTCOME_RANK: Record<Outcome, number> = { fail: 0, error: 1, warn: 2, manual: 3, waived: 4, attested: 5, info: 6, 'not-applicable': 7, pass: 8 };

/** Longest observed/expected text kept per finding; the full value is in findings.json. */
export const VALUE_MAX = 600;

export interface Labelled<T extends string> {
  key: T;
  label: string;
}

export interface CountView {
  outcome: Outcome;
  label: string;
  n: number;
  nText: string;
}

export interface FindingView {
  finding: Finding;
  outcome: Outcome;
  outcomeLabel: string;
  severity: Severity;
  severityLabel: string;
  section: Section;
  /** Target name (made visible), with kind and state. */
  target: string;
  targetDetail: string;
  observed: string;
  expected: string;
  message: string;
  /** Only when it differs from the control's remediation. */
  remediation: string | null;
  waiver: string | null;
  fingerprint: string;
}

/** Findings of one control that share outcome, severity, observed, expected and fix: one PDF row. */
export interface FindingGroup {
  outcome: Outcome;
  outcomeLabel: string;
  severityLabel: string;
  observed: string;
  expected: string;
  remediation: string | null;
  targets: string[];
  /** The finding's own sentence when the group has one target. */
  message: string | null;
  waivers: string[];
}

export interface ControlView {
  id: string;
  anchor: string;
  title: string;
  section: Section;
  /** Highest severity among the control's findings that need action, else the highest overall. */
  severity: Severity;
  severityLabel: string;
  rationale: string | null;
  decidedBy: string | null;
  remediation: string;
  references: string[];
  counts: CountView[];
  /** Everything but passes, most urgent first. */
  open: FindingView[];
  passed: FindingView[];
  groups: FindingGroup[];
  total: number;
}

export interface SectionView {
  id: Section;
  anchor: string;
  title: string;
  counts: CountView[];
  score: string;
  controls: ControlView[];
}

export interface PartView {
  id: PartId;
  anchor: string;
  title: string;
  intro: string;
  /** Set when nothing in this part could be assessed. */
  notAssessed: string | null;
  sections: SectionView[];
  residency: ResidencyView | null;
  virt: VirtView | null;
  storage: StorageView | null;
}

export interface CollectorView {
  name: string;
  label: string;
  version: string;
  status: string;
  statusKey: string;
  window: string;
  method: string;
  privileges: string;
  warnings: string[];
  error: string | null;
}

export interface RiskView {
  control: string;
  anchor: string;
  title: string;
  severity: Severity;
  severityLabel: string;
  outcomeLabel: string;
  count: string;
  examples: string;
}

export interface WaiverView {
  control: string;
  target: string;
  justification: string;
  approvedBy: string;
  expires: string;
  was: string;
}

export interface PackModel {
  lang: Lang;
  t: Translate;
  title: string;
  subtitle: string;
  organisation: string | null;
  generatedAt: string;
  cover: { label: string; value: string }[];
  scope: { intro: string; preparedBy: string; collectors: CollectorView[]; notAssessed: string[] };
  summary: {
    counts: CountView[];
    total: string;
    score: string;
    formula: string;
    topRisks: RiskView[];
    verdict: string;
    bySection: { title: string; anchor: string; counts: CountView[]; total: string; score: string }[];
    chart: StackedBarChart;
  };
  parts: PartView[];
  waivers: WaiverView[];
  manifest: { path: string; sha256: string; size: string }[];
  glossary: { term: string; definition: string }[];
  signoff: { preparedBy: string };
  /** Every chart in the pack, in order (for tests and the PDF). */
  charts: ChartSpec[];
  totals: { findings: number };
}

function counts(t: Translate, lang: Lang, list: readonly Finding[]): CountView[] {
  const c = countOutcomes(list);
  return OUTCOMES.map((o) => ({ outcome: o, label: t(`outcome.${o}` as MessageKey), n: c[o], nText: formatInt(lang, c[o]) }));
}

function scoreText(lang: Lang, list: readonly Finding[]): string {
  const score = scoreOf(list);
  return score === null ? '—' : formatDecimal(lang, score);
}

/** The score formula in the pack's language, with the weights of src/findings/score.ts. */
function formulaText(t: Translate, lang: Lang): string {
  const weights = SEVERITIES.map((s) => `${t(`severity.${s}` as MessageKey)} ${formatInt(lang, SEVERITY_WEIGHT[s])}`).join(', ');
  return t('summary.formula', { weights });
}

function refText(r: Finding['references'][number]): string {
  return [r.framework, r.id, r.title].filter(Boolean).join(' ');
}

function targetLabel(t: Translate, f: Finding): { name: string; detail: string } {
  const name = visible(f.target.name || f.target.id);
  const parts = [t(`kind.${f.target.kind}` as MessageKey)];
  const workload = f.target.workload;
  if (workload) parts.push(t('control.workload', { name: visible(workload) }));
  if (f.target.state) parts.push(t('control.state', { state: visible(f.target.state) }));
  if (f.target.id && f.target.id !== f.target.name) parts.push(visible(f.target.id.length > 24 && /^[0-9a-f]{64}$/.test(f.target.id) ? f.target.id.slice(0, 12) : f.target.id));
  return { name, detail: parts.join(' · ') };
}

function findingView(t: Translate, lang: Lang, f: Finding, controlRemediation: string): FindingView {
  const cut = t('control.truncated');
  const tl = targetLabel(t, f);
  return {
    finding: f,
    outcome: f.outcome,
    outcomeLabel: t(`outcome.${f.outcome}` as MessageKey),
    severity: f.severity,
    severityLabel: t(`severity.${f.severity}` as MessageKey),
    section: f.section,
    target: tl.name,
    targetDetail: tl.detail,
    observed: formatValue(f.observed, VALUE_MAX, cut),
    expected: formatValue(f.expected, VALUE_MAX, cut),
    message: visible(f.message[lang]),
    remediation: f.remediation[lang] && f.remediation[lang] !== controlRemediation ? visible(f.remediation[lang]) : null,
    waiver: f.waiver
      ? t('control.waiver', {
          by: visible(f.waiver.approvedBy),
          until: visible(f.waiver.expires),
          why: visible(f.waiver.justification),
          was: f.waivedOutcome ? t(`outcome.${f.waivedOutcome}` as MessageKey) : '—',
        })
      : null,
    fingerprint: f.fingerprint,
  };
}

/**
 * Group a control's findings for the PDF: same outcome, severity, observed and expected make one row.
 * Per-target fixes (corrected `docker run` lines) do not split groups: a group shows its fix when all
 * its targets share it, else says where the per-target fixes are.
 */
function groupFindings(t: Translate, views: readonly FindingView[]): FindingGroup[] {
  const groups = new Map<string, { g: FindingGroup; first: FindingView; fixes: Set<string> }>();
  for (const v of views) {
    const key = `${v.outcome}\u0000${v.severity}\u0000${v.observed}\u0000${v.expected}`;
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        g: { outcome: v.outcome, outcomeLabel: v.outcomeLabel, severityLabel: v.severityLabel, observed: v.observed, expected: v.expected, remediation: null, targets: [], message: null, waivers: [] },
        first: v,
        fixes: new Set(),
      };
      groups.set(key, entry);
    }
    const g = entry.g;
    const state = v.finding.target.state;
    g.targets.push(state && v.finding.target.kind === 'container' && state !== 'running' ? `${v.target} (${visible(state)})` : v.target);
    if (v.remediation) entry.fixes.add(v.remediation);
    if (v.waiver && !g.waivers.includes(v.waiver)) g.waivers.push(v.waiver);
  }
  return [...groups.values()].map(({ g, first, fixes }) => {
    const remediation = fixes.size === 0 ? null : fixes.size === 1 && (g.targets.length === 1 || g.outcome !== 'pass') ? [...fixes][0] : t('control.fixesElsewhere', { n: fixes.size });
    return { ...g, remediation, message: g.targets.length === 1 ? first.message : null };
  });
}

function controlViews(t: Translate, lang: Lang, findings: readonly Finding[], controls: FindingsDocument['controls']): ControlView[] {
  const byControl = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byControl.get(f.control);
    if (list) list.push(f);
    else byControl.set(f.control, [f]);
  }
  const out: ControlView[] = [];
  for (const [id, list] of byControl) {
    const first = list[0];
    const record: ControlRecord | undefined = controls[id];
    const remediation = record?.remediation[lang] ?? first.remediation[lang];
    list.sort((a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.target.name.localeCompare(b.target.name));
    const views = list.map((f) => findingView(t, lang, f, remediation));
    const actionable = list.filter((f) => f.outcome !== 'pass' && f.outcome !== 'not-applicable');
    const sevPool = actionable.length ? actionable : list;
    const severity = SEVERITIES.find((s) => sevPool.some((f) => f.severity === s)) ?? first.severity;
    out.push({
      id,
      anchor: anchor('c', id),
      title: visible(record?.title[lang] ?? first.title),
      section: first.section,
      severity,
      severityLabel: t(`severity.${severity}` as MessageKey),
      rationale: record ? record.rationale[lang] : null,
      decidedBy: record ? record.decidedBy[lang] : null,
      remediation: visible(remediation),
      references: first.references.map(refText),
      counts: counts(t, lang, list).filter((c) => c.n > 0),
      open: views.filter((v) => v.outcome !== 'pass'),
      passed: views.filter((v) => v.outcome === 'pass'),
      groups: groupFindings(t, views),
      total: list.length,
    });
  }
  return out;
}

const COLLECTOR_ORDER: readonly CollectorName[] = ['docker', 'host', 'virt', 'storage', 'residency'];

function collectorViews(t: Translate, input: RenderInput): { views: CollectorView[]; notAssessed: string[] } {
  const views: CollectorView[] = [];
  const notAssessed: string[] = [];
  for (const name of COLLECTOR_ORDER) {
    const file = input.evidence[name];
    const label = t(`collector.${name}.name` as MessageKey);
    const subject = t(`collector.${name}.subject` as MessageKey);
    const fromRun = input.findings.run.collectors.find((c) => c.name === name);
    if (!file && !fromRun) {
      notAssessed.push(t('scope.collectorMissing', { collector: label, what: subject }));
      continue;
    }
    const status = (file?.status ?? fromRun?.status ?? 'failed') as string;
    const error = file?.error ?? fromRun?.error ?? null;
    if (status === 'skipped') notAssessed.push(t('scope.collectorSkipped', { collector: label, reason: visible(error ?? '—') }));
    if (status === 'failed') notAssessed.push(t('scope.collectorFailed', { collector: label, reason: visible(error ?? '—') }));
    views.push({
      name,
      label,
      version: visible(file?.collectorVersion ?? fromRun?.version ?? '—'),
      status: t(`status.${['ok', 'partial', 'failed', 'skipped'].includes(status) ? status : 'failed'}` as MessageKey),
      statusKey: status,
      window: file ? `${isoMinute(file.startedAt)} – ${isoMinute(file.endedAt).replace(/^\d{4}-\d\d-\d\d /, '')}` : '—',
      method: t(`collector.${name}.method` as MessageKey),
      privileges: t(`collector.${name}.privileges` as MessageKey),
      warnings: (file?.warnings ?? []).map(visible),
      error: error ? visible(error) : null,
    });
  }
  notAssessed.push(t('scope.outOfScope.organisational'), t('scope.outOfScope.remoteAccess'), t('scope.outOfScope.application'), t('scope.outOfScope.legal'));
  return { views, notAssessed };
}

function topRisks(t: Translate, lang: Lang, controls: readonly ControlView[]): RiskView[] {
  const risky = controls
    .map((c) => ({ c, bad: c.open.filter((v) => v.outcome === 'fail' || v.outcome === 'warn') }))
    .filter((x) => x.bad.length > 0)
    .map((x) => {
      const sev = SEVERITIES.find((s) => x.bad.some((v) => v.severity === s))!;
      return { ...x, sev, fails: x.bad.some((v) => v.outcome === 'fail') };
    });
  risky.sort((a, b) => SEVERITIES.indexOf(a.sev) - SEVERITIES.indexOf(b.sev) || Number(b.fails) - Number(a.fails) || b.bad.length - a.bad.length);
  return risky.slice(0, 10).map(({ c, bad, sev, fails }) => ({
    control: c.id,
    anchor: c.anchor,
    title: c.title,
    severity: sev,
    severityLabel: t(`severity.${sev}` as MessageKey),
    outcomeLabel: t(fails ? 'outcome.fail' : 'outcome.warn'),
    count: t('summary.risk.targets', { n: formatInt(lang, bad.length) }),
    examples: bad.slice(0, 3).map((v) => v.target).join(', ') + (bad.length > 3 ? ', …' : ''),
  }));
}

function residencyVerdict(t: Translate, lang: Lang, input: RenderInput, findings: readonly Finding[]): string {
  const ev = input.evidence.residency;
  const res = findings.filter((f) => f.section === 'residency');
  if (!ev && res.length === 0) return t('verdict.notAssessed', { reason: t('scope.collectorMissing', { collector: t('collector.residency.name'), what: t('collector.residency.subject') }) });
  if (ev && (ev.status === 'failed' || ev.status === 'skipped')) return t('verdict.notAssessed', { reason: visible(ev.error ?? ev.status) });
  const endpoints = res.filter((f) => f.target.kind === 'endpoint');
  if (endpoints.length === 0) {
    const c = counts(t, lang, res).filter((x) => x.n > 0).map((x) => `${x.nText} ${x.label}`).join(', ');
    return t('verdict.noEndpoints', { counts: c || t('control.none') });
  }
  const ids = new Set(endpoints.map((f) => f.target.id));
  const failed = new Set(endpoints.filter((f) => f.outcome === 'fail' || f.outcome === 'warn' || (f.outcome === 'waived' && (f.waivedOutcome === 'fail' || f.waivedOutcome === 'warn'))).map((f) => f.target.id));
  const review = new Set(endpoints.filter((f) => (f.outcome === 'manual' || f.outcome === 'error' || f.outcome === 'waived') && !failed.has(f.target.id)).map((f) => f.target.id));
  const n = formatInt(lang, ids.size);
  if (failed.size === 0 && review.size === 0) return t('verdict.allInside', { n });
  if (failed.size === 0) return t('verdict.onlyReview', { n, review: formatInt(lang, review.size) });
  if (review.size === 0) return t('verdict.outside', { n, fail: formatInt(lang, failed.size) });
  return t('verdict.review', { n, fail: formatInt(lang, failed.size), review: formatInt(lang, review.size) });
}

function geoDbText(t: Translate, input: RenderInput): string {
  const ev = input.evidence.residency;
  if (!ev) return t('cover.notUsed');
  const geo = ev.data && typeof ev.data === 'object' ? (ev.data as { geolocation?: { description?: unknown; buildDate?: unknown } | null }).geolocation : null;
  if (!geo) return t('cover.notUsed');
  const desc = typeof geo.description === 'string' ? geo.description : t('cover.unknown');
  const date = typeof geo.buildDate === 'string' ? geo.buildDate : t('cover.unknown');
  return `${visible(desc)} (${visible(date)})`;
}

const GLOSSARY: readonly string[] = ['eea', 'adequacy', 'thirdCountry', 'scc', 'geoip', 'cis', 'caiq', 'sharedKernel', 'waiver', 'fingerprint', 'sha256', 'outcomes'];

export function buildModel(input: RenderInput): PackModel {
  const { lang } = input;
  const t = translator(lang);
  const doc = input.findings;
  const run = doc.run;
  const findings = doc.findings;
  const cfg = run.config;

  const hosts = [...new Set([run.host.hostname, ...Object.values(input.evidence).map((f) => f?.host?.hostname).filter((h): h is string => !!h)])];
  const engine = run.engine?.version ? `Docker Engine ${visible(run.engine.version)}${run.host.engineId ? ` (ID ${visible(run.host.engineId)})` : ''}` : t('cover.unknown');
  const cover = [
    { label: t('cover.organisation'), value: cfg.organisation ? visible(cfg.organisation) : t('cover.notStated') },
    { label: t('cover.hosts'), value: hosts.map(visible).join(', ') },
    { label: t('cover.period'), value: cfg.period ? visible(cfg.period) : t('cover.notStated') },
    { label: t('cover.date'), value: isoDate(run.evaluatedAt) },
    { label: t('cover.collectedAt'), value: isoMinute(run.collectedAt) },
    { label: t('cover.evaluatedAt'), value: isoMinute(run.evaluatedAt) },
    { label: t('cover.engine'), value: engine },
    { label: t('cover.engineEndpoint'), value: run.engine?.endpoint ? visible(run.engine.endpoint) : t('cover.unknown') },
    { label: t('cover.toolVersion'), value: `residency-audit ${visible(run.toolVersion)}` },
    { label: t('cover.contentVersion'), value: t('cover.contentVersionValue', { count: run.catalog.checks, hash: run.catalog.sha256.slice(0, 12) }) },
    { label: t('cover.geoDb'), value: geoDbText(t, input) },
    { label: t('cover.schemaVersion'), value: visible(run.schemaVersion) },
    { label: t('cover.preparedBy'), value: cfg.preparedBy ? visible(cfg.preparedBy) : t('cover.notStated') },
  ];

  const { views: collectors, notAssessed } = collectorViews(t, input);
  const allControls = controlViews(t, lang, findings, doc.controls);

  const parts: PartView[] = PART_IDS.map((id) => {
    const sections: SectionView[] = [];
    for (const s of PART_SECTIONS[id]) {
      const controls = allControls.filter((c) => c.section === s);
      if (controls.length === 0) continue;
      const list = findings.filter((f) => f.section === s);
      sections.push({ id: s, anchor: anchor('s', s), title: t(`section.${s}` as MessageKey), counts: counts(t, lang, list).filter((c) => c.n > 0), score: scoreText(lang, list), controls });
    }
    let missing: string | null = null;
    if (sections.length === 0) {
      const gone = PART_COLLECTORS[id].map((c) => ({ c, f: input.evidence[c] })).find(({ f }) => !f || f.status === 'failed' || f.status === 'skipped');
      missing = gone
        ? gone.f
          ? visible(gone.f.error ?? t(`status.${gone.f.status}` as MessageKey))
          : t('scope.collectorMissing', { collector: t(`collector.${gone.c}.name` as MessageKey), what: t(`collector.${gone.c}.subject` as MessageKey) })
        : t('part.noFindings');
    }
    return {
      id,
      anchor: anchor('p', id),
      title: t(`part.${id}.title` as MessageKey),
      intro: t(`part.${id}.intro` as MessageKey),
      notAssessed: missing,
      sections,
      residency: id === 'residency' ? residencyView(t, lang, input) : null,
      virt: id === 'host' ? virtView(t, input) : null,
      storage: id === 'storage' ? storageView(t, lang, input) : null,
    };
  });

  const sectionRows = parts.flatMap((p) => p.sections).map((s) => {
    const list = findings.filter((f) => f.section === s.id);
    return { title: s.title, anchor: s.anchor, counts: counts(t, lang, list), total: formatInt(lang, list.length), score: s.score };
  });
  const chart: StackedBarChart = {
    kind: 'stacked',
    title: t('summary.chart.outcomes'),
    rows: sectionRows.map((r) => ({ label: r.title, segments: r.counts.filter((c) => c.n > 0).map((c) => ({ value: c.n, colour: OUTCOME_COLOURS[c.outcome], label: c.label })) })),
    legend: OUTCOMES.filter((o) => findings.some((f) => f.outcome === o)).map((o) => ({ label: t(`outcome.${o}` as MessageKey), colour: OUTCOME_COLOURS[o] })),
  };

  const waivers: WaiverView[] = findings
    .filter((f) => f.outcome === 'waived' && f.waiver)
    .map((f) => ({
      control: f.control,
      target: visible(f.target.name),
      justification: visible(f.waiver!.justification),
      approvedBy: visible(f.waiver!.approvedBy),
      expires: visible(f.waiver!.expires),
      was: f.waivedOutcome ? t(`outcome.${f.waivedOutcome}` as MessageKey) : '—',
    }));

  const charts: ChartSpec[] = [chart];
  for (const p of parts) {
    if (p.residency?.chart) charts.push(p.residency.chart);
    if (p.storage?.chart) charts.push(p.storage.chart);
  }

  const total = findings.length;
  const scoreValue = run.score?.value ?? null;
  return {
    lang,
    t,
    title: t('pack.title'),
    subtitle: t('pack.subtitle'),
    organisation: cfg.organisation ? visible(cfg.organisation) : null,
    generatedAt: run.evaluatedAt,
    cover,
    scope: {
      intro: t('scope.intro'),
      preparedBy: cfg.preparedBy ? t('scope.preparedBy', { name: visible(cfg.preparedBy) }) : t('scope.preparedByUnknown'),
      collectors,
      notAssessed,
    },
    summary: {
      counts: counts(t, lang, findings),
      total: formatInt(lang, total),
      score: scoreValue === null ? t('summary.scoreNone') : t('summary.scoreValue', { score: formatDecimal(lang, scoreValue) }),
      // The findings carry the formula in English; the catalog holds the same formula per language.
      formula: lang === 'en' && run.score?.formula && run.score.formula !== SCORE_FORMULA ? visible(run.score.formula) : formulaText(t, lang),
      topRisks: topRisks(t, lang, allControls),
      verdict: residencyVerdict(t, lang, input, findings),
      bySection: sectionRows,
      chart,
    },
    parts,
    waivers,
    manifest: input.manifest.map((m) => ({ path: visible(m.path), sha256: m.sha256, size: formatInt(lang, m.size) })),
    glossary: GLOSSARY.map((g) => ({ term: t(`glossary.${g}.term` as MessageKey), definition: t(`glossary.${g}.def` as MessageKey) })),
    signoff: { preparedBy: cfg.preparedBy ? visible(cfg.preparedBy) : '' },
    charts,
    totals: { findings: total },
  };
}

