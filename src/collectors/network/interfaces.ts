import { networkInterfaces } from 'node:os';
import type { InterfaceAddress, NetInterface, RouteFact } from '../../evidence/types/network';
import { classifyAddress } from '../../residency/ip-address';

/** Ranges that are routable on the public internet. */
function isPublicRange(range: string): boolean {
  return range === 'public';
}

export function classifiedAddress(address: string, prefixLength: number, family: 4 | 6, scope?: string): InterfaceAddress {
  const range = classifyAddress(address)?.range ?? 'reserved';
  return { address, prefixLength, family, ...(scope ? { scope } : {}), range, public: isPublicRange(range) };
}

interface IpJsonLink {
  ifname?: string;
  flags?: string[];
  link_type?: string;
  master?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: { family?: string; local?: string; prefixlen?: number; scope?: string }[];
}

/** `ip -j -d address show` → interfaces with classified addresses. Throws on text that is not that JSON. */
export function parseIpAddressJson(text: string): NetInterface[] {
  const doc = JSON.parse(text) as unknown;
  if (!Array.isArray(doc)) throw new Error('ip -j address show did not print a JSON array');
  return (doc as IpJsonLink[]).filter((l) => typeof l.ifname === 'string').map((l) => ({
    name: l.ifname!,
    up: (l.flags ?? []).includes('UP'),
    loopback: l.link_type === 'loopback' || (l.flags ?? []).includes('LOOPBACK'),
    ...(l.linkinfo?.info_kind ? { kind: l.linkinfo.info_kind } : {}),
    ...(l.master ? { master: l.master } : {}),
    addresses: (l.addr_info ?? [])
      .filter((a) => (a.family === 'inet' || a.family === 'inet6') && typeof a.local === 'string')
      .map((a) => classifiedAddress(a.local!, a.prefixlen ?? (a.family === 'inet' ? 32 : 128), a.family === 'inet' ? 4 : 6, a.scope)),
  }));
}

/** Node's own view of this process's namespace, when `ip` is not installed: no link kinds, no down links. */
export function interfacesFromNode(): NetInterface[] {
  return Object.entries(networkInterfaces()).map(([name, list]) => ({
    name,
    up: true,
    loopback: (list ?? []).some((a) => a.internal),
    addresses: (list ?? []).map((a) => classifiedAddress(a.address, Number(a.cidr?.split('/')[1] ?? (a.family === 'IPv4' ? 32 : 128)), a.family === 'IPv4' ? 4 : 6)),
  }));
}

/** `ip -j route show default` (either family) → routes. */
export function parseIpRouteJson(text: string, family: 4 | 6): RouteFact[] {
  const doc = JSON.parse(text) as unknown;
  if (!Array.isArray(doc)) throw new Error('ip -j route show did not print a JSON array');
  return (doc as { dst?: string; gateway?: string; dev?: string }[]).map((r) => ({
    family,
    destination: r.dst ?? 'default',
    ...(r.gateway ? { gateway: r.gateway } : {}),
    ...(r.dev ? { interface: r.dev } : {}),
  }));
}

/** `/proc/net/route` (IPv4) default routes, when `ip` is missing: gateway in little-endian hex. */
export function parseProcNetRoute(text: string): RouteFact[] {
  const out: RouteFact[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[1] !== '00000000' || f[7] !== '00000000') continue;
    const g = f[2].match(/../g)!.map((h) => parseInt(h, 16)).reverse().join('.');
    out.push({ family: 4, destination: 'default', gateway: g, interface: f[0] });
  }
  return out;
}
