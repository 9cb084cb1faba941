/**
 * The pack's view model: everything the HTML and PDF show, decided once, in the pack's language.
 * Both renderers walk this model in the same order, so the two formats have the same structure:
 * cover; verdict (where the data is and flows, kernel isolation, container hardening, one score per
 * framework); contents; scope and method; transfer register; the four parts; remediation by
 * container; exceptions; questionnaire answers; manifest; glossary; sign-off.
 *
 * Compact by design: a control's passing and not-applicable results are rows of one table per
 * section; only results that need action get a block (why it matters, how it is decided, the fix),
 * and text shared by several controls or targets is printed once. Every finding that needs action
 * shows its id, the evidence file and JSON pointers it was decided from, and that file's SHA-256
 * as listed in the manifest.
 */
import type { CollectorName } from '../evidence/types';
import { countOutcomes, SCORE_FORMULA, scoreOf, SEVERITY_WEIGHT } from '../findings/score';
import { OUTCOMES, SEVERITIES, type ControlRecord, type Finding, type FindingsDocument, type Outcome, type Section, type Severity } from '../findings/types';
import { formatDecimal, formatInt, translator, type Lang, type MessageKey, type Translate } from '../i18n';
import { OUTCOME_COLOURS, type ChartSpec, type StackedBarChart } from './charts/spec';
import { anchor, containerStateText, isoDate, isoMinute, shortHashes, truncate, valueLines, visible } from './format';
import type { AnswerRow, Detail, RenderInput } from './types';
import { quarterlyView, type QuarterlyView } from './views/quarterly';
import { registersView, type RegistersView } from './views/registers';
import { residencyView, type ResidencyView } from './views/residency';
import { storageView, type StorageView } from './views/storage';
import { transferRows, type TransferRowView } from './views/transfers';
import { virtView, type VirtView } from './views/virt';
import { networkView, type NetworkView } from './views/network';
import { benchmarkName, geolocationSources, type GeoSourceView } from './views/sources';

export type PartId = 'residency' | 'host' | 'network' | 'containers' | 'storage';
export const PART_IDS: readonly PartId[] = ['residency', 'host', 'network', 'containers', 'storage'];

/** Which finding sections each part of the pack holds, in order. */
export const PART_SECTIONS: Record<PartId, readonly Section[]> = {
  residency: ['residency'],
  host: ['virtualization', 'host'],
  network: ['network'],
  containers: ['daemon', 'daemon-files', 'images', 'containers', 'operations', 'swarm'],
  storage: ['storage'],
};

/** Collectors whose absence means a part is not assessed. */
const PART_COLLECTORS: Record<PartId, readonly CollectorName[]> = {
  residency: ['residency'],
  host: ['virt'],
  network: ['network'],
  containers: ['docker'],
  storage: ['storage'],
};

/** Outcome order inside a control: what needs action first. */
const OUTCOME_RANK: Record<Outcome, number> = { fail: 0, error: 1, warn: 2, manual: 3, waived: 4, attested: 5, info: 6, 'not-applicable': 7, pass: 8 };

/** Outcomes that get a full block; the rest (pass, not applicable, info) are rows of the section's table. */
export const BLOCK_OUTCOMES: ReadonlySet<Outcome> = new Set(['fail', 'warn', 'error', 'manual', 'waived', 'attested']);

/** Lines of an observed/expected value kept in the pack (findings.json has all). */
export const VALUE_LINES = 5;
/** Ids listed under a passing row before "ids in the HTML pack and findings.json". */
export const PASS_IDS_MAX = 12;

export interface CountView {
  outcome: Outcome;
  label: string;
  n: number;
  nText: string;
}

/** One finding inside a block row. */
export interface FindingRef {
  id: string;
  anchor: string;
  target: string;
  /** `docker.json#/data/containers/3` for each pointer the finding was decided from, linked to the file's manifest row. */
  pointers: { text: string; anchor: string }[];
  /** Questionnaire answers citing it. */
  answers: { id: string; anchor: string }[];
}

/** A row of a block: findings of one control with the same outcome, values and sentence (targets listed). */
export interface BlockRow {
  control: string;
  controlTitle: string;
  outcome: Outcome;
  outcomeLabel: string;
  severity: Severity;
  severityLabel: string;
  /** Target names, with kind/state detail for a single target. */
  targets: string[];
  targetDetail: string | null;
  observed: string[];
  /** Only when it differs from the block's expected value. */
  expected: string[] | null;
  message: string;
  /** A fix specific to these targets (differs from the control's). */
  fix: string | null;
  /** Containers whose corrected command in "Remediation by container" fixes this row. */
  containerFixes: { name: string; anchor: string }[];
  waiver: string | null;
  attestation: string | null;
  findings: FindingRef[];
  /** Filter keys for the HTML (ids, CAIQ ids, targets). */
  search: string;
}

/** A control (or several sharing their texts) with results that need action. */
export interface ControlBlock {
  ids: string[];
  anchor: string;
  anchors: string[];
  title: string;
  section: Section;
  severity: Severity;
  severityLabel: string;
  /** CIS profile level, the benchmark's Automated/Manual label, and how this tool decides. */
  meta: string;
  rationale: string | null;
  decidedBy: string | null;
  /** Per-control parts of "how it is decided" when controls share the rest. */
  decidedByPer: { control: string; text: string }[];
  remediation: string;
  references: string;
  expected: string[] | null;
  rows: BlockRow[];
  /** The evidence files these findings were decided from, with the manifest's SHA-256. */
  evidence: { file: string; sha256: string | null; anchor: string }[];
  /** The fix every row shares when it differs from the control's (printed once, not per row). */
  rowsFix: string | null;
  /** Questionnaire answers every finding of the block is cited by (printed once; rows list others). */
  answers: { id: string; anchor: string }[];
}

/** A row of a section's table of passing / not applicable / info results. */
export interface PassRow {
  control: string;
  anchor: string;
  title: string;
  outcome: Outcome;
  outcomeLabel: string;
  targets: string;
  /** Every finding id of the row (the PDF prints the first PASS_IDS_MAX). */
  ids: string[];
  count: number;
  severity: Severity;
  /** Level, CIS label, how decided (short). */
  meta: string;
  search: string;
}

