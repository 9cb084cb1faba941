/**
 * Waivers (accepted risks from the audit config): which findings they cover at evaluation time, and
 * the waiver register. Expiry is judged against the evaluation time in UTC (src/findings/expiry.ts):
 * a date-only `expires: 2027-03-31` covers through 2027-03-31T23:59:59.999Z and no longer from the
 * next millisecond. An expired waiver no longer applies: the finding keeps, and is scored by, its own
 * outcome, says so in its message and records the waiver as `expiredWaiver`.
 */
import { isExpired } from './expiry';
import { validity, type WaiverRegisterEntry } from './registers';
import type { Finding, Outcome, Waiver } from './types';

export { expiryTime, isExpired } from './expiry';

/** Outcomes a waiver may cover: accepted risks, never a pass or a not-applicable. */
const WAIVABLE: ReadonlySet<Outcome> = new Set(['fail', 'warn', 'manual', 'error']);

/** A waiver names a control as shown (`cis-5.5`) or a stable check id, and optionally a target id, name or identity. */
export function waiverMatches(w: Pick<Waiver, 'control' | 'target'>, f: Finding): boolean {
  if (w.control !== f.control && w.control !== f.check) return false;
  if (!w.target) return true;
  return w.target === f.target.id || w.target === f.target.name || w.target === f.target.identity;
}

export interface WaiverResult {
  findings: Finding[];
  register: WaiverRegisterEntry[];
}

/**
 * Apply waivers and build their register. Of several waivers matching one finding, a valid one wins
 * over an expired one, then one naming the target over one for every target, then the first listed.
 */
export function applyWaiversWithRegister(findings: Finding[], waivers: readonly Waiver[], now: string): WaiverResult {
  const expired = waivers.map((w) => isExpired(w, now));
  const applied: string[][] = waivers.map(() => []);
  const matchedAny = waivers.map(() => false);
  /** Per waiver: the waiver that won a waivable finding it also matched. */
  const lostTo: (number | undefined)[] = waivers.map(() => undefined);
  const rank = (i: number) => (expired[i] ? 2 : 0) + (waivers[i].target ? 0 : 1);
  const out = waivers.length === 0 ? findings : findings.map((f): Finding => {
    let best = -1;
    for (let i = 0; i < waivers.length; i++) {
      if (!waiverMatches(waivers[i], f)) continue;
      matchedAny[i] = true;
      if (!WAIVABLE.has(f.outcome)) continue;
      if (best === -1 || rank(i) < rank(best)) best = i;
    }
    if (best === -1) return f;
    for (let i = 0; i < waivers.length; i++) if (i !== best && WAIVABLE.has(f.outcome) && waiverMatches(waivers[i], f)) lostTo[i] ??= best;
    const w = waivers[best];
    applied[best].push(f.id);
    if (expired[best]) {
      return {
        ...f,
        expiredWaiver: w,
        message: {
          en: `${f.message.en} (waiver by ${w.approvedBy} expired ${w.expires})`,
          nb: `${f.message.nb} (unntak godkjent av ${w.approvedBy} utløp ${w.expires})`,
        },
      };
    }
    return { ...f, outcome: 'waived', waivedOutcome: f.outcome, waiver: w };
  });
  const register = waivers.map((w, i): WaiverRegisterEntry => {
    const v = validity(w.expires, now);
    const target = w.target ? ` on ${w.target}` : '';
    const targetNb = w.target ? ` på ${w.target}` : '';
    if (applied[i].length === 0) {
      const other = lostTo[i];
      const reason = other !== undefined
        ? { en: `Its findings are covered by another waiver (waivers[${other}], ${waivers[other].control}${waivers[other].target ? ` on ${waivers[other].target}` : ''}).`, nb: `Funnene dekkes av et annet unntak (waivers[${other}], ${waivers[other].control}${waivers[other].target ? ` på ${waivers[other].target}` : ''}).` }
        : matchedAny[i]
        ? { en: `Every finding of ${w.control}${target} passes, does not apply or is attested now: nothing left to waive.`, nb: `Alle funn for ${w.control}${targetNb} er bestått, ikke relevante eller attestert nå: ingenting å gjøre unntak for.` }
        : { en: `No finding of ${w.control}${target} in this run: the waiver matches nothing.`, nb: `Ingen funn for ${w.control}${targetNb} i denne kjøringen: unntaket treffer ingenting.` };
      return { waiver: w, status: 'unmatched', ...v, findings: [], reason };
    }
    if (expired[i]) {
      return {
        waiver: w, status: 'expired', ...v, findings: applied[i],
        reason: { en: `Expired ${w.expires}: the findings count as their own outcome again.`, nb: `Utløp ${w.expires}: funnene teller med sitt eget resultat igjen.` },
      };
    }
    return { waiver: w, status: 'active', ...v, findings: applied[i], reason: null };
  });
  return { findings: out, register };
}

/** Mark waived findings; an expired waiver no longer applies (the finding keeps its outcome and says so). */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: string): Finding[] {
  return applyWaiversWithRegister(findings, waivers, now).findings;
}
