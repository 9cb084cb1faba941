/**
 * The PDF pack (pdfkit): cover; executive summary (verdict first: where the data is and flows, the
 * kernel isolation, container hardening, one score per framework); contents with page numbers;
 * scope and method; transfer register; the four parts; remediation by container; exceptions;
 * questionnaire answers; appendix; sign-off. Running header, "page X of Y" footer, PDF outline,
 * metadata, PDF/A-2b and a structure tree (see writer.ts). Same model and order as the HTML pack.
 *
 * At scale it stays readable: passing results are one row per control, rows that say the same
 * about several targets are one row naming them all, and long target lists are cut with a count
 * (the HTML and findings.json list every one).
 */
import { formatInt } from '../../i18n';
import { TOOL_VERSION } from '../../version';
import { OUTCOME_COLOURS } from '../charts/spec';
import { type BlockRow, type ControlBlock, type PackModel, type PartView, type SectionView } from '../model';
import type { TransferRowView } from '../views/transfers';
import { drawChart } from './charts';
import { findFonts } from './fonts';
import { networkSection } from './network';
import { quarterlyTocEntries, registersPdf, sinceLastAudit } from './quarterly';
import { COLOURS, PdfWriter, type TableRow } from './writer';

/** At scale the PDF lists this many transfer-register rows, endpoints and per-container commands; the HTML, transfers.csv, remediation.sh and findings.json have all. */
const PDF_TRANSFERS = 80;
const PDF_ENDPOINTS = 100;
const PDF_FIXES = 30;

/** Targets named in one block row before "and N more". */
const ROW_TARGETS = 30;
/** Finding ids printed under one block row (each with its pointer); the rest are counted. */
const ROW_IDS = 12;

const STATUS_COLOURS: Record<string, string> = { covered: OUTCOME_COLOURS.pass, 'covered-needs-review': OUTCOME_COLOURS.warn, missing: OUTCOME_COLOURS.fail };

function cover(w: PdfWriter, m: PackModel): void {
  const doc = w.doc;
  w.addPage();
  w.artifact(() => doc.rect(0, 0, doc.page.width, 132).fill(COLOURS.accent));
  w.font('Sans', 10, '#cfd8ea');
  w.tagged('P', () => doc.text(w.clean(m.subtitle.toUpperCase(), 'Sans'), w.left, 50, { width: w.width, characterSpacing: 1.5 }));
  w.font('Bold', 21, '#ffffff');
  w.tagged('H1', () => doc.text(w.clean(m.title, 'Bold'), w.left, 70, { width: w.width }));
  doc.y = 150;
  if (m.organisation) {
    w.font('Bold', 15, COLOURS.ink);
    w.tagged('P', () => doc.text(w.clean(m.organisation!, 'Bold'), w.left, doc.y, { width: w.width }));
    doc.y += 8;
  }
  const labelW = 128;
  const table = w.open('Table');
  for (const row of m.cover) {
    const size = 8.6;
    const y = doc.y;
    const tr = w.open('TR');
    w.font('Bold', size);
    w.tagged('TH', () => doc.text(w.clean(row.label, 'Bold'), w.left, y, { width: labelW - 8 }));
    const yl = doc.y;
    w.font(row.mono ? 'Mono' : 'Sans', row.mono ? 7.2 : size);
    w.tagged('TD', () => doc.text(w.clean(row.value, row.mono ? 'Mono' : 'Sans'), w.left + labelW, y + (row.mono ? 1 : 0), { width: w.width - labelW }));
    w.close(tr);
    doc.y = Math.max(yl, doc.y) + 3.5;
  }
  w.close(table);
  // The attribution the geolocation data's licences require (DB-IP Lite: CC BY 4.0; GeoLite2: MaxMind's line).
  for (const a of m.coverAttributions) w.paragraph(a, { size: 7.6, colour: COLOURS.muted, gap: 1 });
  doc.y += 8;
  box(w, m.t('cover.pointInTimeTitle'), m.pointInTime, COLOURS.accent);
  for (const a of m.alerts) box(w, '!', a, OUTCOME_COLOURS.fail);
  doc.y += 4;
  w.paragraph(m.t('pack.confidential'), { size: 8, colour: COLOURS.muted });
}

function box(w: PdfWriter, title: string, text: string, colour: string, size = 9): void {
  const doc = w.doc;
  w.font('Sans', size);
  const tt = w.clean(title, 'Bold');
  const body = w.clean(text, 'Sans');
  const h = doc.heightOfString(body, { width: w.width - 22 }) + (tt ? 26 : 12);
  w.ensure(h + 6);
  const y = doc.y;
  w.artifact(() => {
    doc.rect(w.left, y, w.width, h).fill('#eef3fb');
    doc.rect(w.left, y, 4, h).fill(colour);
  });
  const div = w.open('Div');
  if (tt) {
    w.font('Bold', size, COLOURS.accent);
    w.tagged('P', () => doc.text(tt, w.left + 12, y + 6, { width: w.width - 22 }));
  }
  w.font('Sans', size);
  w.tagged('P', () => doc.text(body, w.left + 12, tt ? doc.y + 2 : y + 6, { width: w.width - 22 }));
  w.close(div);
  doc.x = w.left;
  doc.y = y + h + 6;
}

