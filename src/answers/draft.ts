/**
 * The texts of one answer in one language: the draft a person can paste into the customer's
 * questionnaire (what is in place on which host, as of which date, naming what is not), the list of
 * what the person must confirm first, and the reason for the answer value.
 */
import type { FindingsDocument, TargetKind } from '../findings/types';
import { translator, type Lang, type MessageKey, type Translate } from '../i18n';
import type { Question } from './caiq';
import type { ClassifiedFinding, Decision, FindingState, Reason } from './decide';
import { residencyTexts } from './residency-draft';
import { countOf, dateOf, draftContext, messageOf, nameList, targetName, titleOf } from './text';

export interface AnswerTexts {
  draft: string;
  confirm: string[];
  reason: string;
}

interface Group {
  control: string;
  items: ClassifiedFinding[];
}

function groupsOf(related: readonly ClassifiedFinding[]): Group[] {
  const by = new Map<string, Group>();
  for (const c of related) {
    const g = by.get(c.finding.control) ?? { control: c.finding.control, items: [] };
    g.items.push(c);
    by.set(c.finding.control, g);
  }
  return [...by.values()];
}

function kindOf(items: readonly ClassifiedFinding[]): TargetKind {
  const n = new Map<TargetKind, number>();
  for (const c of items) n.set(c.finding.target.kind, (n.get(c.finding.target.kind) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'host';
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Facts from a check's observed values that a customer asks about (who, which version, how old), per stable check id. */
const DETAILS: Record<string, (t: Translate, g: Group) => string | null> = {
  'cis.trusted-users': (t, g) => {
    const members = obj(g.items[0].finding.observed).members;
    if (!Array.isArray(members)) return null;
    return members.length ? t('answers.detail.dockerGroup', { members: nameList(t, members.map(String)) }) : t('answers.detail.dockerGroupEmpty');
  },
  'cis.docker-version': (t, g) => {
    const o = obj(g.items[0].finding.observed);
    return typeof o.Version === 'string' ? t('answers.detail.engine', { version: o.Version, released: typeof o.seriesReleased === 'string' ? o.seriesReleased : '?' }) : null;
  },
  'cis.images-rebuilt': (t, g) => {
    const dates = g.items.map((c) => obj(c.finding.observed).Created).filter((d): d is string => typeof d === 'string').map(dateOf).sort();
    return dates.length ? t('answers.detail.imagesBuilt', { oldest: dates[0], newest: dates[dates.length - 1] }) : null;
  },
  'cis.remote-logging': (t, g) => {
    const d = obj(g.items[0].finding.observed).LoggingDriver;
    return typeof d === 'string' ? t('answers.detail.logDriver', { driver: d }) : null;
  },
  'cis.needed-ports': (t, g) => {
    const ports = g.items.flatMap((c) => {
      const p = obj(c.finding.observed).published;
      return Array.isArray(p) ? p.map((x) => `${targetName(c.finding)} ${String(x)}`) : [];
    });
    return ports.length ? t('answers.detail.ports', { ports: nameList(t, ports) }) : null;
  },
};

/** One bullet: the control's title and what the evidence shows for its targets. */
function groupLine(t: Translate, doc: FindingsDocument, lang: Lang, g: Group): string | null {
  const counted = g.items.filter((c) => c.state !== 'ignored');
  const title = titleOf(doc, g.items[0].finding, lang);
  const detail = DETAILS[g.items[0].finding.check]?.(t, g);
  // Nothing decided: only the facts a customer asks about (engine version, image age), if any.
  if (!counted.some((c) => c.state !== 'open')) return detail ? t('answers.line', { title, result: detail }) : null;
  const of = (s: FindingState) => counted.filter((c) => c.state === s);
  const names = (s: FindingState) => nameList(t, of(s).map((c) => targetName(c.finding)));
  const single = counted.length === 1;
  const total = countOf(t, kindOf(counted), counted.length);
  const parts: string[] = [];
  if (of('fail').length) parts.push(single ? t('answers.line.no') : t('answers.line.noFor', { names: names('fail'), n: of('fail').length, total }));
  if (of('weak').length) parts.push(single ? t('answers.line.notFully') : t('answers.line.notFullyFor', { names: names('weak'), n: of('weak').length, total }));
  if (of('exception').length) {
    const until = of('exception').map((c) => c.finding.waiver?.expires ?? '?').sort()[0];
    parts.push(t('answers.line.exception', { names: names('exception'), until: dateOf(until) }));
  }
  if (!parts.length) {
    const pass = of('pass').length;
    const na = of('na').length;
    if (pass === 0) parts.push(t('answers.line.na'));
    else if (single) parts.push(t('answers.line.yes'));
    else if (pass === counted.length) parts.push(t('answers.line.yesAll', { total }));
    else if (pass + na === counted.length) parts.push(t('answers.line.yesRestNa', { n: pass, total }));
    else parts.push(t('answers.line.yesSome', { n: pass, total }));
  }
  return t('answers.line', { title, result: detail ? `${parts.join('; ')} (${detail})` : parts.join('; ') });
}

/** What a person must look at: undecided, partly met and excepted findings, one item per control. */
function groupConfirm(t: Translate, doc: FindingsDocument, lang: Lang, g: Group): string[] {
  const out: string[] = [];
  const title = titleOf(doc, g.items[0].finding, lang);
  const undecided = g.items.filter((c) => c.state === 'open' || c.state === 'weak');
  if (undecided.length) {
    out.push(t('answers.confirm.finding', { title, targets: nameList(t, undecided.map((c) => targetName(c.finding))), message: messageOf(undecided[0].finding, lang) }));
  }
  const excepted = g.items.filter((c) => c.state === 'exception');
  for (const c of excepted) {
    const w = c.finding.waiver;
    out.push(t('answers.confirm.exception', { title, target: targetName(c.finding), by: w?.approvedBy ?? '?', until: dateOf(w?.expires), why: w?.justification ?? '' }));
  }
  return out;
}

export function bullets(lines: readonly string[]): string[] {
  return lines.map((l) => `• ${l}`);
}

function checksTexts(q: Question, doc: FindingsDocument, d: Decision, lang: Lang): { draft: string; confirm: string[] } {
  const t = translator(lang);
  const ctx = draftContext(doc, lang);
  const groups = groupsOf(d.related);
  const confirm = groups.flatMap((g) => groupConfirm(t, doc, lang, g));
  // Controls that do not apply on this host are noise in a customer's answer, unless nothing else is there.
  const applicable = groups.filter((g) => g.items.some((c) => c.state !== 'na' && c.state !== 'ignored'));
  const lines = (applicable.length ? applicable : groups).map((g) => groupLine(t, doc, lang, g)).filter((l): l is string => !!l);
  if (!lines.length) return { draft: '', confirm };
  const draft = [t(`caiq.${q.id}.lead` as MessageKey, ctx), ...bullets(lines), t('answers.draft.footer', ctx)].join('\n');
  return { draft, confirm };
}

/** At most this many failing controls in a reason; the draft names them all. */
const MAX_REASON_ITEMS = 4;

function failItems(t: Translate, doc: FindingsDocument, lang: Lang, failing: readonly ClassifiedFinding[]): string {
  const items = groupsOf(failing).map((g) => {
    const title = titleOf(doc, g.items[0].finding, lang);
    // The engine, the host or a single file needs no naming: the title says it.
    if (g.items.every((c) => c.finding.target.kind === 'daemon' || c.finding.target.kind === 'host') || (g.items.length === 1 && g.items[0].finding.target.kind === 'file')) return title;
    return t('answers.text.titleTargets', { title, targets: nameList(t, g.items.map((c) => targetName(c.finding))) });
  });
  if (items.length <= MAX_REASON_ITEMS) return items.join('; ');
  return t('answers.text.andMore', { names: items.slice(0, MAX_REASON_ITEMS).join('; '), n: items.length - MAX_REASON_ITEMS });
}

export function reasonText(r: Reason, doc: FindingsDocument, lang: Lang, opts: { now: string; maxAgeDays: number }): string {
  const t = translator(lang);
  const date = dateOf(doc.run.collectedAt);
  switch (r.kind) {
    case 'unverified':
      return t('answers.why.unverified');
    case 'no-evidence':
      return t('answers.why.noEvidence');
    case 'stale':
      return t('answers.why.stale', { date: dateOf(r.collectedAt), days: opts.maxAgeDays, now: dateOf(opts.now) });
    case 'collector':
      return t('answers.why.collectorNotOk', { collector: r.collector, status: r.status });
    case 'procedural':
      return t('answers.why.procedural');
    case 'fail':
      return t('answers.why.fail', { items: failItems(t, doc, lang, r.failing), date });
    case 'open':
      return t('answers.why.open', { n: r.open.length });
    case 'partial-evidence':
      return t('answers.why.partialEvidence', { gaps: r.gaps.join('; ') });
    case 'pass':
      return t('answers.why.pass', { n: r.passing, date });
    case 'supports':
      return t('answers.why.supports', { n: r.passing, date });
    case 'na':
      return t('answers.why.na');
    case 'only-na':
      return t('answers.why.onlyNa');
    case 'location-open':
      return t('answers.why.locationOpen', { unknown: r.unknown.length, geolocated: r.geolocated.length });
    case 'location-known':
      return t('answers.why.locationKnown', { n: r.endpoints, date });
  }
}

export function answerTexts(q: Question, doc: FindingsDocument, d: Decision, lang: Lang, opts: { now: string; maxAgeDays: number }): AnswerTexts {
  const t = translator(lang);
  const body = q.rule === 'checks' ? checksTexts(q, doc, d, lang) : residencyTexts(q, doc, d, lang);
  // What the evidence cannot show for this question, always last.
  const confirm = [...body.confirm, t(`caiq.${q.id}.scope` as MessageKey, draftContext(doc, lang))];
  return { draft: body.draft, confirm, reason: reasonText(d.reason, doc, lang, opts) };
}
