/**
 * findings.xlsx, in the pack's language: the findings (one row each, filters on the header, header
 * frozen), the transfer register (destinations outside the EEA or of unknown location) and the
 * questionnaire answers (the same CAIQ answers as answers.xlsx, given as of the evaluation time).
 * Cells are plain strings, never formulas. Workbook and zip times are the evaluation time, so the
 * same findings.json always gives the same bytes.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { answerQuestions } from '../../answers/answer';
import { COLUMNS as ANSWER_COLUMNS } from '../../answers/table';
import type { FindingsDocument } from '../../findings/types';
import type { Lang, MessageKey, Translate } from '../../i18n';
import { FINDING_COLUMNS, rowContext } from './findings-table';
import { transferTable } from '../transfers-csv';
import { setZipTimes } from './zip-time';

const HEADER_FILL = 'FFDDEBF7';
/** Column widths of the transfer register sheet, in transfers.csv's column order. */
const TRANSFER_WIDTHS = [40, 30, 14, 16, 22, 36, 30, 12, 18, 12, 60, 24];
const WRAP: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(t: Translate, key: MessageKey): string {
  return t(key).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** One sheet, written row by row (the streaming writer: a 30,000-row sheet in memory is several times slower). */
function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; width: number }[], rows: Iterable<string[]>): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ ...c, style: WRAP }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  header.commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
}

export async function renderFindingsXlsx(doc: FindingsDocument, lang: Lang): Promise<Buffer> {
  const c = rowContext(doc, lang);
  const { t } = c;
  const at = new Date(doc.run.evaluatedAt);
  if (Number.isNaN(at.getTime())) throw new Error(`run.evaluatedAt is not a date: "${doc.run.evaluatedAt}"`);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  wb.creator = 'residency-audit';
  wb.created = at;
  wb.modified = at;
  wb.title = `${doc.run.host.hostname}: ${t('interop.sheet.findings')}`;

  addSheet(
    wb,
    sheetName(t, 'interop.sheet.findings'),
    FINDING_COLUMNS.map((col) => ({ header: t(col.header), width: col.width })),
    (function* () {
      for (const f of doc.findings) yield FINDING_COLUMNS.map((col) => col.value(f, c));
    })(),
  );
  // The same register as transfers.csv, cell for cell.
  const transfers = transferTable(doc, lang);
  addSheet(
    wb,
    sheetName(t, 'interop.sheet.transfers'),
    transfers.head.map((header, i) => ({ header, width: TRANSFER_WIDTHS[i] ?? 20 })),
    transfers.rows,
  );
  const answers = answerQuestions(doc, { lang, now: doc.run.evaluatedAt });
  addSheet(
    wb,
    sheetName(t, 'interop.sheet.answers'),
    ANSWER_COLUMNS.map((col) => ({ header: t(col.header), width: col.width })),
    answers.map((a) => ANSWER_COLUMNS.map((col) => col.value(a))),
  );
  await wb.commit();
  return setZipTimes(Buffer.concat(chunks), at);
}
