/**
 * A small reader for MaxMind DB files (`.mmdb`, format 2.x: https://maxmind.github.io/MaxMind-DB/).
 * Reads the whole file into memory. Two record layouts carry a country:
 *   MaxMind GeoLite2/GeoIP2 Country and City: `{ country: { iso_code }, registered_country: { iso_code } }`
 *   ip-location-db (the DB-IP Lite package, IPinfo-style country files): `{ country_code }`
 * Rejects anything that does not parse as the format, with the reason.
 */
import { InputError } from '../../errors';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParsedIp } from '../ip-address';
import { msSince } from './geoip-lite-country';
import { DBIP_LITE_LICENCE, GEOLITE2_LICENCE, UNKNOWN_LICENCE, type DataLicence } from './licences';
import type { GeoAnswer, GeoLocator } from './types';

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'); // \xAB\xCD\xEF + "MaxMind.com"
const METADATA_MAX = 128 * 1024;
const DATA_SEPARATOR = 16;

export class MmdbError extends InputError {}

export interface MmdbMetadata {
  node_count: number;
  record_size: number;
  ip_version: number;
  database_type: string;
  binary_format_major_version: number;
  binary_format_minor_version: number;
  /** Seconds since the epoch. */
  build_epoch: number;
  languages?: string[];
  description?: Record<string, string>;
  [key: string]: unknown;
}

/** Decoder for the MaxMind DB data section (and the metadata block, which uses the same encoding). */
class Decoder {
  constructor(
    private readonly buf: Buffer,
    /** Offset pointers are relative to. */
    private readonly base: number,
  ) {}

  /** Decode the value at `offset` (absolute); returns it and the offset after it. */
  decode(offset: number, depth = 0): [unknown, number] {
    if (depth > 64) throw new MmdbError('data nested more than 64 levels (corrupt file?)');
    const buf = this.buf;
    if (offset >= buf.length) throw new MmdbError(`data offset ${offset} is past the end of the file`);
    const ctrl = buf[offset++];
    let type = ctrl >> 5;
    if (type === 1) {
      // Pointer: follow it, but continue after the pointer itself.
      const ss = (ctrl >> 3) & 0x3;
      const vvv = ctrl & 0x7;
      let p: number;
      if (ss === 0) p = (vvv << 8) | buf[offset];
      else if (ss === 1) p = ((vvv << 16) | (buf[offset] << 8) | buf[offset + 1]) + 2048;
      else if (ss === 2) p = ((vvv << 24) | (buf[offset] << 16) | (buf[offset + 1] << 8) | buf[offset + 2]) + 526336;
      else p = buf.readUInt32BE(offset);
      const [value] = this.decode(this.base + p, depth + 1);
      return [value, offset + ss + 1];
    }
    if (type === 0) type = 7 + buf[offset++];
    let size = ctrl & 0x1f;
    if (size === 29) size = 29 + buf[offset++];
    else if (size === 30) {
      size = 285 + buf.readUInt16BE(offset);
      offset += 2;
    } else if (size === 31) {
      size = 65821 + buf.readUIntBE(offset, 3);
      offset += 3;
    }
    switch (type) {
      case 2:
        return [buf.toString('utf8', offset, offset + size), offset + size];
      case 3:
        return [buf.readDoubleBE(offset), offset + 8];
      case 4:
        return [buf.subarray(offset, offset + size), offset + size];
      case 5:
      case 6:
      case 8:
      case 9:
      case 10: {
        let v = 0n;
        for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(buf[offset + i]);
        if (type === 8 && size === 4) v = BigInt.asIntN(32, v);
        return [v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v, offset + size];
      }
      case 7: {
        const obj: Record<string, unknown> = {};
        for (let i = 0; i < size; i++) {
          const [k, afterKey] = this.decode(offset, depth + 1);
          const [v, afterValue] = this.decode(afterKey, depth + 1);
          obj[String(k)] = v;
          offset = afterValue;
        }
        return [obj, offset];
      }
      case 11: {
        const arr: unknown[] = [];
        for (let i = 0; i < size; i++) {
          const [v, after] = this.decode(offset, depth + 1);
          arr.push(v);
          offset = after;
        }
        return [arr, offset];
      }
      case 14:
        return [size !== 0, offset];
      case 15:
        return [buf.readFloatBE(offset), offset + 4];
      default:
        throw new MmdbError(`unknown data type ${type} at offset ${offset - 1}`);
    }
  }
}

