/**
 * A small layout layer over pdfkit: headings that register in the table of contents and the PDF
 * outline, paragraphs, key/value blocks and tables that break across pages with their header
 * repeated. Every string goes through `clean()`, which shows characters the embedded font cannot
 * draw as `\u{XXXX}` instead of an empty box, so any container name prints as something readable.
 */
import PDFDocument from 'pdfkit';
import type { FontSet } from './fonts';

export const COLOURS = {
  ink: '#1f2328',
  muted: '#59636e',
  line: '#c9d1d9',
  soft: '#f3f5f8',
  accent: '#0b3d91',
};

export type FontName = 'Sans' | 'Bold' | 'Mono';

export interface Column {
  header: string;
  /** Share of the content width (all columns add up to 1). */
  width: number;
  font?: FontName;
  align?: 'left' | 'right';
}

export interface Cell {
  text: string;
  colour?: string;
  font?: FontName;
}

export type CellInput = string | Cell;

/** A row: its cells, or its cells and a full-width detail line under them. */
export type TableRow = readonly CellInput[] | { cells: readonly CellInput[]; detail?: string };

export interface TocEntry {
  level: number;
  title: string;
  dest: string;
  page: number;
}

/** Longest text a table cell keeps, so one row always fits a page; the full value is in findings.json. */
export const CELL_MAX_CHARS = 900;

/** Tokens longer than this (no space in them) get break opportunities; a 64-digit hash stays whole. */
const LONG_TOKEN = 80;
const LONG_TOKEN_RUN = new RegExp(`\\S{${LONG_TOKEN + 1},}`, 'g');
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * pdfkit breaks a word wider than its line by measuring what is left of it after every line, which is
 * quadratic in the word's length (a 9,000-character token took 29 s to lay out): a zero-width space
 * every 20 characters of a long token lets it wrap there instead, in linear time, and looks the same.
 */
export function breakLongTokens(s: string): string {
  if (s.length <= LONG_TOKEN) return s;
  return s.replace(LONG_TOKEN_RUN, (run) => run.replace(/[^]{20}(?=[^])/gu, (m) => m + ZERO_WIDTH_SPACE));
}

