import type { StorageTargetEvidence } from '../../evidence/types/storage';
import type { CheckResult } from '../types';
import { storageTarget } from './target';

/**
 * The result for a target that has no figures: refused or skipped → manual (a person must pick the
 * disk to measure), failed or interrupted → error. Never pass, never silently absent.
 */
export function notMeasured(t: StorageTargetEvidence): CheckResult {
  const target = storageTarget(t);
  const observed = { status: t.status, reason: t.reason ?? null };
  if (t.status === 'refused' || t.status === 'skipped') {
    return { outcome: 'manual', target, observed, message: `${target.name} was not measured: ${t.reason ?? t.status}.` };
  }
  return { outcome: 'error', target, observed, message: `${target.name} could not be measured (${t.status}): ${t.reason ?? 'no reason recorded'}.` };
}
