/**
 * transfers.csv: the transfer register as a spreadsheet, one row per destination outside the EEA or
 * of unknown location, in the pack's language. RFC 4180 with CRLF and a UTF-8 byte order mark, every
 * cell guarded against formula injection (a value from a container label must not run in Excel).
 */
import { csvCell } from './csv';
import type { FindingsDocument } from '../findings/types';
import { translator, type Lang } from '../i18n';
import { transferRows } from './views/transfers';

const COLUMNS = ['endpoint', 'sentBy', 'kind', 'country', 'jurisdiction', 'mechanism', 'document', 'tiaDate', 'status', 'outcome', 'condition', 'findings'] as const;

/** The register as a table of text cells in the pack's language: transfers.csv and the Transfer register sheet of findings.xlsx. */
export function transferTable(doc: FindingsDocument, lang: Lang): { head: string[]; rows: string[][] } {
  const t = translator(lang);
  const head = COLUMNS.map((c) => t(c === 'findings' ? 'control.findingIds' : c === 'kind' ? 'transfers.col.kind' : c === 'jurisdiction' ? 'transfers.col.jurisdiction' : c === 'outcome' ? 'transfers.col.outcome' : `transfers.col.${c}`));
  const rows = transferRows(t, lang, doc).map((r) => [r.endpoint, r.sentBy, r.kinds, r.country, r.jurisdictionLabel, r.mechanism, r.document, r.tiaDate, r.statusLabel, r.outcomeLabel, r.condition, r.findings.map((f) => f.id).join(' ')]);
  return { head, rows };
}

export function renderTransfersCsv(doc: FindingsDocument, lang: Lang): string {
  const { head, rows } = transferTable(doc, lang);
  const lines = [head, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
