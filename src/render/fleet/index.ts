/**
 * The fleet pack renderer: fleet-pack.html and fleet-pack.pdf from the fleet summary and the hosts'
 * findings.json only. Written atomically, like the single-host pack.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../../evidence/store';
import { renderFleetHtml } from './html';
import type { FleetRenderInput } from './model';
import { renderFleetPdf } from './pdf';

export const FLEET_PACK_FILES = { html: 'fleet-pack.html', pdf: 'fleet-pack.pdf' } as const;
export type { FleetRenderInput };

export async function renderFleetPack(input: FleetRenderInput, outDir: string): Promise<string[]> {
  await writeFileAtomic(path.join(outDir, FLEET_PACK_FILES.html), renderFleetHtml(input));
  await writeFileAtomic(path.join(outDir, FLEET_PACK_FILES.pdf), await renderFleetPdf(input));
  return [FLEET_PACK_FILES.html, FLEET_PACK_FILES.pdf];
}
