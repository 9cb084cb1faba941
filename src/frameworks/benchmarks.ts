/**
 * Benchmark versions a run can be evaluated against, and how a check's stable id maps to the
 * control id each version gives it. Checks carry their CIS Docker Benchmark 1.6.0 number (`cis`);
 * every other version's number is looked up here, so `cis-2.8` in one version and `cis-2.7` in
 * another can be the same check, and findings match across versions by check id.
 */
import { InputError } from '../errors';
import type { CheckMeta } from '../checks/types';
import { CIS_DOCKER_1_6_0, CIS_SECTIONS, type CisRecommendation } from './cis-docker-1.6.0';

export type BenchmarkId = 'cis-docker-1.6.0';
export const BENCHMARK_IDS: readonly BenchmarkId[] = ['cis-docker-1.6.0'];
export const DEFAULT_BENCHMARK: BenchmarkId = 'cis-docker-1.6.0';

export interface Benchmark {
  id: BenchmarkId;
  name: string;
  version: string;
  sections: Record<number, string>;
  recommendations: readonly CisRecommendation[];
  /** The recommendation a check implements in this version, or null. */
  entryFor(check: Pick<CheckMeta, 'id' | 'cis'>): CisRecommendation | null;
}

const BY_NUMBER_1_6_0 = new Map(CIS_DOCKER_1_6_0.map((r) => [r.id, r]));

export const BENCHMARKS: Record<BenchmarkId, Benchmark> = {
  'cis-docker-1.6.0': {
    id: 'cis-docker-1.6.0',
    name: 'CIS Docker Benchmark',
    version: '1.6.0',
    sections: CIS_SECTIONS,
    recommendations: CIS_DOCKER_1_6_0,
    entryFor: (check) => (check.cis ? BY_NUMBER_1_6_0.get(check.cis) ?? null : null),
  },
};

export class UnknownBenchmarkError extends InputError {}

/** `cis-docker-1.6.0`, `1.6.0` or `cis-1.6.0` → the benchmark; anything else is a usage error naming the known ones. */
export function benchmarkById(v: string): Benchmark {
  const id = v.startsWith('cis-docker-') ? v : `cis-docker-${v.replace(/^cis-/, '')}`;
  const b = BENCHMARKS[id as BenchmarkId];
  if (!b) throw new UnknownBenchmarkError(`unknown benchmark "${v}" (known: ${BENCHMARK_IDS.join(', ')})`);
  return b;
}

/** The control id a check has in a benchmark: `cis-<number>` for benchmark controls, else the check's own id. */
export function controlIdOf(check: Pick<CheckMeta, 'id' | 'cis'>, benchmark: Benchmark): string {
  const entry = benchmark.entryFor(check);
  return entry ? `cis-${entry.id}` : check.id;
}
