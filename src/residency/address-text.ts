/**
 * Finding network addresses in configuration text: URLs, `host:port`, bare IPs and DNS names, as the
 * docker collector leaves them after redaction (scheme://host:port, host:port or a bare address).
 */
import { isIP } from 'node:net';
import { isAddressName } from '../evidence/redact';
import { formatIp, parseIp, stripIp } from './ip-address';

export interface AddressRef {
  /** Lower-case host name or canonical IP (IPv6 without brackets). */
  host: string;
  port: number | null;
  scheme: string | null;
}

/** Schemes that name a local socket or file, never a network peer. */
const LOCAL_SCHEMES = new Set(['unix', 'unixgram', 'file', 'npipe', 'fd']);

/**
 * Two-label names whose "TLD" is a common file extension are file names (`app.py`, `config.yaml`),
 * not hosts. Longer names (`api.example.pl`) are kept.
 */
const FILE_EXTENSIONS = new Set(
  'py sh js mjs cjs ts json yaml yml xml html htm txt md conf cfg ini log pem crt cer key jar war so rb pl php go rs css toml lock sql csv gz zip tar tgz bz2 xz bin exe dll jpg jpeg png gif svg pid sock env properties lua java class c h cpp sqlite db tmp bak old new d service socket timer mount target'.split(' '),
);

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,22}[a-z0-9])?$/;
const SINGLE_LABEL = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** A DNS name with at least one dot and an alphabetic last label, not a file name. */
export function looksLikeHostname(text: string): boolean {
  const t = text.toLowerCase().replace(/\.$/, '');
  if (!DNS_NAME.test(t)) return false;
  const labels = t.split('.');
  if (labels.length === 2 && FILE_EXTENSIONS.has(labels[1])) return false;
  // Version strings and numbers-with-suffix (`1.2.3`, `v1.2`) are not hosts.
  if (/^v?\d+(\.\d+)+[a-z]*$/.test(t)) return false;
  return true;
}

function port(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

function normaliseHost(host: string): string | null {
  const h = stripIp(host);
  if (isIP(h)) return formatIp(parseIp(h)!);
  const lower = h.toLowerCase().replace(/\.$/, '');
  return lower || null;
}

/**
 * Parse one token as an address. `allowSingleLabel` accepts `db:5432`-style compose service names
 * (only with a port, where the shape is unambiguous).
 */
export function parseAddressToken(raw: string, allowSingleLabel = true): AddressRef | null {
  let t = raw.trim().replace(/^["'`]+|["'`]+$/g, '');
  if (!t) return null;
  // URL: scheme://[userinfo@]host[:port][/...]
  const url = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/@\s]*@)?(\[[0-9a-f:.%a-z]+\]|[^/:?#\s]*)(?::(\d{1,5}))?/i.exec(t);
  if (url) {
    const scheme = url[1].toLowerCase();
    if (LOCAL_SCHEMES.has(scheme)) return null;
    const host = normaliseHost(url[2]);
    if (!host) return null;
    if (!isIP(host) && !looksLikeHostname(host) && !SINGLE_LABEL.test(host)) return null;
    return { host, port: port(url[3]), scheme };
  }
  // user@host:path (sshfs, scp-style): keep the host.
  if (t.includes('@')) t = t.slice(t.lastIndexOf('@') + 1);
  // [v6]:port or [v6]
  const br = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(t);
  if (br && isIP(br[1]) === 6) return { host: formatIp(parseIp(br[1])!), port: port(br[2]), scheme: null };
  // Bare IPv6 (no port possible without brackets).
  if (isIP(stripIp(t)) === 6) return { host: formatIp(parseIp(t)!), port: null, scheme: null };
  // host:port, host:/path (NFS device), or a bare host.
  const hp = /^([^:/\s]+)(?::(\d{1,5}|\/.*))?$/.exec(t);
  if (!hp) return null;
  const host = hp[1];
  const p = hp[2] && !hp[2].startsWith('/') ? port(hp[2]) : null;
  if (hp[2] && !hp[2].startsWith('/') && p === null) return null;
  if (isIP(host) === 4) return { host, port: p, scheme: null };
  if (looksLikeHostname(host)) return { host: host.toLowerCase().replace(/\.$/, ''), port: p, scheme: null };
  if (allowSingleLabel && p !== null && SINGLE_LABEL.test(host.toLowerCase()) && !/^\d+$/.test(host)) return { host: host.toLowerCase(), port: p, scheme: null };
  return null;
}

export interface FindOptions {
  /** Accept `db:5432`-style single-label hosts (with a port). Default true. */
  allowSingleLabel?: boolean;
  /**
   * Accept a bare DNS name (no scheme, no port, no `user@`, no `:/path`) anywhere in the text. When false
   * (the default for values whose key names no address), a bare name counts only right after an address
   * key: `--host x`, `-h x`, `HOST=x`, `Host(\`x\`)`. A dotted word elsewhere may be a secret, and is
   * never resolved or located. Default true.
   */
  bareNames?: boolean;
}

/** A flag or word that says the next word is an address (`--host`, `-h`, `--server`, `Host(`). */
export function isAddressKey(word: string): boolean {
  const w = word.replace(/[=:(]+$/, '');
  return /^-[hH]$/.test(w) || (/^-{0,2}[A-Za-z][A-Za-z0-9_.-]*$/.test(w) && isAddressName(w));
}

/** The address has a shape only addresses have: a scheme, a port, an IP, `user@host` or `host:/path`. */
function shaped(token: string, ref: AddressRef): boolean {
  return ref.scheme !== null || ref.port !== null || isIP(ref.host) !== 0 || /[@]|:\//.test(token);
}

/** Every address in a free-text value (env value, label value, one command-line argument). */
export function findAddresses(text: string, options: boolean | FindOptions = true): AddressRef[] {
  const opts: FindOptions = typeof options === 'boolean' ? { allowSingleLabel: options } : options;
  const allowSingleLabel = opts.allowSingleLabel ?? true;
  const bareNames = opts.bareNames ?? true;
  const out: AddressRef[] = [];
  const seen = new Set<string>();
  let prev = '';
  // Split on separators that never occur inside an address; `--flag=value` keeps its value.
  for (const piece of text.split(/[\s,;()<>|{}"'`]+/)) {
    if (!piece) continue;
    const candidates: { token: string; key: string }[] = [{ token: piece, key: prev }];
    const eq = piece.indexOf('=');
    if (eq > 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(piece)) candidates.push({ token: piece.slice(eq + 1), key: piece.slice(0, eq) });
    prev = piece;
    for (const c of candidates) {
      const a = parseAddressToken(c.token, allowSingleLabel);
      if (!a) continue;
      if (!bareNames && !shaped(c.token, a) && !isAddressKey(c.key)) continue;
      const key = `${a.scheme ?? ''}|${a.host}|${a.port ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(a);
      }
      break;
    }
  }
  return out;
}

/** Endpoint id: lower-case host, `:port` when known, IPv6 in brackets. */
export function endpointId(host: string, p: number | null): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return p === null ? h : `${h}:${p}`;
}
