/**
 * The exception registers of a run (findings.json `registers`): every waiver of the audit config and
 * every attestation of attestations.yaml with what became of it at evaluation time, and the ones that
 * end within EXPIRING_SOON_DAYS. Decided once, at evaluation (src/findings/waivers.ts,
 * src/findings/attestations.ts); the pack only prints it.
 */
import { daysLeft, EXPIRING_SOON_DAYS, expiresSoon, validUntil } from './expiry';
import type { Attestation, LocalText, Outcome, Waiver } from './types';

/** How long an entry is valid at evaluation time. */
export interface Validity {
  /** End of validity as an instant (UTC): a date-only expiry ends at 23:59:59.999Z of that day. Null when unreadable. */
  validUntil: string | null;
  /** Whole days from evaluation to `validUntil`: 0 on the last day, negative once expired. */
  daysLeft: number;
  /** Still valid and ending within EXPIRING_SOON_DAYS. */
  expiringSoon: boolean;
}

/**
 * `active`: applied to the listed findings. `expired`: matched the listed findings but had expired, so
 * they count as their own outcome again. `unmatched`: nothing it could apply to (no such control or
 * target, or every matching finding already passes or does not apply): it can be removed.
 */
export type WaiverStatus = 'active' | 'expired' | 'unmatched';

export interface WaiverRegisterEntry extends Validity {
  waiver: Waiver;
  status: WaiverStatus;
  /** Finding ids it applied to (active) or would have applied to (expired). */
  findings: string[];
  /** Why it is unmatched or expired; null when active. */
  reason: LocalText | null;
}

/**
 * As for waivers, plus `not-applied`: it names findings, but none it may apply to: they are decided
 * from evidence (only manual findings can be attested), it is dated after the evaluation, or a more
 * specific or later attestation answered them.
 */
export type AttestationStatus = 'active' | 'expired' | 'unmatched' | 'not-applied';

export interface AttestationRegisterEntry extends Validity {
  attestation: Attestation;
  status: AttestationStatus;
  /** Manual findings it answered (active) or answered until it expired (expired). */
  findings: string[];
  /** Findings of its control and target it was not applied to, with their outcome (e.g. an automated `fail`). */
  notApplied: { id: string; outcome: Outcome; why: 'automated' | 'superseded' | 'not-yet-valid' }[];
  reason: LocalText | null;
}

export interface ExpiringSoonEntry {
  kind: 'waiver' | 'attestation';
  /** Index into `registers.waivers` or `registers.attestations`. */
  index: number;
  control: string;
  target: string | null;
  validUntil: string;
  daysLeft: number;
  /** Who approved the waiver or made the attestation. */
  by: string;
}

export interface Registers {
  /** The instant statuses were decided at (= run.evaluatedAt). */
  evaluatedAt: string;
  expiringWithinDays: number;
  /** The attestations file used: its copy in the pack (attestations.json) and where it was read from. Null when none. */
  attestationsFile: { file: string; sha256: string; source: string | null } | null;
  waivers: WaiverRegisterEntry[];
  attestations: AttestationRegisterEntry[];
  /** Active waivers and attestations ending within `expiringWithinDays`, soonest first. */
  expiringSoon: ExpiringSoonEntry[];
}

export function validity(expires: string, now: string): Validity {
  return { validUntil: validUntil(expires), daysLeft: daysLeft(expires, now), expiringSoon: expiresSoon(expires, now) };
}

export function buildRegisters(now: string, waivers: WaiverRegisterEntry[], attestations: AttestationRegisterEntry[], attestationsFile: Registers['attestationsFile'] = null): Registers {
  const soon: ExpiringSoonEntry[] = [];
  waivers.forEach((w, index) => {
    if (w.status === 'active' && w.expiringSoon && w.validUntil) soon.push({ kind: 'waiver', index, control: w.waiver.control, target: w.waiver.target ?? null, validUntil: w.validUntil, daysLeft: w.daysLeft, by: w.waiver.approvedBy });
  });
  attestations.forEach((a, index) => {
    if (a.status === 'active' && a.expiringSoon && a.validUntil) soon.push({ kind: 'attestation', index, control: a.attestation.control, target: a.attestation.target ?? null, validUntil: a.validUntil, daysLeft: a.daysLeft, by: a.attestation.by.name });
  });
  soon.sort((a, b) => (a.validUntil < b.validUntil ? -1 : a.validUntil > b.validUntil ? 1 : 0));
  return { evaluatedAt: now, expiringWithinDays: EXPIRING_SOON_DAYS, attestationsFile, waivers, attestations, expiringSoon: soon };
}
