/** answers.csv: RFC 4180 with CRLF and a UTF-8 byte order mark, so spreadsheet programs read æ ø å right. */
import { translator, type Lang } from '../i18n';
import type { Answer } from './answer';
import { csvCell } from '../render/csv';
import { COLUMNS } from './table';

export function answersCsv(answers: readonly Answer[], lang: Lang): string {
  const t = translator(lang);
  const lines = [COLUMNS.map((c) => csvCell(t(c.header))).join(',')];
  for (const a of answers) lines.push(COLUMNS.map((c) => csvCell(c.value(a))).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
