/**
 * The PDF's "Since the last audit" section (right after the overview: an auditor reads it second)
 * and the waiver and attestation registers (in the exceptions section). Same view models and order
 * as templates/partials/quarterly.hbs and registers.hbs.
 */
import { formatInt } from '../../i18n';
import { OUTCOME_COLOURS } from '../charts/spec';
import type { PackModel } from '../model';
import type { ChangeRowView } from '../views/quarterly';
import { REGISTER_IDS } from '../views/registers';
import { drawChart } from './charts';
import { COLOURS, type PdfWriter } from './writer';

/** Rows of one change list the PDF prints (what needs action, and the other changes); the HTML and findings.json have every one. */
const PDF_CHANGE_ROWS = 40;
const PDF_OTHER_ROWS = 10;
const PDF_ENDPOINT_ROWS = 25;

const KIND_COLOURS: Record<string, string> = { regressed: OUTCOME_COLOURS.fail, new: OUTCOME_COLOURS.fail, fixed: OUTCOME_COLOURS.pass };
const STATE_COLOURS: Record<string, string> = { active: OUTCOME_COLOURS.pass, expired: OUTCOME_COLOURS.fail, unmatched: OUTCOME_COLOURS.warn, 'not-applied': OUTCOME_COLOURS.warn };

/** Contents entries these sections add (levels 1 and 2), for the room the contents reserve. */
export function quarterlyTocEntries(m: PackModel): { l1: number; l2: number } {
  return { l1: m.quarterly ? 1 : 0, l2: 0 };
}

function changeRow(m: PackModel, r: ChangeRowView) {
  const change = `${r.old} → ${r.new}${r.because ? `\n(${r.because})` : ''}`;
  return {
    cells: [
      { text: `${r.control}\n${r.severityLabel}`, font: 'Mono' as const },
      r.title,
      r.target,
      { text: change, colour: r.newOutcome ? OUTCOME_COLOURS[r.newOutcome] : COLOURS.muted, font: 'Bold' as const },
    ],
    detail: `${m.t('quarterly.col.finding')}: ${r.id}`,
  };
}

