import type { CollectorName } from '../evidence/types';

/**
 * Which collectors' evidence each collector reads from its start (`ctx.earlier`): it starts as soon as
 * those have finished, beside the others. Only docker talks to the engine; host, virt and residency read files and
 * the docker evidence; network reads the host's daemon settings; storage loads the disks, so it runs
 * alone at the end and neither disturbs nor is disturbed by the rest.
 */
export const READS: Record<CollectorName, readonly CollectorName[]> = {
  docker: [],
  virt: [],
  host: [],
  residency: ['docker'],
  network: [],
  storage: ['docker', 'host', 'virt', 'residency', 'network'],
};

/**
 * Evidence a collector reads only part way through (`await ctx.later(name)`), so it starts at once
 * beside the engine requests: host scans /proc and reads its files first and needs the engine's data
 * root only to pick its daemon; network runs its dumps first and reads the daemon settings last. Each
 * name must come before the collector in the run order (else it is not waited for: no cycle can form).
 */
export const READS_LATE: Partial<Record<CollectorName, readonly CollectorName[]>> = {
  host: ['docker'],
  network: ['docker', 'host'],
};