type FontkitFont = { hasGlyphForCodePoint(cp: number): boolean };

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  /** Header title per page index (the part the page belongs to). */
  readonly pageTitles: string[] = [];
  private currentTitle = '';
  private readonly coverage = new Map<FontName, { font: FontkitFont | null; cache: Map<number, boolean> }>();
  private outlineStack: { level: number; item: PDFKit.PDFOutline }[] = [];

  constructor(
    fonts: FontSet,
    info: { title: string; author: string; subject: string; keywords: string; created: Date; lang: string },
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 58, left: 52, right: 52 },
      bufferPages: true,
      autoFirstPage: false,
      pdfVersion: '1.7',
      lang: info.lang,
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        Creator: 'residency-audit',
        Producer: 'residency-audit (pdfkit)',
        CreationDate: info.created,
        ModDate: info.created,
      },
    });
    this.doc.registerFont('Sans', fonts.sans);
    this.doc.registerFont('Bold', fonts.bold);
    this.doc.registerFont('Mono', fonts.mono);
    this.doc.on('pageAdded', () => {
      this.pageTitles[this.pageIndex()] = this.currentTitle;
    });
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get left(): number {
    return this.doc.page.margins.left;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  setRunningTitle(title: string): void {
    this.currentTitle = title;
  }

  addPage(): void {
    this.doc.addPage();
  }

  font(name: FontName, size: number, colour = COLOURS.ink): this {
    this.doc.font(name).fontSize(size).fillColor(colour);
    return this;
  }

  /** Replace characters the font has no glyph for (and invisible controls) with a visible escape. */
  clean(s: string, font: FontName): string {
    let cov = this.coverage.get(font);
    if (!cov) {
      this.doc.font(font);
      const f = (this.doc as unknown as { _font?: { font?: FontkitFont } })._font?.font ?? null;
      cov = { font: f && typeof f.hasGlyphForCodePoint === 'function' ? f : null, cache: new Map() };
      this.coverage.set(font, cov);
    }
    const { font: f, cache } = cov;
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp === 10 || cp === 9) {
        out += ch;
        continue;
      }
      let ok = cache.get(cp);
      if (ok === undefined) {
        ok = cp >= 32 && !(cp >= 0x7f && cp < 0xa0) && (f ? f.hasGlyphForCodePoint(cp) : cp < 0x250);
        cache.set(cp, ok);
      }
      out += ok ? ch : `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
    }
    // DejaVu Sans Mono has no zero-width space (it would show as a box): its long tokens wrap the slow way.
    return f && !f.hasGlyphForCodePoint(0x200b) ? out : breakLongTokens(out);
  }

  /** Start a new page when less than `h` points are left. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) this.addPage();
  }

  space(h: number): void {
    this.doc.y += h;
  }

  /** A heading; levels 1-2 go into the table of contents, 1-4 into the PDF outline (bookmarks). */
  heading(level: 1 | 2 | 3 | 4, text: string, dest: string, opts: { toc?: boolean; newPage?: boolean } = {}): void {
    const size = level === 1 ? 17 : level === 2 ? 13 : level === 3 ? 10.5 : 9.5;
    if (opts.newPage) this.addPage();
    else this.ensure(level === 3 ? 150 : size * 2 + 60);
    if (level > 1) this.space(level === 2 ? 10 : 6);
    this.doc.addNamedDestination(dest, 'XYZ', null, this.doc.y, null);
    const clean = this.clean(text, 'Bold');
    this.font('Bold', size, level <= 2 ? COLOURS.accent : COLOURS.ink);
    this.doc.text(clean, this.left, this.doc.y, { width: this.width });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(1.5).strokeColor(COLOURS.accent).stroke();
      this.doc.y = y + 8;
    } else {
      this.doc.y += 3;
    }
    if (opts.toc !== false && level <= 2) this.toc.push({ level, title: clean, dest, page: this.pageIndex() });
    while (this.outlineStack.length && this.outlineStack[this.outlineStack.length - 1].level >= level) this.outlineStack.pop();
    const parent = this.outlineStack.length ? this.outlineStack[this.outlineStack.length - 1].item : this.doc.outline;
    const item = parent.addItem(clean, { expanded: level === 1 });
    this.outlineStack.push({ level, item });
  }

  paragraph(text: string, opts: { size?: number; font?: FontName; colour?: string; indent?: number; gap?: number } = {}): void {
    const font = opts.font ?? 'Sans';
    const size = opts.size ?? 9;
    this.font(font, size, opts.colour ?? COLOURS.ink);
    const x = this.left + (opts.indent ?? 0);
    this.doc.text(this.clean(text, font), x, this.doc.y, { width: this.width - (opts.indent ?? 0), lineGap: 1.5 });
    this.doc.y += opts.gap ?? 4;
  }

  /** "Label: text" with the label in bold, wrapped as one paragraph. */
  labelled(label: string, text: string, size = 8.5): void {
    this.font('Bold', size);
    this.doc.text(this.clean(`${label}: `, 'Bold'), this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1.5 });
    this.font('Sans', size);
    this.doc.text(this.clean(text, 'Sans'), { lineGap: 1.5 });
    this.doc.y += 2.5;
  }

  bullets(items: readonly string[], size = 8.5): void {
    for (const it of items) {
      this.font('Sans', size);
      this.ensure(size * 2);
      const y = this.doc.y;
      this.doc.text('•', this.left + 4, y, { width: 10 });
      this.doc.text(this.clean(it, 'Sans'), this.left + 16, y, { width: this.width - 16, lineGap: 1.2 });
      this.doc.y += 2;
    }
  }

  /**
   * A table that breaks across pages cleanly: rows never split, the header repeats on each page.
   * A row may carry a `detail`: a full-width line under it (e.g. the corrected `docker run` command),
   * kept on the same page as its row.
   */
  table(columns: readonly Column[], rows: readonly TableRow[], opts: { size?: number; zebra?: boolean } = {}): void {
    const size = opts.size ?? 7.5;
    const pad = 3;
    const header = columns.map((c) => ({ text: this.clean(c.header, 'Bold'), font: 'Bold' as FontName }));
    const widths = this.fitHeaderWords(
      columns.map((c) => c.width * this.width),
      header.map((h) => h.text),
      size,
      pad,
    );
    const xs: number[] = [];
    widths.reduce((x, w) => (xs.push(x), x + w), this.left);
    const norm = (c: CellInput, font: FontName): Cell => {
      const cell = typeof c === 'string' ? { text: c } : c;
      const f = cell.font ?? font;
      const text = cell.text.length > CELL_MAX_CHARS ? `${Array.from(cell.text).slice(0, CELL_MAX_CHARS).join('')} …` : cell.text;
      return { ...cell, font: f, text: this.clean(text, f) };
    };
    const heightOf = (c: Cell, width: number): number => {
      this.doc.font(c.font!).fontSize(size);
      return this.doc.heightOfString(c.text || ' ', { width: width - 2 * pad, lineGap: 0.8 }) + 2 * pad;
    };
    const measure = (cells: Cell[]): number => Math.max(size + 2 * pad, ...cells.map((c, i) => heightOf(c, widths[i])));
    const headerH = measure(header);
    const room = this.bottom - this.doc.page.margins.top - headerH - 4;
    const drawCells = (cells: Cell[], h: number, fill: string | null, line: boolean) => {
      const y = this.doc.y;
      if (fill) this.doc.rect(this.left, y, this.width, h).fill(fill);
      if (line) this.doc.lineWidth(0.4).strokeColor(COLOURS.line).moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).stroke();
      cells.forEach((c, i) => {
        this.doc.font(c.font!).fontSize(size).fillColor(c.colour ?? COLOURS.ink);
        const x = cells.length === 1 ? this.left : xs[i];
        const w = cells.length === 1 ? this.width : widths[i];
        this.doc.text(c.text, x + pad, y + pad, { width: w - 2 * pad, height: h - pad, lineGap: 0.8, align: cells.length === 1 ? 'left' : (columns[i].align ?? 'left') });
      });
      this.doc.y = y + h;
    };
    const drawHeader = () => drawCells(header, headerH, '#e4e9f0', true);
    let headerDrawn = false;
    rows.forEach((row, ri) => {
      const r = Array.isArray(row) ? { cells: row as readonly CellInput[] } : (row as { cells: readonly CellInput[]; detail?: string });
      const cells = r.cells.map((c, i) => norm(c, columns[i].font ?? 'Sans'));
      const detail = r.detail ? norm({ text: r.detail, font: 'Mono', colour: COLOURS.muted }, 'Mono') : null;
      const h = Math.min(measure(cells), room);
      const dh = detail ? Math.min(heightOf(detail, this.width), room - h) : 0;
      // Header and first row are kept together: no orphaned header at the foot of a page.
      if (!headerDrawn || this.doc.y + h + dh > this.bottom) {
        if (this.doc.y + headerH + h + dh > this.bottom) this.addPage();
        drawHeader();
        headerDrawn = true;
      }
      const fill = opts.zebra !== false && ri % 2 === 1 ? COLOURS.soft : null;
      drawCells(cells, h, fill, !detail);
      if (detail) drawCells([detail], dh, fill, true);
    });
    if (!headerDrawn) {
      this.ensure(headerH + 4);
      drawHeader();
    }
    this.doc.x = this.left;
    this.doc.y += 6;
  }

  /**
   * Column widths in which every header word fits on a line: pdfkit breaks a word wider than its
   * column mid-word ("Outcom e", "Alvorligh et"). Narrow columns get the width their longest header
   * word needs, taken from the columns with room to spare in proportion to that room. When the
   * headers cannot all fit, the designed widths stay.
   */
  fitHeaderWords(widths: readonly number[], headers: readonly string[], size: number, pad: number): number[] {
    this.doc.font('Bold').fontSize(size);
    const need = headers.map((h) => Math.max(0, ...h.split(/\s+/).filter(Boolean).map((word) => this.doc.widthOfString(word))) + 2 * pad + 1);
    const deficit = widths.reduce((d, w, i) => d + Math.max(0, need[i] - w), 0);
    if (deficit === 0) return [...widths];
    const spare = widths.map((w, i) => Math.max(0, w - need[i]));
    const room = spare.reduce((a, b) => a + b, 0);
    if (room < deficit) return [...widths];
    return widths.map((w, i) => (w < need[i] ? need[i] : w - (spare[i] * deficit) / room));
  }

  /** Draw the running header and "page X of Y" footer on every page but the cover. */
  decorate(headerLeft: string, footerLeft: string, pageLabel: (page: number, pages: number) => string): void {
    const range = this.doc.bufferedPageRange();
    const pages = range.count;
    for (let i = range.start; i < range.start + pages; i++) {
      if (i === 0) continue;
      this.doc.switchToPage(i);
      const { margins } = this.doc.page;
      const saved = margins.bottom;
      margins.bottom = 0; // writing inside the margin must not trigger a page break
      const w = this.doc.page.width - margins.left - margins.right;
      this.font('Sans', 7.5, COLOURS.muted);
      this.doc.text(this.clean(headerLeft, 'Sans'), margins.left, 30, { width: w * 0.62, lineBreak: false, ellipsis: true, height: 10 });
      const right = this.pageTitles[i] ?? '';
      this.doc.text(this.clean(right, 'Sans'), margins.left + w * 0.62, 30, { width: w * 0.38, align: 'right', lineBreak: false, ellipsis: true, height: 10 });
      this.doc.moveTo(margins.left, 43).lineTo(margins.left + w, 43).lineWidth(0.5).strokeColor(COLOURS.line).stroke();
      const fy = this.doc.page.height - 38;
      this.doc.moveTo(margins.left, fy - 6).lineTo(margins.left + w, fy - 6).lineWidth(0.5).strokeColor(COLOURS.line).stroke();
      this.font('Sans', 7.5, COLOURS.muted);
      this.doc.text(this.clean(footerLeft, 'Sans'), margins.left, fy, { width: w * 0.7, lineBreak: false, ellipsis: true, height: 10 });
      this.doc.text(pageLabel(i + 1, pages), margins.left + w * 0.7, fy, { width: w * 0.3, align: 'right', lineBreak: false, height: 10 });
      margins.bottom = saved;
    }
  }

  /** Finish and return the bytes. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