export function sinceLastAudit(w: PdfWriter, m: PackModel): void {
  const q = m.quarterly;
  if (!q) return;
  const t = m.t;
  w.setRunningTitle(t('quarterly.title'));
  const sect = w.open('Sect');
  w.heading(1, t('quarterly.title'), 'since', { keep: 160 });
  w.paragraph(q.intro, { size: 8.3 });
  for (const n of q.notes) w.labelledColour('! ', n, 8.3, OUTCOME_COLOURS.fail);
  w.heading(3, t('quarterly.prevTitle'), 'since-previous', { toc: false, keep: 60 });
  for (const p of q.previous) w.labelled(p.label, p.value, 7.6, p.mono ? 'Mono' : 'Sans');
  w.heading(3, t('quarterly.countsTitle'), 'since-counts', { toc: false, keep: 40 });
  w.table(
    q.counts.map((c) => ({ header: c.label, width: 1 / q.counts.length, align: 'right' as const })),
    [q.counts.map((c) => ({ text: c.nText, font: 'Bold' as const, colour: c.n > 0 ? KIND_COLOURS[c.kind] : COLOURS.muted }))],
    { size: 8, zebra: false },
  );
  if (q.noChanges) w.paragraph(q.noChanges, { size: 8.3 });
  for (const l of q.lists) {
    const max = l.folded ? PDF_OTHER_ROWS : PDF_CHANGE_ROWS;
    w.heading(3, l.title, l.anchor, { toc: false, keep: 60 });
    w.table(
      [
        { header: t('quarterly.col.control'), width: 0.15, font: 'Mono' },
        { header: t('quarterly.col.title'), width: 0.37 },
        { header: t('quarterly.col.target'), width: 0.22 },
        { header: t('quarterly.col.change'), width: 0.26 },
      ],
      l.rows.slice(0, max).map((r) => changeRow(m, r)),
      { size: 6.8, detailSize: 6.2 },
    );
    if (l.rows.length > max) w.paragraph(t('quarterly.moreRows', { n: formatInt(m.lang, l.rows.length - max) }), { size: 7.2, colour: COLOURS.muted });
  }
  w.heading(3, t('quarterly.endpointsTitle'), 'since-endpoints', { toc: false, keep: 50 });
  if (q.hostLocation) w.paragraph(q.hostLocation, { size: 8 });
  if (q.endpoints.length) {
    w.table(
      [
        { header: t('quarterly.col.endpoint'), width: 0.3, font: 'Mono' },
        { header: t('quarterly.col.what'), width: 0.5 },
        { header: t('quarterly.col.register'), width: 0.2 },
      ],
      q.endpoints.slice(0, PDF_ENDPOINT_ROWS).map((e) => [`${e.endpoint}\n(${e.kind})`, e.change, e.register]),
      { size: 6.8 },
    );
    if (q.endpoints.length > PDF_ENDPOINT_ROWS) w.paragraph(t('quarterly.moreRows', { n: formatInt(m.lang, q.endpoints.length - PDF_ENDPOINT_ROWS) }), { size: 7.2, colour: COLOURS.muted });
  } else if (!q.hostLocation) w.paragraph(t('quarterly.endpointsNone'), { size: 8 });
  w.heading(3, t('quarterly.platformTitle'), 'since-platform', { toc: false, keep: 40 });
  if (q.platform.length) {
    w.table(
      [
        { header: t('quarterly.col.aspect'), width: 0.15 },
        { header: t('quarterly.col.target'), width: 0.25, font: 'Mono' },
        { header: t('quarterly.col.field'), width: 0.16 },
        { header: t('quarterly.col.old'), width: 0.22 },
        { header: t('quarterly.col.new'), width: 0.22 },
      ],
      q.platform.map((p) => [p.aspect, p.target, p.field, p.old, { text: p.new, font: 'Bold' }]),
      { size: 6.8 },
    );
  } else w.paragraph(t('quarterly.platformNone'), { size: 8 });
  if (q.scores.length) {
    w.heading(3, t('quarterly.scoresTitle'), 'since-scores', { toc: false, keep: 50 });
    w.table(
      [
        { header: t('quarterly.col.framework'), width: 0.52 },
        { header: t('quarterly.col.old'), width: 0.16, align: 'right' },
        { header: t('quarterly.col.new'), width: 0.16, align: 'right' },
        { header: t('quarterly.col.delta'), width: 0.16, align: 'right' },
      ],
      q.scores.map((s) => [s.label, s.old, { text: s.new, font: 'Bold' }, { text: s.delta, font: 'Bold', colour: s.trend === 'up' ? OUTCOME_COLOURS.pass : s.trend === 'down' ? OUTCOME_COLOURS.fail : undefined }]),
      { size: 7.2 },
    );
  }
  w.heading(3, t('quarterly.trendTitle'), 'since-trend', { toc: false, keep: q.trend.chart ? 170 : 30 });
  if (q.trend.chart) drawChart(w, q.trend.chart);
  if (q.trend.rows.length) {
    const fw = q.trend.frameworks.length;
    const share = fw ? 0.36 / fw : 0;
    w.table(
      [
        { header: t('quarterly.trend.col.date'), width: 0.12 },
        { header: t('quarterly.trend.col.pack'), width: 0.24, font: 'Mono' },
        { header: t('quarterly.trend.col.host'), width: 0.12 },
        ...q.trend.frameworks.map((f) => ({ header: f, width: share, align: 'right' as const })),
        { header: t('quarterly.trend.col.failing'), width: 0.08, align: 'right' },
        { header: t('quarterly.trend.col.manual'), width: 0.08, align: 'right' },
      ],
      q.trend.rows.map((r) => {
        const font = r.current ? ('Bold' as const) : undefined;
        return [{ text: r.date, font }, r.pack, r.host, ...r.scores.map((s) => ({ text: s, font })), r.fail, r.manual];
      }),
      { size: 6.6 },
    );
  }
  if (q.trend.note) w.paragraph(q.trend.note, { size: 7.5, colour: COLOURS.muted });
  w.close(sect);
}

