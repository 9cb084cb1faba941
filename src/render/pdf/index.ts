/**
 * The PDF pack (pdfkit): cover, table of contents with page numbers, scope and method, executive
 * summary, the four parts, exceptions register and appendix; running header, "page X of Y" footer,
 * PDF outline and metadata. Same model and order as the HTML pack.
 *
 * At scale the PDF stays readable by grouping a control's findings that share outcome, observed,
 * expected and fix into one row naming all their targets; passing targets beyond a few dozen are
 * counted, not listed (the HTML and findings.json list every one).
 */
import { formatInt } from '../../i18n';
import { TOOL_VERSION } from '../../version';
import { OUTCOME_COLOURS } from '../charts/spec';
import type { ControlView, FindingGroup, FindingView, PackModel, PartView } from '../model';
import type { ResidencyView } from '../views/residency';
import { drawChart } from './charts';
import { findFonts } from './fonts';
import { COLOURS, PdfWriter, type TableRow } from './writer';

/** Targets listed inside a table cell; longer non-pass lists follow the table in full. */
const CELL_TARGETS = 40;
/** Passing targets named per group before "and N more". */
const PASS_TARGETS = 30;
/** A control with more groups than this gets its passing groups merged into one row. */
const MAX_GROUPS = 60;

function cover(w: PdfWriter, m: PackModel): void {
  const doc = w.doc;
  w.addPage();
  doc.rect(0, 0, doc.page.width, 150).fill(COLOURS.accent);
  w.font('Sans', 10, '#cfd8ea');
  doc.text(w.clean(m.subtitle.toUpperCase(), 'Sans'), w.left, 62, { width: w.width, characterSpacing: 1.5 });
  w.font('Bold', 22, '#ffffff');
  doc.text(w.clean(m.title, 'Bold'), w.left, 82, { width: w.width });
  doc.y = 180;
  if (m.organisation) {
    w.font('Bold', 16, COLOURS.ink);
    doc.text(w.clean(m.organisation, 'Bold'), w.left, doc.y, { width: w.width });
    doc.y += 14;
  }
  const labelW = 150;
  for (const row of m.cover) {
    w.font('Bold', 9.5);
    const y = doc.y;
    doc.text(w.clean(row.label, 'Bold'), w.left, y, { width: labelW - 8 });
    const yl = doc.y;
    w.font('Sans', 9.5);
    doc.text(w.clean(row.value, 'Sans'), w.left + labelW, y, { width: w.width - labelW });
    doc.y = Math.max(yl, doc.y) + 5;
  }
  doc.y += 20;
  w.paragraph(m.t('pack.confidential'), { size: 8.5, colour: COLOURS.muted });
  w.paragraph(m.t('pack.generatedBy', { tool: 'residency-audit', version: TOOL_VERSION }), { size: 8.5, colour: COLOURS.muted });
}

function scope(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('scope.title'));
  w.heading(1, t('scope.title'), 'scope', { newPage: true });
  w.paragraph(m.scope.intro);
  w.paragraph(m.scope.preparedBy);
  w.heading(3, t('scope.collectors'), 'scope-collectors');
  w.table(
    [
      { header: t('scope.col.collector'), width: 0.13 },
      { header: t('scope.col.version'), width: 0.08 },
      { header: t('scope.col.status'), width: 0.09 },
      { header: t('scope.col.window'), width: 0.15 },
      { header: t('scope.col.method'), width: 0.35 },
      { header: t('scope.col.privileges'), width: 0.2 },
    ],
    m.scope.collectors.map((c) => [c.label, c.version, { text: c.status, colour: c.statusKey === 'ok' ? OUTCOME_COLOURS.pass : c.statusKey === 'failed' ? OUTCOME_COLOURS.fail : OUTCOME_COLOURS.warn }, c.window, c.error ? `${c.method}\n${c.error}` : c.method, c.privileges]),
  );
  const warnings = m.scope.collectors.flatMap((c) => c.warnings.map((x) => `${c.label}: ${x}`));
  if (warnings.length) {
    w.heading(3, t('scope.warnings'), 'scope-warnings');
    w.bullets(warnings.slice(0, 60));
  }
  w.heading(3, t('scope.notAssessed'), 'scope-not-assessed');
  w.bullets(m.scope.notAssessed);
}

