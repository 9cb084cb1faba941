/**
 * What every CIS Docker Benchmark version's catalog is made of: recommendations with their number,
 * title, profile level, CIS's own Automated/Manual label, and the stable id of the check that
 * evaluates it (src/checks). A version's file is a list of rows; the numbering of one version is
 * never derived from another's.
 */

export type CisSection = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CisRecommendation {
  /** Benchmark number in its version, e.g. `5.4`. */
  id: string;
  /** Benchmark section 1-7. */
  section: CisSection;
  title: string;
  level: 1 | 2;
  /** How CIS classifies it: Automated (a command decides) or Manual (a person decides). */
  assessment: 'automated' | 'manual';
  /** Stable id of the residency-audit check that evaluates it (`cis.privileged`), the same in every version. */
  check: string;
}

/** Section titles; unchanged from 1.6.0 to 1.8.0. */
export const CIS_SECTIONS: Record<number, string> = {
  1: 'Host configuration',
  2: 'Docker daemon configuration',
  3: 'Docker daemon configuration files',
  4: 'Container images and build file',
  5: 'Container runtime',
  6: 'Docker security operations',
  7: 'Docker swarm configuration',
};

/** [number, title, level, CIS label A(utomated)/M(anual), stable check id] */
export type CisRow = [id: string, title: string, level: 1 | 2, assessment: 'A' | 'M', check: string];

export function recommendations(rows: readonly CisRow[]): readonly CisRecommendation[] {
  return rows.map(([id, title, level, a, check]) => ({
    id,
    section: Number(id.split('.')[0]) as CisSection,
    title,
    level,
    assessment: a === 'A' ? 'automated' : 'manual',
    check,
  }));
}
