import { createHash } from 'node:crypto';
import type { Target } from './types';

/**
 * Deterministic finding id from the stable check id and the target's identity, so the same problem
 * keeps its id across audits: a container re-created from the same compose service or name keeps it.
 */
export function fingerprint(check: string, target: Target): string {
  return createHash('sha256').update(`${check}\u0000${target.kind}\u0000${target.identity ?? target.id}`).digest('hex').slice(0, 20);
}
