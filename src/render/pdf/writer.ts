/**
 * A small layout layer over pdfkit: headings that register in the table of contents and the PDF
 * outline and keep with what follows, paragraphs, key/value blocks and tables that break across
 * pages with their header repeated. Every string goes through `clean()`, which shows characters the
 * embedded font cannot draw as `\u{XXXX}` instead of an empty box, so any container name prints as
 * something readable.
 *
 * Archival: the document is PDF/A-2b (embedded fonts, XMP metadata with the PDF/A id, sRGB output
 * intent) and tagged: every heading, paragraph, list and table is a structure element (H1-H4, P,
 * L/LI/Lbl/LBody, Table/TR/TH/TD, Figure with alt text) in reading order under one Document; rules,
 * fills and running headers are marked as artifacts.
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
type Struct = PDFKit.PDFStructureElement;

/** XML-escape for the XMP packet pdfkit writes from the info dictionary (it does not escape). */
function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  /** Header title per page index (the part the page belongs to). */
  readonly pageTitles: string[] = [];
  private currentTitle = '';
  private readonly coverage = new Map<FontName, { font: FontkitFont | null; cache: Map<number, boolean> }>();
  private outlineStack: { level: number; item: PDFKit.PDFOutline }[] = [];
  /** The structure tree: the Document element and the sections open under it. */
  readonly root: Struct;
  private readonly parents: Struct[] = [];

  constructor(
    fonts: FontSet,
    info: { title: string; author: string; subject: string; keywords: string; created: Date; lang: string },
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 54, bottom: 48, left: 42, right: 42 },
      bufferPages: true,
      autoFirstPage: false,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      tagged: true,
      lang: info.lang,
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        // XMP pdf:Producer is written from Creator: both say the same, as PDF/A requires.
        Creator: 'residency-audit',
        Producer: 'residency-audit',
        CreationDate: info.created,
      },
    } as PDFKit.PDFDocumentOptions);
    // pdfkit copies the info values into the XMP packet unescaped: escape them there only (the info dictionary is already written).
    const d = this.doc as unknown as { endMetadata: () => void; info: Record<string, unknown> };
    const endMetadata = d.endMetadata.bind(this.doc);
    d.endMetadata = () => {
      const saved = d.info;
      d.info = Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, typeof v === 'string' ? xmlEscape(v) : v]));
      try {
        endMetadata();
      } finally {
        d.info = saved;
      }
    };
    this.doc.registerFont('Sans', fonts.sans);
    this.doc.registerFont('Bold', fonts.bold);
    this.doc.registerFont('Mono', fonts.mono);
    // Every text is set in an embedded font (PDF/A): the built-in Helvetica pdfkit starts with is never used.
    this.doc.font('Sans');
    this.doc.on('pageAdded', () => {
      this.pageTitles[this.pageIndex()] = this.currentTitle;
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** The structure element new content goes under. */
  get parent(): Struct {
    return this.parents.length ? this.parents[this.parents.length - 1] : this.root;
  }

  /** Open a grouping element (Sect, Div, TOC, L, Table ...) under the current one. */
  open(type: string, options: Record<string, unknown> = {}): Struct {
    const el = this.doc.struct(type, options as never);
    this.parent.add(el);
    this.parents.push(el);
    return el;
  }

  close(el: Struct): void {
    const i = this.parents.lastIndexOf(el);
    if (i >= 0) this.parents.splice(i);
    el.end();
  }

  /** Draw content as one structure element of this type (P, H1, TD, Figure, ...). */
  tagged(type: string, draw: () => void, options: Record<string, unknown> = {}): void {
    const el = this.doc.struct(type, options as never);
    this.parent.add(el);
    el.add(draw);
    el.end();
  }

  /** Draw decoration (fills, rules, bullets' boxes) outside the structure tree. */
  artifact(draw: () => void, type?: string): void {
    this.doc.markContent('Artifact', (type ? { type } : undefined) as PDFKit.Mixins.MarkingOptions | undefined);
    draw();
    this.doc.endMarkedContent();
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

  /**
   * A heading; levels 1-2 go into the table of contents, 1-4 into the PDF outline (bookmarks).
   * Keep-with-next: the heading moves to the next page unless `keep` points (default: enough for
   * the first lines of what follows) fit under it. `dests` are extra link targets at the heading.
   */
  heading(level: 1 | 2 | 3 | 4, text: string, dest: string, opts: { toc?: boolean; newPage?: boolean; keep?: number; dests?: readonly string[] } = {}): void {
    const size = level === 1 ? 17 : level === 2 ? 13 : level === 3 ? 9.6 : 8.8;
    const clean = this.clean(text, 'Bold');
    this.font('Bold', size);
    const own = this.doc.heightOfString(clean, { width: this.width });
    if (opts.newPage) this.addPage();
    else this.ensure(own + (level > 1 ? 10 : 0) + (opts.keep ?? (level <= 2 ? 90 : 70)));
    if (level > 1 && this.doc.y > this.doc.page.margins.top + 1) this.space(level === 2 ? 8 : 4);
    for (const d of [dest, ...(opts.dests ?? [])]) this.doc.addNamedDestination(d, 'XYZ', null, this.doc.y, null);
    this.font('Bold', size, level <= 2 ? COLOURS.accent : COLOURS.ink);
    this.tagged(`H${level}`, () => this.doc.text(clean, this.left, this.doc.y, { width: this.width }));
    if (level === 1) {
      const y = this.doc.y + 2;
      this.artifact(() => this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(1.5).strokeColor(COLOURS.accent).stroke());
      this.doc.y = y + 8;
    } else {
      this.doc.y += 1.5;
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
    const clean = this.clean(text, font);
    // A short paragraph is not split over a page break (no widowed single line at the foot of a page).
    const h = this.doc.heightOfString(clean, { width: this.width - (opts.indent ?? 0), lineGap: 1.5 });
    if (h < 60) this.ensure(h);
    this.tagged('P', () => this.doc.text(clean, x, this.doc.y, { width: this.width - (opts.indent ?? 0), lineGap: 1.5 }));
    this.doc.y += opts.gap ?? 4;
  }

  /** "Label: text" with the label in bold, wrapped as one paragraph. */
  labelled(label: string, text: string, size = 8.5, font: FontName = 'Sans'): void {
    const l = this.clean(`${label}: `, 'Bold');
    const v = this.clean(text, font);
    this.font('Bold', size);
    const h = this.doc.heightOfString(l + v, { width: this.width, lineGap: 1.5 });
    if (h < 60) this.ensure(h);
    this.tagged('P', () => {
      this.font('Bold', size);
      this.doc.text(l, this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1 });
      this.font(font, size);
      this.doc.text(v, { lineGap: 1 });
    });
    this.doc.y += 2;
  }

  /** Several "Label: text" runs in one paragraph ("Why it matters: … How it is decided: …"), labels bold. */
  runs(parts: readonly { label: string; text: string }[], size: number): void {
    const items = parts.filter((p) => p.text);
    if (!items.length) return;
    const cleaned = items.map((p) => ({ l: this.clean(`${p.label}: `, 'Bold'), v: this.clean(`${p.text} `, 'Sans') }));
    this.font('Sans', size);
    const h = this.doc.heightOfString(cleaned.map((c) => c.l + c.v).join(''), { width: this.width, lineGap: 1 });
    if (h < 60) this.ensure(h);
    this.tagged('P', () => {
      cleaned.forEach((c, i) => {
        this.font('Bold', size);
        if (i === 0) this.doc.text(c.l, this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1 });
        else this.doc.text(c.l, { continued: true, lineGap: 1 });
        this.font('Sans', size);
        this.doc.text(c.v, { continued: i < cleaned.length - 1, lineGap: 1 });
      });
    });
    this.doc.y += 2;
  }

  /** A bold lead-in (already punctuated) in a colour, then the text, as one paragraph. */
  labelledColour(lead: string, text: string, size: number, colour: string): void {
    const l = this.clean(lead, 'Bold');
    const v = this.clean(text, 'Sans');
    this.font('Bold', size);
    const h = this.doc.heightOfString(l + v, { width: this.width, lineGap: 1 });
    if (h < 60) this.ensure(h);
    this.tagged('P', () => {
      this.font('Bold', size, colour);
      this.doc.text(l, this.left, this.doc.y, { width: this.width, continued: true, lineGap: 1 });
      this.font('Sans', size, COLOURS.ink);
      this.doc.text(v, { lineGap: 1 });
    });
    this.doc.y += 2;
  }

  bullets(items: readonly string[], size = 8.5): void {
    if (!items.length) return;
    const list = this.open('L');
    for (const it of items) {
      this.font('Sans', size);
      const clean = this.clean(it, 'Sans');
      const h = this.doc.heightOfString(clean, { width: this.width - 16, lineGap: 1.2 });
      this.ensure(Math.min(h, 60));
      const y = this.doc.y;
      const li = this.open('LI');
      this.tagged('Lbl', () => this.doc.text('•', this.left + 4, y, { width: 10 }));
      this.tagged('LBody', () => this.doc.text(clean, this.left + 16, y, { width: this.width - 16, lineGap: 1.2 }));
      this.close(li);
      this.doc.y += 2;
    }
    this.close(list);
  }

  /** A block of monospaced text (a command, a compose snippet) on a tinted background, kept whole when it fits a page; `columns` 2 sets it in two columns. */
  code(text: string, size = 6.8, columns = 1): void {
    const clean = this.clean(text, 'Mono');
    this.font('Mono', size);
    const colW = (this.width - 12 - (columns - 1) * 12) / columns;
    const lineH = this.doc.heightOfString('x', { width: colW, lineGap: 0.6 });
    const oneCol = this.doc.heightOfString(clean, { width: colW, lineGap: 0.6 });
    const h = (columns > 1 ? Math.ceil(oneCol / lineH / columns) * lineH + lineH : oneCol) + 8;

    this.ensure(Math.min(h, this.bottom - this.doc.page.margins.top));
    const y = this.doc.y;
    if (y + h <= this.bottom) this.artifact(() => this.doc.rect(this.left, y, this.width, h).fill(COLOURS.soft));
    this.font('Mono', size);
    this.tagged('Code', () => this.doc.text(clean, this.left + 6, y + 4, columns > 1 ? { width: this.width - 12, lineGap: 0.6, columns, columnGap: 12, height: h - 6 } : { width: this.width - 12, lineGap: 0.6 }));
    this.doc.x = this.left;
    this.doc.y = Math.max(columns > 1 ? y : this.doc.y, y + h) + 4;
  }

  /**
   * A table that breaks across pages cleanly: rows never split, the header repeats on each page.
   * A row may carry a `detail`: a full-width line under it (e.g. the corrected `docker run` command),
   * kept on the same page as its row.
   */
  table(columns: readonly Column[], rows: readonly TableRow[], opts: { size?: number; zebra?: boolean; detailSize?: number; pad?: number } = {}): void {
    const size = opts.size ?? 7.5;
    const pad = opts.pad ?? 2.6;
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
      return this.doc.heightOfString(c.text || ' ', { width: width - 2 * pad, lineGap: 0.4 }) + 2 * pad;
    };
    const measure = (cells: Cell[]): number => Math.max(size + 2 * pad, ...cells.map((c, i) => heightOf(c, widths[i])));
    const headerH = measure(header);
    const room = this.bottom - this.doc.page.margins.top - headerH - 4;
    const detailSize = opts.detailSize ?? size;
    const drawCells = (cells: Cell[], h: number, fill: string | null, line: boolean, cellType: 'TH' | 'TD', fontSize = size) => {
      const y = this.doc.y;
      this.artifact(() => {
        if (fill) this.doc.rect(this.left, y, this.width, h).fill(fill);
        if (line) this.doc.lineWidth(0.4).strokeColor(COLOURS.line).moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).stroke();
      });
      const tr = this.open('TR');
      cells.forEach((c, i) => {
        this.doc.font(c.font!).fontSize(fontSize).fillColor(c.colour ?? COLOURS.ink);
        const x = cells.length === 1 ? this.left : xs[i];
        const w = cells.length === 1 ? this.width : widths[i];
        this.tagged(cellType, () => this.doc.text(c.text || ' ', x + pad, y + pad, { width: w - 2 * pad, height: h - pad, lineGap: 0.4, align: cells.length === 1 ? 'left' : (columns[i].align ?? 'left') }), cells.length === 1 ? { colSpan: columns.length } : {});
      });
      this.close(tr);
      this.doc.y = y + h;
    };
    const drawHeader = () => drawCells(header, headerH, '#e4e9f0', true, 'TH');
    const table = this.open('Table');
    let headerDrawn = false;
    rows.forEach((row, ri) => {
      const r = Array.isArray(row) ? { cells: row as readonly CellInput[] } : (row as { cells: readonly CellInput[]; detail?: string });
      const cells = r.cells.map((c, i) => norm(c, columns[i].font ?? 'Sans'));
      const detail = r.detail ? norm({ text: r.detail, font: 'Mono', colour: COLOURS.muted }, 'Mono') : null;
      const h = Math.min(measure(cells), room);
      const dh = detail ? Math.min(this.heightAt(detail, this.width - 2 * pad, detailSize) + 2 * pad, room - h) : 0;
      // Header and first row are kept together: no orphaned header at the foot of a page.
      if (!headerDrawn || this.doc.y + h + dh > this.bottom) {
        if (this.doc.y + headerH + h + dh > this.bottom) this.addPage();
        drawHeader();
        headerDrawn = true;
      }
      const fill = opts.zebra !== false && ri % 2 === 1 ? COLOURS.soft : null;
      drawCells(cells, h, fill, !detail, 'TD');
      if (detail) drawCells([detail], dh, fill, true, 'TD', detailSize);
    });
    if (!headerDrawn) {
      this.ensure(headerH + 4);
      drawHeader();
    }
    this.close(table);
    this.doc.x = this.left;
    this.doc.y += 6;
  }

  private heightAt(c: Cell, width: number, size: number): number {
    this.doc.font(c.font!).fontSize(size);
    return this.doc.heightOfString(c.text || ' ', { width, lineGap: 0.4 });
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
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.font('Sans', 7.5, COLOURS.muted);
      this.doc.text(this.clean(headerLeft, 'Sans'), margins.left, 24, { width: w * 0.62, lineBreak: false, ellipsis: true, height: 10 });
      const right = this.pageTitles[i] ?? '';
      this.doc.text(this.clean(right, 'Sans'), margins.left + w * 0.62, 24, { width: w * 0.38, align: 'right', lineBreak: false, ellipsis: true, height: 10 });
      this.doc.moveTo(margins.left, 36).lineTo(margins.left + w, 36).lineWidth(0.5).strokeColor(COLOURS.line).stroke();
      const fy = this.doc.page.height - 30;
      this.doc.moveTo(margins.left, fy - 6).lineTo(margins.left + w, fy - 6).lineWidth(0.5).strokeColor(COLOURS.line).stroke();
      this.font('Sans', 7.5, COLOURS.muted);
      this.doc.text(this.clean(footerLeft, 'Sans'), margins.left, fy, { width: w * 0.7, lineBreak: false, ellipsis: true, height: 10 });
      this.doc.text(pageLabel(i + 1, pages), margins.left + w * 0.7, fy, { width: w * 0.3, align: 'right', lineBreak: false, height: 10 });
      this.doc.endMarkedContent();
      margins.bottom = saved;
    }
  }

  /** Finish and return the bytes. */
  finish(): Promise<Buffer> {
    this.root.end();
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
