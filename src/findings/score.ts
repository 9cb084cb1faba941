import { OUTCOMES, type Finding, type Outcome, type ScoreSummary, type Severity } from './types';

/** Weights per severity; published in the pack next to the score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 3, low: 1, info: 0 };

/** Scored outcomes: pass counts for, fail/warn/error count against. manual, info, not-applicable and waived are not scored. */
export const SCORE_FORMULA =
  'score = 100 × Σ weight(pass) / Σ weight(pass + fail + warn + error), weight by severity: critical 10, high 5, medium 3, low 1, info 0; manual, info, not-applicable and waived findings are not scored';

export function countOutcomes(findings: readonly Finding[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const f of findings) counts[f.outcome]++;
  return counts;
}

export function scoreOf(findings: readonly Finding[]): number | null {
  let got = 0;
  let total = 0;
  for (const f of findings) {
    const w = SEVERITY_WEIGHT[f.severity];
    if (f.outcome === 'pass') {
      got += w;
      total += w;
    } else if (f.outcome === 'fail' || f.outcome === 'warn' || f.outcome === 'error') {
      total += w;
    }
  }
  return total === 0 ? null : Math.round((1000 * got) / total) / 10;
}

export function summarizeScore(findings: readonly Finding[]): ScoreSummary {
  const sections = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = sections.get(f.section) ?? [];
    list.push(f);
    sections.set(f.section, list);
  }
  const bySection: ScoreSummary['bySection'] = {};
  for (const [name, list] of sections) bySection[name] = { counts: countOutcomes(list), score: scoreOf(list) };
  return { value: scoreOf(findings), formula: SCORE_FORMULA, bySection };
}
