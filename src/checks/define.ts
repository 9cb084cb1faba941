import type { CollectorName } from '../evidence/types';
import type { Framework, Reference } from '../findings/types';
import type { AnyCheck, Check } from './types';

/** Declare a check; generic over `requires` so `evaluate` sees only the evidence it declared. */
export function defineCheck<K extends CollectorName>(check: Check<K>): AnyCheck {
  return check as unknown as AnyCheck;
}

export function cisDocker(id: string, title?: string): Reference {
  return { framework: 'CIS Docker Benchmark 1.6.0', id, ...(title ? { title } : {}) };
}

export function ref(framework: Framework, id: string, title?: string): Reference {
  return { framework, id, ...(title ? { title } : {}) };
}
