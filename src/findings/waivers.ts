import type { Finding, Waiver } from './types';

/** Outcomes a waiver may cover: accepted risks, never a pass or a not-applicable. */
const WAIVABLE = new Set(['fail', 'warn', 'manual', 'error']);

/** A waiver names a control as shown (`cis-5.5`) or a stable check id, and optionally a target id, name or identity. */
export function waiverMatches(w: Pick<Waiver, 'control' | 'target'>, f: Finding): boolean {
  if (w.control !== f.control && w.control !== f.check) return false;
  if (!w.target) return true;
  return w.target === f.target.id || w.target === f.target.name || w.target === f.target.identity;
}

/** End of validity in ms: a date-only expiry lasts to the end of that day UTC; a date-time is taken as written. */
export function expiryTime(expires: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) return Date.parse(`${expires}T23:59:59.999Z`);
  return Date.parse(expires);
}

export function isExpired(w: Pick<Waiver, 'expires'>, now: string): boolean {
  const t = expiryTime(w.expires);
  return Number.isNaN(t) || t < Date.parse(now);
}

/** Mark waived findings; an expired waiver no longer applies (the finding keeps its outcome and says so). */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: string): Finding[] {
  if (waivers.length === 0) return findings;
  return findings.map((f) => {
    if (!WAIVABLE.has(f.outcome)) return f;
    const w = waivers.find((x) => waiverMatches(x, f));
    if (!w) return f;
    if (isExpired(w, now)) {
      return {
        ...f,
        message: {
          en: `${f.message.en} (waiver by ${w.approvedBy} expired ${w.expires})`,
          nb: `${f.message.nb} (unntak godkjent av ${w.approvedBy} utløp ${w.expires})`,
        },
      };
    }
    return { ...f, outcome: 'waived', waivedOutcome: f.outcome, waiver: w };
  });
}
