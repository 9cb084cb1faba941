/**
 * The network diagram of one host: host interfaces on the left (public, private, loopback), the
 * published container ports on the right, a line where a port is reachable from an interface,
 * coloured by what that means. One layout (computed here) for both the SVG of the HTML pack and
 * the vector drawing of the PDF (src/render/pdf/network.ts), so both show the same figure.
 */
import type { NetworkDiagram, ReachOutcome } from '../views/network';
import { escapeXml } from './svg';
import { OUTCOME_COLOURS } from './spec';

export const REACH_COLOURS: Record<ReachOutcome, string> = {
  fail: OUTCOME_COLOURS.fail,
  warn: OUTCOME_COLOURS.warn,
  pass: OUTCOME_COLOURS.pass,
  intended: '#00838f',
  manual: OUTCOME_COLOURS.manual,
};

export const CLASS_FILLS: Record<string, { fill: string; stroke: string }> = {
  public: { fill: '#fdecea', stroke: '#c62828' },
  private: { fill: '#fff4e5', stroke: '#ef6c00' },
  loopback: { fill: '#edf7ee', stroke: '#2e7d32' },
};

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  sub: string;
  detail: string;
  fill: string;
  stroke: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  titleX: number;
  titleY: number;
  headY: number;
  heads: { left: string; right: string };
  boxes: Box[];
  lines: { x1: number; y1: number; x2: number; y2: number; colour: string; dashed: boolean }[];
  legend: { x: number; y: number; colour: string; dashed: boolean; label: string }[];
}

function clip(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : s;
}

export interface LayoutOptions {
  /** Box height and gaps relative to the SVG's (1). */
  scale?: number;
  /** Average width of a legend character at the legend size. */
  charW?: number;
  /** One line per box (name, class and addresses together), no column heads: the PDF's compact form. */
  compact?: boolean;
}

/** Positions in a `width`-wide frame (the units of the caller: SVG pixels or PDF points). */
export function layoutDiagram(d: NetworkDiagram, width: number, heads: { left: string; right: string }, opts: LayoutOptions = {}): DiagramLayout {
  const scale = opts.scale ?? 1;
  const charW = opts.charW ?? 5.6;
  const compact = opts.compact ?? false;
  const boxW = Math.round(width * (compact ? 0.4 : 0.34));
  const boxH = (compact ? 17 : 30) * scale;
  const gap = (compact ? 5 : 8) * scale;
  // The title and column heads keep a readable size when the boxes are drawn small.
  const hs = Math.max(scale, 0.75);
  const rows = Math.max(d.interfaces.length, d.ports.length, 1);
  const colH = rows * (boxH + gap);
  const lineH = (compact ? 9 : 11) * hs;
  // Compact: the title and the legend stack under the ports (beside the taller interface column) instead of taking rows of their own.
  const stackH = d.ports.length * (boxH + gap) + (d.legend.length + 1) * lineH + 4;
  const stack = compact && d.interfaces.length > d.ports.length;
  const headY = compact ? 0 : 30 * hs;
  const top = stack ? 0 : (compact ? 20 : 38) * hs;
  const titleY = stack ? d.ports.length * (boxH + gap) + lineH : 14 * hs;
  const titleX = stack ? width - boxW : 0;
  // Each column is centred on the taller one.
  const leftTop = top + (colH - d.interfaces.length * (boxH + gap)) / 2;
  const rightTop = stack ? top : top + (colH - d.ports.length * (boxH + gap)) / 2;
  const boxes: Box[] = [];
  d.interfaces.forEach((i, n) => {
    const c = CLASS_FILLS[i.cls];
    boxes.push({ id: i.id, x: 0, y: leftTop + n * (boxH + gap), w: boxW, h: boxH, title: compact ? `${i.name} · ${i.clsLabel}: ${i.addresses.join(', ')}` : clip(`${i.name} · ${i.clsLabel}`, 40), sub: compact ? '' : clip(i.addresses.join(', '), 56), detail: i.addresses.join(', '), fill: c.fill, stroke: c.stroke });
  });
  d.ports.forEach((p, n) => {
    const colour = OUTCOME_COLOURS[p.outcome];
    boxes.push({ id: p.id, x: width - boxW, y: rightTop + n * (boxH + gap), w: boxW, h: boxH, title: compact ? `${p.label} · ${p.sub}` : clip(p.label, 40), sub: compact ? '' : clip(p.sub, 56), detail: p.sub, fill: p.reachable ? '#f5f7fb' : '#f2f2f2', stroke: colour });
  });
  const at = new Map(boxes.map((b) => [b.id, b]));
  // Lines leave and enter each box spread over its height, so several lines stay apart.
  const outs = new Map<string, number>();
  const ins = new Map<string, number>();
  for (const l of d.lines) {
    outs.set(l.from, (outs.get(l.from) ?? 0) + 1);
    ins.set(l.to, (ins.get(l.to) ?? 0) + 1);
  }
  const outN = new Map<string, number>();
  const inN = new Map<string, number>();
  const lines: DiagramLayout['lines'] = [];
  for (const l of d.lines) {
    const a = at.get(l.from);
    const b = at.get(l.to);
    if (!a || !b) continue;
    const i = outN.get(l.from) ?? 0;
    const j = inN.get(l.to) ?? 0;
    outN.set(l.from, i + 1);
    inN.set(l.to, j + 1);
    const y1 = a.y + (a.h * (i + 1)) / ((outs.get(l.from) ?? 1) + 1);
    const y2 = b.y + (b.h * (j + 1)) / ((ins.get(l.to) ?? 1) + 1);
    lines.push({ x1: a.x + a.w, y1, x2: b.x, y2, colour: REACH_COLOURS[l.outcome], dashed: l.outcome === 'manual' });
  }
  const legend: DiagramLayout['legend'] = [];
  // Compact: the legend stacks under the ports when the interface column is taller, not in a row of its own.
  const portsBottom = rightTop + d.ports.length * (boxH + gap);
  if (stack) {
    d.legend.forEach((l, i) => legend.push({ x: width - boxW, y: portsBottom + 2 + (i + 1) * lineH, colour: REACH_COLOURS[l.outcome], dashed: l.outcome === 'manual', label: l.label }));
    return { width, height: Math.max(colH, stackH), titleX, titleY, headY, heads: { left: '', right: '' }, boxes, lines, legend };
  }
  const legendY = top + colH + 6 * scale;
  let lx = 0;
  let ly = legendY;
  for (const l of d.legend) {
    const w = 26 + l.label.length * charW;
    if (lx > 0 && lx + w > width) {
      lx = 0;
      ly += 14 * scale;
    }
    legend.push({ x: lx, y: ly, colour: REACH_COLOURS[l.outcome], dashed: l.outcome === 'manual', label: l.label });
    lx += w + 10;
  }
  return { width, height: ly + 16 * scale, titleX, titleY, headY, heads: compact ? { left: '', right: '' } : heads, boxes, lines, legend };
}

