/**
 * Questionnaire answers from findings. An answer (Yes / No / Partial) is given only where current,
 * complete evidence decided every related finding; everything else is "Needs review" with the
 * reason. Nothing is inferred beyond the findings: no evidence, no answer.
 */
import type { Finding, FindingsDocument } from '../findings/types';
import { translator, type Lang, type MessageKey } from '../i18n';
import { QUESTIONS, type Question, type SsrmOwner } from './caiq';

export type AnswerValue = 'yes' | 'no' | 'partial' | 'needs-review';

export interface Answer {
  id: string;
  control: string;
  controlName: string;
  question: string;
  answer: AnswerValue;
  /** The answer as printed in the chosen language (Yes, Nei, Needs review, ...). */
  answerLabel: string;
  /** Why: what the evidence shows, or why a person must answer. */
  basis: string;
  owner: SsrmOwner;
  ownerLabel: string;
  iso: readonly string[];
  /** Controls the answer rests on, with their outcome counts, e.g. `cis-5.5: 997 pass, 3 fail`. */
  controls: string[];
  /** Fingerprints of every related finding (the `fingerprint` field in findings.json). */
  findings: string[];
}

export interface AnswerOptions {
  lang: Lang;
  /** ISO time the answers are given at (evidence age is measured against it). */
  now: string;
  /** Evidence older than this many days is not current (default 92: one quarter). */
  maxAgeDays?: number;
}

export const DEFAULT_MAX_AGE_DAYS = 92;

/** Findings that bear on a question: the CAIQ reference, the question's sections or its check ids. */
export function relatedFindings(q: Question, findings: readonly Finding[]): Finding[] {
  const controls = new Set(q.controls ?? []);
  const sections = new Set(q.sections ?? []);
  return findings.filter(
    (f) =>
      sections.has(f.section) ||
      controls.has(f.control) ||
      f.references.some((r) => r.framework === 'CSA CAIQ v4' && (r.id === q.control || r.id === q.id)),
  );
}

function collectorOf(path: string): string | null {
  const m = /^evidence\/([^/]+)\.json$/.exec(path);
  return m ? m[1] : null;
}

export function answerQuestions(doc: FindingsDocument, opts: AnswerOptions): Answer[] {
  const t = translator(opts.lang);
  const maxAge = opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  const collected = doc.run.collectedAt;
  const collectedDate = collected ? collected.slice(0, 10) : '—';
  const ageDays = collected ? (Date.parse(opts.now) - Date.parse(collected)) / 86_400_000 : Number.POSITIVE_INFINITY;
  const stale = !(ageDays <= maxAge);
  const label: Record<AnswerValue, string> = { yes: t('answers.yes'), no: t('answers.no'), partial: t('answers.partial'), 'needs-review': t('answers.needsReview') };

  return QUESTIONS.map((q) => {
    const related = relatedFindings(q, doc.findings);
    const byControl = new Map<string, Record<string, number>>();
    for (const f of related) {
      const c = byControl.get(f.control) ?? {};
      c[f.outcome] = (c[f.outcome] ?? 0) + 1;
      byControl.set(f.control, c);
    }
    const controls = [...byControl].map(([id, c]) => `${id}: ${Object.entries(c).map(([o, n]) => `${n} ${t(`outcome.${o}` as MessageKey)}`).join(', ')}`);
    const base = {
      id: q.id,
      control: q.control,
      controlName: q.controlName,
      question: t(`caiq.${q.id}.q` as MessageKey),
      owner: q.owner,
      ownerLabel: t(`answers.owner.${q.owner}` as MessageKey),
      iso: q.iso,
      controls,
      findings: related.map((f) => f.id),
    };
    const review = (basis: string): Answer => ({ ...base, answer: 'needs-review', answerLabel: label['needs-review'], basis });

    if (related.length === 0) return review(t(q.procedural ? 'answers.why.procedural' : 'answers.why.noEvidence'));
    if (q.procedural) return review(t('answers.why.procedural'));
    if (stale) return review(t('answers.why.stale', { date: collectedDate, days: maxAge, now: opts.now.slice(0, 10) }));
    // Every collector the related findings were decided from must have completed.
    const used = new Set(related.flatMap((f) => f.evidence.map((e) => collectorOf(e.file))).filter((c): c is string => !!c));
    for (const name of used) {
      const c = doc.run.collectors.find((x) => x.name === name);
      if (!c || c.status === 'failed' || c.status === 'skipped') return review(t('answers.why.collectorNotOk', { collector: name, status: c?.status ?? t('status.absent') }));
    }
    const unresolved = related.filter((f) => f.outcome === 'error' || f.outcome === 'manual' || f.outcome === 'waived');
    if (unresolved.length) return review(t('answers.why.unresolved', { n: unresolved.length }));
    const decided = related.filter((f) => f.outcome === 'pass' || f.outcome === 'fail' || f.outcome === 'warn');
    if (decided.length === 0) return review(t('answers.why.onlyNa'));
    const pass = decided.filter((f) => f.outcome === 'pass').length;
    const fail = decided.length - pass;
    if (fail === 0) return { ...base, answer: 'yes', answerLabel: label.yes, basis: t('answers.why.allPass', { n: decided.length, date: collectedDate }) };
    if (pass === 0) return { ...base, answer: 'no', answerLabel: label.no, basis: t('answers.why.allFail', { n: decided.length, date: collectedDate }) };
    return { ...base, answer: 'partial', answerLabel: label.partial, basis: t('answers.why.mixed', { pass, fail, n: decided.length, date: collectedDate }) };
  });
}

/** Longest "Finding ids" cell in the CSV: spreadsheets cap a cell at 32,767 characters. */
const CSV_CELL_MAX = 32_000;

export function csvCell(s: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF and a UTF-8 byte order mark, so spreadsheet programs read æ ø å correctly. */
export function answersCsv(answers: readonly Answer[], lang: Lang): string {
  const t = translator(lang);
  const header = ['answers.col.id', 'answers.col.control', 'answers.col.question', 'answers.col.answer', 'answers.col.basis', 'answers.col.evidence', 'answers.col.iso', 'answers.col.owner'] as const;
  const lines = [header.map((k) => csvCell(t(k))).join(',')];
  for (const a of answers) {
    let ids = a.findings.join(' ');
    if (ids.length > CSV_CELL_MAX) ids = `${ids.slice(0, ids.lastIndexOf(' ', CSV_CELL_MAX))} … (+${a.findings.length - ids.slice(0, ids.lastIndexOf(' ', CSV_CELL_MAX)).split(' ').length})`;
    const basis = a.controls.length ? `${a.basis} [${a.controls.join('; ')}]` : a.basis;
    lines.push([a.id, `${a.control} ${a.controlName}`, a.question, a.answerLabel, basis, ids, a.iso.join(' '), a.ownerLabel].map(csvCell).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function answersJson(answers: readonly Answer[], doc: FindingsDocument, opts: AnswerOptions): string {
  return `${JSON.stringify(
    {
      questionnaire: 'CSA CAIQ v4',
      answeredAt: opts.now,
      evidenceCollectedAt: doc.run.collectedAt,
      maxAgeDays: opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS,
      host: doc.run.host,
      toolVersion: doc.run.toolVersion,
      answers,
    },
    null,
    2,
  )}\n`;
}
