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
  const L = layoutDiagram(d, w.width, heads, { scale: 0.5, charW: 3.4, compact: true });
  w.ensure(L.height + 8);
  const x0 = w.left;
  const y0 = doc.y;
  w.tagged(
    'Figure',
    () => {
      w.font('Bold', L.titleX ? 7.4 : 9, COLOURS.ink);
      // Beside the interfaces (compact) the host's name says it: the part is about that host.
      doc.text(w.clean(L.titleX ? d.host : d.title, 'Bold'), x0 + L.titleX, y0 + L.titleY - (L.titleX ? 7 : 9), { width: w.width - L.titleX, lineBreak: false, height: 11, ellipsis: true });
      for (const l of L.lines) {
        doc.moveTo(x0 + l.x1, y0 + l.y1).lineTo(x0 + l.x2, y0 + l.y2).lineWidth(1.3).strokeColor(l.colour);
        if (l.dashed) doc.dash(3, { space: 2 });
        doc.stroke().undash();
      }
      for (const b of L.boxes) {
        doc.roundedRect(x0 + b.x, y0 + b.y, b.w, b.h, 2.5).lineWidth(1).fillAndStroke(b.fill, b.stroke);
        // One line per box: the name in bold, then class and addresses (cut with … at the box's edge).
        const cut = b.title.indexOf(' · ');
        const name = w.clean(cut > 0 ? b.title.slice(0, cut) : b.title, 'Bold');
        const rest = w.clean(cut > 0 ? b.title.slice(cut) : '', 'Sans');
        const ty = y0 + b.y + (b.h - 7) / 2;
        w.font('Bold', 6.7, COLOURS.ink);
        doc.text(name, x0 + b.x + 4, ty, { width: b.w - 8, lineBreak: false, height: 9, ellipsis: true });
        const nameW = Math.min(doc.widthOfString(name), b.w - 8);
        w.font('Sans', 6.2, '#444444');
        if (rest && nameW < b.w - 20) doc.text(rest, x0 + b.x + 4 + nameW, ty + 0.4, { width: b.w - 8 - nameW, lineBreak: false, height: 9, ellipsis: true });
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
  doc.y = y0 + L.height + 2;
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
    // The diagram's title and the table's own header say what it is: no heading of its own in the PDF.
    w.table(
      [
        { header: `${t('network.col.port')} · ${t('network.col.container')}`, width: 0.19 },
        { header: t('network.col.reachable'), width: 0.31 },
        { header: t('network.col.why'), width: 0.41 },
        { header: t('network.col.result'), width: 0.09 },
      ],
      v.rows.map((r) => ({
        // Port and container in one cell: `9000/tcp admin-tools`, the binding under it.
        cells: [`${r.port} ${r.container}${r.bindings ? `\n${r.bindings}` : ''}`, r.reachable.join('\n'), r.why.join('\n'), { text: r.intended ? `${r.outcomeLabel}\n${t('network.intendedShort')}` : r.outcomeLabel, colour: OUTCOME_COLOURS[r.outcome], font: 'Bold' }],
      })),
      { size: 5.9, detailSize: 5.6, pad: 1.6 },
    );
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
  }
}
