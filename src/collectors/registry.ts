import { dockerCollector } from './docker';
import type { AnyCollector } from './types';

/**
 * Collectors in run order: docker first (others read its evidence: data-root, volumes, endpoints),
 * storage last (it is the slow one and must not delay the rest).
 */
export const ALL_COLLECTORS: readonly AnyCollector[] = [dockerCollector];