function registerTable(w: PdfWriter, m: PackModel, rows: readonly TransferRowView[], full: boolean): void {
  const t = m.t;
  if (!rows.length) return;
  if (!full) {
    w.table(
      [
        { header: t('transfers.col.endpoint'), width: 0.26, font: 'Mono' },
        { header: t('transfers.col.sentBy'), width: 0.17 },
        { header: t('transfers.col.country'), width: 0.15 },
        { header: t('transfers.col.mechanism'), width: 0.27 },
        { header: t('transfers.col.status'), width: 0.15 },
      ],
      rows.map((r) => [r.endpoint, r.sentBy, r.country, r.mechanism, { text: r.statusLabel, colour: STATUS_COLOURS[r.status], font: 'Bold' }]),
      { size: 7 },
    );
    return;
  }
  w.table(
    [
      { header: t('transfers.col.endpoint'), width: 0.17, font: 'Mono' },
      { header: t('transfers.col.sentBy'), width: 0.13 },
      { header: t('transfers.col.country'), width: 0.11 },
      { header: t('transfers.col.mechanism'), width: 0.2 },
      { header: t('transfers.col.status'), width: 0.1 },
      { header: t('transfers.col.condition'), width: 0.29 },
    ],
    rows.map((r) => ({
      cells: [
        r.endpoint,
        `${r.sentBy}\n(${r.kinds})`,
        `${r.country}\n${r.jurisdictionLabel}`,
        [r.mechanism, r.document !== '—' ? `${t('transfers.col.document')}: ${r.document}` : '', r.tiaDate !== '—' ? `${t('transfers.col.tiaDate')}: ${r.tiaDate}` : ''].filter(Boolean).join('\n'),
        { text: `${r.statusLabel}\n${r.outcomeLabel}`, colour: STATUS_COLOURS[r.status], font: 'Bold' },
        r.condition,
      ],
      detail: `${t('control.findingIds')}: ${r.findings.map((f) => f.id).join(', ') || '—'}`,
    })),
    { size: 6.8, detailSize: 6.3 },
  );
}

function summary(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  const v = m.verdict;
  w.setRunningTitle(t('summary.title'));
  w.heading(1, t('summary.title'), 'summary', { newPage: true });
  // 1. Where is the data and where does it flow?
  box(w, v.residency.question, v.residency.answer, COLOURS.accent);
  registerTable(w, m, v.residency.rows, false);
  if (v.residency.more) w.paragraph(t('verdict.moreTransfers', { n: formatInt(m.lang, v.residency.more) }), { size: 7.5, colour: COLOURS.muted });
  // 2. Is the kernel and host isolation adequate?
  box(w, v.virt.question, [v.virt.answer, v.virt.reason].filter(Boolean).join(' '), v.virt.adequate === 'yes' ? OUTCOME_COLOURS.pass : v.virt.adequate === 'no' ? OUTCOME_COLOURS.fail : OUTCOME_COLOURS.warn);
  // 3. How hardened are the containers?
  box(w, v.containers.question, v.containers.answer, COLOURS.accent);
  if (v.containers.sections.length) {
    w.table(
      [
        { header: t('summary.col.section'), width: 0.4 },
        { header: t('summary.col.score'), width: 0.12, align: 'right' },
        { header: t('outcome.pass'), width: 0.12, align: 'right' },
        { header: t('outcome.fail'), width: 0.12, align: 'right' },
        { header: t('outcome.warn'), width: 0.12, align: 'right' },
        { header: t('verdict.col.critical'), width: 0.12, align: 'right' },
      ],
      v.containers.sections.map((s) => [s.title, { text: s.score, font: 'Bold' }, s.pass, s.fail, s.warn, { text: s.critical, colour: s.critical !== '0' ? OUTCOME_COLOURS.fail : undefined, font: 'Bold' }]),
      { size: 7.3 },
    );
  }
  if (v.containers.critical.length) {
    w.table(
      [
        { header: t('verdict.col.criticalControl'), width: 0.14, font: 'Mono' },
        { header: t('control.message'), width: 0.46 },
        { header: t('control.targets'), width: 0.4 },
      ],
      v.containers.critical.map((r) => [r.control, r.title, `${r.count}: ${r.examples}`]),
      { size: 7 },
    );
  }
  // One score per framework, never blended.
  w.heading(3, t('verdict.frameworks'), 'summary-frameworks', { toc: false, keep: 60 });
  w.table(
    [
      { header: t('verdict.col.framework'), width: 0.42 },
      { header: t('summary.score'), width: 0.13, align: 'right' },
      { header: t('verdict.col.counts'), width: 0.45 },
    ],
    v.frameworks.map((f) => [f.label, { text: f.score, font: 'Bold' }, f.counts]),
    { size: 7.5 },
  );
  w.paragraph(m.summary.formula, { size: 7, colour: COLOURS.muted });
}