export interface MmdbReader {
  metadata: MmdbMetadata;
  /** The data record for an address, or null when it is in no network of the file. */
  record(ip: ParsedIp): unknown;
  /** Every distinct data record the search tree points to (e.g. every country a file can answer). */
  distinctRecords(): unknown[];
}

/** Parse an in-memory MaxMind DB. Throws MmdbError naming what is wrong. */
export function openMmdb(buf: Buffer): MmdbReader {
  const searchFrom = Math.max(0, buf.length - METADATA_MAX);
  const markerAt = buf.lastIndexOf(METADATA_MARKER);
  if (markerAt < searchFrom || markerAt < 0) throw new MmdbError('no MaxMind DB metadata marker near the end of the file (not an .mmdb file?)');
  const metaStart = markerAt + METADATA_MARKER.length;
  const [meta] = new Decoder(buf, metaStart).decode(metaStart);
  const m = meta as MmdbMetadata;
  if (!m || typeof m !== 'object') throw new MmdbError('metadata is not a map');
  for (const k of ['node_count', 'record_size', 'ip_version'] as const) {
    if (typeof m[k] !== 'number') throw new MmdbError(`metadata has no numeric ${k}`);
  }
  if (m.binary_format_major_version !== 2) throw new MmdbError(`binary format ${String(m.binary_format_major_version)} is not supported (need 2)`);
  if (![24, 28, 32].includes(m.record_size)) throw new MmdbError(`record size ${m.record_size} is not 24, 28 or 32`);
  if (m.ip_version !== 4 && m.ip_version !== 6) throw new MmdbError(`ip_version ${m.ip_version} is not 4 or 6`);

  const nodeCount = m.node_count;
  const nodeBytes = (m.record_size * 2) / 8;
  const treeSize = nodeCount * nodeBytes;
  if (treeSize + DATA_SEPARATOR > markerAt) throw new MmdbError(`search tree (${nodeCount} nodes) is larger than the file`);
  const dataStart = treeSize + DATA_SEPARATOR;
  const data = new Decoder(buf, dataStart);

  const readRecord = (node: number, bit: number): number => {
    const off = node * nodeBytes;
    switch (m.record_size) {
      case 24:
        return bit === 0 ? buf.readUIntBE(off, 3) : buf.readUIntBE(off + 3, 3);
      case 28:
        return bit === 0 ? ((buf[off + 3] & 0xf0) << 20) | buf.readUIntBE(off, 3) : ((buf[off + 3] & 0x0f) << 24) | buf.readUIntBE(off + 4, 3);
      default:
        return bit === 0 ? buf.readUInt32BE(off) : buf.readUInt32BE(off + 4);
    }
  };

  // In an IPv6 tree IPv4 addresses live under ::/96; find that node once.
  let ipv4Start = 0;
  if (m.ip_version === 6) {
    for (let i = 0; i < 96 && ipv4Start < nodeCount; i++) ipv4Start = readRecord(ipv4Start, 0);
  }

  const cache = new Map<number, unknown>();
  return {
    metadata: m,
    record(ip: ParsedIp): unknown {
      if (ip.family === 6 && m.ip_version === 4) return null;
      let node = ip.family === 4 ? ipv4Start : 0;
      const bits = ip.bytes.length * 8;
      for (let i = 0; i < bits && node < nodeCount; i++) {
        node = readRecord(node, (ip.bytes[i >> 3] >> (7 - (i & 7))) & 1);
      }
      if (node <= nodeCount) return null;
      const offset = node - nodeCount - DATA_SEPARATOR;
      if (!cache.has(offset)) cache.set(offset, data.decode(dataStart + offset)[0]);
      return cache.get(offset);
    },
    distinctRecords(): unknown[] {
      const offsets = new Set<number>();
      for (let n = 0; n < nodeCount; n++) {
        for (const bit of [0, 1]) {
          const r = readRecord(n, bit);
          if (r > nodeCount) offsets.add(r - nodeCount - DATA_SEPARATOR);
        }
      }
      return [...offsets].map((o) => data.decode(dataStart + o)[0]);
    },
  };
}

const CODE = /^[A-Za-z]{2}$/;

function isoCode(rec: unknown, key: string): string | null {
  const v = (rec as Record<string, { iso_code?: unknown } | undefined> | null)?.[key]?.iso_code;
  return typeof v === 'string' && CODE.test(v) ? v.toUpperCase() : null;
}

