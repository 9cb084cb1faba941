import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import type { ParsedIp } from '../ip-address';
import { GEOLITE2_LICENCE } from './licences';

/** The answer of a country database for one address. */
export interface GeoAnswer {
  /** ISO 3166-1 alpha-2, upper case; null when the block has no located country. */
  country: string | null;
  /** Registration country of the block, where the database has it (mmdb only). */
  registeredCountry?: string | null;
}

/** A loaded country database. Lookups are synchronous and in memory. */
export interface GeoLocator {
  info: GeoDatabaseInfo & { id: string };
  /** null when the address is in no block of the database. */
  lookup(ip: ParsedIp): GeoAnswer | null;
}

/** MaxMind's attribution line, required by the GeoLite2 licence wherever its data is shown. */
export const GEOLITE_ATTRIBUTION = GEOLITE2_LICENCE.attribution!;

/** A geolocation source that cannot be used (unreadable, malformed, not installed). */
export class GeoSourceError extends Error {}
