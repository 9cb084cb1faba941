/**
 * Charts as inline SVG for the HTML pack: no script, no external request, labels escaped here
 * (they can come from evidence). Presentation attributes only (no style attributes), so the
 * pack's Content-Security-Policy can forbid inline styles other than its own stylesheet.
 */
import { lineSvg } from './line';
import { logPos, logTicks, tickLabel, type ChartSpec, type LogRangeChart, type StackedBarChart } from './spec';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const W = 720;
const LABEL_W = 220;
const BAR_H = 18;
const GAP = 8;

function stacked(c: StackedBarChart): string {
  const rows = c.rows;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const plotW = W - LABEL_W - 60;
  const legendY = 24 + rows.length * (BAR_H + GAP) + 10;
  const h = legendY + 24;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="${escapeXml(c.title)}">`);
  out.push(`<title>${escapeXml(c.title)}</title>`);
  out.push(`<text x="0" y="14" font-size="13" font-weight="bold" fill="#222">${escapeXml(c.title)}</text>`);
  rows.forEach((r, i) => {
    const y = 24 + i * (BAR_H + GAP);
    const total = r.segments.reduce((s, x) => s + x.value, 0);
    out.push(`<text x="${LABEL_W - 8}" y="${y + 13}" font-size="11" text-anchor="end" fill="#333">${escapeXml(clip(r.label, 34))}</text>`);
    let x = LABEL_W;
    for (const s of r.segments) {
      const w = (s.value / max) * plotW;
      if (w <= 0) continue;
      out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, 1).toFixed(1)}" height="${BAR_H}" fill="${s.colour}"><title>${escapeXml(`${s.label}: ${s.value}`)}</title></rect>`);
      x += w;
    }
    out.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 13}" font-size="11" fill="#333">${total}</text>`);
  });
  let lx = 0;
  for (const l of c.legend) {
    out.push(`<rect x="${lx}" y="${legendY}" width="10" height="10" fill="${l.colour}"/><text x="${lx + 14}" y="${legendY + 9}" font-size="11" fill="#333">${escapeXml(l.label)}</text>`);
    lx += 24 + l.label.length * 6.2;
  }
  out.push('</svg>');
  return out.join('');
}

function logRange(c: LogRangeChart): string {
  const plotX = LABEL_W;
  const plotW = W - LABEL_W - 20;
  const rowH = 16;
  const top = 24;
  const bandsH = c.bands.length * (rowH + 4);
  const markersY = top + bandsH + 6;
  const axisY = markersY + c.markers.length * (rowH + 4) + 4;
  const h = axisY + 34;
  const px = (v: number) => plotX + logPos(v, c.min, c.max) * plotW;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="${escapeXml(c.title)}">`);
  out.push(`<title>${escapeXml(c.title)}</title>`);
  out.push(`<text x="0" y="14" font-size="13" font-weight="bold" fill="#222">${escapeXml(c.title)}</text>`);
  for (const v of logTicks(c.min, c.max)) out.push(`<line x1="${px(v).toFixed(1)}" y1="${top}" x2="${px(v).toFixed(1)}" y2="${axisY}" stroke="#e0e0e0"/>`);
  c.bands.forEach((b, i) => {
    const y = top + i * (rowH + 4);
    out.push(`<text x="${plotX - 8}" y="${y + 12}" font-size="10.5" text-anchor="end" fill="#333">${escapeXml(clip(b.label, 40))}</text>`);
    out.push(`<rect x="${px(b.from).toFixed(1)}" y="${y}" width="${(px(b.to) - px(b.from)).toFixed(1)}" height="${rowH}" fill="${b.colour}" stroke="#8d8d8d" stroke-width="0.5"><title>${escapeXml(`${b.label}: ${b.from}–${b.to}`)}</title></rect>`);
  });
  c.markers.forEach((m, i) => {
    const y = markersY + i * (rowH + 4);
    const x = px(m.value);
    out.push(`<text x="${plotX - 8}" y="${y + 12}" font-size="10.5" text-anchor="end" font-weight="bold" fill="#0d47a1">${escapeXml(clip(m.label, 40))}</text>`);
    out.push(`<line x1="${plotX}" y1="${y + rowH / 2}" x2="${x.toFixed(1)}" y2="${y + rowH / 2}" stroke="${m.colour}" stroke-width="2"/>`);
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y + rowH / 2}" r="5" fill="${m.colour}"><title>${escapeXml(m.label)}</title></circle>`);
    out.push(`<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${axisY}" stroke="${m.colour}" stroke-dasharray="3,3"/>`);
  });
  out.push(`<line x1="${plotX}" y1="${axisY}" x2="${plotX + plotW}" y2="${axisY}" stroke="#555"/>`);
  for (const v of logTicks(c.min, c.max)) out.push(`<text x="${px(v).toFixed(1)}" y="${axisY + 14}" font-size="10" text-anchor="middle" fill="#333">${tickLabel(v)}</text>`);
  out.push(`<text x="${plotX + plotW / 2}" y="${axisY + 30}" font-size="10.5" text-anchor="middle" fill="#333">${escapeXml(c.axisLabel)}</text>`);
  out.push('</svg>');
  return out.join('');
}

function clip(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : s;
}

export function chartSvg(c: ChartSpec): string {
  return c.kind === 'stacked' ? stacked(c) : c.kind === 'line' ? lineSvg(c) : logRange(c);
}
