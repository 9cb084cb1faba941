import { dockerCollector } from './docker';
import { hostCollector } from './host';
import { networkCollector } from './network';
import { residencyCollector } from './residency';
import { STORAGE_COLLECTOR_VERSION } from './storage/version';
import type { AnyCollector, Collector } from './types';
import { virtCollector } from './virt';

/** The storage collector, its code (fio, the boot probe) loaded when it runs: a run with --bench off never needs it. */
const storageCollector: Collector<'storage'> = {
  name: 'storage',
  version: STORAGE_COLLECTOR_VERSION,
  collect: async (ctx) => (require('./storage/index.js') as typeof import('./storage/index.js')).storageCollector.collect(ctx),
};

/**
 * Collectors in run order: docker first (others read its evidence: data-root, volumes, endpoints),
 * network after host (it reads the daemon's settings from host evidence), storage last (it is the slow one and must not delay the rest).
 */
export const ALL_COLLECTORS: readonly AnyCollector[] = [dockerCollector, hostCollector, virtCollector, residencyCollector, networkCollector, storageCollector];
