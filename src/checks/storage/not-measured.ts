import type { StorageTargetEvidence } from '../../evidence/types/storage';
import type { CheckResult } from '../types';
import { storageTarget } from './target';
import { templates } from '../text';

const m = templates({
  notMeasured: { en: '{target} was not measured: {reason}.', nb: '{target} ble ikke målt: {reason}.' },
  failed: { en: '{target} could not be measured ({status}): {reason}.', nb: '{target} kunne ikke måles ({status}): {reason}.' },
  noReason: { en: 'no reason recorded', nb: 'ingen årsak registrert' },
});
/** The templates of the not-measured results, for the catalog tests (every storage check can give them). */
export const NOT_MEASURED_TEXTS = m.templates;

/**
 * The result for a target that has no figures: refused or skipped → manual (a person must pick the
 * disk to measure), failed or interrupted → error. Never pass, never silently absent.
 */
export function notMeasured(t: StorageTargetEvidence): CheckResult {
  const target = storageTarget(t);
  const observed = { status: t.status, reason: t.reason ?? null };
  if (t.status === 'refused' || t.status === 'skipped') {
    return { outcome: 'manual', target, observed, message: m('notMeasured', { target: target.name, reason: t.reason ?? t.status }) };
  }
  return { outcome: 'error', target, observed, message: m('failed', { target: target.name, status: t.status, reason: t.reason ?? m('noReason') }) };
}
