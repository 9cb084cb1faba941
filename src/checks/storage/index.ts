import type { AnyCheck } from '../types';
import measurement from './measurement';
import performance from './performance';
import seedClaimBoot from './seed-claim-boot';
import seedClaimIops from './seed-claim-iops';
import syncDurability from './sync-durability';

/** Storage checks (issue #5), in pack order: is it a disk figure, what it is, durability, the seed's claims. */
export const storageChecks: readonly AnyCheck[] = [measurement, performance, syncDurability, seedClaimIops, seedClaimBoot];
