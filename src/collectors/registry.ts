import { dockerCollector } from './docker';
import { hostCollector } from './host';
import { networkCollector } from './network';
import { residencyCollector } from './residency';
import { storageCollector } from './storage';
import type { AnyCollector } from './types';
import { virtCollector } from './virt';

/**
 * Collectors in run order: docker first (others read its evidence: data-root, volumes, endpoints),
 * network after host (it reads the daemon's settings from host evidence), storage last (it is the slow one and must not delay the rest).
 */
export const ALL_COLLECTORS: readonly AnyCollector[] = [dockerCollector, hostCollector, virtCollector, residencyCollector, networkCollector, storageCollector];
