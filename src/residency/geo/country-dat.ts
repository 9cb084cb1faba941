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

/** Compare the key's words with the record's `keyLen` bytes at `off`: -1, 0 or 1. */
function cmp(buf: Buffer, off: number, key: Uint32Array): number {
  for (let w = 0; w < key.length; w++) {
    const v = buf.readUInt32BE(off + 4 * w);
    if (key[w] !== v) return key[w] < v ? -1 : 1;
  }
  return 0;
}

/** Binary search on 32-bit words read in JS (far cheaper than a native Buffer.compare per step). */
function search(buf: Buffer, { size, keyLen }: Layout, bytes: Uint8Array): string | null {
  const key = new Uint32Array(keyLen / 4);
  for (let w = 0; w < key.length; w++) key[w] = ((bytes[4 * w] << 24) | (bytes[4 * w + 1] << 16) | (bytes[4 * w + 2] << 8) | bytes[4 * w + 3]) >>> 0;
  let lo = 0;
  let hi = buf.length / size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const off = mid * size;
    if (cmp(buf, off, key) < 0) hi = mid - 1;
    else if (cmp(buf, off + keyLen, key) > 0) lo = mid + 1;
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