function box(w: PdfWriter, title: string, text: string, colour: string): void {
  const doc = w.doc;
  w.font('Sans', 9.5);
  const h = doc.heightOfString(w.clean(text, 'Sans'), { width: w.width - 22 }) + 30;
  w.ensure(h + 6);
  const y = doc.y;
  doc.rect(w.left, y, w.width, h).fill('#eef3fb');
  doc.rect(w.left, y, 4, h).fill(colour);
  w.font('Bold', 9.5, COLOURS.accent);
  doc.text(w.clean(title, 'Bold'), w.left + 12, y + 7, { width: w.width - 22 });
  w.font('Sans', 9.5);
  doc.text(w.clean(text, 'Sans'), w.left + 12, doc.y + 2, { width: w.width - 22 });
  doc.x = w.left;
  doc.y = y + h + 8;
}

function summary(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  const s = m.summary;
  w.setRunningTitle(t('summary.title'));
  w.heading(1, t('summary.title'), 'summary', { newPage: true });
  box(w, t('summary.residencyVerdict'), s.verdict, COLOURS.accent);
  // The decided outcomes always, the rarer ones (waived, attested, info) only when they occur.
  const shownCounts = s.counts.filter((c) => c.n > 0 || ['pass', 'fail', 'warn', 'manual', 'error', 'not-applicable'].includes(c.outcome));
  w.table(
    [...shownCounts.map((c) => ({ header: c.label, width: 0.8 / shownCounts.length, align: 'right' as const })), { header: t('summary.total'), width: 0.1, align: 'right' as const }, { header: t('summary.score'), width: 0.1, align: 'right' as const }],
    [[...shownCounts.map((c) => ({ text: c.nText, colour: c.n > 0 ? OUTCOME_COLOURS[c.outcome] : COLOURS.muted, font: 'Bold' as const })), { text: s.total, font: 'Bold' }, { text: s.score, font: 'Bold' }]],
    { size: 8.5, zebra: false },
  );
  w.labelled(t('summary.score'), `${s.score}. ${s.formula}`, 8);
  w.space(4);
  drawChart(w, s.chart);
  w.heading(3, t('summary.topRisks'), 'summary-risks');
  if (s.topRisks.length) {
    w.table(
      [
        { header: t('control.severity'), width: 0.09 },
        { header: t('control.outcome'), width: 0.08 },
        { header: t('waivers.col.control'), width: 0.2, font: 'Mono' },
        { header: t('control.message'), width: 0.35 },
        { header: t('control.targets'), width: 0.28 },
      ],
      s.topRisks.map((r) => [{ text: r.severityLabel, font: 'Bold' }, r.outcomeLabel, r.control, r.title, `${r.count}: ${r.examples}`]),
    );
  } else {
    w.paragraph(t('summary.topRisksNone'));
  }
  w.heading(3, t('summary.bySection'), 'summary-sections');
  const shown = s.counts.filter((c) => c.n > 0);
  w.table(
    [
      { header: t('summary.col.section'), width: 0.3 },
      ...shown.map((c) => ({ header: c.label, width: 0.5 / Math.max(shown.length, 1), align: 'right' as const })),
      { header: t('summary.total'), width: 0.1, align: 'right' as const },
      { header: t('summary.col.score'), width: 0.1, align: 'right' as const },
    ],
    s.bySection.map((r) => [r.title, ...shown.map((c) => r.counts.find((x) => x.outcome === c.outcome)?.nText ?? '0'), r.total, r.score]),
  );
}

function compactGroups(m: PackModel, c: ControlView): FindingGroup[] {
  if (c.groups.length <= MAX_GROUPS) return c.groups;
  const open = c.groups.filter((g) => g.outcome !== 'pass');
  const passed = c.groups.filter((g) => g.outcome === 'pass');
  if (!passed.length) return open;
  const targets = passed.flatMap((g) => g.targets);
  return [...open, { ...passed[0], observed: '…', expected: passed[0].expected, targets, message: null, remediation: null, waivers: [] }];
}