/** All findings: the outcome counts, the chart by section, the top risks. */
function overview(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('summary.title'));
  w.heading(2, t('summary.overview'), 'summary-overview', { keep: 160 });
  const s = m.summary;
  // The decided outcomes always, the rarer ones (waived, attested, info) only when they occur.
  const shownCounts = s.counts.filter((c) => c.n > 0 || ['pass', 'fail', 'warn', 'manual', 'error', 'not-applicable'].includes(c.outcome));
  w.table(
    [...shownCounts.map((c) => ({ header: c.label, width: 0.9 / shownCounts.length, align: 'right' as const })), { header: t('summary.total'), width: 0.1, align: 'right' as const }],
    [[...shownCounts.map((c) => ({ text: c.nText, colour: c.n > 0 ? OUTCOME_COLOURS[c.outcome] : COLOURS.muted, font: 'Bold' as const })), { text: s.total, font: 'Bold' }]],
    { size: 8, zebra: false },
  );
  drawChart(w, s.chart);
  w.heading(3, t('summary.topRisks'), 'summary-risks', { keep: 60 });
  if (s.topRisks.length) {
    w.table(
      [
        { header: t('control.severity'), width: 0.09 },
        { header: t('control.outcome'), width: 0.08 },
        { header: t('waivers.col.control'), width: 0.2, font: 'Mono' },
        { header: t('control.message'), width: 0.35 },
        { header: t('control.targets'), width: 0.28 },
      ],
      s.topRisks.slice(0, 4).map((r) => [{ text: r.severityLabel, font: 'Bold' }, r.outcomeLabel, r.control, r.title, `${r.count}: ${r.examples}`]),
      { size: 7 },
    );
  } else {
    w.paragraph(t('summary.topRisksNone'));
  }
}

function scope(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('scope.title'));
  w.heading(1, t('scope.title'), 'scope', { keep: 130 });
  w.paragraph(m.scope.intro);
  w.paragraph(m.scope.preparedBy);
  w.heading(3, t('scope.collectors'), 'scope-collectors', { toc: false });
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
    { size: 6.5 },
  );
  const warnings = m.scope.collectors.flatMap((c) => c.warnings.map((x) => `${c.label}: ${x}`));
  if (warnings.length) {
    w.heading(3, t('scope.warnings'), 'scope-warnings', { toc: false });
    w.bullets(warnings.slice(0, 40), 7.5);
  }
  w.heading(3, t('scope.method'), 'scope-method', { toc: false });
  w.bullets(m.scope.method, 7.2);
  w.heading(3, t('scope.notAssessed'), 'scope-not-assessed', { toc: false });
  w.bullets(m.scope.notAssessed, 7.2);
}

function transfers(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('transfers.title'));
  w.heading(1, t('transfers.title'), 'transfers', { keep: 130 });
  w.paragraph(m.transfers.intro, { size: 8.5 });
  if (m.transfers.empty) {
    w.paragraph(m.transfers.empty);
    return;
  }
  w.paragraph(m.transfers.counts, { size: 8.5, font: 'Bold' });
  registerTable(w, m, m.transfers.rows.slice(0, PDF_TRANSFERS), true);
  if (m.transfers.rows.length > PDF_TRANSFERS) w.paragraph(t('transfers.more', { n: formatInt(m.lang, m.transfers.rows.length - PDF_TRANSFERS) }), { size: 7.5, colour: COLOURS.muted });
}

/** A row whose ports the Network exposure table lists (reachable from where, and why) points there instead of saying it again. */
function rowMessage(m: PackModel, r: BlockRow): string {
  const tabled = new Set(m.parts.flatMap((p) => p.network?.rows.flatMap((x) => x.covers) ?? []));
  return r.findings.length && r.findings.every((f) => tabled.has(f.id)) ? m.t('network.inTable', { targets: r.targets.join(', ') }) : r.message;
}