export interface SectionView {
  id: Section;
  anchor: string;
  title: string;
  counts: CountView[];
  score: string;
  blocks: ControlBlock[];
  passRows: PassRow[];
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
  network: NetworkView | null;
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
  anchor: string;
  target: string;
  justification: string;
  approvedBy: string;
  expires: string;
  was: string;
  id: string;
}

export interface ContainerFixView {
  name: string;
  anchor: string;
  detail: string;
  controls: { id: string; anchor: string }[];
  before: string[];
  command: string;
  removed: string[];
  added: string[];
  compose: string | null;
  notFixed: string[];
  findings: string[];
}

export interface AnswerView {
  id: string;
  anchor: string;
  question: string;
  answer: string;
  answerKey: string;
  basis: string;
  /** Findings needing action that the answer rests on (linked), and how many passing ones. */
  open: { id: string; anchor: string }[];
  passing: number;
  /** Every finding id (the HTML lists them; the PDF lists the open ones). */
  all: string[];
}

export interface ManifestView {
  path: string;
  anchor: string;
  sha256: string;
  size: string;
}

export interface FrameworkScoreView {
  key: string;
  label: string;
  score: string;
  counts: string;
}

export interface VerdictView {
  residency: { question: string; answer: string; rows: TransferRowView[]; more: number };
  virt: { question: string; answer: string; adequate: 'yes' | 'no' | 'review' | 'not-assessed'; reason: string };
  containers: {
    question: string;
    answer: string;
    sections: { title: string; anchor: string; score: string; pass: string; fail: string; warn: string; critical: string }[];
    critical: RiskView[];
  };
  frameworks: FrameworkScoreView[];
}

