import { cisRecommendation } from '../../frameworks/cis-docker-1.6.0';
import type { Reference } from '../../findings/types';
import { cisDocker } from '../define';

/**
 * Level, number and reference of the CIS Docker Benchmark 1.6.0 recommendation a check implements,
 * from the catalog (one source of titles). The 1.6.0 number links the check to every benchmark
 * version's numbering (src/frameworks).
 */
export function cis(id: string, ...more: Reference[]): { level: 1 | 2; cis: string; references: Reference[] } {
  const r = cisRecommendation(id);
  return { level: r.level, cis: id, references: [cisDocker(id, r.title), ...more] };
}
