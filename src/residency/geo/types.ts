import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import type { ParsedIp } from '../ip-address';

/** The answer of a country database for one address. */
export interface GeoAnswer {
  /** ISO 3166-1 alpha-2, upper case; null when the block has no located country. */
  country: string | null;
  /** Registration country of the block, where the database has it (mmdb only). */
  registeredCountry?: string | null;
}

/** A loaded country database. Lookups are synchronous and in memory. */
export interface GeoLocator {
  info: GeoDatabaseInfo;
  /** null when the address is in no block of the database. */
  lookup(ip: ParsedIp): GeoAnswer | null;
}

/** MaxMind's attribution line, required by the GeoLite2 licence wherever its data is shown. */
export const GEOLITE_ATTRIBUTION = 'This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com (GeoLite2 EULA, CC BY-SA 4.0 attribution).';