/** One row of a block: outcome, targets, observed, result; ids, pointers and links in the detail line. */
function blockRow(m: PackModel, b: ControlBlock, r: BlockRow): TableRow {
  const t = m.t;
  const targets = r.targets.length > ROW_TARGETS ? `${r.targets.slice(0, ROW_TARGETS).join(', ')} ${t('control.andMore', { n: formatInt(m.lang, r.targets.length - ROW_TARGETS) })}` : r.targets.join(', ');
  const result = [rowMessage(m, r), r.expected ? `${t('control.expected')}: ${r.expected.join('; ')}` : '', r.fix ? `${t('control.remediation')}: ${r.fix}` : '', r.waiver ?? '', r.attestation ?? ''].filter(Boolean).join('\n');
  const ids = r.findings.slice(0, ROW_IDS).map((f) => `${f.id}${r.findings.length > 1 ? ` ${f.target}` : ''} · ${f.pointers.map((x) => x.text).join(', ')}${f.answers.length ? ` · ${t('control.answersShort')} ${f.answers.map((a) => a.id).join(', ')}` : ''}`);
  if (r.findings.length > ROW_IDS) ids.push(t('control.moreIds', { n: formatInt(m.lang, r.findings.length - ROW_IDS) }));
  if (r.containerFixes.length) ids.push(t('control.containerFix', { names: r.containerFixes.map((c) => c.name).join(', ') }));
  const outcomeCell = { text: `${r.outcomeLabel}\n${r.severityLabel}`, colour: OUTCOME_COLOURS[r.outcome], font: 'Bold' as const };
  const cells = b.ids.length > 1 ? [outcomeCell, r.control, targets + (r.targetDetail ? `\n${r.targetDetail}` : ''), { text: r.observed.join('\n'), font: 'Mono' as const }, result] : [outcomeCell, targets + (r.targetDetail ? `\n${r.targetDetail}` : ''), { text: r.observed.join('\n'), font: 'Mono' as const }, result];
  // One wrapped paragraph, not a line per finding: ids stay whole (never split), pointers follow each id.
  return { cells, detail: ids.join('; ') };
}

function block(w: PdfWriter, m: PackModel, b: ControlBlock, evidence = true): void {
  const t = m.t;
  const title = b.ids.length > 1 ? b.title : `${b.ids[0]} — ${b.title}`;
  w.heading(3, title, b.anchor, { toc: false, keep: 80, dests: b.anchors.slice(1) });
  w.paragraph(`${t('control.severity')}: ${b.severityLabel}${b.meta ? ` · ${b.meta}` : ''}`, { size: 6.8, colour: COLOURS.muted, gap: 1 });
  // Why, how and the fix run on as one paragraph: no half-empty line after each.
  const fix = [{ label: t('control.remediation'), text: b.remediation }, { label: t('control.rowsFix'), text: b.rowsFix ?? '' }, { label: t('control.expected'), text: b.expected ? b.expected.join('; ') : '' }];
  w.runs([{ label: t('control.rationale'), text: b.rationale ?? '' }, { label: t('control.decidedBy'), text: b.decidedBy ?? '' }, ...(b.decidedByPer.length ? [] : fix)], 6.9);
  if (b.decidedByPer.length) {
    w.bullets(b.decidedByPer.map((x) => `${x.control}: ${x.text}`), 6.6);
    w.runs(fix, 6.9);
  }
  const refs = [b.references ? `${t('control.references')}: ${b.references}` : '', b.answers.length ? `${t('control.answers')}: ${b.answers.map((a) => a.id).join(', ')}` : ''].filter(Boolean).join(' · ');
  if (refs) w.paragraph(refs, { size: 6.8, colour: COLOURS.muted, gap: 2 });
  const many = b.ids.length > 1;
  if (!many && b.rows.length === 1 && b.rows[0].findings.length <= 3) {
    // One result: said as a short paragraph, not a one-row table.
    const r = b.rows[0];
    const row = blockRow(m, b, r);
    // The sentence names the target already.
    const head = `${r.outcomeLabel.toUpperCase()} (${r.severityLabel}): `;
    w.font('Bold', 7.2, OUTCOME_COLOURS[r.outcome]);
    const tail = [rowMessage(m, r), r.expected ? `${t('control.expected')}: ${r.expected.join('; ')}` : '', r.fix ? `${t('control.remediation')}: ${r.fix}` : '', r.waiver ?? '', r.attestation ?? ''].filter(Boolean).join(' ');
    w.labelledColour(head, tail, 7.2, OUTCOME_COLOURS[r.outcome]);
    if (r.observed.length && rowMessage(m, r) === r.message) w.labelled(t('control.observed'), r.observed.join('; '), 6.6, 'Mono');
    w.paragraph((row as { detail: string }).detail, { size: 5.9, font: 'Mono', colour: COLOURS.muted, gap: 1 });
    if (evidence) for (const e of b.evidence) w.labelled(t('control.evidence'), `${e.file} · SHA-256 ${e.sha256 ?? t('control.notInManifest')}`, 6.2, 'Mono');
    w.space(4);
    return;
  }
  w.table(
    many
      ? [
          { header: t('control.outcome'), width: 0.08 },
          { header: t('waivers.col.control'), width: 0.1, font: 'Mono' },
          { header: t('control.targets'), width: 0.16 },
          { header: t('control.observed'), width: 0.26 },
          { header: t('control.message'), width: 0.4 },
        ]
      : [
          { header: t('control.outcome'), width: 0.08 },
          { header: t('control.targets'), width: 0.2 },
          { header: t('control.observed'), width: 0.3 },
          { header: t('control.message'), width: 0.42 },
        ],
    b.rows.map((r) => blockRow(m, b, r)),
    { size: 6.4, detailSize: 5.7 },
  );
  if (evidence) for (const e of b.evidence) w.labelled(t('control.evidence'), `${e.file} · SHA-256 ${e.sha256 ?? t('control.notInManifest')}`, 6.4, 'Mono');
  w.space(4);
}