export interface PackModel {
  lang: Lang;
  t: Translate;
  detail: Detail;
  title: string;
  subtitle: string;
  organisation: string | null;
  generatedAt: string;
  cover: { label: string; value: string; mono?: boolean }[];
  /** The attribution lines the geolocation data's licences require, printed under the cover table. */
  coverAttributions: string[];
  pointInTime: string;
  /** Integrity warnings on the cover: evaluated unverified, evidence modified, collection gaps. */
  alerts: string[];
  verdict: VerdictView;
  scope: { intro: string; preparedBy: string; collectors: CollectorView[]; notAssessed: string[]; method: string[]; geolocation: { intro: string; sources: GeoSourceView[]; none: string | null } };
  summary: {
    counts: CountView[];
    total: string;
    formula: string;
    topRisks: RiskView[];
    verdict: string;
    bySection: { title: string; anchor: string; counts: CountView[]; total: string; score: string }[];
    chart: StackedBarChart;
  };
  transfers: { intro: string; rows: TransferRowView[]; empty: string | null; counts: string };
  parts: PartView[];
  remediation: { intro: string; containers: ContainerFixView[] };
  waivers: WaiverView[];
  /** "Since the last audit" (findings.quarterly with --previous); null without it. */
  quarterly: QuarterlyView | null;
  /** Every waiver and attestation with its state, and those expiring soon (findings.registers); null when there are none. */
  registers: RegistersView | null;
  answers: AnswerView[];
  manifest: ManifestView[];
  glossary: { term: string; definition: string }[];
  signoff: { rows: { role: string; name: string; title: string }[]; dpo: { name: string; title: string } | null; statement: string };
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

/** `web`, or `web (created)` with the state in the pack's language: a container that is not running is still judged. */
function targetName(t: Translate, f: Finding): string {
  const name = visible(f.target.name || f.target.id);
  const state = f.target.state;
  if (f.target.kind !== 'container' || !state || state === 'running') return name;
  return `${name} (${containerStateText(t, state)})`;
}

function targetDetail(t: Translate, f: Finding): string {
  const parts = [t(`kind.${f.target.kind}` as MessageKey)];
  if (f.target.workload) parts.push(t('control.workload', { name: visible(f.target.workload) }));
  if (f.target.id && f.target.id !== f.target.name) parts.push(shortHashes(visible(f.target.id)));
  return parts.join(' · ');
}

/** Sentences of a text (split after . ! ? followed by a space and a capital or a digit). */
function sentences(s: string): string[] {
  return s.split(/(?<=[.!?])\s+(?=[A-Z0-9(«"“])/).map((x) => x.trim()).filter(Boolean);
}

/** The message with the target's own name replaced, so findings that say the same about different targets group. */
function messageKey(f: Finding, lang: Lang): string {
  return withoutName(f, f.message[lang], '\u0000');
}

/** A finding's sentence with its target's name (and `(state)` after it) replaced. */
function withoutName(f: Finding, msg: string, by: string): string {
  const name = f.target.name;
  if (!name) return msg;
  const state = f.target.state ? `${name} (${f.target.state})` : null;
  return (state ? msg.split(state).join(by) : msg).split(name).join(by);
}

/** The meta line of several controls: what they share said once, levels as a range. */
function groupMeta(t: Translate, records: readonly (ControlRecord | undefined)[]): string {
  const rs = records.filter((r): r is ControlRecord => !!r);
  if (!rs.length) return '';
  const parts: string[] = [];
  const b = rs[0].benchmark;
  if (b && rs.every((r) => r.benchmark?.name === b.name && r.benchmark.version === b.version)) parts.push(`${visible(b.name)} ${visible(b.version)}`);
  const levels = [...new Set(rs.map((r) => r.level).filter((l): l is 1 | 2 => !!l))].sort();
  if (levels.length) parts.push(levels.map((l) => t('control.level', { level: l })).join(' / '));
  const labels = [...new Set(rs.filter((r) => r.benchmark).map((r) => r.benchmark!.assessment))];
  for (const a of labels) parts.push(t(a === 'automated' ? 'control.cisAutomated' : 'control.cisManual'));
  for (const a of [...new Set(rs.map((r) => r.automated))]) parts.push(t(a ? 'control.toolAutomated' : 'control.toolManual'));
  return parts.join(' · ');
}

function levelMeta(t: Translate, r: ControlRecord | undefined): string {
  if (!r) return '';
  const parts: string[] = [];
  if (r.benchmark) parts.push(`${visible(r.benchmark.name)} ${visible(r.benchmark.version)} ${visible(r.benchmark.id)}`);
  if (r.level) parts.push(t('control.level', { level: r.level }));
  if (r.benchmark) parts.push(t(r.benchmark.assessment === 'automated' ? 'control.cisAutomated' : 'control.cisManual'));
  parts.push(t(r.automated ? 'control.toolAutomated' : 'control.toolManual'));
  return parts.join(' · ');
}

interface Ctx {
  /** Containers and images in the evidence, for "all 9 containers". */
  totals: { container: number; image: number };
  t: Translate;
  lang: Lang;
  doc: FindingsDocument;
  hashes: Map<string, string>;
  answersByFinding: Map<string, { id: string; anchor: string }[]>;
  containerFix: Map<string, { name: string; anchor: string }>;
}

function pointerRefs(f: Finding): { text: string; anchor: string }[] {
  return f.evidence.flatMap((e) => {
    const file = visible(e.file.replace(/^evidence\//, ''));
    const a = anchor('m', e.file);
    return e.pointers.length ? e.pointers.map((p) => ({ text: `${file}#${visible(p) || '/'}`, anchor: a })) : [{ text: `${file}#/`, anchor: a }];
  });
}

function findingRef(c: Ctx, f: Finding): FindingRef {
  return { id: f.id, anchor: anchor('f', f.id), target: targetName(c.t, f), pointers: pointerRefs(f), answers: c.answersByFinding.get(f.id) ?? [] };
}

function waiverText(t: Translate, f: Finding): string | null {
  // An expired waiver is shown as one: the finding counts as its own outcome again.
  if (!f.waiver && f.expiredWaiver) return t('control.waiverExpired', { by: visible(f.expiredWaiver.approvedBy), until: visible(f.expiredWaiver.expires), why: visible(f.expiredWaiver.justification) });
  if (!f.waiver) return null;
  return t('control.waiver', {
    by: visible(f.waiver.approvedBy),
    until: visible(f.waiver.expires),
    why: visible(f.waiver.justification),
    was: f.waivedOutcome ? t(`outcome.${f.waivedOutcome}` as MessageKey) : '—',
  });
}

function attestationText(t: Translate, f: Finding): string | null {
  const a = f.attestation;
  if (!a) return null;
  const text = t('control.attestation', { by: visible(a.by.name + (a.by.role ? `, ${a.by.role}` : '')), at: visible(a.at), statement: visible(a.statement), outcome: f.attestedOutcome ? t(`outcome.${f.attestedOutcome}` as MessageKey) : '—' });
  return `${text} ${t('control.attestationValidity', { until: visible(a.expires), basis: visible(a.basis ?? '—') })}`;
}

const more = (t: Translate) => (n: number) => t('control.moreLines', { n });

/** Longest observed/expected line kept (cut at a word, with a note); findings.json has the whole value. */
const LINE_MAX = 150;

/** The value lines a block row shows: every line whole up to LINE_MAX characters, cut between words beyond. */
function shownLines(t: Translate, v: unknown): string[] {
  return valueLines(v, VALUE_LINES, more(t)).map((l) => truncate(l, LINE_MAX, t('control.truncated')));
}

/**
 * What a row shows as observed. An endpoint's finding records everything the register and the
 * endpoint table already print (found in, decision text): the row keeps where it is and why.
 */
function observedOf(f: Finding): unknown {
  // A published port's finding records what the Network exposure table prints (reachable from, rule chain): the row keeps the port.
  const port = f.section === 'network' && f.observed && typeof f.observed === 'object' ? (f.observed as Record<string, unknown>) : null;
  if (port && Array.isArray(port.reachableFrom) && port.port !== undefined) return { port: `${String(port.port)}/${String(port.proto ?? 'tcp')}`, bindings: port.bindings ?? [] };
  if (f.target.kind !== 'endpoint' || !f.observed || typeof f.observed !== 'object') return f.observed;
  const o = f.observed as Record<string, unknown>;
  const ips = Array.isArray(o.addresses) ? (o.addresses as { ip?: unknown }[]).map((a) => (typeof a?.ip === 'string' ? a.ip : '?')) : [];
  return { country: o.country ?? null, jurisdiction: o.jurisdiction ?? null, basis: o.basis ?? null, ...(ips.length ? { addresses: ips } : {}), ...(o.geolocationDisagrees ? { geolocationDisagrees: o.geolocationDisagrees } : {}) };
}

/** The block rows of one control: its findings that need action, grouped when they say the same thing. */
function blockRows(c: Ctx, control: string, list: readonly Finding[], controlFix: string, blockExpected: string | null): BlockRow[] {
  const { t, lang } = c;
  const rows = new Map<string, { row: BlockRow; list: Finding[] }>();
  for (const f of list) {
    const observed = shownLines(t, observedOf(f));
    const expected = shownLines(t, f.expected);
    const fix = f.remediation[lang] && f.remediation[lang] !== controlFix ? visible(f.remediation[lang]) : null;
    // A result a person must decide groups by its sentence alone: the observed values are context, listed per target in the HTML and findings.json.
    const byObserved = f.outcome !== 'manual';
    // Endpoints group by where they are (the register and the endpoint table give each one's own sentence).
    const place = f.target.kind === 'endpoint' && f.observed && typeof f.observed === 'object' ? (f.observed as Record<string, unknown>) : null;
    const key = place
      ? [f.outcome, f.severity, String(place.country ?? ''), String(place.jurisdiction ?? ''), String(place.basis ?? ''), fix ?? '', f.waiver ? JSON.stringify(f.waiver) : ''].join('\u0001')
      : [f.outcome, f.severity, byObserved ? observed.join('\n') : '', expected.join('\n'), messageKey(f, lang), fix ?? '', f.waiver ? JSON.stringify(f.waiver) : '', f.attestation ? f.id : ''].join('\u0001');
    let entry = rows.get(key);
    if (!entry) {
      const record = c.doc.controls[control];
      entry = {
        row: {
          control,
          controlTitle: visible(record?.title[lang] ?? f.title),
          outcome: f.outcome,
          outcomeLabel: t(`outcome.${f.outcome}` as MessageKey),
          severity: f.severity,
          severityLabel: t(`severity.${f.severity}` as MessageKey),
          targets: [],
          targetDetail: null,
          observed,
          expected: expected.join('\n') === blockExpected ? null : expected,
          message: visible(withoutDecidedBy(f.message[lang], record?.decidedBy[lang])),
          fix,
          containerFixes: [],
          waiver: waiverText(t, f),
          attestation: attestationText(t, f),
          findings: [],
          search: '',
        },
        list: [],
      };
      rows.set(key, entry);
    }
    if (entry.list.length && entry.row.observed.join('\n') !== observed.join('\n')) entry.row.observed = [t('control.observedPerTarget')];
    entry.list.push(f);
    entry.row.targets.push(targetName(t, f));
    entry.row.findings.push(findingRef(c, f));
    const cf = c.containerFix.get(f.id);
    if (cf && !entry.row.containerFixes.some((x) => x.anchor === cf.anchor)) entry.row.containerFixes.push(cf);
  }
  return [...rows.values()].map(({ row, list: fs }) => {
    if (fs.length === 1) row.targetDetail = targetDetail(t, fs[0]);
    else if (fs[0].target.kind === 'endpoint') row.message = t('control.example', { message: visible(fs[0].message[lang]) });
    else row.message = visible(withoutName(fs[0], fs[0].message[lang], '…'));
    row.search = shortHashes(visible([row.control, ...fs.map((f) => `${f.id} ${f.target.name} ${f.target.id} ${f.references.map((r) => r.id).join(' ')} ${(c.answersByFinding.get(f.id) ?? []).map((a) => a.id).join(' ')}`)].join(' ').toLowerCase()));
    return row;
  });
}

/** A manual result that only repeats how the control is decided ("Needs a person to decide: <decidedBy>") keeps its lead: the block prints decidedBy already. */
function withoutDecidedBy(message: string, decidedBy: string | undefined): string {
  return decidedBy && message.endsWith(`: ${decidedBy}`) ? `${message.slice(0, -decidedBy.length - 2)}.` : message;
}

/** Text every row of a block repeats (the same per-target fix, the same questionnaire answers) moves to the block. */
function hoisted(rows: BlockRow[]): { rows: BlockRow[]; rowsFix: string | null; answers: { id: string; anchor: string }[] } {
  const fixes = [...new Set(rows.map((r) => r.fix))];
  const rowsFix = fixes.length === 1 && fixes[0] && rows.length > 1 ? fixes[0] : null;
  const refs = rows.flatMap((r) => r.findings);
  const key = (a: { id: string }[]) => a.map((x) => x.id).join(' ');
  const common = refs.length > 1 && refs.every((f) => key(f.answers) === key(refs[0].answers)) ? refs[0].answers : [];
  if (rowsFix) for (const r of rows) r.fix = null;
  if (common.length) for (const f of refs) f.answers = [];
  return { rows, rowsFix, answers: common };
}

function evidenceOf(c: Ctx, list: readonly Finding[]): ControlBlock['evidence'] {
  const files = [...new Set(list.flatMap((f) => f.evidence.map((e) => e.file)))].sort();
  return files.map((file) => ({ file: visible(file), sha256: c.hashes.get(file) ?? null, anchor: anchor('m', file) }));
}

/** The shared and the per-control parts of several controls' texts. */
function splitShared(texts: { control: string; text: string }[]): { shared: string; per: { control: string; text: string }[] } {
  const split = texts.map((x) => ({ control: x.control, s: sentences(x.text) }));
  const common = split[0].s.filter((s) => split.every((x) => x.s.includes(s)));
  const rest = split.map((x) => ({ control: x.control, words: x.s.filter((s) => !common.includes(s)).join(' ').split(' ') }));
  // Words every per-control text starts with ("Looks for an audit rule … covering the") are said once.
  let n = 0;
  while (rest.length > 1 && rest.every((r) => r.words.length > n + 1 && r.words[n] === rest[0].words[n])) n++;
  const lead = n >= 4 ? `${rest[0].words.slice(0, n).join(' ')} …` : '';
  return {
    shared: [lead, ...common].filter(Boolean).join(' '),
    per: rest.map((r) => ({ control: r.control, text: `${lead ? '… ' : ''}${r.words.slice(lead ? n : 0).join(' ')}`.trim() })).filter((x) => x.text && x.text !== '…'),
  };
}

function sectionBlocks(c: Ctx, list: readonly Finding[]): { blocks: ControlBlock[]; pass: PassRow[] } {
  const { t, lang, doc } = c;
  const byControl = new Map<string, Finding[]>();
  for (const f of list) {
    const l = byControl.get(f.control);
    if (l) l.push(f);
    else byControl.set(f.control, [f]);
  }
  const controls = [...byControl.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const pass: PassRow[] = [];
  const single: ControlBlock[] = [];
  for (const id of controls) {
    const fs = byControl.get(id)!;
    fs.sort((a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.target.name.localeCompare(b.target.name));
    const record = doc.controls[id];
    const title = visible(record?.title[lang] ?? fs[0].title);
    const meta = levelMeta(t, record);
    const open = fs.filter((f) => BLOCK_OUTCOMES.has(f.outcome));
    // Passing, not-applicable and info results: one table row per control and outcome.
    for (const o of ['pass', 'info', 'not-applicable'] as const) {
      const ok = fs.filter((f) => f.outcome === o);
      if (!ok.length) continue;
      const names = ok.map((f) => targetName(t, f));
      const kind = ok[0].target.kind;
      const all = (kind === 'container' || kind === 'image') && c.totals[kind] > 1 && ok.length === c.totals[kind] && ok.every((f) => f.target.kind === kind);
      pass.push({
        control: id,
        anchor: anchor('c', id) + (open.length ? '-ok' : ''),
        title,
        outcome: o,
        outcomeLabel: t(`outcome.${o}` as MessageKey),
        targets: all ? t(kind === 'container' ? 'control.allContainers' : 'control.allImages', { n: formatInt(lang, ok.length) }) : names.length > 40 ? `${names.slice(0, 40).join(', ')} ${t('control.andMore', { n: formatInt(lang, names.length - 40) })}` : names.join(', '),
        ids: ok.map((f) => f.id),
        count: ok.length,
        severity: SEVERITIES.find((x) => ok.some((f) => f.severity === x)) ?? 'info',
        meta,
        search: shortHashes(visible(`${id} ${title} ${ok.map((f) => `${f.id} ${f.target.name} ${(c.answersByFinding.get(f.id) ?? []).map((a) => a.id).join(' ')}`).join(' ')}`.toLowerCase())),
      });
    }
    if (!open.length) continue;
    const controlFix = record?.remediation[lang] ?? fs[0].remediation[lang];
    const expectedAll = [...new Set(open.map((f) => shownLines(t, f.expected).join('\n')))];
    const blockExpected = expectedAll.length === 1 ? expectedAll[0] : null;
    const sev = SEVERITIES.find((s) => open.some((f) => f.severity === s)) ?? fs[0].severity;
    single.push({
      ids: [id],
      anchor: anchor('c', id),
      anchors: [anchor('c', id)],
      title,
      section: fs[0].section,
      severity: sev,
      severityLabel: t(`severity.${sev}` as MessageKey),
      meta,
      rationale: record ? visible(record.rationale[lang]) : null,
      decidedBy: record ? visible(record.decidedBy[lang]) : null,
      decidedByPer: [],
      remediation: visible(controlFix),
      // The benchmark's own reference is in the meta line already.
      references: [...new Set(fs[0].references.filter((r) => !(record?.benchmark && r.framework.startsWith('CIS Docker Benchmark'))).map(refText))].join('; '),
      expected: blockExpected === null ? null : blockExpected.split('\n'),
      ...hoisted(blockRows(c, id, open, controlFix, blockExpected)),
      evidence: evidenceOf(c, open),
    });
  }
  // Controls that share why they matter and how they are fixed are printed as one block (e.g. the auditd rules of 1.1.x).
  const groups: ControlBlock[][] = [];
  for (const b of single) {
    const g = groups[groups.length - 1];
    const head = g?.[0];
    if (head && head.rationale && head.rationale === b.rationale && head.remediation === b.remediation && head.references === b.references) g.push(b);
    else groups.push([b]);
  }
  const blocks = groups.map((g): ControlBlock => {
    if (g.length === 1) return g[0];
    const { shared, per: perText } = splitShared(g.map((b) => ({ control: b.ids[0], text: b.decidedBy ?? '' })));
    // Each control's own part, with its level when the levels differ.
    const levels = new Set(g.map((b) => doc.controls[b.ids[0]]?.level));
    const per = perText.map((x) => {
      const l = doc.controls[x.control]?.level;
      return { control: levels.size > 1 && l ? `${x.control} (${t('control.level', { level: l })})` : x.control, text: x.text };
    });
    const expectedAll = [...new Set(g.map((b) => (b.expected ? b.expected.join('\n') : '\u0000')))];
    const sameExpected = expectedAll.length === 1 && expectedAll[0] !== '\u0000';
    if (!sameExpected) for (const b of g) for (const r of b.rows) r.expected ??= b.expected;
    const sameFix = g.every((b) => b.rowsFix === g[0].rowsFix);
    const sameAnswers = g.every((b) => b.answers.map((a) => a.id).join() === g[0].answers.map((a) => a.id).join());
    // What differs between the merged controls goes back to their rows.
    for (const b of g) {
      if (!sameFix && b.rowsFix) for (const r of b.rows) r.fix ??= b.rowsFix;
      if (!sameAnswers) for (const r of b.rows) for (const f of r.findings) if (!f.answers.length) f.answers = b.answers;
    }
    const sev = SEVERITIES.find((x) => g.some((b) => b.severity === x))!;
    return {
      ...g[0],
      ids: g.flatMap((b) => b.ids),
      anchors: g.flatMap((b) => b.anchors),
      title: t('control.sharedTitleOf', { n: g.length, first: g[0].ids[0], last: g[g.length - 1].ids[0] }),
      severity: sev,
      severityLabel: t(`severity.${sev}` as MessageKey),
      meta: groupMeta(t, g.map((b) => doc.controls[b.ids[0]])),
      decidedBy: shared || null,
      decidedByPer: per,
      expected: sameExpected ? g[0].expected : null,
      rows: g.flatMap((b) => b.rows),
      evidence: [...new Map(g.flatMap((b) => b.evidence).map((e) => [e.file, e])).values()],
      rowsFix: sameFix ? g[0].rowsFix : null,
      answers: sameAnswers ? g[0].answers : [],
    };
  });
  return { blocks, pass };
}

const COLLECTOR_ORDER: readonly CollectorName[] = ['docker', 'host', 'virt', 'network', 'storage', 'residency'];

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

function risks(t: Translate, lang: Lang, findings: readonly Finding[], max: number, only?: Severity, controls?: FindingsDocument['controls']): RiskView[] {
  const byControl = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.outcome !== 'fail' && f.outcome !== 'warn') continue;
    if (only && f.severity !== only) continue;
    byControl.set(f.control, [...(byControl.get(f.control) ?? []), f]);
  }
  const list = [...byControl].map(([control, bad]) => {
    const sev = SEVERITIES.find((s) => bad.some((f) => f.severity === s))!;
    return { control, bad, sev, fails: bad.some((f) => f.outcome === 'fail') };
  });
  list.sort((a, b) => SEVERITIES.indexOf(a.sev) - SEVERITIES.indexOf(b.sev) || Number(b.fails) - Number(a.fails) || b.bad.length - a.bad.length || a.control.localeCompare(b.control, 'en', { numeric: true }));
  return list.slice(0, max).map(({ control, bad, sev, fails }) => ({
    control,
    anchor: anchor('c', control),
    // The control's title in the pack's language (findings carry the English one).
    title: visible(controls?.[control]?.title[lang] ?? bad[0].title),
    severity: sev,
    severityLabel: t(`severity.${sev}` as MessageKey),
    outcomeLabel: t(fails ? 'outcome.fail' : 'outcome.warn'),
    count: t('summary.risk.targets', { n: formatInt(lang, bad.length) }),
    examples: bad.slice(0, 4).map((f) => targetName(t, f)).join(', ') + (bad.length > 4 ? ', …' : ''),
  }));
}

function residencyVerdictText(t: Translate, lang: Lang, input: RenderInput, findings: readonly Finding[]): string {
  const ev = input.evidence.residency;
  const rec = input.findings.residency;
  if (!ev && !rec) return t('verdict.notAssessed', { reason: t('scope.collectorMissing', { collector: t('collector.residency.name'), what: t('collector.residency.subject') }) });
  if (ev && (ev.status === 'failed' || ev.status === 'skipped')) return t('verdict.notAssessed', { reason: visible(ev.error ?? ev.status) });
  if (!rec) return t('verdict.notAssessed', { reason: t('residency.summary.noEndpointList') });
  const flows = rec.endpoints.filter((e) => e.kinds.some((k) => k !== 'host-address'));
  const hostWhere = rec.host.country ? t(rec.host.basis === 'declared' ? 'verdict.hostDeclared' : 'verdict.hostGeo', { country: countryName(lang, rec.host.country) }) : t('verdict.hostUnknown');
  if (flows.length === 0) {
    const c = counts(t, lang, findings.filter((f) => f.section === 'residency')).filter((x) => x.n > 0).map((x) => `${x.nText} ${x.label}`).join(', ');
    return `${hostWhere} ${t('verdict.noEndpoints', { counts: c || t('control.none') })}`;
  }
  const n = (g: string) => flows.filter((e) => e.group === g).length;
  const st = (s: string) => rec.transfers.filter((r) => r.transfer.status === s).length;
  const inside = n('eea');
  const internal = n('internal');
  const out = rec.transfers.length;
  const parts = [t('verdict.flows', { n: formatInt(lang, flows.length), eea: formatInt(lang, inside), internal: formatInt(lang, internal), out: formatInt(lang, out) })];
  if (out) parts.push(t('verdict.transferStatus', { covered: formatInt(lang, st('covered')), review: formatInt(lang, st('covered-needs-review')), missing: formatInt(lang, st('missing')) }));
  return `${hostWhere} ${parts.join(' ')}`;
}

const countryNames = new Map<Lang, Intl.DisplayNames>();
function countryName(lang: Lang, code: string): string {
  try {
    let n = countryNames.get(lang);
    if (!n) countryNames.set(lang, (n = new Intl.DisplayNames([lang === 'nb' ? 'nb' : 'en'], { type: 'region' })));
    return n.of(code) ?? code;
  } catch {
    return code;
  }
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

function virtVerdict(t: Translate, lang: Lang, input: RenderInput, findings: readonly Finding[], v: VirtView): VerdictView['virt'] {
  const question = t('verdict.virt.q');
  if (v.notAssessed) return { question, answer: t('verdict.virt.notAssessed', { reason: v.notAssessed }), adequate: 'not-assessed', reason: '' };
  const shared = findings.filter((f) => f.section === 'virtualization' && f.check === 'virt-shared-kernel');
  const worst = shared.map((f) => f.outcome).sort((a, b) => OUTCOME_RANK[a] - OUTCOME_RANK[b])[0];
  const adequate = worst === 'pass' ? 'yes' : worst === 'fail' || worst === 'warn' ? 'no' : 'review';
  const kernel = v.kernel ?? t('virt.kernel', { kernel: t('virt.kernel.unknown') });
  void input;
  // The collector words its reasoning in English (an evidence value): a pack in another language points to
  // the part that shows it as recorded instead of putting an English sentence into the summary.
  const reason = !v.kernelReason ? '' : lang === 'en' ? v.kernelReason : t('verdict.virt.reasonInPart', { part: t('part.host.title') });
  return { question, answer: `${t(`verdict.virt.${adequate}` as MessageKey)} ${kernel}.`, adequate, reason };
}

const GLOSSARY: readonly string[] = ['eea', 'adequacy', 'thirdCountry', 'scc', 'dpf', 'register', 'geoip', 'cis', 'cisLevel', 'caiq', 'sharedKernel', 'waiver', 'fingerprint', 'pointer', 'sha256', 'outcomes'];

const FRAMEWORKS = ['residency', 'cis', 'network', 'platform'] as const;

export function buildModel(input: RenderInput): PackModel {
  const { lang } = input;
  const t = translator(lang);
  const detail: Detail = input.detail ?? 'full';
  const doc = input.findings;
  const run = doc.run;
  const findings = doc.findings;
  const cfg = run.config;
  const hashes = new Map(input.manifest.map((m) => [m.path, m.sha256]));

  // Answers ↔ findings, both ways.
  const answers: AnswerRow[] = input.answers ?? [];
  const answersByFinding = new Map<string, { id: string; anchor: string }[]>();
  for (const a of answers) for (const id of a.findings) answersByFinding.set(id, [...(answersByFinding.get(id) ?? []), { id: a.id, anchor: anchor('q', a.id) }]);
  const containerFix = new Map<string, { name: string; anchor: string }>();
  for (const r of doc.remediation ?? []) for (const id of r.findings) containerFix.set(id, { name: visible(r.container.name), anchor: anchor('fix', r.container.id.slice(0, 12)) });
  const dockerData = input.evidence.docker?.data as { containers?: unknown[]; images?: unknown[] } | null | undefined;
  const ctx: Ctx = { t, lang, doc, hashes, answersByFinding, containerFix, totals: { container: dockerData?.containers?.length ?? 0, image: dockerData?.images?.length ?? 0 } };

  // Cover.
  const host = run.host;
  const hostLine = [visible(host.hostname), [host.os && visible(host.os), host.kernel && t('cover.kernel', { kernel: visible(host.kernel) })].filter(Boolean).join(', '), host.addresses.length ? t('cover.addresses', { list: host.addresses.map(visible).join(', ') }) : ''].filter(Boolean).join(' — ');
  const others = [...new Set(Object.values(input.evidence).map((f) => f?.host?.hostname).filter((h): h is string => !!h && h !== host.hostname))];
  const engine = run.engine?.version
    ? t('cover.engineValue', { version: visible(run.engine.version), api: visible(run.engine.apiVersion ?? '?'), id: visible(host.engineId ?? '—'), endpoint: visible(run.engine.endpoint ?? '—') })
    : t('cover.unknown');
  const inv = run.invocation;
  const signature = input.signature ?? { signed: false, keyId: null };
  const manifestHash = (p: string) => hashes.get(p) ?? null;
  const benchmark = benchmarkName(doc);
  const geoSources = geolocationSources(t, input);
  const cover: PackModel['cover'] = [
    { label: t('cover.organisation'), value: cfg.organisation ? visible(cfg.organisation) : t('cover.notStated') },
    { label: t('cover.hosts'), value: [hostLine, ...others.map(visible)].join('; ') },
    { label: t('cover.engine'), value: engine },
    { label: t('cover.period'), value: cfg.period ? visible(cfg.period) : t('cover.notStated') },
    { label: t('cover.collectedAt'), value: `${isoMinute(run.collectedAt)} – ${isoMinute(run.collectedUntil).replace(/^\d{4}-\d\d-\d\d /, '')}` },
    { label: t('cover.evaluatedAt'), value: isoMinute(run.evaluatedAt) },
    { label: t('cover.runBy'), value: inv ? t('cover.runByValue', { user: visible(inv.user ?? '?'), uid: inv.uid ?? '?', host: visible(inv.hostname ?? '?') }) : t('cover.unknown') },
    { label: t('cover.command'), value: inv?.command ? visible(inv.command) : t('cover.unknown'), mono: true },
    { label: t('cover.config'), value: cfg.sha256 ? `config.json · SHA-256 ${manifestHash('config.json') === cfg.sha256 ? cfg.sha256 : `${cfg.sha256.slice(0, 16)}… (${t('cover.configChanged')})`}` : t('cover.noConfig'), mono: !!cfg.sha256 },
    { label: t('cover.toolVersion'), value: t('cover.toolValue', { version: visible(run.toolVersion), benchmark: visible(run.catalog.benchmark), count: run.catalog.checks, hash: run.catalog.sha256.slice(0, 16), schema: visible(run.schemaVersion) }) },
    { label: t('cover.benchmark'), value: t('cover.benchmarkValue', { benchmark }) },
    { label: t('cover.geoDb'), value: geoSources.length ? geoSources.map((g) => g.cover).join('; ') : geoDbText(t, input) },
    {
      label: t('cover.signature'),
      value: signature.signed ? t('cover.signed', { key: visible(signature.keyId ?? '?') }) : signature.reason ? t('cover.notSignedWhy', { reason: visible(signature.reason) }) : t('cover.unsigned'),
    },
    { label: t('cover.integrity'), value: run.unverified ? t('cover.integrityUnverified') : run.evidenceModified?.length ? t('cover.integrityModified', { files: run.evidenceModified.map(visible).join(', ') }) : t('cover.integrityOk') },
  ];
  const alerts: string[] = [];
  if (run.unverified) alerts.push(t('cover.alertUnverified'));
  if (run.evidenceModified?.length) alerts.push(t('cover.alertModified', { files: run.evidenceModified.map(visible).join(', ') }));
  if (run.gaps?.length) alerts.push(t('cover.alertGaps', { n: run.gaps.length, list: run.gaps.slice(0, 3).map(visible).join('; ') }));
  const pointInTime = t('cover.pointInTime', { at: isoMinute(run.collectedAt), until: isoMinute(run.collectedUntil) });

  const { views: collectors, notAssessed } = collectorViews(t, input);

  const parts: PartView[] = PART_IDS.map((id) => {
    const sections: SectionView[] = [];
    for (const s of PART_SECTIONS[id]) {
      const list = findings.filter((f) => f.section === s);
      if (list.length === 0) continue;
      const { blocks, pass } = sectionBlocks(ctx, list);
      sections.push({ id: s, anchor: anchor('s', s), title: t(`section.${s}` as MessageKey), counts: counts(t, lang, list).filter((c) => c.n > 0), score: scoreText(lang, list), blocks, passRows: detail === 'full' ? pass : [] });
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
      intro: t(`part.${id}.intro` as MessageKey, { benchmark }),
      notAssessed: missing,
      sections,
      residency: id === 'residency' ? residencyView(t, lang, input) : null,
      virt: id === 'host' ? virtView(t, input) : null,
      storage: id === 'storage' ? storageView(t, lang, input) : null,
      network: id === 'network' ? networkView(t, lang, input, detail) : null,
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

  // Verdict page.
  const transfers = transferRows(t, lang, doc);
  const residencyAnswer = residencyVerdictText(t, lang, input, findings);
  const virt = parts.find((p) => p.id === 'host')!.virt!;
  const containerSections = parts.find((p) => p.id === 'containers')!.sections;
  const cisFindings = findings.filter((f) => PART_SECTIONS.containers.includes(f.section) || f.section === 'host');
  const cisScore = run.score?.byFramework?.cis?.value ?? null;
  const criticalFails = cisFindings.filter((f) => f.outcome === 'fail' && f.severity === 'critical');
  const frameworkScores: FrameworkScoreView[] = FRAMEWORKS.filter((k) => run.score?.byFramework?.[k]).map((k) => {
    const fw = run.score.byFramework[k];
    const c = fw.counts;
    return {
      key: k,
      label: t(`framework.${k}` as MessageKey),
      score: fw.value === null ? '—' : formatDecimal(lang, fw.value),
      counts: t('framework.counts', { pass: formatInt(lang, c.pass), fail: formatInt(lang, c.fail), warn: formatInt(lang, c.warn), open: formatInt(lang, c.manual + c.error) }),
    };
  });
  const verdict: VerdictView = {
    residency: { question: t('verdict.residency.q'), answer: residencyAnswer, rows: transfers.slice(0, 12), more: Math.max(0, transfers.length - 12) },
    virt: virtVerdict(t, lang, input, findings, virt),
    containers: {
      question: t('verdict.containers.q'),
      answer:
        cisScore === null
          ? t('verdict.containers.none')
          : t('verdict.containers.answer', { score: formatDecimal(lang, cisScore), critical: formatInt(lang, criticalFails.length), controls: formatInt(lang, new Set(criticalFails.map((f) => f.control)).size), targets: formatInt(lang, new Set(criticalFails.map((f) => f.target.id)).size) }),
      sections: [...parts.find((p) => p.id === 'host')!.sections.filter((s) => s.id === 'host'), ...containerSections].map((s) => {
        const list = findings.filter((f) => f.section === s.id);
        const c = countOutcomes(list);
        return { title: s.title, anchor: s.anchor, score: s.score, pass: formatInt(lang, c.pass), fail: formatInt(lang, c.fail), warn: formatInt(lang, c.warn), critical: formatInt(lang, list.filter((f) => f.outcome === 'fail' && f.severity === 'critical').length) };
      }),
      critical: risks(t, lang, cisFindings, 8, 'critical', doc.controls),
    },
    frameworks: frameworkScores,
  };

  const waivers: WaiverView[] = findings
    .filter((f) => f.outcome === 'waived' && f.waiver)
    .map((f) => ({
      control: f.control,
      anchor: anchor('f', f.id),
      id: f.id,
      target: targetName(t, f),
      justification: visible(f.waiver!.justification),
      approvedBy: visible(f.waiver!.approvedBy),
      expires: visible(f.waiver!.expires),
      was: f.waivedOutcome ? t(`outcome.${f.waivedOutcome}` as MessageKey) : '—',
    }));

  const remediation: ContainerFixView[] = (doc.remediation ?? []).map((r) => ({
    name: visible(r.container.name),
    anchor: anchor('fix', r.container.id.slice(0, 12)),
    detail: [r.container.state && r.container.state !== 'running' ? t('control.state', { state: visible(r.container.state) }) : '', r.container.workload ? t('control.workload', { name: visible(r.container.workload) }) : '', shortHashes(visible(r.container.image))].filter(Boolean).join(' · '),
    controls: r.controls.map((c) => ({ id: c, anchor: anchor('c', c) })),
    before: r.before.map(visible),
    command: visible(r.command),
    removed: r.removed.map(visible),
    added: r.added.map(visible),
    compose: r.compose ? visible(r.compose) : null,
    notFixed: r.notFixed.map((n) => t('fix.notFixed', { control: n.control, reason: visible(n.reason) })),
    findings: r.findings,
  }));

  const findingById = new Map(findings.map((f) => [f.id, f]));
  const answerViews: AnswerView[] = answers.map((a) => {
    const fs = a.findings.map((id) => findingById.get(id)).filter((f): f is Finding => !!f);
    const open = fs.filter((f) => BLOCK_OUTCOMES.has(f.outcome));
    return {
      id: visible(a.id),
      anchor: anchor('q', a.id),
      question: visible(a.question),
      answer: visible(a.answerLabel),
      answerKey: a.answer,
      basis: visible(a.basis),
      open: open.map((f) => ({ id: f.id, anchor: anchor('f', f.id) })),
      passing: fs.length - open.length,
      all: a.findings,
    };
  });

  const quarterly = quarterlyView(t, lang, doc, findings, detail === 'failures');
  const shownIds = new Set(parts.flatMap((p) => p.sections.flatMap((s) => [...s.blocks.flatMap((b) => b.rows.flatMap((r) => r.findings.map((f) => f.id))), ...s.passRows.flatMap((r) => r.ids)])));
  const registers = registersView(t, lang, doc, shownIds);
  if (quarterly) for (const l of quarterly.lists) for (const r of l.rows) if (r.anchor && !shownIds.has(r.id)) r.anchor = null;
  const charts: ChartSpec[] = [chart, ...(quarterly?.trend.chart ? [quarterly.trend.chart] : [])];
  for (const p of parts) {
    if (p.residency?.chart) charts.push(p.residency.chart);
    if (p.storage?.chart) charts.push(p.storage.chart);
  }

  const so = cfg.signoff ?? null;
  const person = (p: { name: string; role?: string } | undefined, fallback = '') => ({ name: p ? visible(p.name) : fallback, title: p?.role ? visible(p.role) : '' });
  const signoffRows = (['preparedBy', 'reviewedBy', 'approvedBy'] as const).map((k) => ({ role: t(`appendix.signoff.${k}` as MessageKey), ...person(so?.[k], k === 'preparedBy' && cfg.preparedBy ? visible(cfg.preparedBy) : '') }));

  const st = (s: string) => transfers.filter((r) => r.status === s).length;
  return {
    lang,
    t,
    detail,
    title: t('pack.title'),
    subtitle: t('pack.subtitle'),
    organisation: cfg.organisation ? visible(cfg.organisation) : null,
    generatedAt: run.evaluatedAt,
    cover,
    coverAttributions: [...new Set(geoSources.map((g) => g.attribution).filter((a): a is string => !!a))],
    pointInTime,
    alerts,
    verdict,
    scope: {
      intro: t('scope.intro'),
      preparedBy: so?.preparedBy || cfg.preparedBy ? t('scope.preparedBy', { name: so?.preparedBy ? visible(so.preparedBy.name + (so.preparedBy.role ? `, ${so.preparedBy.role}` : '')) : visible(cfg.preparedBy!) }) : t('scope.preparedByUnknown'),
      collectors,
      notAssessed,
      method: [t('method.outcomes'), t('method.level'), t('method.trace'), formulaText(t, lang)],
      geolocation: { intro: t('scope.geo.intro'), sources: geoSources, none: geoSources.length || geoDbText(t, input) !== t('cover.notUsed') ? null : t('scope.geo.none') },
    },
    summary: {
      counts: counts(t, lang, findings),
      total: formatInt(lang, findings.length),
      // The findings carry the formula in English; the catalog holds the same formula per language.
      formula: lang === 'en' && run.score?.formula && run.score.formula !== SCORE_FORMULA ? visible(run.score.formula) : formulaText(t, lang),
      topRisks: risks(t, lang, findings, 10, undefined, doc.controls),
      verdict: residencyAnswer,
      bySection: sectionRows,
      chart,
    },
    transfers: {
      intro: t('transfers.intro'),
      rows: transfers,
      empty: doc.residency ? (transfers.length ? null : t('transfers.none')) : t('verdict.notAssessed', { reason: t('collector.residency.subject') }),
      counts: t('transfers.counts', { n: formatInt(lang, transfers.length), covered: formatInt(lang, st('covered')), review: formatInt(lang, st('covered-needs-review')), missing: formatInt(lang, st('missing')) }),
    },
    parts,
    remediation: { intro: remediation.length ? t('fix.intro') : t('fix.none'), containers: remediation },
    waivers,
    quarterly,
    registers,
    answers: answerViews,
    manifest: input.manifest.map((m) => ({ path: visible(m.path), anchor: anchor('m', m.path), sha256: m.sha256, size: formatInt(lang, m.size) })),
    glossary: GLOSSARY.map((g) => ({ term: t(`glossary.${g}.term` as MessageKey), definition: t(`glossary.${g}.def` as MessageKey, { benchmark }) })),
    signoff: { rows: signoffRows, dpo: so?.dpo ? person(so.dpo) : null, statement: t('signoff.statement', { at: isoMinute(run.collectedAt) }) },
    charts,
    totals: { findings: findings.length },
  };
}

export { truncate };
