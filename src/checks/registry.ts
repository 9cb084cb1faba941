import { benchmarkById, controlIdOf, DEFAULT_BENCHMARK, type Benchmark } from '../frameworks/benchmarks';
import { cisChecks } from './cis';
import { networkChecks } from './network';
import { residencyChecks } from './residency';
import { storageChecks } from './storage';
import type { AnyCheck } from './types';
import { virtChecks } from './virt';

/** Every check, in pack order. Adding a check = its file, its test and one line in its family index. */
export const ALL_CHECKS: readonly AnyCheck[] = [...residencyChecks, ...virtChecks, ...cisChecks, ...networkChecks, ...storageChecks];

/** A check by its stable id (`cis.privileged`) or by its control id in a benchmark (`cis-5.5`; default the tool's). */
export function findCheck(id: string, benchmark: Benchmark = benchmarkById(DEFAULT_BENCHMARK)): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id) ?? ALL_CHECKS.find((c) => controlIdOf(c, benchmark) === id);
}