function passTable(w: PdfWriter, m: PackModel, s: SectionView): void {
  const t = m.t;
  if (!s.passRows.length) return;
  // One target for every row (the engine, the host): named once in the heading, not on every row.
  const one = s.passRows.every((r) => r.targets === s.passRows[0].targets) && s.passRows.length > 1;
  const title = t('control.passTable', { n: formatInt(m.lang, s.passRows.length) }) + (one ? ` · ${t('control.targets')}: ${s.passRows[0].targets}` : '');
  w.heading(4, title, `${s.anchor}-ok`, { toc: false, keep: 50, dests: s.passRows.map((r) => r.anchor) });
  if (one) {
    w.table(
      [
        { header: t('waivers.col.control'), width: 0.13, font: 'Mono' },
        { header: t('control.title'), width: 0.72 },
        { header: t('control.outcome'), width: 0.15 },
      ],
      s.passRows.map((r) => [r.control, r.title, { text: r.outcomeLabel, colour: OUTCOME_COLOURS[r.outcome], font: 'Bold' }]),
      { size: 6.2, pad: 1.8 },
    );
    return;
  }
  // Long control ids (network-firewall-bypass) get a column they fit in on one line; short target lists give the title their room.
  const idW = Math.min(0.18, Math.max(0.11, Math.max(...s.passRows.map((r) => r.control.length)) * 0.0074));
  const targetsW = Math.min(0.34, Math.max(0.2, Math.max(...s.passRows.map((r) => r.targets.length)) * 0.0062));
  w.table(
    [
      { header: t('waivers.col.control'), width: idW, font: 'Mono' },
      { header: t('control.title'), width: 0.88 - idW - targetsW },
      { header: t('control.outcome'), width: 0.12 },
      { header: t('control.targets'), width: targetsW },
    ],
    // Passing results print without their ids here (the HTML pack lists and links every one).
    s.passRows.map((r) => [r.control, r.title, { text: r.outcomeLabel, colour: OUTCOME_COLOURS[r.outcome], font: 'Bold' }, r.targets]),
    { size: 6.2, pad: 1.8 },
  );
}

