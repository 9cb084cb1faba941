import type { AnyCheck } from '../types';
import endpointJurisdiction from './endpoint-jurisdiction';
import foreignControl from './foreign-control';
import geolocationFreshness from './geolocation-freshness';
import hostLocation from './host-location';

/** Residency checks (issue #6), in pack order: the host, every endpoint, who controls them, the geolocation data. */
export const residencyChecks: readonly AnyCheck[] = [hostLocation, endpointJurisdiction, foreignControl, geolocationFreshness];
