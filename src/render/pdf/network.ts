/**
 * The "Network exposure" part in the PDF: the host diagram as vectors (same layout as the HTML's
 * SVG), the table port → container → reachable from → why, and the firewall rules Docker bypasses
 * with their DOCKER-USER fix. The part's findings follow as blocks and a pass table (pdf/index.ts).
 */
import { OUTCOME_COLOURS } from '../charts/spec';
import { layoutDiagram } from '../charts/network-diagram';
import type { PackModel } from '../model';
import type { NetworkDiagram, NetworkView } from '../views/network';
import { COLOURS, type PdfWriter } from './writer';

function diagram(w: PdfWriter, d: NetworkDiagram, heads: { left: string; right: string }): void {
  const doc = w.doc;
  const L = layoutDiagram(d, w.width, heads, 0.55, 3.4);
  w.ensure(L.height + 8);
  const x0 = w.left;
  const y0 = doc.y;
  w.tagged(
    'Figure',
    () => {
      w.font('Bold', 9, COLOURS.ink);
      doc.text(w.clean(d.title, 'Bold'), x0, y0 + L.titleY - 9, { width: w.width, lineBreak: false, height: 11 });
      const right = L.boxes.find((b) => b.x > 0)?.x ?? w.width * 0.66;
      w.font('Sans', 6.8, COLOURS.muted);
      doc.text(w.clean(L.heads.left, 'Sans'), x0, y0 + L.headY - 7, { width: w.width / 2, lineBreak: false, height: 9 });
      doc.text(w.clean(L.heads.right, 'Sans'), x0 + right, y0 + L.headY - 7, { width: w.width / 2, lineBreak: false, height: 9 });
      for (const l of L.lines) {
        doc.moveTo(x0 + l.x1, y0 + l.y1).lineTo(x0 + l.x2, y0 + l.y2).lineWidth(1.3).strokeColor(l.colour);
        if (l.dashed) doc.dash(3, { space: 2 });
        doc.stroke().undash();
      }
      for (const b of L.boxes) {
        doc.roundedRect(x0 + b.x, y0 + b.y, b.w, b.h, 2.5).lineWidth(1).fillAndStroke(b.fill, b.stroke);
        w.font('Bold', 6.9, COLOURS.ink);
        doc.text(w.clean(b.title, 'Bold'), x0 + b.x + 5, y0 + b.y + 1.6, { width: b.w - 8, lineBreak: false, height: 9, ellipsis: true });
        w.font('Sans', 6, '#444444');
        doc.text(w.clean(b.sub, 'Sans'), x0 + b.x + 5, y0 + b.y + 9.4, { width: b.w - 8, lineBreak: false, height: 8, ellipsis: true });
      }
      for (const g of L.legend) {
        doc.moveTo(x0 + g.x, y0 + g.y + 4).lineTo(x0 + g.x + 18, y0 + g.y + 4).lineWidth(2).strokeColor(g.colour);
        if (g.dashed) doc.dash(3, { space: 2 });
        doc.stroke().undash();
        w.font('Sans', 6.6, COLOURS.ink);
        doc.text(w.clean(g.label, 'Sans'), x0 + g.x + 22, y0 + g.y, { lineBreak: false, height: 9 });
      }
    },
    { alt: d.alt },
  );
  doc.x = x0;
  doc.y = y0 + L.height + 4;
}

export function networkSection(w: PdfWriter, m: PackModel, v: NetworkView): void {
  const t = m.t;
  if (v.notAssessed) {
    w.paragraph(t('part.notAssessed', { reason: v.notAssessed }), { size: 8.5, colour: OUTCOME_COLOURS.warn, font: 'Bold' });
    return;
  }
  for (const d of v.diagrams) diagram(w, d, { left: t('network.diagram.left'), right: t('network.diagram.right') });
  if (v.empty) w.paragraph(v.empty, { size: 8.5 });
  if (v.rows.length) {
    w.heading(3, t('network.ports'), 'network-ports', { toc: false, keep: 60 });
    w.table(
      [
        { header: t('network.col.port'), width: 0.08, font: 'Mono' },
        { header: t('network.col.container'), width: 0.15 },
        { header: t('network.col.reachable'), width: 0.28 },
        { header: t('network.col.why'), width: 0.36 },
        { header: t('network.col.result'), width: 0.13 },
      ],
      v.rows.map((r) => ({
        cells: [r.port, r.bindings ? `${r.container}\n${r.bindings}` : r.container, r.reachable.join('\n'), [...r.why, ...r.notes].join('\n'), { text: r.intended ? `${r.outcomeLabel}\n${t('network.intended')}` : r.outcomeLabel, colour: OUTCOME_COLOURS[r.outcome], font: 'Bold' }],
      })),
      { size: 6.3, detailSize: 5.6 },
    );
    if (v.rows.some((r) => r.why.some((x) => x.includes('*')))) w.paragraph(t('network.predicted'), { size: 6.4, colour: COLOURS.muted, gap: 2 });
  }
  if (v.omitted) w.paragraph(v.omitted, { size: 7, colour: COLOURS.muted });
  if (v.bypass.length) {
    w.heading(3, t('network.bypass.title'), 'network-bypass', { toc: false, keep: 80 });
    w.paragraph(t('network.bypass.intro'), { size: 7.6 });
    for (const b of v.bypass) {
      w.labelledColour(`${b.outcomeLabel.toUpperCase()}: `, `${b.container} ${b.port} · ${b.id}`, 7.4, OUTCOME_COLOURS[b.outcome]);
      for (const r of b.inputRules) w.paragraph(r, { size: 6.6, font: 'Mono', gap: 1 });
      w.paragraph(`${t('network.bypass.fix')}:`, { size: 7, font: 'Bold', gap: 1 });
      w.code(b.fix.join('\n'), 6.4);
    }
  } else if (v.bypassNone) {
    w.paragraph(v.bypassNone, { size: 7.6 });
  }
}
