/**
 * The fixed-record country files of geoip-lite and of its fork geoip-country (`geoip-country.dat`,
 * `geoip-country6.dat`), written by their scripts/updatedb.js: sorted, non-overlapping ranges.
 *
 *   IPv4, both packages:      [from u32][to u32][country 2 bytes]            10 bytes
 *   IPv6, geoip-lite 1.4:     [from 16 bytes][to 16 bytes][country 2 bytes]  34 bytes
 *   IPv6, geoip-country 5:    [from u64][to u64][country 2 bytes]            18 bytes (the upper 64 bits only)
 *
 * We binary-search them ourselves; the tests compare the answers with each package's own lookup().
 */
import type { ParsedIp } from '../ip-address';

interface Layout {
  size: number;
  keyLen: number;
}

const V4: Layout = { size: 10, keyLen: 4 };
const V6_FULL: Layout = { size: 34, keyLen: 16 };
const V6_HALF: Layout = { size: 18, keyLen: 8 };

/** True when the buffer looks like sorted fixed-size records of the layout. */
function wellFormed(buf: Buffer, { size, keyLen }: Layout): boolean {
  if (buf.length === 0 || buf.length % size !== 0) return false;
  const n = buf.length / size;
  // Spot-check ordering, from <= to and the country code on a spread of records.
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

function search(buf: Buffer, { size, keyLen }: Layout, key: Uint8Array): string | null {
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

export interface CountryDat {
  /** Which IPv6 layout the file has. */
  v6Layout: 'full-128' | 'upper-64';
  lookup(ip: ParsedIp): string | null;
}

/** Open the pair of files; null when they do not have one of the known shapes. */
export function openCountryDat(v4: Buffer, v6: Buffer): CountryDat | null {
  if (!wellFormed(v4, V4)) return null;
  // 34 and 18 have no common multiple below 306 bytes, so a real file fits at most one; try the full layout first.
  const v6Layout = wellFormed(v6, V6_FULL) ? V6_FULL : wellFormed(v6, V6_HALF) ? V6_HALF : null;
  if (!v6Layout) return null;
  return {
    v6Layout: v6Layout === V6_FULL ? 'full-128' : 'upper-64',
    lookup: (ip) => (ip.family === 4 ? search(v4, V4, ip.bytes) : search(v6, v6Layout, ip.bytes)),
  };
}
