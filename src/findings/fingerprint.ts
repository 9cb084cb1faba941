import { createHash } from 'node:crypto';
import type { Target } from './types';

/** Deterministic finding id from control and target, so the same problem keeps its id across audits. */
export function fingerprint(control: string, target: Target): string {
  return createHash('sha256').update(`${control}\u0000${target.kind}\u0000${target.id}`).digest('hex').slice(0, 20);
}
