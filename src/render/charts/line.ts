/**
 * A line chart as inline SVG (the score trend of "Since the last audit"): one line per series over
 * the audits, oldest first, this run's point ringed. Presentation attributes only, labels escaped,
 * like the other charts of src/render/charts/svg.ts.
 */
import type { LineChart } from './spec';
import { escapeXml } from './svg';

const W = 720;
const LEFT = 44;
const RIGHT = 24;
const TOP = 28;
const PLOT_H = 170;

/** Where point i of n sits between 0 and 1 (a single point in the middle). */
export function xShare(i: number, n: number): number {
  return n <= 1 ? 0.5 : i / (n - 1);
}

/** Ticks of the y axis between min and max: steps of 25, 10, 5 or 2 for about four to six ticks. */
export function yTicks(min: number, max: number): number[] {
  const span = max - min;
  const step = span > 60 ? 25 : span > 25 ? 10 : span > 10 ? 5 : 2;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) out.push(v);
  return out;
}

/** Share 0..1 of a value between min and max (clamped). */
export function yShare(v: number, min: number, max: number): number {
  return max > min ? (Math.min(Math.max(v, min), max) - min) / (max - min) : 0.5;
}

/** Text anchor of an x label: the first and last align with the plot's edges, so they never run off it. */
export function xAnchor(i: number, n: number): 'start' | 'middle' | 'end' {
  return n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
}

export function lineSvg(c: LineChart): string {
  const plotW = W - LEFT - RIGHT;
  const axisY = TOP + PLOT_H;
  const legendY = axisY + 34;
  const h = legendY + 20;
  const px = (i: number) => LEFT + xShare(i, c.labels.length) * plotW;
  const py = (v: number) => axisY - yShare(v, c.min, c.max) * PLOT_H;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="${escapeXml(c.title)}">`);
  out.push(`<title>${escapeXml(c.title)}</title>`);
  out.push(`<text x="0" y="14" font-size="13" font-weight="bold" fill="#222">${escapeXml(c.title)}</text>`);
  for (const v of yTicks(c.min, c.max)) {
    out.push(`<line x1="${LEFT}" y1="${py(v).toFixed(1)}" x2="${LEFT + plotW}" y2="${py(v).toFixed(1)}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${LEFT - 6}" y="${(py(v) + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#333">${v}</text>`);
  }
  out.push(`<line x1="${LEFT}" y1="${axisY}" x2="${LEFT + plotW}" y2="${axisY}" stroke="#555"/>`);
  c.labels.forEach((l, i) => {
    const bold = i === c.current ? ' font-weight="bold"' : '';
    out.push(`<text x="${px(i).toFixed(1)}" y="${axisY + 16}" font-size="10" text-anchor="${xAnchor(i, c.labels.length)}"${bold} fill="#333">${escapeXml(l)}</text>`);
  });
  for (const s of c.series) {
    // A missing value breaks the line: the framework was not scored in that audit.
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(i).toFixed(1)} ${py(v).toFixed(1)} `;
      pen = true;
    });
    if (d) out.push(`<path d="${d.trim()}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      if (v === null) return;
      const r = i === c.current ? 5 : 3.5;
      out.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(v).toFixed(1)}" r="${r}" fill="${i === c.current ? '#fff' : s.colour}" stroke="${s.colour}" stroke-width="2"><title>${escapeXml(`${s.label} ${c.labels[i]}: ${v}`)}</title></circle>`);
    });
  }
  let lx = LEFT;
  for (const s of c.series) {
    out.push(`<rect x="${lx}" y="${legendY}" width="14" height="3" fill="${s.colour}"/><text x="${lx + 18}" y="${legendY + 5}" font-size="11" fill="#333">${escapeXml(s.label)}</text>`);
    lx += 30 + s.label.length * 6.2;
  }
  out.push('</svg>');
  return out.join('');
}
