/**
 * The PDF's embedded fonts. pdfkit's built-in Helvetica has no glyphs beyond Latin-1 (no Polish,
 * Czech, Greek, Cyrillic ... in container names), so the pack embeds DejaVu: from the
 * `dejavu-fonts-ttf` npm package when installed (works without apt), else Debian's fonts-dejavu-core,
 * else a folder named by RESIDENCY_AUDIT_FONT_DIR.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export interface FontSet {
  sans: string;
  bold: string;
  mono: string;
  /** Where the fonts came from, for error messages and the bench output. */
  source: string;
}

const FILES = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };

function inDir(dir: string, source: string): FontSet | null {
  const set = { sans: path.join(dir, FILES.sans), bold: path.join(dir, FILES.bold), mono: path.join(dir, FILES.mono), source };
  return existsSync(set.sans) && existsSync(set.bold) && existsSync(set.mono) ? set : null;
}

let cached: FontSet | null = null;

export function findFonts(): FontSet {
  if (cached) return cached;
  const candidates: { dir: string; source: string }[] = [];
  if (process.env.RESIDENCY_AUDIT_FONT_DIR) candidates.push({ dir: process.env.RESIDENCY_AUDIT_FONT_DIR, source: 'RESIDENCY_AUDIT_FONT_DIR' });
  try {
    candidates.push({ dir: path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), source: 'npm dejavu-fonts-ttf' });
  } catch {
    /* package not installed: try the system fonts */
  }
  candidates.push({ dir: '/usr/share/fonts/truetype/dejavu', source: 'fonts-dejavu-core' });
  for (const c of candidates) {
    const set = inDir(c.dir, c.source);
    if (set) return (cached = set);
  }
  throw new Error(
    `cannot render the PDF: no DejaVu fonts found (looked in ${candidates.map((c) => c.dir).join(', ')}). Install the npm package dejavu-fonts-ttf or the Debian package fonts-dejavu-core, or set RESIDENCY_AUDIT_FONT_DIR to a folder with ${Object.values(FILES).join(', ')}.`,
  );
}
