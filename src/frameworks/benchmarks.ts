/**
 * Benchmark versions a run can be evaluated against, and how a check's stable id maps to the
 * control id each version gives it. Each version's catalog names, per recommendation, the stable id
 * of the check that evaluates it; so `cis-2.8` in 1.8.0 and `cis-2.7` in 1.6.0 are the same check
 * (`cis.tls-auth`), a check can exist in one version only (`cis.devicemapper`), and findings match
 * across versions by check id, never by number.
 */
import { InputError } from '../errors';
import type { CheckMeta } from '../checks/types';
import type { Framework, Reference } from '../findings/types';
import { CIS_SECTIONS, type CisRecommendation } from './cis-docker';
import { CIS_DOCKER_1_6_0 } from './cis-docker-1.6.0';
import { CIS_DOCKER_1_8_0 } from './cis-docker-1.8.0';

export type BenchmarkId = 'cis-docker-1.6.0' | 'cis-docker-1.8.0';
export const BENCHMARK_IDS: readonly BenchmarkId[] = ['cis-docker-1.8.0', 'cis-docker-1.6.0'];
export const DEFAULT_BENCHMARK: BenchmarkId = 'cis-docker-1.8.0';

export interface Benchmark {
  id: BenchmarkId;
  name: string;
  version: string;
  /** How references to this version are labelled (`CIS Docker Benchmark 1.8.0`). */
  framework: Framework;
  sections: Record<number, string>;
  recommendations: readonly CisRecommendation[];
  /** The recommendation a check implements in this version (by its stable id), or null. */
  entryFor(check: Pick<CheckMeta, 'id'>): CisRecommendation | null;
  /** The recommendation with this number in this version, or null. */
  numbered(id: string): CisRecommendation | null;
}

function benchmark(id: BenchmarkId, version: string, recommendations: readonly CisRecommendation[]): Benchmark {
  const byCheck = new Map<string, CisRecommendation>();
  const byNumber = new Map(recommendations.map((r) => [r.id, r]));
  for (const r of recommendations) {
    if (byCheck.has(r.check)) throw new Error(`CIS Docker Benchmark ${version}: ${r.check} evaluates both ${byCheck.get(r.check)!.id} and ${r.id}`);
    byCheck.set(r.check, r);
  }
  return {
    id,
    name: 'CIS Docker Benchmark',
    version,
    framework: `CIS Docker Benchmark ${version}` as Framework,
    sections: CIS_SECTIONS,
    recommendations,
    entryFor: (check) => byCheck.get(check.id) ?? null,
    numbered: (n) => byNumber.get(n) ?? null,
  };
}

export const BENCHMARKS: Record<BenchmarkId, Benchmark> = {
  'cis-docker-1.8.0': benchmark('cis-docker-1.8.0', '1.8.0', CIS_DOCKER_1_8_0),
  'cis-docker-1.6.0': benchmark('cis-docker-1.6.0', '1.6.0', CIS_DOCKER_1_6_0),
};

export class UnknownBenchmarkError extends InputError {}

/** `cis-docker-1.8.0`, `1.8.0` or `cis-1.8.0` → the benchmark; anything else is a usage error naming the known ones. */
export function benchmarkById(v: string): Benchmark {
  const id = v.startsWith('cis-docker-') ? v : `cis-docker-${v.replace(/^cis-/, '')}`;
  const b = Object.prototype.hasOwnProperty.call(BENCHMARKS, id) ? BENCHMARKS[id as BenchmarkId] : undefined;
  if (!b) throw new UnknownBenchmarkError(`unknown benchmark "${v}" (known: ${BENCHMARK_IDS.join(', ')}; also as ${BENCHMARK_IDS.map((b) => b.replace('cis-docker-', '')).join(', ')})`);
  return b;
}

/** A check some benchmark version numbers (a CIS check), as opposed to the tool's own checks. */
export function isBenchmarkCheck(check: Pick<CheckMeta, 'id' | 'cis'>): boolean {
  return check.cis !== undefined || BENCHMARK_IDS.some((b) => BENCHMARKS[b].entryFor(check) !== null);
}

/** The control id a check has in a benchmark: `cis-<number>` for benchmark controls, else the check's own id. */
export function controlIdOf(check: Pick<CheckMeta, 'id'>, benchmark: Benchmark): string {
  const entry = benchmark.entryFor(check);
  return entry ? `cis-${entry.id}` : check.id;
}

/**
 * A check's references with every CIS Docker Benchmark citation translated to `benchmark`: the
 * recommendation cited (in whichever version the check wrote it) is found by the check that evaluates
 * it, and cited by that check's number and title in `benchmark`. A citation `benchmark` has no
 * counterpart for is kept as written. Other references are unchanged.
 */
export function referencesIn(check: Pick<CheckMeta, 'references'>, benchmark: Benchmark): Reference[] {
  return check.references.map((ref) => {
    const from = BENCHMARK_IDS.map((b) => BENCHMARKS[b]).find((b) => b.framework === ref.framework);
    const cited = from?.numbered(ref.id);
    const entry = cited ? benchmark.entryFor({ id: cited.check }) : null;
    return entry ? { ...ref, framework: benchmark.framework, id: entry.id, title: entry.title } : ref;
  });
}
