/** The columns of answers.csv and answers.xlsx: what a person filling in a questionnaire reads first comes first. */
import type { MessageKey } from '../i18n';
import type { Answer } from './answer';

/** Spreadsheets cap a cell at 32,767 characters; long id lists are cut with a count of the rest. */
export const CELL_MAX = 32_000;

export function fitCell(text: string, separator: string): string {
  if (text.length <= CELL_MAX) return text;
  const cut = text.lastIndexOf(separator, CELL_MAX - 40);
  const kept = text.slice(0, cut);
  const rest = text.split(separator).length - kept.split(separator).length;
  return `${kept}${separator}… (+${rest})`;
}

export interface Column {
  header: MessageKey;
  /** Width in characters (xlsx). */
  width: number;
  value: (a: Answer) => string;
}

export const COLUMNS: readonly Column[] = [
  { header: 'answers.col.id', width: 10, value: (a) => a.id },
  { header: 'answers.col.question', width: 48, value: (a) => a.question },
  { header: 'answers.col.answer', width: 14, value: (a) => a.answerLabel },
  { header: 'answers.col.draft', width: 90, value: (a) => a.draft },
  { header: 'answers.col.confirm', width: 60, value: (a) => a.confirm.map((c) => `• ${c}`).join('\n') },
  { header: 'answers.col.reason', width: 40, value: (a) => a.reason },
  { header: 'answers.col.evidence', width: 24, value: (a) => a.evidence.join('\n') },
  { header: 'answers.col.findings', width: 24, value: (a) => fitCell(a.findings.join(' '), ' ') },
  { header: 'answers.col.checks', width: 30, value: (a) => a.checks.join(' ') },
  { header: 'answers.col.control', width: 28, value: (a) => `${a.control} ${a.controlName}` },
  { header: 'answers.col.iso', width: 18, value: (a) => a.iso.join(' ') },
  { header: 'answers.col.owner', width: 14, value: (a) => a.ownerLabel },
];
