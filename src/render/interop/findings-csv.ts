/**
 * findings.csv: one row per finding in the pack's language, for spreadsheets and GRC imports.
 * RFC 4180 with CRLF and a UTF-8 byte order mark (Excel then reads æ ø å right); cells escaped like
 * answers.csv, with a leading = + - @ neutralised so no cell is read as a formula (CSV injection).
 */
import { csvCell } from '../csv';
import type { FindingsDocument } from '../../findings/types';
import type { Lang } from '../../i18n';
import { FINDING_COLUMNS, rowContext } from './findings-table';

export function renderFindingsCsv(doc: FindingsDocument, lang: Lang): string {
  const c = rowContext(doc, lang);
  const lines = [FINDING_COLUMNS.map((col) => csvCell(c.t(col.header))).join(',')];
  for (const f of doc.findings) lines.push(FINDING_COLUMNS.map((col) => csvCell(col.value(f, c))).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