/** Observed/expected text kept in a PDF cell (the HTML keeps more, findings.json all). */
const PDF_VALUE_MAX = 280;

function shorten(m: PackModel, s: string): string {
  const cps = Array.from(s);
  return cps.length > PDF_VALUE_MAX ? `${cps.slice(0, PDF_VALUE_MAX).join('')} ${m.t('control.truncated')}` : s;
}

/**
 * Findings about endpoints when the part already has the endpoint register: the endpoints needing
 * attention grouped by outcome and country, each group with one example of the decision (the
 * register gives every endpoint's location and outcome; the HTML every finding's own sentence).
 */
function endpointControl(w: PdfWriter, m: PackModel, c: ControlView, register: ResidencyView): void {
  const t = m.t;
  if (!c.open.length) return;
  const rowById = new Map(register.rows.map((r) => [r.id, r]));
  const groups = new Map<string, { outcome: FindingView['outcome']; label: string; where: string; endpoints: string[]; example: string; fix: string | null }>();
  for (const v of c.open) {
    const r = rowById.get(v.finding.target.id);
    const where = r ? `${r.country} · ${r.jurisdictionLabel}` : '—';
    const key = `${v.outcome}\u0000${where}`;
    const g = groups.get(key) ?? { outcome: v.outcome, label: v.outcomeLabel, where, endpoints: [], example: v.message, fix: v.remediation };
    g.endpoints.push(v.target);
    groups.set(key, g);
  }
  w.table(
    [
      { header: t('control.outcome'), width: 0.1 },
      { header: `${t('residency.col.country')} · ${t('residency.col.jurisdiction')}`, width: 0.17 },
      { header: t('residency.endpoints'), width: 0.33, font: 'Mono' },
      { header: t('control.message'), width: 0.4 },
    ],
    [...groups.values()].map((g) => [
      { text: g.label, colour: OUTCOME_COLOURS[g.outcome], font: 'Bold' },
      `${g.where}\n(${formatInt(m.lang, g.endpoints.length)})`,
      g.endpoints.length > CELL_TARGETS ? `${g.endpoints.slice(0, CELL_TARGETS).join(', ')} ${t('control.andMore', { n: formatInt(m.lang, g.endpoints.length - CELL_TARGETS) })}` : g.endpoints.join(', '),
      [g.example, g.fix].filter(Boolean).join('\n'),
    ]),
    { size: 7 },
  );
}