function part(w: PdfWriter, m: PackModel, p: PartView): void {
  const t = m.t;
  w.setRunningTitle(p.title);
  const sect = w.open('Sect');
  // The residency and container parts start a page; the shorter host and storage parts follow on.
  // A part of one section named like the part (Network exposure) heads it once.
  const sole = p.sections.length === 1 && p.sections[0].title === p.title ? p.sections[0] : null;
  w.heading(1, p.title, p.anchor, { keep: 130, ...(sole ? { dests: [sole.anchor] } : {}) });
  w.paragraph(p.intro, { size: 8.5 });
  if (p.notAssessed) box(w, t('part.notAssessedTitle'), p.notAssessed, OUTCOME_COLOURS.warn);
  const r = p.residency;
  if (r && !r.notAssessed) {
    // The plain-language Chapter V summary first: it is what Datatilsynet or a DPO reads.
    w.heading(2, t('residency.summary.title'), 'residency-summary');
    if (r.summaryError) box(w, t('part.notAssessedTitle'), r.summaryError, OUTCOME_COLOURS.warn);
    for (const para of r.summary) w.paragraph(para, { size: 8.8, gap: 4 });
    for (const x of r.warnings) box(w, '!', x, OUTCOME_COLOURS.fail, 8.5);
    if (r.chart) drawChart(w, r.chart);
    if (r.rows.length) {
      w.heading(3, t('residency.endpoints'), 'residency-endpoints', { toc: false });
      w.table(
        [
          { header: t('residency.col.endpoint'), width: 0.22, font: 'Mono' },
          { header: t('residency.col.foundIn'), width: 0.24 },
          { header: t('residency.col.addresses'), width: 0.15, font: 'Mono' },
          { header: t('residency.col.country'), width: 0.12 },
          { header: t('residency.col.jurisdiction'), width: 0.15 },
          { header: t('residency.col.outcome'), width: 0.12 },
        ],
        r.rows.slice(0, PDF_ENDPOINTS).map((e) => [e.endpoint, e.foundIn, e.addresses, e.country, { text: `${e.jurisdictionLabel}\n${e.basisLabel}`, colour: e.jurisdiction === 'third-country' ? OUTCOME_COLOURS.fail : undefined }, { text: e.outcomeLabel, colour: e.outcome ? OUTCOME_COLOURS[e.outcome] : undefined, font: 'Bold' }]),
        { size: 6.6 },
      );
      if (r.rows.length > PDF_ENDPOINTS) w.paragraph(t('residency.moreEndpoints', { n: formatInt(m.lang, r.rows.length - PDF_ENDPOINTS) }), { size: 7.5, colour: COLOURS.muted });
    }
    w.heading(3, t('residency.method'), 'residency-method', { toc: false, keep: 40 });
    w.bullets(r.notes, 7.5);
  } else if (r?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessedTitle'), r.notAssessed, OUTCOME_COLOURS.warn);
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
        { size: 7 },
      );
    }
    w.bullets(v.notes, 7.5);
  } else if (v?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessedTitle'), v.notAssessed, OUTCOME_COLOURS.warn);
  }
  const s = p.storage;
  if (s && !s.notAssessed) {
    if (s.engine) w.paragraph(s.engine, { size: 8.5 });
    w.bullets([...s.statements, ...(s.boot ? [s.boot] : [])], 7.8);
    if (s.chart) {
      drawChart(w, s.chart);
      w.paragraph(s.sources, { size: 7, colour: COLOURS.muted });
    }
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
        { size: 7 },
      );
    }
  } else if (s?.notAssessed && !p.notAssessed) {
    box(w, t('part.notAssessedTitle'), s.notAssessed, OUTCOME_COLOURS.warn);
  }
  if (p.network && !p.notAssessed) networkSection(w, m, p.network);
  for (const sec of p.sections) {
    const ss = w.open('Sect');
    if (sec !== sole) w.heading(2, sec.title, sec.anchor, { keep: 90 });
    w.paragraph(`${sec.counts.map((c) => `${c.nText} ${c.label}`).join(' · ')} · ${t('summary.col.score')} ${sec.score}`, { size: 7.5, colour: COLOURS.muted });
    // The network part's blocks are all decided from docker.json and network.json: their SHA-256s are said once, above them.
    const evKey = (b: ControlBlock) => b.evidence.map((e) => `${e.file} ${e.sha256}`).join('\n');
    const once = sec === sole && sec.blocks.length > 1 && sec.blocks.every((b) => evKey(b) === evKey(sec.blocks[0]));
    if (once) w.labelled(t('control.evidenceAll'), sec.blocks[0].evidence.map((e) => `${e.file} · SHA-256 ${e.sha256 ?? t('control.notInManifest')}`).join('; '), 6.2, 'Mono');
    for (const b of sec.blocks) block(w, m, b, !once);
    passTable(w, m, sec);
    w.close(ss);
  }
  w.close(sect);
}

function remediation(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('fix.title'));
  w.heading(1, t('fix.title'), 'remediation', { keep: 130 });
  w.paragraph(m.remediation.intro, { size: 8.5 });
  for (const c of m.remediation.containers.slice(0, PDF_FIXES)) {
    w.heading(3, c.name, c.anchor, { toc: false, keep: 120 });
    if (c.detail) w.paragraph(c.detail, { size: 7.3, colour: COLOURS.muted, gap: 2 });
    w.labelled(t('fix.fixes'), c.controls.map((x) => x.id).join(', ') || '—', 7.8);
    w.code([...c.before, c.command].join('\n'));
    if (c.removed.length) w.labelled(t('fix.removed'), c.removed.join('   '), 7, 'Mono');
    // What the command adds is the command itself; what it takes out is worth saying.
    if (c.compose) {
      w.paragraph(t('fix.compose'), { size: 7.2, font: 'Bold', gap: 1 });
      w.code(c.compose, 5.9, 2);
    }
    if (c.notFixed.length) w.bullets(c.notFixed, 7.3);
  }
  if (m.remediation.containers.length > PDF_FIXES) w.paragraph(t('fix.more', { n: formatInt(m.lang, m.remediation.containers.length - PDF_FIXES) }), { size: 8, colour: COLOURS.muted });
}

