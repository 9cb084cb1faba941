import { cisChecks } from './cis';
import { networkChecks } from './network';
import { residencyChecks } from './residency';
import { storageChecks } from './storage';
import type { AnyCheck } from './types';
import { virtChecks } from './virt';

/** Every check, in pack order. Adding a check = its file, its test and one line in its family index. */
export const ALL_CHECKS: readonly AnyCheck[] = [...residencyChecks, ...virtChecks, ...cisChecks, ...networkChecks, ...storageChecks];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