function control(w: PdfWriter, m: PackModel, c: ControlView, register: ResidencyView | null): void {
  const t = m.t;
  w.heading(3, `${c.id} — ${c.title}`, c.anchor, { toc: false });
  w.font('Bold', 8, COLOURS.muted);
  const counts = c.counts.map((x) => `${x.nText} ${x.label}`).join(' · ');
  w.doc.text(w.clean(`${t('control.severity')}: ${c.severityLabel}   ${counts}`, 'Bold'), w.left, w.doc.y, { width: w.width });
  w.doc.y += 3;
  if (c.rationale) w.labelled(t('control.rationale'), c.rationale, 8);
  if (c.decidedBy) w.labelled(t('control.decidedBy'), c.decidedBy, 8);
  w.labelled(t('control.remediation'), c.remediation, 8);
  if (c.references.length) w.labelled(t('control.references'), c.references.join('; '), 7.5);
  if (register && [...c.open, ...c.passed].every((v) => v.finding.target.kind === 'endpoint')) {
    endpointControl(w, m, c, register);
    return;
  }
  const groups = compactGroups(m, c);
  const listedAfter: { label: string; targets: string[] }[] = [];
  const rows: TableRow[] = groups.map((g) => {
    let targets: string;
    if (g.outcome === 'pass' && g.targets.length > PASS_TARGETS) {
      targets = `${g.targets.slice(0, PASS_TARGETS).join(', ')} ${t('control.andMore', { n: formatInt(m.lang, g.targets.length - PASS_TARGETS) })}`;
    } else if (g.targets.length > CELL_TARGETS) {
      targets = t('control.listedBelow', { n: formatInt(m.lang, g.targets.length) });
      listedAfter.push({ label: t('control.targetsOf', { outcome: g.outcomeLabel, n: formatInt(m.lang, g.targets.length) }), targets: g.targets });
    } else {
      targets = g.targets.join(', ');
    }
    const notes = [g.message, ...g.waivers].filter((x): x is string => !!x).join('\n');
    return {
      cells: [{ text: g.outcomeLabel, colour: OUTCOME_COLOURS[g.outcome], font: 'Bold' }, targets, { text: shorten(m, g.observed), font: 'Mono' }, { text: shorten(m, g.expected), font: 'Mono' }, notes],
      ...(g.remediation ? { detail: `${t('control.remediation')}: ${g.remediation}` } : {}),
    };
  });
  w.table(
    [
      { header: t('control.outcome'), width: 0.1 },
      { header: t('control.targets'), width: 0.3 },
      { header: t('control.observed'), width: 0.2 },
      { header: t('control.expected'), width: 0.17 },
      { header: t('control.message'), width: 0.23 },
    ],
    rows,
    { size: 7 },
  );
  for (const l of listedAfter) {
    w.font('Bold', 7.5);
    w.doc.text(w.clean(`${l.label}:`, 'Bold'), w.left, w.doc.y, { width: w.width });
    w.paragraph(l.targets.join(', '), { size: 6.5, gap: 6 });
  }
}

function part(w: PdfWriter, m: PackModel, p: PartView): void {
  const t = m.t;
  w.setRunningTitle(p.title);
  w.heading(1, p.title, p.anchor, { newPage: true });
  w.paragraph(p.intro);
  if (p.notAssessed) box(w, t('part.notAssessed', { reason: '' }).replace(/[:\s]+$/, ''), p.notAssessed, OUTCOME_COLOURS.warn);
  const r = p.residency;
  if (r && !r.notAssessed) {
    // The plain-language Chapter V summary first: it is what Datatilsynet or a DPO reads.
    w.heading(2, t('residency.summary.title'), 'residency-summary');
    if (r.summaryError) box(w, t('part.notAssessed', { reason: '' }).replace(/[:\s]+$/, ''), r.summaryError, OUTCOME_COLOURS.warn);
    for (const para of r.summary) w.paragraph(para, { size: 9.5, gap: 5 });
    for (const x of r.warnings) box(w, '!', x, OUTCOME_COLOURS.fail);
    w.heading(3, t('residency.method'), 'residency-method', { toc: false });
    w.bullets(r.notes);
    if (r.chart) drawChart(w, r.chart);
    if (r.rows.length) {
      w.heading(3, t('residency.endpoints'), 'residency-endpoints', { toc: false });
      w.table(
        [
          { header: t('residency.col.endpoint'), width: 0.22, font: 'Mono' },
          { header: t('residency.col.foundIn'), width: 0.22 },
          { header: t('residency.col.addresses'), width: 0.17, font: 'Mono' },
          { header: t('residency.col.country'), width: 0.1 },
          { header: t('residency.col.jurisdiction'), width: 0.16 },
          { header: t('residency.col.outcome'), width: 0.13 },
        ],
        r.rows.map((e) => [e.endpoint, e.foundIn, e.addresses, e.country, { text: e.jurisdictionLabel, colour: e.jurisdiction === 'third-country' ? OUTCOME_COLOURS.fail : undefined }, { text: e.outcomeLabel, colour: e.outcome ? OUTCOME_COLOURS[e.outcome] : undefined, font: 'Bold' }]),
        { size: 6.5 },
      );
    }
  } else if (r?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessed', { reason: '' }).replace(/[:\s]+$/, ''), r.notAssessed, OUTCOME_COLOURS.warn);
  }
  const v = p.virt;
  if (v && !v.notAssessed) {
    if (v.kernel) box(w, v.kernel, v.kernelReason ?? '', COLOURS.accent);
    if (v.layers.length) {
      w.heading(3, t('virt.layers'), 'virt-layers', { toc: false });
      w.table(
        [
          { header: t('virt.col.layer'), width: 0.18 },
          { header: t('virt.col.name'), width: 0.22 },
          { header: t('virt.col.evidence'), width: 0.6 },
        ],
        v.layers.map((l) => [{ text: l.layer, font: 'Bold' }, l.note ? `${l.name}\n${l.note}` : l.name, l.evidence]),
      );
    }
    w.bullets(v.notes);
  } else if (v?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessed', { reason: '' }).replace(/[:\s]+$/, ''), v.notAssessed, OUTCOME_COLOURS.warn);
  }
  const s = p.storage;
  if (s && !s.notAssessed) {
    if (s.engine) w.paragraph(s.engine);
    w.bullets([...s.statements, ...(s.boot ? [s.boot] : [])]);
    if (s.chart) drawChart(w, s.chart);
    if (s.rows.length) {
      w.heading(3, t('storage.results'), 'storage-results', { toc: false });
      w.table(
        [
          { header: t('storage.col.target'), width: 0.2, font: 'Mono' },
          { header: t('storage.col.workload'), width: 0.3 },
          { header: t('storage.col.iops'), width: 0.12, align: 'right' },
          { header: t('storage.col.mibps'), width: 0.12, align: 'right' },
          { header: t('storage.col.p50'), width: 0.13, align: 'right' },
          { header: t('storage.col.p99'), width: 0.13, align: 'right' },
        ],
        s.rows.map((x) => [x.target, x.warnings.length ? `${x.workload}\n${x.warnings.join('\n')}` : x.workload, x.iops, x.mibps, x.p50, x.p99]),
      );
    }
  } else if (s?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessed', { reason: '' }).replace(/[:\s]+$/, ''), s.notAssessed, OUTCOME_COLOURS.warn);
  }
  for (const sec of p.sections) {
    w.heading(2, sec.title, sec.anchor);
    w.paragraph(sec.counts.map((c) => `${c.nText} ${c.label}`).join(' · '), { size: 8, colour: COLOURS.muted });
    const register = p.residency && p.residency.rows.length > 0 ? p.residency : null;
    for (const c of sec.controls) control(w, m, c, register);
  }
}