function waivers(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('waivers.title'));
  w.heading(1, t('waivers.title'), 'waivers', { keep: 80 });
  // The register lists every waiver with its state and the findings it applied to (with their outcome before), so it replaces the table below.
  if (m.registers) return registersPdf(w, m);
  if (!m.waivers.length) {
    w.paragraph(t('waivers.none'));
    return;
  }
  w.table(
    [
      { header: t('waivers.col.control'), width: 0.11, font: 'Mono' },
      { header: t('waivers.col.target'), width: 0.15 },
      { header: t('waivers.col.justification'), width: 0.32 },
      { header: t('waivers.col.approvedBy'), width: 0.12 },
      { header: t('waivers.col.expires'), width: 0.12 },
      { header: t('waivers.col.was'), width: 0.18 },
    ],
    m.waivers.map((x) => ({ cells: [x.control, x.target, x.justification, x.approvedBy, x.expires, x.was], detail: `${t('control.findingIds')}: ${x.id}` })),
    { size: 7.2, detailSize: 6.3 },
  );
}

function answers(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  if (!m.answers.length) return;
  w.setRunningTitle(t('answers.title'));
  w.heading(1, t('answers.title'), 'answers', { keep: 130 });
  w.paragraph(t('answers.intro'), { size: 8.3 });
  w.table(
    [
      { header: t('answers.col.id'), width: 0.09, font: 'Mono' },
      { header: t('answers.col.question'), width: 0.36 },
      { header: t('answers.col.answer'), width: 0.1 },
      { header: t('answers.col.reason'), width: 0.45 },
    ],
    m.answers.map((a) => ({
      // The open findings' ids need a line of their own; a count of passing ones fits under the answer.
      cells: [a.id, a.question, { text: a.all.length && !a.open.length ? `${a.answer}\n${t('answers.passingShort', { n: formatInt(m.lang, a.passing) })}` : a.answer, font: 'Bold', colour: a.answerKey === 'yes' ? OUTCOME_COLOURS.pass : a.answerKey === 'no' ? OUTCOME_COLOURS.fail : a.answerKey === 'partial' ? OUTCOME_COLOURS.warn : COLOURS.muted }, a.basis],
      detail: a.open.length ? t('answers.findings', { open: a.open.map((f) => f.id).join(' '), passing: formatInt(m.lang, a.passing) }) : undefined,
    })),
    { size: 6.5, detailSize: 5.6 },
  );
}

function appendix(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('appendix.title'));
  w.heading(1, t('appendix.title'), 'appendix', { keep: 130 });
  w.heading(2, t('appendix.manifest'), 'appendix-manifest');
  w.paragraph(t('appendix.manifestIntro'), { size: 8 });
  // SHA-256 on one line: a smaller mono size, the path column wide enough for evidence/<collector>.json.
  w.table(
    [
      { header: t('appendix.col.file'), width: 0.3, font: 'Mono' },
      { header: t('appendix.col.sha256'), width: 0.58, font: 'Mono' },
      { header: t('appendix.col.size'), width: 0.12, align: 'right' },
    ],
    m.manifest.map((x) => [x.path, x.sha256, x.size]),
    { size: 6.3 },
  );
  w.heading(2, t('appendix.glossary'), 'appendix-glossary', { keep: 60 });
  w.table(
    [
      { header: t('glossary.col.term'), width: 0.17 },
      { header: t('glossary.col.definition'), width: 0.83 },
    ],
    m.glossary.map((g) => [{ text: g.term, font: 'Bold' }, g.definition]),
    { size: 6.4, zebra: false, pad: 1.8 },
  );
}

function signoff(w: PdfWriter, m: PackModel): void {
  const t = m.t;
  w.setRunningTitle(t('appendix.signoff'));
  w.heading(1, t('appendix.signoff'), 'appendix-signoff', { keep: 260 });
  w.paragraph(m.signoff.statement, { size: 9 });
  w.table(
    [
      { header: t('signoff.col.role'), width: 0.16 },
      { header: t('signoff.col.name'), width: 0.24 },
      { header: t('signoff.col.title'), width: 0.2 },
      { header: t('appendix.signoff.date'), width: 0.15 },
      { header: t('appendix.signoff.signature'), width: 0.25 },
    ],
    m.signoff.rows.map((r) => [{ text: r.role, font: 'Bold' }, `${r.name}\n\n`, r.title, '', '']),
    { size: 9, zebra: false },
  );
  const dpo = m.signoff.dpo;
  w.labelled(t('signoff.dpo'), dpo ? `${dpo.name}${dpo.title ? `, ${dpo.title}` : ''}` : t('signoff.dpoNone'), 9);
}

