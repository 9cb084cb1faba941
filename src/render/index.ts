/**
 * The audit pack renderer: findings + evidence in, audit-pack.html, audit-pack.pdf, findings.sarif
 * and findings.junit.xml out. Each file is rendered in memory, then written atomically (temp file +
 * rename), so a failure never leaves a half-written pack file behind.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../evidence/store';
import { renderHtml } from './html';
import { renderFindingsCsv } from './interop/findings-csv';
import { renderFindingsXlsx } from './interop/findings-xlsx';
import { renderHdf } from './interop/hdf';
import { renderOscal } from './interop/oscal';
import { renderJunit } from './junit';
import { buildModel } from './model';
import { renderPdf } from './pdf';
import { renderRemediationSh } from './remediation-sh';
import { renderSarif } from './sarif';
import { renderTransfersCsv } from './transfers-csv';
import { TOOL_VERSION } from '../version';
import { DEFAULT_PACK_FORMATS, LANGUAGE_FORMATS, PACK_FILES, PACK_FORMATS, type PackFormat, type RenderInput } from './types';

export { DEFAULT_PACK_FORMATS, LANGUAGE_FORMATS, PACK_FILES, PACK_FORMATS };
export type { AnswerRow, Detail, ManifestRow, PackFormat, RenderInput, SignatureSummary } from './types';
export { DETAILS } from './types';
export { buildModel } from './model';
export type { PackModel } from './model';

/** Render the requested formats into outDir atomically; returns the written file names (audit-pack.html, audit-pack.pdf, findings.sarif, findings.junit.xml, transfers.csv, remediation.sh). */
export async function renderPack(input: RenderInput, outDir: string, formats: readonly PackFormat[]): Promise<string[]> {
  for (const f of formats) if (!PACK_FORMATS.includes(f)) throw new Error(`unknown pack format "${String(f)}" (known: ${PACK_FORMATS.join(', ')})`);
  if (input.lang !== 'en' && input.lang !== 'nb') throw new Error(`unknown pack language "${String(input.lang)}" (known: en, nb)`);
  const wanted = [...new Set(formats)];
  const model = wanted.includes('html') || wanted.includes('pdf') ? buildModel(input) : null;
  const written: string[] = [];
  for (const format of wanted) {
    let data: string | Buffer;
    try {
      if (format === 'html') data = renderHtml(model!);
      else if (format === 'pdf') data = await renderPdf(model!);
      else if (format === 'sarif') data = renderSarif(input.findings);
      else if (format === 'transfers') data = renderTransfersCsv(input.findings, input.lang);
      else if (format === 'remediation') data = renderRemediationSh(input.findings, TOOL_VERSION);
      else if (format === 'oscal') data = renderOscal(input.findings);
      else if (format === 'hdf') data = renderHdf(input.findings);
      else if (format === 'csv') data = renderFindingsCsv(input.findings, input.lang);
      else if (format === 'xlsx') data = await renderFindingsXlsx(input.findings, input.lang);
      else data = renderJunit(input.findings);
    } catch (err) {
      throw new Error(`rendering ${PACK_FILES[format]} failed: ${(err as Error).message}`, { cause: err });
    }
    await writeFileAtomic(path.join(outDir, PACK_FILES[format]), data);
    written.push(PACK_FILES[format]);
  }
  return written;
}