/** The diagram as inline SVG (presentation attributes only, labels escaped). */
export function networkDiagramSvg(d: NetworkDiagram, heads: { left: string; right: string }): string {
  const L = layoutDiagram(d, 720, heads);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart netdiag" viewBox="0 0 ${L.width} ${L.height.toFixed(0)}" width="100%" role="img" aria-label="${escapeXml(d.alt)}">`);
  out.push(`<title>${escapeXml(d.alt)}</title>`);
  out.push(`<text x="0" y="${L.titleY}" font-size="13" font-weight="bold" fill="#222">${escapeXml(d.title)}</text>`);
  const right = L.boxes.find((b) => b.x > 0)?.x ?? L.width * 0.66;
  out.push(`<text x="0" y="${L.headY}" font-size="11" fill="#555">${escapeXml(L.heads.left)}</text>`);
  out.push(`<text x="${right}" y="${L.headY}" font-size="11" fill="#555">${escapeXml(L.heads.right)}</text>`);
  for (const l of L.lines) out.push(`<line x1="${l.x1}" y1="${l.y1.toFixed(1)}" x2="${l.x2}" y2="${l.y2.toFixed(1)}" stroke="${l.colour}" stroke-width="2"${l.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
  for (const b of L.boxes) {
    out.push(`<g><title>${escapeXml(`${b.title}: ${b.detail}`)}</title><rect x="${b.x}" y="${b.y.toFixed(1)}" width="${b.w}" height="${b.h}" rx="4" fill="${b.fill}" stroke="${b.stroke}" stroke-width="1.5"/>`);
    out.push(`<text x="${b.x + 7}" y="${(b.y + 13).toFixed(1)}" font-size="11" font-weight="bold" fill="#222">${escapeXml(b.title)}</text>`);
    out.push(`<text x="${b.x + 7}" y="${(b.y + 25).toFixed(1)}" font-size="9.5" fill="#444">${escapeXml(b.sub)}</text></g>`);
  }
  for (const g of L.legend) {
    out.push(`<line x1="${g.x}" y1="${(g.y + 5).toFixed(1)}" x2="${g.x + 20}" y2="${(g.y + 5).toFixed(1)}" stroke="${g.colour}" stroke-width="2.5"${g.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    out.push(`<text x="${g.x + 25}" y="${(g.y + 9).toFixed(1)}" font-size="10.5" fill="#333">${escapeXml(g.label)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