/** The located country of a record in either layout (MaxMind's `country.iso_code`, or `country_code`). */
export function recordCountry(rec: unknown): GeoAnswer | null {
  if (rec === null || rec === undefined || typeof rec !== 'object') return null;
  const r = rec as Record<string, unknown>;
  if (typeof r.country_code === 'string') {
    // ip-location-db writes "" or "ZZ"-like placeholders for blocks without a country; only a code counts.
    return { country: CODE.test(r.country_code) && r.country_code.toUpperCase() !== 'ZZ' ? r.country_code.toUpperCase() : null };
  }
  return { country: isoCode(rec, 'country'), registeredCountry: isoCode(rec, 'registered_country') };
}

/** What a MaxMind DB's metadata says about its vendor and licence, for `--geoip-db` files. */
export interface MmdbIdentity {
  vendor: string | null;
  /** The bundled source a file of this kind replaces: current GeoLite2 country data, or DB-IP Lite. */
  replaces: 'geoip-country' | 'dbip-country-lite' | null;
  name: string;
  licence: DataLicence;
}

export function identifyMmdb(m: MmdbMetadata): MmdbIdentity {
  const type = String(m.database_type ?? '');
  const desc = typeof m.description?.en === 'string' ? m.description.en : '';
  if (/^GeoLite2-(Country|City)/i.test(type)) return { vendor: 'MaxMind', replaces: 'geoip-country', name: `MaxMind ${type}`, licence: GEOLITE2_LICENCE };
  if (/^GeoIP2-(Country|City|Enterprise)/i.test(type)) {
    return { vendor: 'MaxMind', replaces: 'geoip-country', name: `MaxMind ${type}`, licence: { ...UNKNOWN_LICENCE, licence: 'MaxMind GeoIP2 commercial licence (see your MaxMind agreement).' } };
  }
  if (/db-?ip/i.test(`${type} ${desc}`)) {
    const lite = /lite/i.test(`${type} ${desc}`);
    return { vendor: 'DB-IP', replaces: lite ? 'dbip-country-lite' : null, name: `DB-IP ${type}`, licence: lite ? DBIP_LITE_LICENCE : UNKNOWN_LICENCE };
  }
  return { vendor: null, replaces: null, name: type || 'MaxMind DB', licence: UNKNOWN_LICENCE };
}

/** Read and parse a `.mmdb` file; MmdbError names the file and what is wrong. */
export function readMmdbFile(file: string, what = '--geoip-db'): MmdbReader {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new MmdbError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
  try {
    return openMmdb(buf);
  } catch (err) {
    throw new MmdbError(`${what} ${file} is not a usable MaxMind DB: ${(err as Error).message}`);
  }
}

/** The build date in the metadata (`build_epoch`), ISO date, or null. */
export function mmdbBuildDate(m: MmdbMetadata): string | null {
  return typeof m.build_epoch === 'number' && m.build_epoch > 0 ? new Date(m.build_epoch * 1000).toISOString().slice(0, 10) : null;
}

/** A locator over an opened reader, with the info the caller establishes. */
export function mmdbLocator(reader: MmdbReader, info: GeoLocator['info']): GeoLocator {
  return {
    info,
    lookup(ip: ParsedIp): GeoAnswer | null {
      return recordCountry(reader.record(ip));
    },
  };
}

/**
 * Load a country (or city) database given with `--geoip-db`: MaxMind's layout or `country_code`.
 * `replaces`: the bundled source it stands in for; by default what its metadata says (identifyMmdb).
 */
export function loadMmdb(file: string, replaces?: string | null): GeoLocator {
  const t0 = process.hrtime.bigint();
  const reader = readMmdbFile(file);
  const m = reader.metadata;
  const built = mmdbBuildDate(m);
  const who = identifyMmdb(m);
  return mmdbLocator(reader, {
    id: `mmdb:${basename(file)}`,
    kind: 'mmdb',
    name: who.name,
    vendor: who.vendor,
    description: `${m.database_type || 'MaxMind DB'}${built ? ` built ${built}` : ''}${m.description?.en ? ` — ${m.description.en}` : ''} (${basename(file)})`,
    package: null,
    origin: 'geoip-db',
    overrides: replaces === undefined ? who.replaces : replaces,
    files: [file],
    buildDate: built,
    buildDateSource: built ? 'mmdb-build-epoch' : null,
    version: `${m.binary_format_major_version}.${m.binary_format_minor_version ?? 0}`,
    ...who.licence,
    licenceFiles: [],
    loadMs: msSince(t0),
  });
}
