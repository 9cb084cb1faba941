/**
 * geoip-lite's country data, read directly.
 *
 * geoip-lite's own loader reads its 146 MB city files even when only the country is wanted (about
 * 0.6 s and 180 MB RSS here). Its country files (`geoip-country.dat`, `geoip-country6.dat`) hold the
 * same GeoLite2 country answers in 14 MB: sorted fixed-size records, IPv4 [from u32, to u32, cc 2 bytes]
 * (10 bytes) and IPv6 [from 16 bytes, to 16 bytes, cc 2 bytes] (34 bytes), written by geoip-lite's
 * scripts/updatedb.js. We binary-search them ourselves; the residency tests compare the answers with
 * geoip-lite's `lookup()`. When the files do not have that shape (a future geoip-lite), we fall back
 * to geoip-lite's own module.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import { formatIp, type ParsedIp } from '../ip-address';
import { GEOLITE_ATTRIBUTION, type GeoAnswer, type GeoLocator } from './types';

const V4_RECORD = 10;
const V6_RECORD = 34;

export interface GeoipLitePaths {
  /** geoip-lite's package directory. */
  packageDir: string;
  /** The data directory geoip-lite itself would read (honours GEODATADIR like geoip-lite does). */
  dataDir: string;
  version: string | null;
}

/** Where geoip-lite is installed and which data directory it uses. */
export function locateGeoipLite(env: NodeJS.ProcessEnv = process.env): GeoipLitePaths {
  const pkgJson = require.resolve('geoip-lite/package.json');
  const packageDir = dirname(pkgJson);
  // Same rule as geoip-lite's lib/geoip.js: relative to lib/, overridable by GEODATADIR.
  const dataDir = resolve(packageDir, 'lib', env.GEODATADIR || '../data/');
  let version: string | null = null;
  try {
    version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    version = null;
  }
  return { packageDir, dataDir, version };
}

/**
 * Build date of geoip-lite's data: its `country.checksum` holds MaxMind's checksum line naming the
 * archive (`GeoLite2-Country-CSV_20231115.zip`), kept by `npm run updatedb`. Falls back to the data
 * file's modification time, marked as such.
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

/** True when the buffer looks like sorted fixed-size records of the given size. */
function wellFormed(buf: Buffer, size: number, keyLen: number): boolean {
  if (buf.length === 0 || buf.length % size !== 0) return false;
  const n = buf.length / size;
  // Spot-check ordering and from <= to on a spread of records.
  const step = Math.max(1, Math.floor(n / 64));
  let prevTo: Buffer | null = null;
  for (let i = 0; i < n; i += step) {
    const from = buf.subarray(i * size, i * size + keyLen);
    const to = buf.subarray(i * size + keyLen, i * size + 2 * keyLen);
    if (Buffer.compare(from, to) > 0) return false;
    if (prevTo && Buffer.compare(prevTo, from) >= 0) return false;
    prevTo = to;
    const cc = buf.toString('latin1', i * size + 2 * keyLen, i * size + 2 * keyLen + 2);
    if (!/^[A-Z]{2}$/.test(cc)) return false;
  }
  return true;
}

function search(buf: Buffer, size: number, keyLen: number, key: Uint8Array): string | null {
  let lo = 0;
  let hi = buf.length / size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const off = mid * size;
    // buf.compare(target, tStart, tEnd, sStart, sEnd) compares the record's bytes with the key, allocation-free.
    if (buf.compare(key, 0, keyLen, off, off + keyLen) > 0) hi = mid - 1;
    else if (buf.compare(key, 0, keyLen, off + keyLen, off + 2 * keyLen) < 0) lo = mid + 1;
    else return buf.toString('latin1', off + 2 * keyLen, off + 2 * keyLen + 2).replace(/\0.*$/, '') || null;
  }
  return null;
}

/** Load geoip-lite's country data (about 14 MB, tens of milliseconds). */
export function loadGeoipLiteCountry(paths: GeoipLitePaths = locateGeoipLite()): GeoLocator {
  const t0 = process.hrtime.bigint();
  const v4File = join(paths.dataDir, 'geoip-country.dat');
  const v6File = join(paths.dataDir, 'geoip-country6.dat');
  const v4 = readFileSync(v4File);
  const v6 = readFileSync(v6File);
  const built = geoipLiteBuildDate(paths.dataDir);
  const base: Omit<GeoDatabaseInfo, 'loadMs' | 'description' | 'files'> = {
    kind: 'geoip-lite',
    buildDate: built.date,
    buildDateSource: built.source,
    version: paths.version,
    licence: GEOLITE_ATTRIBUTION,
  };
  const label = `geoip-lite ${paths.version ?? '?'} (GeoLite2-Country${built.date ? ` ${built.date}` : ''})`;

  if (!wellFormed(v4, V4_RECORD, 4) || !wellFormed(v6, V6_RECORD, 16)) return loadGeoipLiteModule(paths, base, label, t0);

  const info: GeoDatabaseInfo = { ...base, description: `${label}, country files`, files: [v4File, v6File], loadMs: msSince(t0) };
  return {
    info,
    lookup(ip: ParsedIp): GeoAnswer | null {
      const country = ip.family === 4 ? search(v4, V4_RECORD, 4, ip.bytes) : search(v6, V6_RECORD, 16, ip.bytes);
      return country === null ? null : { country };
    },
  };
}

/** Fallback: geoip-lite's own loader (city data, ~180 MB), used only if the country files changed shape. */
function loadGeoipLiteModule(paths: GeoipLitePaths, base: Omit<GeoDatabaseInfo, 'loadMs' | 'description' | 'files'>, label: string, t0: bigint): GeoLocator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const geoip = require('geoip-lite') as { lookup(ip: string): { country?: string } | null };
  const info: GeoDatabaseInfo = { ...base, description: `${label}, geoip-lite module`, files: [paths.dataDir], loadMs: msSince(t0) };
  return {
    info,
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
