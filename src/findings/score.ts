import { OUTCOMES, type Finding, type FrameworkScore, type Outcome, type ScoreSummary, type Section, type Severity } from './types';

/** Weights per severity; published in the pack next to the score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 3, low: 1, info: 0 };

/** Scored outcomes: pass counts for, fail/warn/error count against; an attested finding counts as its attested outcome. */
export const SCORE_FORMULA =
  'score = 100 × Σ weight(pass) / Σ weight(pass + fail + warn + error), weight by severity: critical 10, high 5, medium 3, low 1, info 0; attested findings count as their attested outcome; manual, info, not-applicable and waived findings are not scored; one score per framework, never blended';

/**
 * Which sections each score covers. GDPR residency and CIS hardening are different questions with
 * different owners: the pack gives each its own score and never one number across both.
 */
export const FRAMEWORK_SECTIONS: Record<'residency' | 'cis' | 'network' | 'platform', readonly Section[]> = {
  residency: ['residency'],
  cis: ['host', 'daemon', 'daemon-files', 'images', 'containers', 'operations', 'swarm'],
  network: ['network'],
  platform: ['virtualization', 'storage'],
};
export type ScoreFramework = keyof typeof FRAMEWORK_SECTIONS;
export const SCORE_FRAMEWORKS = Object.keys(FRAMEWORK_SECTIONS) as ScoreFramework[];

export function countOutcomes(findings: readonly Finding[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const f of findings) counts[f.outcome]++;
  return counts;
}

/** The outcome a finding is scored as: an attested one counts as what the person attested. */
export function scoredOutcome(f: Pick<Finding, 'outcome' | 'attestedOutcome'>): Outcome {
  return f.outcome === 'attested' && f.attestedOutcome ? f.attestedOutcome : f.outcome;
}

export function scoreOf(findings: readonly Finding[]): number | null {
  let got = 0;
  let total = 0;
  for (const f of findings) {
    const w = SEVERITY_WEIGHT[f.severity];
    const o = scoredOutcome(f);
    if (o === 'pass') {
      got += w;
      total += w;
    } else if (o === 'fail' || o === 'warn' || o === 'error') {
      total += w;
    }
  }
  return total === 0 ? null : Math.round((1000 * got) / total) / 10;
}

export function frameworkOf(section: Section): ScoreFramework {
  return SCORE_FRAMEWORKS.find((fw) => FRAMEWORK_SECTIONS[fw].includes(section)) ?? 'cis';
}

export function summarizeScore(findings: readonly Finding[]): ScoreSummary {
  const sections = new Map<string, Finding[]>();
  const frameworks = new Map<ScoreFramework, Finding[]>();
  for (const f of findings) {
    const list = sections.get(f.section) ?? [];
    list.push(f);
    sections.set(f.section, list);
    const fw = frameworkOf(f.section);
    const inFw = frameworks.get(fw) ?? [];
    inFw.push(f);
    frameworks.set(fw, inFw);
  }
  const bySection: ScoreSummary['bySection'] = {};
  for (const [name, list] of sections) bySection[name] = { counts: countOutcomes(list), score: scoreOf(list) };
  const byFramework: Record<string, FrameworkScore> = {};
  for (const [fw, list] of frameworks) byFramework[fw] = { value: scoreOf(list), counts: countOutcomes(list) };
  return { value: byFramework.cis?.value ?? null, formula: SCORE_FORMULA, byFramework, bySection };
}
