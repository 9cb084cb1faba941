import type { CollectorName } from '../evidence/types';

/**
 * Which collectors' evidence each collector reads (`ctx.earlier`): it starts as soon as those have
 * finished, beside the others. Only docker talks to the engine; host, virt and residency read files and
 * the docker evidence; network reads the host's daemon settings; storage loads the disks, so it runs
 * alone at the end and neither disturbs nor is disturbed by the rest.
 */
export const READS: Record<CollectorName, readonly CollectorName[]> = {
  docker: [],
  virt: [],
  host: ['docker'],
  residency: ['docker'],
  network: ['docker', 'host'],
  storage: ['docker', 'host', 'virt', 'residency', 'network'],
};
