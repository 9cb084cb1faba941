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
import { hostPart, LISTED, type FleetRenderInput } from './model';

const COLOUR: Partial<Record<Outcome, string>> = { fail: '#b42318', error: '#b42318', warn: '#9a6700', manual: '#9a6700', pass: '#1a7f37' };
const MUTED = '#57606a';

type Doc = PDFKit.PDFDocument;

function table(doc: Doc, headers: string[], widths: number[], rows: string[][], colours?: (r: number, c: number) => string | undefined): void {
  const left = doc.page.margins.left;
  const size = 7.5;
  const drawRow = (cells: string[], bold: boolean, rowIndex: number) => {
    doc.font(bold ? 'Bold' : 'Sans').fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 4 }))) + 4;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) drawRow(headers, true, -1);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.fillColor((rowIndex >= 0 && colours?.(rowIndex, i)) || (bold ? '#1b1f24' : '#1b1f24'));
      doc.text(c || ' ', x + 2, y + 2, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.moveTo(left, y + h).lineTo(left + widths.reduce((a, b) => a + b, 0), y + h).lineWidth(0.3).strokeColor('#d0d7de').stroke();
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(headers, true, -1);
  rows.forEach((r, i) => drawRow(r, false, i));
  doc.fillColor('#1b1f24');
  doc.moveDown(0.5);
}

function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.4).font('Bold').fontSize(size).fillColor('#1b1f24').text(text, doc.page.margins.left);
  doc.moveDown(0.2);
}