/** Write the table of contents into the pages reserved for it, with page numbers and links. */
function fillToc(w: PdfWriter, m: PackModel, at: { page: number; y: number; entries: number }, toc: PDFKit.PDFStructureElement): void {
  const doc = w.doc;
  // The region was sized for the entries the model has; more would overwrite the page below it.
  if (w.toc.length > at.entries) throw new Error(`contents has ${w.toc.length} entries, ${at.entries} were reserved`);
  const firstPage = at.page;
  doc.switchToPage(firstPage);
  doc.x = w.left;
  doc.y = at.y;
  w.font('Bold', 17, COLOURS.accent);
  const h = doc.struct('H1');
  toc.add(h);
  h.add(() => doc.text(w.clean(m.t('toc.title'), 'Bold'), w.left, doc.y, { width: w.width }));
  h.end();
  doc.y += 10;
  let page = firstPage;
  for (const e of w.toc) {
    const size = e.level === 1 ? TOC_L1 : TOC_L2;
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
    const item = doc.struct('TOCI');
    toc.add(item);
    item.add(() => doc.text(title, w.left + indent, y, { width: titleW, lineBreak: false, ellipsis: true, height: size + 3, goTo: e.dest }));
    const tw = Math.min(doc.widthOfString(title), titleW);
    w.artifact(() => doc.moveTo(w.left + indent + tw + 4, y + size - 1).lineTo(w.left + w.width - numW, y + size - 1).lineWidth(0.4).dash(1, { space: 2 }).strokeColor(COLOURS.line).stroke().undash());
    w.font(font, size);
    item.add(() => doc.text(num, w.left + w.width - numW, y, { width: numW, align: 'right', lineBreak: false, goTo: e.dest }));
    item.end();
    doc.y = y + size + (e.level === 1 ? TOC_GAP1 : TOC_GAP2);
  }
  toc.end();
}

const TOC_L1 = 9.5;
const TOC_L2 = 8.5;
const TOC_GAP1 = 6;
const TOC_GAP2 = 3.5;

/** Contents entries the pack will have (levels 1 and 2 headings), to reserve their room before the page numbers are known. */
function tocEntries(m: PackModel): { l1: number; l2: number } {
  const l1 = 2 + 1 + m.parts.length + 1 + 1 + (m.answers.length ? 1 : 0) + 1 + 1;
  const l2 = 1 + m.parts.reduce((n, p) => n + p.sections.length - (p.sections.length === 1 && p.sections[0].title === p.title ? 1 : 0) + (p.residency && !p.residency.notAssessed ? 1 : 0), 0) + 2;
  const q = quarterlyTocEntries(m);
  return { l1: l1 + q.l1, l2: l2 + q.l2 };
}

export async function renderPdf(m: PackModel): Promise<Buffer> {
  const t = m.t;
  const w = new PdfWriter(findFonts(), {
    title: m.organisation ? `${m.title} — ${m.organisation}` : m.title,
    author: m.signoff.rows[0]?.name || m.organisation || 'residency-audit',
    subject: `${m.subtitle}: ${m.cover.find((c) => c.label === t('cover.hosts'))?.value.split(' — ')[0] ?? ''}`,
    keywords: 'GDPR, EEA, data residency, transfer register, CIS Docker Benchmark, CAIQ, audit',
    created: Number.isNaN(Date.parse(m.generatedAt)) ? new Date() : new Date(m.generatedAt),
    lang: m.lang === 'nb' ? 'nb-NO' : 'en-GB',
  });
  cover(w, m);
  summary(w, m);
  // Reserve room for the contents (filled once page numbers are known): after the summary when it fits there.
  const n = tocEntries(m);
  const tocH = 17 * 1.3 + 10 + n.l1 * (TOC_L1 + TOC_GAP1) + n.l2 * (TOC_L2 + TOC_GAP2) + 8;
  w.setRunningTitle(t('toc.title'));
  w.space(14);
  if (w.doc.y + tocH > w.bottom) w.addPage();
  const tocAt = { page: w.pageIndex(), y: w.doc.y, entries: n.l1 + n.l2 };
  w.doc.y += tocH;
  overview(w, m);
  // The contents element sits here in reading order; its entries are written once page numbers are known.
  const toc = w.doc.struct('TOC');
  w.root.add(toc);
  w.doc.outline.addItem(t('toc.title'));
  sinceLastAudit(w, m);
  scope(w, m);
  transfers(w, m);
  for (const p of m.parts) part(w, m, p);
  remediation(w, m);
  waivers(w, m);
  answers(w, m);
  appendix(w, m);
  signoff(w, m);
  fillToc(w, m, tocAt, toc);
  const headerLeft = m.organisation ? `${m.title} — ${m.organisation}` : m.title;
  w.decorate(headerLeft, `residency-audit ${TOOL_VERSION} · ${m.generatedAt.slice(0, 10)}`, (page, pages) => t('pdf.page', { page, pages }));
  return w.finish();
}
