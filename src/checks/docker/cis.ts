import { cisRecommendation } from '../../frameworks/cis-docker-1.6.0';
import { cisRecommendation180 } from '../../frameworks/cis-docker-1.8.0';
import type { Reference } from '../../findings/types';
import { cisDocker, ref } from '../define';

/**
 * Level, number and reference of the CIS Docker Benchmark 1.6.0 recommendation a check implements,
 * from the catalog (one source of titles). The catalog of each benchmark version names the check by
 * its stable id (src/frameworks); findings cite the number and title of the version a run selects
 * (src/checks/catalog.ts rewrites the reference).
 */
export function cis(id: string, ...more: Reference[]): { level: 1 | 2; cis: string; references: Reference[] } {
  const r = cisRecommendation(id);
  return { level: r.level, cis: id, references: [cisDocker(id, r.title), ...more] };
}

/**
 * For a check that 1.6.0 does not have (first numbered in 1.7.0/1.8.0): its 1.8.0 level and
 * reference, and no `cis` number.
 */
export function cisSince180(id: string, ...more: Reference[]): { level: 1 | 2; references: Reference[] } {
  const r = cisRecommendation180(id);
  return { level: r.level, references: [ref('CIS Docker Benchmark 1.8.0', id, r.title), ...more] };
}
