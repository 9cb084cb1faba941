/**
 * geoip-lite's country data, read directly.
 *
 * geoip-lite's own loader reads its 146 MB city files even when only the country is wanted (about
 * 0.6 s and 180 MB RSS here). Its country files (`geoip-country.dat`, `geoip-country6.dat`) hold the
 * same GeoLite2 country answers in 14 MB (layout in country-dat.ts); the residency tests compare our
 * answers with geoip-lite's `lookup()`. When the files do not have that shape (a future geoip-lite),
 * we fall back to geoip-lite's own module.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import { formatIp, type ParsedIp } from '../ip-address';
import { openCountryDat } from './country-dat';
import { GEOLITE2_LICENCE } from './licences';
import type { GeoAnswer, GeoLocator } from './types';

export interface GeoipLitePaths {
  /** geoip-lite's package directory. */
  packageDir: string;
  /** The data directory geoip-lite itself would read (honours GEODATADIR like geoip-lite does). */
  dataDir: string;
  version: string | null;
}

/** A package's version from its package.json, or null. */
export function packageVersion(pkgJson: string): string | null {
  try {
    return (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** Where geoip-lite is installed and which data directory it uses. */
export function locateGeoipLite(env: NodeJS.ProcessEnv = process.env): GeoipLitePaths {
  const pkgJson = require.resolve('geoip-lite/package.json');
  const packageDir = dirname(pkgJson);
  // Same rule as geoip-lite's lib/geoip.js: relative to lib/, overridable by GEODATADIR.
  const dataDir = resolve(packageDir, 'lib', env.GEODATADIR || '../data/');
  return { packageDir, dataDir, version: packageVersion(pkgJson) };
}

/**
 * Build date of geoip-lite's data: its `country.checksum` holds MaxMind's checksum line naming the
 * archive (`GeoLite2-Country-CSV_20231115.zip`), kept by `npm run updatedb`. Falls back to the data
 * file's modification time, marked as such (after `npm install` that is the install time, so the
 * freshness check does not trust it).
 */
export function geoipLiteBuildDate(dataDir: string): { date: string | null; source: GeoDatabaseInfo['buildDateSource'] } {
  try {
    const text = readFileSync(join(dataDir, 'country.checksum'), 'utf8');
    const m = /GeoLite2-Country-CSV_(\d{4})(\d{2})(\d{2})/.exec(text);
    if (m) return { date: `${m[1]}-${m[2]}-${m[3]}`, source: 'checksum-file' };
  } catch {
    // No checksum file: fall through to the file time.
  }
  try {
    return { date: statSync(join(dataDir, 'geoip-country.dat')).mtime.toISOString().slice(0, 10), source: 'file-mtime' };
  } catch {
    return { date: null, source: null };
  }
}

type BaseInfo = Omit<GeoLocator['info'], 'loadMs' | 'description' | 'files'>;

/** Load geoip-lite's country data (about 14 MB, tens of milliseconds). */
export function loadGeoipLiteCountry(paths: GeoipLitePaths = locateGeoipLite()): GeoLocator {
  const t0 = process.hrtime.bigint();
  const v4File = join(paths.dataDir, 'geoip-country.dat');
  const v6File = join(paths.dataDir, 'geoip-country6.dat');
  const v4 = readFileSync(v4File);
  const v6 = readFileSync(v6File);
  const built = geoipLiteBuildDate(paths.dataDir);
  const base: BaseInfo = {
    id: 'geoip-lite',
    kind: 'geoip-lite',
    name: 'MaxMind GeoLite2 Country (bundled with geoip-lite)',
    vendor: 'MaxMind',
    package: { name: 'geoip-lite', version: paths.version },
    origin: 'bundled',
    overrides: null,
    buildDate: built.date,
    buildDateSource: built.source,
    version: paths.version,
    ...GEOLITE2_LICENCE,
    licenceFiles: [join(paths.packageDir, 'LICENSE')],
  };
  const label = `geoip-lite ${paths.version ?? '?'} (GeoLite2-Country${built.date ? ` ${built.date}` : ''})`;

  const dat = openCountryDat(v4, v6);
  if (!dat) return loadGeoipLiteModule(paths, base, label, t0);
  return {
    info: { ...base, description: `${label}, country files`, files: [v4File, v6File], loadMs: msSince(t0) },
    lookup(ip: ParsedIp): GeoAnswer | null {
      const country = dat.lookup(ip);
      return country === null ? null : { country };
    },
  };
}

/** Fallback: geoip-lite's own loader (city data, ~180 MB), used only if the country files changed shape. */
function loadGeoipLiteModule(paths: GeoipLitePaths, base: BaseInfo, label: string, t0: bigint): GeoLocator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const geoip = require('geoip-lite') as { lookup(ip: string): { country?: string } | null };
  return {
    info: { ...base, description: `${label}, geoip-lite module`, files: [paths.dataDir], loadMs: msSince(t0) },
    lookup(ip: ParsedIp): GeoAnswer | null {
      const r = geoip.lookup(formatIp(ip));
      if (!r) return null;
      return { country: r.country ? r.country : null };
    },
  };
}

export function msSince(t0: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - t0) / 1e5) / 10;
}
