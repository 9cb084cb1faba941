/** The line chart (score trend) as PDF vectors, from the same spec and geometry as src/render/charts/line.ts. */
import { xAnchor, xShare, yShare, yTicks } from '../charts/line';
import type { LineChart } from '../charts/spec';
import { COLOURS, type PdfWriter } from './writer';

const PLOT_H = 110;

/** Points of height the chart takes, for keep-together before it is drawn. */
export function lineChartHeight(c: LineChart): number {
  return 16 + PLOT_H + 18 + Math.ceil(c.series.length / 4) * 11 + 10;
}

export function drawLine(w: PdfWriter, c: LineChart): void {
  const doc = w.doc;
  const x0 = w.left;
  const left = x0 + 30;
  const plotW = w.width - 30 - 16;
  let y = doc.y;
  w.font('Bold', 9);
  doc.text(w.clean(c.title, 'Bold'), x0, y, { width: w.width });
  y += 16;
  const axisY = y + PLOT_H;
  const px = (i: number) => left + xShare(i, c.labels.length) * plotW;
  const py = (v: number) => axisY - yShare(v, c.min, c.max) * PLOT_H;
  w.font('Sans', 6.8, COLOURS.ink);
  for (const v of yTicks(c.min, c.max)) {
    doc.moveTo(left, py(v)).lineTo(left + plotW, py(v)).lineWidth(0.4).strokeColor('#e0e0e0').stroke();
    doc.text(String(v), x0, py(v) - 3.5, { width: 26, align: 'right', lineBreak: false, height: 9 });
  }
  doc.moveTo(left, axisY).lineTo(left + plotW, axisY).lineWidth(0.6).strokeColor('#555').stroke();
  c.labels.forEach((l, i) => {
    w.font(i === c.current ? 'Bold' : 'Sans', 6.8, COLOURS.ink);
    const a = xAnchor(i, c.labels.length);
    const x = a === 'start' ? px(i) : a === 'end' ? px(i) - 80 : px(i) - 40;
    doc.text(w.clean(l, 'Sans'), x, axisY + 4, { width: 80, align: a === 'start' ? 'left' : a === 'end' ? 'right' : 'center', lineBreak: false, height: 9 });
  });
  for (const s of c.series) {
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      if (pen) doc.lineTo(px(i), py(v));
      else doc.moveTo(px(i), py(v));
      pen = true;
    });
    doc.lineWidth(1.4).strokeColor(s.colour).stroke();
    s.values.forEach((v, i) => {
      if (v === null) return;
      if (i === c.current) doc.circle(px(i), py(v), 3.2).lineWidth(1.4).fillAndStroke('#ffffff', s.colour);
      else doc.circle(px(i), py(v), 2.2).fill(s.colour);
    });
  }
  let lx = left;
  let ly = axisY + 18;
  w.font('Sans', 7, COLOURS.ink);
  for (const s of c.series) {
    const label = w.clean(s.label, 'Sans');
    const lw = doc.widthOfString(label) + 28;
    if (lx + lw > x0 + w.width) {
      lx = left;
      ly += 11;
    }
    doc.rect(lx, ly + 3, 12, 2.5).fill(s.colour);
    w.font('Sans', 7, COLOURS.ink);
    doc.text(label, lx + 16, ly, { lineBreak: false, width: lw, height: 9 });
    lx += lw;
  }
  doc.x = x0;
  doc.y = ly + 16;
}
