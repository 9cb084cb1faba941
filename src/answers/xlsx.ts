/**
 * answers.xlsx: one workbook, one sheet per language, for the person who fills in the customer's
 * questionnaire. Frozen header row with a filter, wrapped text, column widths, the answer cell
 * coloured by value and limited to the four values. Cells are plain strings, never formulas.
 */
import ExcelJS from 'exceljs';
import { translator, type Lang } from '../i18n';
import { valueLabel, type Answer, type CaiqValue } from './answer';
import { CAIQ_VALUES } from './decide';
import { COLUMNS } from './table';

export interface AnswerSheet {
  lang: Lang;
  answers: readonly Answer[];
}

/** Light fills, readable in print: green yes, red no, grey not applicable, amber needs review. */
const FILL: Record<CaiqValue, string> = { Yes: 'FFD9EAD3', No: 'FFF4CCCC', NA: 'FFE7E6E6', 'Needs review': 'FFFFF2CC' };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(lang: Lang): string {
  return translator(lang)('answers.sheet').replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export async function answersXlsx(sheets: readonly AnswerSheet[], meta: { created: Date; title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'residency-audit';
  wb.created = meta.created;
  wb.modified = meta.created;
  wb.title = meta.title;
  const answerCol = COLUMNS.findIndex((c) => c.header === 'answers.col.answer') + 1;
  for (const { lang, answers } of sheets) {
    const t = translator(lang);
    const ws = wb.addWorksheet(sheetName(lang), { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ header: t(c.header), width: c.width }));
    for (const a of answers) ws.addRow(COLUMNS.map((c) => c.value(a)));
    ws.eachRow((row, n) => {
      row.alignment = { wrapText: true, vertical: 'top' };
      if (n === 1) {
        row.font = { bold: true };
        row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      }
    });
    const labels = CAIQ_VALUES.map((v) => valueLabel(lang, v));
    answers.forEach((a, i) => {
      const cell = ws.getCell(i + 2, answerCol);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[a.answer] } };
      // The person may change the answer, but only to a questionnaire value.
      cell.dataValidation = { type: 'list', allowBlank: false, formulae: [`"${labels.join(',')}"`] };
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