function closing(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('waivers.title'));
  w.heading(1, t('waivers.title'), 'waivers', { newPage: true });
  if (m.waivers.length) {
    w.table(
      [
        { header: t('waivers.col.control'), width: 0.12, font: 'Mono' },
        { header: t('waivers.col.target'), width: 0.18 },
        { header: t('waivers.col.justification'), width: 0.32 },
        { header: t('waivers.col.approvedBy'), width: 0.14 },
        { header: t('waivers.col.expires'), width: 0.12 },
        { header: t('waivers.col.was'), width: 0.12 },
      ],
      m.waivers.map((x) => [x.control, x.target, x.justification, x.approvedBy, x.expires, x.was]),
    );
  } else {
    w.paragraph(t('waivers.none'));
  }
  w.setRunningTitle(t('appendix.title'));
  w.heading(1, t('appendix.title'), 'appendix', { newPage: true });
  w.heading(2, t('appendix.manifest'), 'appendix-manifest');
  w.paragraph(t('appendix.manifestIntro'), { size: 8.5 });
  w.table(
    [
      { header: t('appendix.col.file'), width: 0.3, font: 'Mono' },
      { header: t('appendix.col.sha256'), width: 0.56, font: 'Mono' },
      { header: t('appendix.col.size'), width: 0.14, align: 'right' },
    ],
    m.manifest.map((x) => [x.path, x.sha256, x.size]),
  );
  w.heading(2, t('appendix.glossary'), 'appendix-glossary');
  for (const g of m.glossary) w.labelled(g.term, g.definition, 8.5);
  w.heading(2, t('appendix.signoff'), 'appendix-signoff');
  w.table(
    [
      { header: '', width: 0.2 },
      { header: '', width: 0.3 },
      { header: t('appendix.signoff.date'), width: 0.2 },
      { header: t('appendix.signoff.signature'), width: 0.3 },
    ],
    [
      [{ text: t('appendix.signoff.preparedBy'), font: 'Bold' }, `${m.signoff.preparedBy}\n\n`, '', ''],
      [{ text: t('appendix.signoff.reviewedBy'), font: 'Bold' }, '\n\n', '', ''],
    ],
    { size: 9, zebra: false },
  );
}