/** The waiver and attestation registers, under the exceptions heading. */
export function registersPdf(w: PdfWriter, m: PackModel): void {
  const r = m.registers;
  if (!r) return;
  const t = m.t;
  // Compact: under the exceptions heading, the intro says what the states mean; the expiring list only when there is one.
  w.doc.addNamedDestination('registers', 'XYZ', null, w.doc.y, null);
  w.paragraph([r.intro, r.expiring.length ? '' : r.expiringNone, r.file ?? ''].filter(Boolean).join(' '), { size: 7.6 });
  if (r.problemCount) w.paragraph(r.problems, { size: 7.8, font: 'Bold' });
  if (r.expiring.length) {
    w.heading(3, r.expiringTitle, 'registers-expiring', { toc: false, keep: 40 });
    w.table(
      [
        { header: t('registers.col.kind'), width: 0.12 },
        { header: t('waivers.col.control'), width: 0.16, font: 'Mono' },
        { header: t('registers.col.pattern'), width: 0.16 },
        { header: t('registers.col.until'), width: 0.2 },
        { header: t('registers.col.left'), width: 0.14 },
        { header: t('registers.col.by'), width: 0.22 },
      ],
      r.expiring.map((x) => [x.kind, x.control, x.target, x.until, { text: x.daysLeft, font: 'Bold', colour: OUTCOME_COLOURS.warn }, x.by]),
      { size: 7 },
    );
  }
  const ids = (f: { id: string }[]) => (f.length ? f.slice(0, REGISTER_IDS).map((x) => x.id).join(', ') + (f.length > REGISTER_IDS ? ` ${t('control.moreIds', { n: formatInt(m.lang, f.length - REGISTER_IDS) })}` : '') : '—');
  if (r.waivers.length) {
    w.heading(3, t('registers.waivers'), 'registers-waivers', { toc: false, keep: 90 });
    w.table(
      [
        { header: t('waivers.col.control'), width: 0.12, font: 'Mono' },
        { header: t('waivers.col.target'), width: 0.13 },
        { header: t('waivers.col.justification'), width: 0.33 },
        { header: t('waivers.col.approvedBy'), width: 0.13 },
        { header: t('waivers.col.expires'), width: 0.14 },
        { header: t('registers.col.state'), width: 0.15 },
      ],
      r.waivers.map((x) => ({
        cells: [x.control, x.target, x.justification, x.approvedBy, x.expires, { text: x.reason ? `${x.stateLabel}\n${x.reason}` : x.stateLabel, font: 'Bold', colour: STATE_COLOURS[x.state] }],
        detail: `${t('registers.col.findings')}: ${ids(x.findings)}${x.was ? ` · ${t('waivers.col.was')}: ${x.was}` : ''}`,
      })),
      { size: 6.8, detailSize: 6.2 },
    );
  }
  if (r.attestations.length) {
    w.heading(3, t('registers.attestations'), 'registers-attestations', { toc: false, keep: 90 });
    w.table(
      [
        { header: t('waivers.col.control'), width: 0.12, font: 'Mono' },
        { header: t('registers.col.pattern'), width: 0.11 },
        { header: t('registers.col.outcome'), width: 0.1 },
        { header: t('registers.col.statement'), width: 0.27 },
        { header: t('registers.col.by'), width: 0.14 },
        { header: t('waivers.col.expires'), width: 0.13 },
        { header: t('registers.col.state'), width: 0.13 },
      ],
      r.attestations.map((x) => ({
        cells: [x.control, x.target, x.outcome, x.statement, `${x.by}\n${x.at}`, x.expires, { text: x.reason ? `${x.stateLabel}\n${x.reason}` : x.stateLabel, font: 'Bold', colour: STATE_COLOURS[x.state] }],
        detail: `${t('registers.col.basis')}: ${x.basis} · ${t('registers.col.findings')}: ${ids(x.findings)}`,
      })),
      { size: 6.8, detailSize: 6.2 },
    );
  }
}
