/**
 * The exception registers (findings.json `registers`, decided at evaluation by src/findings): every
 * waiver of the audit config and every attestation with its state at evaluation time, and the ones
 * that end within 30 days of it, in the pack's language. Expiry is the register's (`validUntil`, UTC).
 */
import type { WaiverStatus, AttestationStatus } from '../../findings/registers';
import type { Finding, FindingsDocument, LocalText } from '../../findings/types';
import { formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
import { anchor, isoMinute, visible } from '../format';

export interface RegisterFindingRef {
  id: string;
  /** Null when the finding has no block or row in this pack (e.g. --detail failures hides passing rows). */
  anchor: string | null;
}

/** Finding ids the PDF prints per register entry (the HTML lists all, folded). */
export const REGISTER_IDS = 12;

/** What a waiver's and an attestation's row show alike: the entry's state and the findings it matched. */
interface RegisterEntryView<S extends string> {
  state: S;
  stateLabel: string;
  reason: string | null;
  expiringSoon: boolean;
  findings: RegisterFindingRef[];
  /** Findings beyond REGISTER_IDS (0 when all are few enough to print). */
  findingsMore: number;
}

export interface WaiverRegisterView extends RegisterEntryView<WaiverStatus> {
  control: string;
  target: string;
  justification: string;
  approvedBy: string;
  expires: string;
  /** The outcome each waived finding had before the waiver, e.g. "fail". */
  was: string | null;
}

export interface AttestationRegisterView extends RegisterEntryView<AttestationStatus> {
  control: string;
  target: string;
  outcome: string;
  statement: string;
  by: string;
  at: string;
  basis: string;
  expires: string;
}

export interface RegistersView {
  intro: string;
  file: string | null;
  waivers: WaiverRegisterView[];
  attestations: AttestationRegisterView[];
  expiringTitle: string;
  expiring: { kind: string; control: string; target: string; until: string; daysLeft: string; by: string }[];
  expiringNone: string;
  /** Entries that need a person: expired, unmatched, not applied. */
  problems: string;
  problemCount: number;
}

/** `2027-03-31` as written, and the instant it ends when that adds something (a date-only expiry ends 23:59:59.999 UTC). */
function expiryText(t: Translate, expires: string, until: string | null): string {
  if (!until) return t('registers.unreadable', { value: visible(expires) });
  return /^\d{4}-\d\d-\d\d$/.test(expires) ? t('registers.endOfDay', { date: visible(expires) }) : isoMinute(until);
}

function entryView<S extends string>(t: Translate, lang: Lang, e: { status: S; reason?: LocalText | null; expiringSoon: boolean; findings: readonly string[] }, shown: ReadonlySet<string>): RegisterEntryView<S> {
  return {
    state: e.status,
    stateLabel: t(`registers.state.${e.status}` as MessageKey),
    reason: e.reason ? visible(e.reason[lang]) : null,
    expiringSoon: e.status === 'active' && e.expiringSoon,
    findings: e.findings.map((id) => ({ id, anchor: shown.has(id) ? anchor('f', id) : null })),
    findingsMore: Math.max(0, e.findings.length - REGISTER_IDS),
  };
}

/** `shown`: ids of findings that have a block or pass row in this pack. */
export function registersView(t: Translate, lang: Lang, doc: FindingsDocument, shown: ReadonlySet<string>): RegistersView | null {
  const r = doc.registers;
  if (!r || (!r.waivers.length && !r.attestations.length)) return null;
  const byId = new Map<string, Finding>(doc.findings.map((f) => [f.id, f]));
  const waivers = r.waivers.map((e): WaiverRegisterView => {
    const was = [...new Set(e.findings.map((id) => byId.get(id)?.waivedOutcome).filter((o): o is NonNullable<typeof o> => !!o))];
    return {
      control: visible(e.waiver.control),
      target: e.waiver.target ? visible(e.waiver.target) : t('registers.allTargets'),
      justification: visible(e.waiver.justification),
      approvedBy: visible(e.waiver.approvedBy),
      expires: expiryText(t, e.waiver.expires, e.validUntil),
      ...entryView(t, lang, e, shown),
      was: was.length ? was.map((o) => t(`outcome.${o}` as MessageKey)).join(', ') : null,
    };
  });
  const attestations = r.attestations.map((e): AttestationRegisterView => {
    const a = e.attestation;
    return {
      control: visible(a.control),
      target: a.target ? visible(a.target) : t('registers.allTargets'),
      outcome: t(`outcome.${a.outcome}` as MessageKey),
      statement: visible(a.statement),
      by: visible(a.by.role ? `${a.by.name}, ${a.by.role}` : a.by.name),
      at: visible(a.at),
      basis: a.basis ? visible(a.basis) : '—',
      expires: expiryText(t, a.expires, e.validUntil),
      ...entryView(t, lang, e, shown),
    };
  });
  const expiring = r.expiringSoon.map((x) => ({
    kind: t(x.kind === 'waiver' ? 'registers.kind.waiver' : 'registers.kind.attestation'),
    control: visible(x.control),
    target: x.target ? visible(x.target) : t('registers.allTargets'),
    until: isoMinute(x.validUntil),
    daysLeft: t('registers.daysLeft', { n: formatInt(lang, x.daysLeft) }),
    by: visible(x.by),
  }));
  const problems = [...waivers, ...attestations].filter((x) => x.state !== 'active').length;
  const file = r.attestationsFile;
  return {
    intro: t('registers.intro', { at: isoMinute(r.evaluatedAt), days: formatInt(lang, r.expiringWithinDays) }),
    file: file ? t('registers.file', { file: visible(file.file), source: file.source ? visible(file.source) : t('registers.fileFromPack') }) : null,
    waivers,
    attestations,
    expiringTitle: t('registers.expiring', { days: formatInt(lang, r.expiringWithinDays) }),
    expiring,
    expiringNone: t('registers.expiringNone', { days: formatInt(lang, r.expiringWithinDays) }),
    problemCount: problems,
    problems: t('registers.problems', { n: formatInt(lang, problems), total: formatInt(lang, waivers.length + attestations.length) }),
  };
}
