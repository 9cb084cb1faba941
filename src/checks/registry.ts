import { cisChecks } from './cis';
import type { AnyCheck } from './types';

/** Every check, in catalog order. Adding a check = its file, its test and one line in its family index. */
export const ALL_CHECKS: readonly AnyCheck[] = [...cisChecks];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