function para(doc: Doc, text: string, colour = '#1b1f24'): void {
  doc.font('Sans').fontSize(8.5).fillColor(colour).text(text, doc.page.margins.left, doc.y, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  doc.moveDown(0.3);
}

function counts(c: Partial<Record<Outcome, number>> | null | undefined): string {
  if (!c) return '–';
  return (['fail', 'error', 'warn', 'manual', 'pass'] as Outcome[]).filter((o) => c[o]).map((o) => `${o} ${c[o]}`).join(', ') || 'none';
}

function num(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : String(v);
}

export async function renderFleetPdf(input: FleetRenderInput): Promise<Buffer> {
  const s: FleetSummary = input.summary;
  const fonts = findFonts();
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: 50, bottom: 50, left: 40, right: 40 }, bufferPages: true, pdfVersion: '1.7', lang: input.lang === 'nb' ? 'nb-NO' : 'en-GB', info: { Title: `Fleet audit pack: ${s.totals.hosts} hosts`, Creator: 'residency-audit', Producer: 'residency-audit (pdfkit)', CreationDate: new Date(s.evaluatedAt) } });
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

  doc.font('Bold').fontSize(18).text(`Fleet audit pack: ${s.totals.hosts} hosts`);
  para(doc, `${s.totals.collected} collected, ${s.totals.notCollected} not collected. Collected ${s.collectedAt} (${s.mode === 'swarm' ? 'Docker Swarm global job' : 'inventory, over each Engine API'}); evaluated ${s.evaluatedAt} by residency-audit ${TOOL_VERSION}. Findings over all hosts: ${counts(s.totals.counts)}.`);
  para(doc, 'Scores are per framework and never blended: CIS (container hardening) and GDPR Chapter V (residency) are separate columns. Each host\'s own complete pack is in its folder under hosts/.', MUTED);

  heading(doc, 'Hosts');
  const hostRows = s.hosts.map((h) => {
    if (h.status !== 'collected') return [h.name, 'NOT COLLECTED', h.reason ?? '', '', '', '', ''];
    const virt = h.virt.notAssessed ?? `${h.virt.verdict ?? ''}${h.virt.kernel ? `; kernel ${h.virt.kernel}` : ''}`;
    const storage = h.storage.notAssessed ?? h.storage.label ?? '';
    return [`${h.name}${h.scope === 'engine-api-only' ? ' (engine API only)' : ''}${h.node ? `\n${h.node.role}, ${h.node.address ?? ''}, Docker ${h.node.engineVersion ?? '?'}` : ''}`, counts(h.counts), num(h.scores.cis), num(h.scores.residency), num(h.scores.network), virt, storage];
  });
  table(doc, ['host', 'findings', 'CIS', 'residency', 'network', 'virtualization', 'storage class'], [W * 0.16, W * 0.2, W * 0.05, W * 0.07, W * 0.06, W * 0.28, W * 0.18], hostRows, (r, c) => (c === 1 && s.hosts[r].status !== 'collected' ? COLOUR.fail : undefined));

  const used = s.sections.filter((sec) => s.hosts.some((h) => h.sections[sec]));
  heading(doc, 'Hosts × sections (fail/warn/pass, score)');
  table(
    doc,
    ['host', ...used],
    [W * 0.16, ...used.map(() => (W * 0.84) / Math.max(1, used.length))],
    s.hosts.map((h) => [h.name, ...used.map((sec) => {
      const c = h.sections[sec];
      return c ? `${c.counts.fail ?? 0}/${c.counts.warn ?? 0}/${c.counts.pass ?? 0}\n${num(c.score)}` : '–';
    })]),
  );

  heading(doc, 'Transfer register (fleet-wide)');
  if (!s.transfers.length) para(doc, 'No endpoint outside the hosts themselves was found on any collected host.', MUTED);
  else table(doc, ['destination', 'country', 'jurisdiction', 'basis', 'outcome', 'hosts (where found)'], [W * 0.22, W * 0.06, W * 0.12, W * 0.12, W * 0.07, W * 0.41], s.transfers.map((t) => [t.destination, t.country ?? '?', t.jurisdiction, t.transferBasis ?? '–', t.outcome, t.hosts.map((h) => `${h.host} (${h.outcome}): ${h.foundIn.join('; ')}`).join('\n')]), (r, c) => (c === 4 ? COLOUR[s.transfers[r].outcome] : undefined));

  heading(doc, 'Collection');
  const svc = s.collector.service;
  if (!svc) para(doc, 'Collected over the Engine API of each host (inventory): no collection service ran.');
  else {
    para(doc, `Service ${svc.name} (${svc.mode}, image ${svc.image}, engine API ${svc.apiVersion ?? '?'}), ${svc.removed ? 'removed after the run' : `NOT removed: ${svc.removeError ?? ''}`}. Each task ran: ${svc.args.join(' ')}`);
    table(doc, ['setting', 'as the engine stored it', 'in force'], [W * 0.25, W * 0.3, W * 0.45], svc.settings.map((x) => [x.key, JSON.stringify(x.value), x.applied ? 'yes' : `no${x.note ? `: ${x.note}` : ''}`]), (r, c) => (c === 2 ? (svc.settings[r].applied ? COLOUR.pass : COLOUR.fail) : undefined));
    if (s.collector.checks.length) {
      heading(doc, "Our container checks on the collection task's own container", 11);
      table(doc, ['control', 'check', 'outcome per host'], [W * 0.1, W * 0.45, W * 0.45], s.collector.checks.map((c) => [c.control, c.title, c.outcomes.map((o) => `${o.host}: ${o.outcome}`).join(', ')]));
    }
  }

  for (const h of s.hosts) {
    doc.addPage();
    doc.font('Bold').fontSize(15).fillColor('#1b1f24').text(`Host ${h.name}`);
    if (h.status !== 'collected') {
      para(doc, `Not collected: ${h.reason ?? 'no reason recorded'}`, COLOUR.fail);
      continue;
    }
    para(doc, `${h.node ? `Swarm ${h.node.role}, ${h.node.address ?? ''}, Docker ${h.node.engineVersion ?? '?'}, ${h.node.availability}/${h.node.state}. ` : ''}${h.scope === 'engine-api-only' ? 'Engine API only: host, virtualization and storage evidence not assessed. ' : ''}Findings: ${counts(h.counts)}. Own pack: hosts/${h.pack?.pdf ?? h.pack?.findings ?? ''}.`);
    if (h.gaps.length) para(doc, `Gaps: ${h.gaps.map((g) => `${g.collector} ${g.status} (${g.reason})`).join('; ')}`, MUTED);
    const doc2 = input.hosts.find((x) => x.folder === h.folder)?.findings;
    if (!doc2) continue;
    const part = hostPart(h.folder, doc2, input.lang);
    const problems = part.controls.filter((c) => [...LISTED].some((o) => c.counts[o]));
    heading(doc, `Controls not passing (${problems.length} of ${part.controls.length})`, 11);
    table(doc, ['control', 'title', 'severity', 'outcomes', 'targets (first 5)'], [W * 0.09, W * 0.3, W * 0.07, W * 0.18, W * 0.36], problems.map((c) => [c.control, c.title, c.severity, counts(c.counts), c.targets.slice(0, 5).map((t) => `${t[0]} (${t[1]})`).join(', ') + (c.targets.length > 5 ? `, … ${c.targets.length - 5} more` : '')]));
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Sans').fontSize(7).fillColor(MUTED).text(`residency-audit ${TOOL_VERSION} fleet pack · page ${i + 1} of ${range.count}`, 40, doc.page.height - 30, { width: W, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
