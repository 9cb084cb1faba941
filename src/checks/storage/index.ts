import type { AnyCheck } from '../types';
import measurement from './measurement';
import performance from './performance';
import bootTime from './boot-time';
import iopsClass from './iops-class';
import syncDurability from './sync-durability';

/** Storage checks (issue #5), in pack order: is it a disk figure, what it is, durability, typical figures, boot time. */
export const storageChecks: readonly AnyCheck[] = [measurement, performance, syncDurability, iopsClass, bootTime];
