/**
 * IP parsing and special-purpose range classification (IANA registries, RFC 6890 and successors),
 * so private, loopback, link-local, CGNAT and ULA addresses are `internal` rather than `unknown`,
 * and IPv4 embedded in IPv6 (mapped, NAT64, 6to4) is judged by its IPv4 address.
 */
import { isIP } from 'node:net';
import type { AddressRange } from '../evidence/types/residency';

export interface ParsedIp {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

export interface ClassifiedAddress {
  /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6; the embedded IPv4 when mapped. */
  ip: string;
  family: 4 | 6;
  /** The original IPv6 text when the address carried an IPv4 address (mapped, NAT64, 6to4). */
  mappedFrom?: string;
  range: AddressRange;
  /** Never leaves the host's own networks: these are `internal`, not unknown. */
  internal: boolean;
}

/** Strip brackets and an IPv6 zone (`fe80::1%eth0`). */
export function stripIp(text: string): string {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const pct = t.indexOf('%');
  if (pct > 0 && t.includes(':')) t = t.slice(0, pct);
  return t;
}

export function isIpLiteral(text: string): boolean {
  return isIP(stripIp(text)) !== 0;
}

export function parseIp(text: string): ParsedIp | null {
  const t = stripIp(text);
  const fam = isIP(t);
  if (fam === 4) return { family: 4, bytes: Uint8Array.from(t.split('.').map(Number)) };
  if (fam !== 6) return null;
  // Expand a trailing dotted quad, then the `::`.
  let s = t.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = dotted[1].split('.').map(Number);
    s = s.slice(0, -dotted[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const tl = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g || '0', 16);
    bytes[i * 2] = v >> 8;
    bytes[i * 2 + 1] = v & 0xff;
  });
  return { family: 6, bytes };
}

export function formatIp(p: ParsedIp): string {
  if (p.family === 4) return Array.from(p.bytes).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((p.bytes[i] << 8) | p.bytes[i + 1]).toString(16));
  // WHATWG URL serialises IPv6 in RFC 5952 form (longest zero run compressed, lower case).
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

function inPrefix(bytes: Uint8Array, prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((bytes[byte] & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

type RangeRule = [prefix: number[], bits: number, range: AddressRange];

// Most specific first where ranges nest.
const V4_RULES: RangeRule[] = [
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[0], 8, 'unspecified'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'cgnat'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'benchmarking'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'],
];

const V6_RULES: RangeRule[] = [
  [[], 128, 'unspecified'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0x01, 0x00], 64, 'reserved'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x3f, 0xff], 20, 'documentation'],
  [[0x20, 0x01], 23, 'reserved'],
  [[0xfc], 7, 'ula'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xff], 8, 'multicast'],
  [[0x20], 3, 'public'],
];

/** Ranges whose traffic stays on the host or its private networks. */
const INTERNAL_RANGES = new Set<AddressRange>(['private', 'loopback', 'link-local', 'cgnat', 'ula', 'unspecified', 'multicast', 'broadcast', 'benchmarking']);

/** The IPv4 address embedded in an IPv6 one: `::ffff:0:0/96` (mapped), `64:ff9b::/96` (NAT64), `2002::/16` (6to4). */
function embeddedV4(b: Uint8Array): Uint8Array | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12, 16);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12, 16);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return null;
}

function rangeOf(p: ParsedIp): AddressRange {
  const rules = p.family === 4 ? V4_RULES : V6_RULES;
  for (const [prefix, bits, range] of rules) if (inPrefix(p.bytes, prefix, bits)) return range;
  return p.family === 4 ? 'public' : 'reserved';
}

/** Classify an IP literal; null when the text is not an IP address. */
export function classifyAddress(text: string): ClassifiedAddress | null {
  const p = parseIp(text);
  if (!p) return null;
  if (p.family === 6) {
    const v4 = embeddedV4(p.bytes);
    if (v4) {
      const inner: ParsedIp = { family: 4, bytes: v4 };
      const range = rangeOf(inner);
      return { ip: formatIp(inner), family: 4, mappedFrom: formatIp(p), range, internal: INTERNAL_RANGES.has(range) };
    }
  }
  const range = rangeOf(p);
  return { ip: formatIp(p), family: p.family, range, internal: INTERNAL_RANGES.has(range) };
}
