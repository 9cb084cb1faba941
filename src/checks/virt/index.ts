import type { AnyCheck } from '../types';
import hypervisor from './hypervisor';
import sharedKernel from './shared-kernel';
import staleMarkers from './stale-markers';

/** Virtualization checks (issue #4), in pack order: the kernel verdict, the platform, misleading markers. */
export const virtChecks: readonly AnyCheck[] = [sharedKernel, hypervisor, staleMarkers];
