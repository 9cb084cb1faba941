/**
 * The fleet pack as PDF (pdfkit, embedded DejaVu fonts, page X of Y): the summary (hosts × scores,
 * virtualization and storage per host, not-collected hosts with the reason, the transfer register,
 * the collection service), then one part per host: its node, section counts, and every control that
 * did not pass with the number of targets (the host's own pack, in its folder, lists every finding).
 */
import PDFDocument from 'pdfkit';
import { findFonts } from '../pdf/fonts';
import type { FleetSummary } from '../../findings/fleet';
import type { Outcome } from '../../findings/types';
import { TOOL_VERSION } from '../../version';
import { controlTitle, hostPart, LISTED, ownPack, type FleetRenderInput } from './model';
import { FleetText } from './text';

const COLOUR: Partial<Record<Outcome, string>> = { fail: '#b42318', error: '#b42318', warn: '#9a6700', manual: '#9a6700', pass: '#1a7f37' };
const MUTED = '#57606a';

type Doc = PDFKit.PDFDocument;

function table(doc: Doc, headers: string[], widths: number[], rows: string[][], colours?: (r: number, c: number) => string | undefined, headerSize = 7.5): void {
  const left = doc.page.margins.left;
  const size = 7.5;
  /** A row's height; leaves the row's font set. */
  const height = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Bold' : 'Sans').fontSize(bold ? headerSize : size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 4 }))) + 4;
  };
  const drawRow = (cells: string[], bold: boolean, rowIndex: number) => {
    const h = height(cells, bold);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) {
        drawRow(headers, true, -1);
        // The repeated header left its bold font set: the row that follows is body text again.
        doc.font('Sans').fontSize(size);
      }
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.fillColor((rowIndex >= 0 && colours?.(rowIndex, i)) || '#1b1f24');
      doc.text(c || ' ', x + 2, y + 2, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.moveTo(left, y + h).lineTo(left + widths.reduce((a, b) => a + b, 0), y + h).lineWidth(0.3).strokeColor('#d0d7de').stroke();
    doc.x = left;
    doc.y = y + h;
  };
  // The header never stands alone at the foot of a page: it moves on with its first row (and heading).
  flushHeading(doc, height(headers, true) + (rows.length ? height(rows[0], false) : 0));
  drawRow(headers, true, -1);
  rows.forEach((r, i) => drawRow(r, false, i));
  doc.fillColor('#1b1f24');
  doc.moveDown(0.5);
}

/**
 * A heading is drawn with the block that follows it (keepWithNext): when the heading and that block's
 * first part (a table's header and first row, a paragraph) do not fit, both start on the next page.
 */
const pendingHeading = new WeakMap<Doc, { text: string; size: number }>();

function heading(doc: Doc, text: string, size = 13): void {
  flushHeading(doc, 0);
  pendingHeading.set(doc, { text, size });
}

function flushHeading(doc: Doc, need: number): void {
  const h = pendingHeading.get(doc);
  const limit = doc.page.height - doc.page.margins.bottom;
  if (!h) {
    if (need && doc.y + need > limit) doc.addPage();
    return;
  }
  pendingHeading.delete(doc);
  doc.font('Bold').fontSize(h.size);
  const titleH = doc.currentLineHeight(true) * 1.6 + doc.heightOfString(h.text, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  if (doc.y + titleH + need > limit) doc.addPage();
  doc.moveDown(0.4).font('Bold').fontSize(h.size).fillColor('#1b1f24').text(h.text, doc.page.margins.left);
  doc.moveDown(0.2);
}

function para(doc: Doc, text: string, colour = '#1b1f24'): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('Sans').fontSize(8.5);
  flushHeading(doc, Math.min(doc.heightOfString(text, { width }), 40));
  doc.font('Sans').fontSize(8.5).fillColor(colour).text(text, doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.3);
}

