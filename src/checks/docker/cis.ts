import { cisRecommendation } from '../../frameworks/cis-docker-1.6.0';
import type { Reference } from '../../findings/types';
import { cisDocker } from '../define';

/** Level and reference of a CIS Docker Benchmark 1.6.0 recommendation, from the catalog (one source of titles). */
export function cis(id: string, ...more: Reference[]): { level: 1 | 2; references: Reference[] } {
  const r = cisRecommendation(id);
  return { level: r.level, references: [cisDocker(id, r.title), ...more] };
}