/** Write the table of contents into the pages reserved for it, with page numbers and links. */
function fillToc(w: PdfWriter, m: PackModel, firstPage: number): void {
  const doc = w.doc;
  doc.switchToPage(firstPage);
  doc.x = w.left;
  doc.y = doc.page.margins.top;
  w.font('Bold', 17, COLOURS.accent);
  doc.text(w.clean(m.t('toc.title'), 'Bold'), w.left, doc.y, { width: w.width });
  doc.y += 10;
  let page = firstPage;
  for (const e of w.toc) {
    const size = e.level === 1 ? 10.5 : 9;
    if (doc.y + size * 2 > w.bottom) {
      page++;
      doc.switchToPage(page);
      doc.y = doc.page.margins.top;
    }
    const indent = e.level === 1 ? 0 : 16;
    const font = e.level === 1 ? 'Bold' : 'Sans';
    w.font(font, size);
    const y = doc.y;
    const num = String(e.page + 1);
    const numW = 30;
    const titleW = w.width - indent - numW - 8;
    const title = e.title;
    doc.text(title, w.left + indent, y, { width: titleW, lineBreak: false, ellipsis: true, height: size + 3, goTo: e.dest });
    const tw = Math.min(doc.widthOfString(title), titleW);
    doc.moveTo(w.left + indent + tw + 4, y + size - 1).lineTo(w.left + w.width - numW, y + size - 1).lineWidth(0.4).dash(1, { space: 2 }).strokeColor(COLOURS.line).stroke().undash();
    doc.text(num, w.left + w.width - numW, y, { width: numW, align: 'right', lineBreak: false, goTo: e.dest });
    doc.y = y + size + (e.level === 1 ? 9 : 5);
  }
}

export async function renderPdf(m: PackModel): Promise<Buffer> {
  const t = m.t;
  const w = new PdfWriter(findFonts(), {
    title: m.organisation ? `${m.title} — ${m.organisation}` : m.title,
    author: m.signoff.preparedBy || m.organisation || 'residency-audit',
    subject: `${m.subtitle}: ${m.cover.find((c) => c.label === t('cover.hosts'))?.value ?? ''}`,
    keywords: 'GDPR, EEA, data residency, CIS Docker Benchmark, CAIQ, audit',
    created: Number.isNaN(Date.parse(m.generatedAt)) ? new Date() : new Date(m.generatedAt),
    lang: m.lang === 'nb' ? 'nb-NO' : 'en-GB',
  });
  cover(w, m);
  // Reserve the contents pages: scope, summary, parts, their sections and summaries, waivers, appendix and its three parts.
  const entries = 7 + m.parts.length + m.parts.reduce((n, p) => n + p.sections.length + (p.residency && !p.residency.notAssessed ? 1 : 0), 0);
  const tocPages = Math.max(1, Math.ceil(entries / 34));
  w.setRunningTitle(t('toc.title'));
  const tocFirst = w.pageIndex() + 1;
  for (let i = 0; i < tocPages; i++) w.addPage();
  w.doc.outline.addItem(t('toc.title'));
  scope(w, m);
  summary(w, m);
  for (const p of m.parts) part(w, m, p);
  closing(w, m);
  fillToc(w, m, tocFirst);
  const headerLeft = m.organisation ? `${m.title} — ${m.organisation}` : m.title;
  w.decorate(headerLeft, `residency-audit ${TOOL_VERSION} · ${m.generatedAt.slice(0, 10)}`, (page, pages) => t('pdf.page', { page, pages }));
  return w.finish();
}
