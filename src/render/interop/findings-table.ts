/**
 * The columns of findings.csv and the Findings sheet of findings.xlsx: one row per finding, every text
 * in the pack's language (messages, remediations and control titles are LocalText in findings.json).
 */
import type { Finding, FindingsDocument } from '../../findings/types';
import { translator, type Lang, type MessageKey, type Translate } from '../../i18n';

/** Spreadsheets cap a cell at 32,767 characters; a longer text is cut with an ellipsis. */
export const CELL_MAX = 32_000;

export function fit(text: string): string {
  return text.length <= CELL_MAX ? text : `${text.slice(0, CELL_MAX - 1)}…`;
}

export interface RowContext {
  doc: FindingsDocument;
  lang: Lang;
  t: Translate;
}

export interface FindingColumn {
  header: MessageKey;
  /** Width in characters (xlsx). */
  width: number;
  value: (f: Finding, c: RowContext) => string;
}

function label(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

/** The waiver or attestation of a finding, in one sentence; empty for any other finding. */
export function decisionNote(f: Finding, t: Translate): string {
  if (f.outcome === 'waived' && f.waiver) {
    const w = f.waiver;
    return t('interop.note.waiver', { expires: w.expires, by: w.approvedBy, why: w.justification, outcome: f.waivedOutcome ? label(t, `outcome.${f.waivedOutcome}`, f.waivedOutcome) : '' });
  }
  if (f.outcome === 'attested' && f.attestation) {
    const a = f.attestation;
    const by = a.by.role ? `${a.by.name} (${a.by.role})` : a.by.name;
    const outcome = f.attestedOutcome ? label(t, `outcome.${f.attestedOutcome}`, f.attestedOutcome) : '';
    return t('interop.note.attestation', { outcome, by, at: a.at, expires: a.expires, statement: a.basis ? `${a.statement} (${a.basis})` : a.statement });
  }
  return '';
}

export function findingTitle(f: Finding, c: RowContext): string {
  return c.doc.controls[f.control]?.title[c.lang] ?? f.title;
}

export const FINDING_COLUMNS: readonly FindingColumn[] = [
  { header: 'interop.col.id', width: 22, value: (f) => f.id },
  { header: 'interop.col.check', width: 26, value: (f) => f.check },
  { header: 'interop.col.control', width: 16, value: (f) => f.control },
  { header: 'interop.col.title', width: 48, value: findingTitle },
  { header: 'interop.col.section', width: 22, value: (f, c) => label(c.t, `section.${f.section}`, f.section) },
  { header: 'interop.col.severity', width: 10, value: (f, c) => label(c.t, `severity.${f.severity}`, f.severity) },
  { header: 'interop.col.outcome', width: 14, value: (f, c) => label(c.t, `outcome.${f.outcome}`, f.outcome) },
  { header: 'interop.col.target', width: 30, value: (f, c) => `${label(c.t, `kind.${f.target.kind}`, f.target.kind)} ${f.target.name}` },
  { header: 'interop.col.targetId', width: 24, value: (f) => f.target.id },
  { header: 'interop.col.message', width: 70, value: (f, c) => fit(f.message[c.lang]) },
  { header: 'interop.col.remediation', width: 60, value: (f, c) => fit(f.remediation[c.lang]) },
  { header: 'interop.col.note', width: 40, value: (f, c) => fit(decisionNote(f, c.t)) },
  { header: 'interop.col.evidence', width: 24, value: (f) => [...new Set(f.evidence.map((e) => e.file))].join('\n') },
  { header: 'interop.col.references', width: 36, value: (f) => fit(f.references.map((r) => `${r.framework} ${r.id}`).join('; ')) },
];

export function rowContext(doc: FindingsDocument, lang: Lang): RowContext {
  return { doc, lang, t: translator(lang) };
}
