/**
 * The process-wide geolocation database: loaded on first use only (a run whose endpoints are all
 * internal or declared never loads it), and once per database.
 */
import { loadGeoipLiteCountry } from './geoip-lite-country';
import { loadMmdb } from './mmdb';
import type { GeoLocator } from './types';

export { GEOLITE_ATTRIBUTION, type GeoAnswer, type GeoLocator } from './types';
export { MmdbError, openMmdb, loadMmdb } from './mmdb';
export { geoipLiteBuildDate, locateGeoipLite, loadGeoipLiteCountry } from './geoip-lite-country';

const loaded = new Map<string, GeoLocator>();

/** The locator for `--geoip-db FILE`, or geoip-lite's bundled data when no file is given. */
export function geoLocator(geoipDb?: string | null): GeoLocator {
  const key = geoipDb ? `mmdb:${geoipDb}` : 'geoip-lite';
  let g = loaded.get(key);
  if (!g) {
    g = geoipDb ? loadMmdb(geoipDb) : loadGeoipLiteCountry();
    loaded.set(key, g);
  }
  return g;
}

/** How many databases this process has loaded (for tests of the load-once rule). */
export function loadedDatabaseCount(): number {
  return loaded.size;
}

/** Age of a database in days on `now`, or null when its build date is unknown. */
export function databaseAgeDays(buildDate: string | null, now: string): number | null {
  if (!buildDate) return null;
  const ms = Date.parse(now) - Date.parse(`${buildDate}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null;
}
