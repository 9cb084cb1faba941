/**
 * The fleet pack renderer: fleet-pack.html and fleet-pack.pdf from the fleet summary and the hosts'
 * findings.json only, one pair per language. Written atomically, like the single-host pack.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../../evidence/store';
import type { Lang } from '../../i18n';
import { renderFleetHtml } from './html';
import type { FleetRenderInput } from './model';
import { renderFleetPdf } from './pdf';

/**
 * The names of the single-host pack (src/pipeline/outputs.ts OUTPUT_FILE): the first language has no
 * suffix, each further one its code before the extension (fleet-pack.nb.pdf, as audit-pack.nb.pdf).
 */
export function fleetPackFiles(suffix = ''): { html: string; pdf: string } {
  return { html: `fleet-pack${suffix}.html`, pdf: `fleet-pack${suffix}.pdf` };
}

export const FLEET_PACK_FILES = fleetPackFiles();
export type { FleetRenderInput };

/** The fleet pack in one language (`input.suffix` '' for the main pack, `.nb` for a further one). */
export async function renderFleetPack(input: FleetRenderInput, outDir: string): Promise<string[]> {
  const files = fleetPackFiles(input.suffix);
  await writeFileAtomic(path.join(outDir, files.html), renderFleetHtml(input));
  await writeFileAtomic(path.join(outDir, files.pdf), await renderFleetPdf(input));
  return [files.html, files.pdf];
}

/** The fleet pack in every language asked for, the first one unsuffixed. */
export async function renderFleetPacks(input: Omit<FleetRenderInput, 'lang' | 'suffix'>, langs: readonly Lang[], outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [i, lang] of (langs.length ? langs : (['en'] as const)).entries()) written.push(...(await renderFleetPack({ ...input, lang, suffix: i === 0 ? '' : `.${lang}` }, outDir)));
  return written;
}
