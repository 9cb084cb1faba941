/**
 * geoip-country's GeoLite2 country data, read directly. geoip-country (a country-only fork of
 * geoip-lite) republished MaxMind's GeoLite2 Country data twice a week until 2026-09 (its README now
 * says the package is no longer maintained); its data is far newer than geoip-lite 1.4.10's.
 *
 * Its files carry no date: the package version `5.0.YYYYMMDDhhmm` is stamped by its release script
 * when the data changed, so that is the build date we record (source `package-version`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatIp, type ParsedIp } from '../ip-address';
import { openCountryDat } from './country-dat';
import { msSince, packageVersion } from './geoip-lite-country';
import { GEOLITE2_LICENCE } from './licences';
import { GeoSourceError, type GeoAnswer, type GeoLocator } from './types';

export interface GeoipCountryPaths {
  packageDir: string;
  dataDir: string;
  version: string | null;
}

export function locateGeoipCountry(): GeoipCountryPaths {
  let pkgJson: string;
  try {
    pkgJson = require.resolve('geoip-country/package.json');
  } catch {
    throw new GeoSourceError('geoip-country is not installed (run npm ci)');
  }
  const packageDir = dirname(pkgJson);
  return { packageDir, dataDir: join(packageDir, 'data'), version: packageVersion(pkgJson) };
}

/** `5.0.202609260156` → `2026-09-26`; null for a version without the date stamp. */
export function geoipCountryBuildDate(version: string | null): string | null {
  const m = version ? /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d{4}$/.exec(version) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function loadGeoipCountry(paths: GeoipCountryPaths = locateGeoipCountry()): GeoLocator {
  const t0 = process.hrtime.bigint();
  const v4File = join(paths.dataDir, 'geoip-country.dat');
  const v6File = join(paths.dataDir, 'geoip-country6.dat');
  let v4: Buffer;
  let v6: Buffer;
  try {
    v4 = readFileSync(v4File);
    v6 = readFileSync(v6File);
  } catch (err) {
    throw new GeoSourceError(`geoip-country data unreadable: ${(err as Error).message}`);
  }
  const buildDate = geoipCountryBuildDate(paths.version);
  const label = `geoip-country ${paths.version ?? '?'} (GeoLite2-Country${buildDate ? ` ${buildDate}` : ''})`;
  const base = {
    id: 'geoip-country',
    kind: 'geoip-country' as const,
    name: 'MaxMind GeoLite2 Country (republished by geoip-country)',
    vendor: 'MaxMind',
    package: { name: 'geoip-country', version: paths.version },
    origin: 'bundled' as const,
    overrides: null,
    buildDate,
    buildDateSource: buildDate ? ('package-version' as const) : null,
    version: paths.version,
    ...GEOLITE2_LICENCE,
    licenceFiles: [join(paths.packageDir, 'LICENSE'), join(paths.packageDir, 'EULA')],
  };
  const dat = openCountryDat(v4, v6);
  if (!dat) {
    // A future layout: geoip-country's own module still answers (it reads the same files).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('geoip-country') as { lookup(ip: string): { country?: string } | null };
    return {
      info: { ...base, description: `${label}, geoip-country module`, files: [v4File, v6File], loadMs: msSince(t0) },
      lookup(ip: ParsedIp): GeoAnswer | null {
        const r = mod.lookup(formatIp(ip));
        return r ? { country: r.country || null } : null;
      },
    };
  }
  return {
    info: { ...base, description: `${label}, country files`, files: [v4File, v6File], loadMs: msSince(t0) },
    lookup(ip: ParsedIp): GeoAnswer | null {
      const country = dat.lookup(ip);
      return country === null ? null : { country };
    },
  };
}
