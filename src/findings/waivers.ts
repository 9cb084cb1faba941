import type { Finding, Waiver } from './types';

/** Outcomes a waiver may cover: accepted risks, never a pass or a not-applicable. */
const WAIVABLE = new Set(['fail', 'warn', 'manual', 'error']);

export function waiverMatches(w: Waiver, f: Finding): boolean {
  if (w.control !== f.control) return false;
  if (!w.target) return true;
  return w.target === f.target.id || w.target === f.target.name;
}

export function isExpired(w: Waiver, now: string): boolean {
  const t = Date.parse(w.expires);
  return Number.isNaN(t) || t < Date.parse(now);
}

/** Mark waived findings; an expired waiver is ignored (the finding keeps its outcome and says so). */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: string): Finding[] {
  if (waivers.length === 0) return findings;
  return findings.map((f) => {
    if (!WAIVABLE.has(f.outcome)) return f;
    const w = waivers.find((x) => waiverMatches(x, f));
    if (!w) return f;
    if (isExpired(w, now)) {
      return { ...f, message: `${f.message} (waiver by ${w.approvedBy} expired ${w.expires})` };
    }
    return { ...f, outcome: 'waived', waivedOutcome: f.outcome, waiver: w };
  });
}
