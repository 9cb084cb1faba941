/**
 * Name resolution for endpoints, injectable so tests never query outside names: a `NameResolver`
 * is any object with `resolve(name)`. The default asks the system's DNS servers directly (A and AAAA,
 * with a timeout); `--hosts-file` gives a static map that takes precedence; `--no-dns` resolves nothing.
 */
import { InputError } from '../errors';
import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { stripIp } from './ip-address';

export interface NameResolver {
  /** Addresses of a name; rejects with an Error whose message says why (NXDOMAIN, timeout, ...). */
  resolve(name: string): Promise<string[]>;
}

export class HostsFileError extends InputError {}

export interface DnsResolverOptions {
  /** Per-query timeout, milliseconds (default 2500). */
  timeoutMs?: number;
  /** Tries per server (default 2). */
  tries?: number;
  /** Servers to ask instead of the system's (`ip` or `ip:port`). */
  servers?: string[];
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'no such name (NXDOMAIN)',
  ENODATA: 'the name has no A or AAAA record',
  ETIMEOUT: 'DNS timeout',
  ECONNREFUSED: 'DNS server refused the connection',
  ESERVFAIL: 'DNS server failure (SERVFAIL)',
  ECANCELLED: 'DNS query cancelled (the run was interrupted)',
  EREFUSED: 'DNS query refused',
};

/** The system resolver, A and AAAA in parallel. */
export function dnsResolver(opts: DnsResolverOptions = {}): NameResolver & { timeoutMs: number; cancel(): void } {
  const timeoutMs = opts.timeoutMs ?? 2500;
  const r = new Resolver({ timeout: timeoutMs, tries: opts.tries ?? 2 });
  if (opts.servers?.length) r.setServers(opts.servers);
  return {
    timeoutMs,
    /** Abort every query in flight (they reject with ECANCELLED). */
    cancel: () => r.cancel(),
    async resolve(name: string): Promise<string[]> {
      const [a, aaaa] = await Promise.allSettled([r.resolve4(name), r.resolve6(name)]);
      const out = [...(a.status === 'fulfilled' ? a.value : []), ...(aaaa.status === 'fulfilled' ? aaaa.value : [])];
      if (out.length) return out;
      const err = (a.status === 'rejected' ? a.reason : aaaa.status === 'rejected' ? aaaa.reason : null) as NodeJS.ErrnoException | null;
      const code = err?.code ?? 'ENODATA';
      throw new Error(DNS_ERRORS[code] ?? `DNS error ${code}`);
    },
  };
}

/** `--no-dns`: every name stays unresolved, with that reason. */
export const noDnsResolver: NameResolver = {
  resolve: () => Promise.reject(new Error('not resolved: --no-dns')),
};

/**
 * Parse hosts(5) text: `address name [aliases...]`, `#` comments. Returns name → addresses (lower-case
 * names). Throws HostsFileError naming the line of the first malformed entry.
 */
export function parseHostsFile(text: string, source = 'hosts file'): Map<string, string[]> {
  const map = new Map<string, string[]>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [addr, ...names] = line.split(/\s+/);
    if (isIP(stripIp(addr)) === 0) throw new HostsFileError(`${source} line ${i + 1}: "${addr}" is not an IP address`);
    if (names.length === 0) throw new HostsFileError(`${source} line ${i + 1}: no host name after ${addr}`);
    for (const n of names) {
      const key = n.toLowerCase().replace(/\.$/, '');
      const list = map.get(key) ?? [];
      if (!list.includes(stripIp(addr))) list.push(stripIp(addr));
      map.set(key, list);
    }
  });
  return map;
}

export async function loadHostsFile(path: string): Promise<Map<string, string[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new HostsFileError(`cannot read --hosts-file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseHostsFile(text, path);
}

/** A resolver answering from a static map only (used by tests and `where --hosts-file ... --no-dns`). */
export function staticResolver(map: Map<string, string[]> | Record<string, string[]>): NameResolver {
  const m = map instanceof Map ? map : new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    resolve: async (name) => {
      const hit = m.get(name.toLowerCase());
      if (!hit) throw new Error('no such name (NXDOMAIN)');
      return hit;
    },
  };
}
