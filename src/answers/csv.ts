/** answers.csv: RFC 4180 with CRLF and a UTF-8 byte order mark, so spreadsheet programs read æ ø å right. */
import { translator, type Lang } from '../i18n';
import type { Answer } from './answer';
import { COLUMNS } from './table';

export function csvCell(s: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function answersCsv(answers: readonly Answer[], lang: Lang): string {
  const t = translator(lang);
  const lines = [COLUMNS.map((c) => csvCell(t(c.header))).join(',')];
  for (const a of answers) lines.push(COLUMNS.map((c) => csvCell(c.value(a))).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