export async function renderFleetPdf(input: FleetRenderInput): Promise<Buffer> {
  const s: FleetSummary = input.summary;
  const ft = new FleetText(input.lang);
  const t = ft.t;
  const docs = input.hosts.map((h) => h.findings);
  const fonts = findFonts();
  const title = t('fleet.title', { hosts: ft.int(s.totals.hosts) });
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: 50, bottom: 50, left: 40, right: 40 }, bufferPages: true, pdfVersion: '1.7', lang: ft.locale, info: { Title: title, Creator: 'residency-audit', Producer: 'residency-audit (pdfkit)', CreationDate: new Date(s.evaluatedAt) } });
  doc.registerFont('Sans', fonts.sans);
  doc.registerFont('Bold', fonts.bold);
  doc.registerFont('Mono', fonts.mono);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const W = doc.page.width - 80;

  doc.font('Bold').fontSize(18).text(title);
  para(doc, t('fleet.intro', {
    collected: t('fleet.collectedCount', { n: ft.int(s.totals.collected) }),
    notCollected: t('fleet.notCollectedCount', { n: ft.int(s.totals.notCollected) }),
    collectedAt: ft.when(s.collectedAt),
    mode: t(s.mode !== 'swarm' ? 'fleet.mode.inventory' : s.collector.service?.mode === 'global' ? 'fleet.mode.swarmGlobal' : 'fleet.mode.swarm'),
    evaluatedAt: ft.when(s.evaluatedAt),
    version: TOOL_VERSION,
    totals: ft.counts(s.totals.counts),
  }));
  para(doc, `${t('fleet.scoresNote')} ${t('fleet.ownPacks')}`, MUTED);

  heading(doc, t('fleet.hosts'));
  const hostRows = s.hosts.map((h) => {
    if (h.status !== 'collected') return [h.name, `${t('fleet.host.notCollectedCaps')}: ${h.reason ?? t('fleet.noReason')}`, '', '', '', '', ''];
    const virt = `${ft.virt(h.virt)}${!h.virt.notAssessed && h.virt.kernel ? `; ${t('fleet.kernel', { kernel: ft.kernel(h.virt.kernel) })}` : ''}`;
    return [`${h.name}${h.scope === 'engine-api-only' ? ` (${t('fleet.engineApiOnly')})` : ''}${h.node ? `\n${h.node.role}, ${h.node.address ?? ''}, Docker ${h.node.engineVersion ?? '?'}` : ''}`, ft.counts(h.counts), ft.score(h.scores.cis), ft.score(h.scores.residency), ft.score(h.scores.network), virt, ft.storage(h.storage)];
  });
  table(doc, [t('fleet.col.host'), t('fleet.col.findings'), 'CIS', t('fleet.col.residency'), t('fleet.col.network'), t('fleet.col.virt'), t('fleet.col.storage')], [W * 0.15, W * 0.2, W * 0.05, W * 0.1, W * 0.07, W * 0.25, W * 0.18], hostRows, (r, c) => (c === 1 && s.hosts[r].status !== 'collected' ? COLOUR.fail : undefined));

  const used = s.sections.filter((sec) => s.hosts.some((h) => h.sections[sec]));
  const triple = (['fail', 'warn', 'pass'] as const).map((o) => ft.outcome(o)).join('/');
  heading(doc, t('fleet.sections.pdf', { outcomes: triple }));
  table(
    doc,
    [t('fleet.col.host'), ...used.map((sec) => ft.section(sec))],
    [W * 0.12, ...used.map(() => (W * 0.88) / Math.max(1, used.length))],
    s.hosts.map((h) => [h.name, ...used.map((sec) => {
      const c = h.sections[sec];
      return c ? `${ft.int(c.counts.fail ?? 0)}/${ft.int(c.counts.warn ?? 0)}/${ft.int(c.counts.pass ?? 0)}\n${ft.score(c.score)}` : '–';
    })]),
    undefined,
    // Eleven section names side by side: a smaller header keeps each on one line.
    6.5,
  );

  heading(doc, t('fleet.transfers'));
  if (!s.transfers.length) para(doc, t('fleet.transfers.none'), MUTED);
  else table(doc, [t('fleet.col.destination'), t('fleet.col.country'), t('fleet.col.jurisdiction'), t('fleet.col.basis'), t('fleet.col.outcome'), t('fleet.col.sendingHosts')], [W * 0.22, W * 0.06, W * 0.12, W * 0.13, W * 0.08, W * 0.39], s.transfers.map((x) => [x.destination, x.country ?? '?', ft.jurisdiction(x.jurisdiction), x.transferBasis ?? '–', ft.outcome(x.outcome), x.hosts.map((h) => `${h.host} (${ft.outcome(h.outcome)}): ${h.foundIn.join('; ')}`).join('\n')]), (r, c) => (c === 4 ? COLOUR[s.transfers[r].outcome] : undefined));

  heading(doc, t('fleet.collection'));
  const svc = s.collector.service;
  if (!svc) para(doc, t('fleet.inventory'));
  else {
    para(doc, t('fleet.service', { name: svc.name, mode: svc.mode, image: svc.image, api: svc.apiVersion ?? '?', removed: svc.removed ? t('fleet.service.removed') : t('fleet.service.notRemoved', { error: svc.removeError ?? '' }), args: svc.args.join(' ') }));
    table(doc, [t('fleet.col.setting'), t('fleet.col.stored'), t('fleet.col.inForce')], [W * 0.25, W * 0.3, W * 0.45], svc.settings.map((x) => [ft.setting(x.key), JSON.stringify(x.value), x.applied ? t('fleet.yes') : x.note ? t('fleet.noBecause', { note: x.note }) : t('fleet.no')]), (r, c) => (c === 2 ? (svc.settings[r].applied ? COLOUR.pass : COLOUR.fail) : undefined));
    if (s.collector.checks.length) {
      heading(doc, t('fleet.service.checks'), 11);
      table(doc, [t('fleet.col.control'), t('fleet.col.check'), t('fleet.col.outcomePerHost')], [W * 0.1, W * 0.45, W * 0.45], s.collector.checks.map((c) => [c.control, controlTitle(docs, c.control, input.lang, c.title), c.outcomes.map((o) => `${o.host}: ${ft.outcome(o.outcome)}`).join(', ')]));
    }
  }

  for (const h of s.hosts) {
    flushHeading(doc, 0);
    doc.addPage();
    doc.font('Bold').fontSize(15).fillColor('#1b1f24').text(t('fleet.host', { name: h.name }));
    if (h.status !== 'collected') {
      para(doc, t('fleet.host.notCollected', { reason: h.reason ?? t('fleet.noReason') }), COLOUR.fail);
      continue;
    }
    const node = h.node ? t('fleet.host.node', { role: h.node.role, address: h.node.address ?? '', version: h.node.engineVersion ?? '?', availability: h.node.availability, state: h.node.state }) : '';
    const scope = h.scope === 'engine-api-only' ? t('fleet.host.engineApiOnly') : '';
    const pack = ownPack(input, h);
    const own = t('fleet.ownPack', { files: `hosts/${pack?.pdf ?? pack?.findings ?? ''}` });
    para(doc, [node, scope, t('fleet.findings', { counts: ft.counts(h.counts) }), own].filter(Boolean).join(' '));
    if (h.gaps.length) para(doc, t('fleet.gaps', { list: h.gaps.map((g) => ft.gap(g)).join('; ') }), MUTED);
    const doc2 = input.hosts.find((x) => x.folder === h.folder)?.findings;
    if (!doc2) continue;
    const part = hostPart(h.folder, doc2, input.lang);
    const problems = part.controls.filter((c) => [...LISTED].some((o) => c.counts[o]));
    heading(doc, t('fleet.host.notPassing', { n: ft.int(problems.length), total: ft.int(part.controls.length) }), 11);
    const FIRST = 5;
    table(doc, [t('fleet.col.control'), t('fleet.col.title'), t('fleet.col.severity'), t('fleet.col.outcomes'), t('fleet.col.targetsFirst', { n: FIRST })], [W * 0.09, W * 0.3, W * 0.07, W * 0.18, W * 0.36], problems.map((c) => [c.control, c.title, ft.severity(c.severity), ft.counts(c.counts), c.targets.slice(0, FIRST).map((x) => `${x[0]} (${ft.outcome(x[1])})`).join(', ') + (c.targets.length > FIRST ? `, ${t('fleet.moreTargets', { n: ft.int(c.targets.length - FIRST) })}` : '')]));
  }

  flushHeading(doc, 0);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Sans').fontSize(7).fillColor(MUTED).text(t('fleet.pdf.footer', { version: TOOL_VERSION, page: ft.int(i + 1), pages: ft.int(range.count) }), 40, doc.page.height - 30, { width: W, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
