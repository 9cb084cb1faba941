/** The pack's charts drawn as PDF vectors (rectangles, lines, text), from the same specs as the SVG. */
import { logPos, logTicks, tickLabel, type ChartSpec, type LogRangeChart, type StackedBarChart } from '../charts/spec';
import { drawLine, lineChartHeight } from './line-chart';
import { COLOURS, type PdfWriter } from './writer';

function clip(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : s;
}

function stacked(w: PdfWriter, c: StackedBarChart): void {
  const doc = w.doc;
  const barH = 8.5;
  const gap = 3.5;
  const labelW = 150;
  const h = 16 + c.rows.length * (barH + gap) + 22;
  w.ensure(h + 10);
  const x0 = w.left;
  let y = doc.y;
  w.font('Bold', 9);
  doc.text(w.clean(c.title, 'Bold'), x0, y, { width: w.width });
  y += 15;
  const max = Math.max(1, ...c.rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const plotW = w.width - labelW - 40;
  for (const r of c.rows) {
    w.font('Sans', 7.5);
    doc.text(w.clean(clip(r.label, 38), 'Sans'), x0, y + 0.5, { width: labelW - 6, align: 'right', lineBreak: false, height: barH });
    let x = x0 + labelW;
    let total = 0;
    for (const s of r.segments) {
      const bw = (s.value / max) * plotW;
      total += s.value;
      if (bw <= 0) continue;
      doc.rect(x, y, Math.max(bw, 0.8), barH).fill(s.colour);
      x += bw;
    }
    w.font('Sans', 7.5);
    doc.text(String(total), x + 4, y + 0.5, { lineBreak: false, width: 36, height: barH });
    y += barH + gap;
  }
  let lx = x0 + labelW;
  w.font('Sans', 7);
  for (const l of c.legend) {
    const label = w.clean(l.label, 'Sans');
    const lw = doc.widthOfString(label) + 22;
    if (lx + lw > x0 + w.width) {
      lx = x0 + labelW;
      y += 11;
    }
    doc.rect(lx, y + 4, 7, 7).fill(l.colour);
    w.font('Sans', 7);
    doc.text(label, lx + 10, y + 4, { lineBreak: false, width: lw, height: 9 });
    lx += lw;
  }
  doc.x = x0;
  doc.y = y + 20;
}

function logRange(w: PdfWriter, c: LogRangeChart): void {
  const doc = w.doc;
  const rowH = 10;
  const gap = 3;
  const labelW = 190;
  const h = 16 + (c.bands.length + c.markers.length) * (rowH + gap) + 36;
  w.ensure(h + 10);
  const x0 = w.left;
  const plotX = x0 + labelW;
  const plotW = w.width - labelW - 8;
  const px = (v: number) => plotX + logPos(v, c.min, c.max) * plotW;
  let y = doc.y;
  w.font('Bold', 9);
  doc.text(w.clean(c.title, 'Bold'), x0, y, { width: w.width });
  y += 16;
  const top = y;
  const axisY = top + (c.bands.length + c.markers.length) * (rowH + gap) + 4;
  for (const v of logTicks(c.min, c.max)) doc.moveTo(px(v), top).lineTo(px(v), axisY).lineWidth(0.4).strokeColor('#e0e0e0').stroke();
  for (const b of c.bands) {
    w.font('Sans', 7);
    doc.text(w.clean(clip(b.label, 48), 'Sans'), x0, y + 1.5, { width: labelW - 6, align: 'right', lineBreak: false, height: rowH });
    doc.rect(px(b.from), y, px(b.to) - px(b.from), rowH).fillAndStroke(b.colour, '#8d8d8d');
    y += rowH + gap;
  }
  for (const m of c.markers) {
    w.font('Bold', 7, '#0d47a1');
    doc.text(w.clean(clip(m.label, 48), 'Bold'), x0, y + 1.5, { width: labelW - 6, align: 'right', lineBreak: false, height: rowH });
    const x = px(m.value);
    doc.moveTo(plotX, y + rowH / 2).lineTo(x, y + rowH / 2).lineWidth(1.5).strokeColor(m.colour).stroke();
    doc.circle(x, y + rowH / 2, 3.5).fill(m.colour);
    doc.moveTo(x, top).lineTo(x, axisY).lineWidth(0.6).dash(2, { space: 2 }).strokeColor(m.colour).stroke().undash();
    y += rowH + gap;
  }
  doc.moveTo(plotX, axisY).lineTo(plotX + plotW, axisY).lineWidth(0.6).strokeColor('#555').stroke();
  w.font('Sans', 7, COLOURS.ink);
  for (const v of logTicks(c.min, c.max)) doc.text(tickLabel(v), px(v) - 15, axisY + 3, { width: 30, align: 'center', lineBreak: false, height: 9 });
  doc.text(w.clean(c.axisLabel, 'Sans'), plotX, axisY + 14, { width: plotW, align: 'center', lineBreak: false, height: 9 });
  doc.x = x0;
  doc.y = axisY + 30;
}

/** The chart's numbers in words, as the Figure's alternative text. */
function altText(c: ChartSpec): string {
  if (c.kind === 'stacked') return `${c.title}: ${c.rows.map((r) => `${r.label} ${r.segments.map((s) => `${s.label} ${s.value}`).join(', ')}`).join('; ')}`;
  if (c.kind === 'line') return `${c.title}: ${c.series.map((s) => `${s.label} ${s.values.map((v, i) => `${c.labels[i]} ${v ?? '—'}`).join(', ')}`).join('; ')}`;
  return `${c.title}: ${c.bands.map((b) => `${b.label} ${b.from}–${b.to}`).join('; ')}; ${c.markers.map((m) => m.label).join('; ')}`;
}

export function drawChart(w: PdfWriter, c: ChartSpec): void {
  // Height first, so the page break (if any) comes before the figure starts.
  const rows = c.kind === 'stacked' ? c.rows.length * 12 + 40 + Math.ceil(c.legend.length / 5) * 11 : c.kind === 'line' ? lineChartHeight(c) : (c.bands.length + c.markers.length) * 13 + 56;
  w.ensure(rows + 10);
  w.tagged('Figure', () => (c.kind === 'stacked' ? stacked(w, c) : c.kind === 'line' ? drawLine(w, c) : logRange(w, c)), { alt: altText(c) });
}
