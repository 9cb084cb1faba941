/**
 * Resolution and geolocation of discovered endpoints. Each distinct name is resolved once, with a
 * small concurrency limit; the geolocation database is loaded only when a public address needs it.
 */
import type { DockerEvidence } from '../evidence/types/docker';
import type { AddressFacts, GeoDatabaseInfo, ResidencyEndpoint, Resolution } from '../evidence/types/residency';
import type { DiscoveredEndpoint } from './discover';
import type { GeoSet } from './geo';
import { classifyAddress, isIpLiteral, parseIp } from './ip-address';
import type { NameResolver } from './resolver';

/** Names that never leave the host or its private networks. */
const SPECIAL_NAME = /(^localhost$|\.localhost$|^host\.docker\.internal$|^gateway\.docker\.internal$|\.local$|\.internal$|\.lan$|\.home\.arpa$|\.cluster\.local$|\.localdomain$)/;

export interface LocateOptions {
  resolver: NameResolver;
  /** `--hosts-file` entries (lower-case name → addresses); they win over DNS. */
  hostsFile?: Map<string, string[]> | null;
  /** Returns the geolocation sources, loading them on first call. */
  geo: () => GeoSet;
  /** Names resolved at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface LocateResult {
  endpoints: ResidencyEndpoint[];
  /** The newest source used, or null when nothing needed a lookup. */
  geolocation: GeoDatabaseInfo | null;
  /** Every source used (empty when nothing needed a lookup). */
  geolocationSources: GeoDatabaseInfo[];
}

/** Container names, hostnames and network aliases on this host (lower case) → their addresses. */
export function containerNames(docker: DockerEvidence | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of docker?.containers ?? []) {
    const addrs: string[] = [];
    const aliases: string[] = [];
    for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
      if (n.IPAddress) addrs.push(n.IPAddress);
      if (n.GlobalIPv6Address) addrs.push(n.GlobalIPv6Address);
      aliases.push(...(n.Aliases ?? []));
    }
    const names = [(c.Name || '').replace(/^\//, ''), c.Config?.Hostname ?? '', ...aliases, c.Id.slice(0, 12)];
    for (const name of names) if (name) map.set(name.toLowerCase(), [...new Set([...(map.get(name.toLowerCase()) ?? []), ...addrs])]);
  }
  return map;
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

async function resolveName(e: DiscoveredEndpoint, opts: LocateOptions, containers: Map<string, string[]>): Promise<Resolution> {
  const host = e.host;
  if (isIpLiteral(host)) return { method: 'literal', addresses: [host] };
  const fromFile = opts.hostsFile?.get(host);
  if (fromFile) return { method: 'hosts-file', addresses: fromFile };
  const extra = e.extraHosts[host];
  if (extra?.length) return { method: 'extra-hosts', addresses: extra };
  if (SPECIAL_NAME.test(host)) return { method: 'special', addresses: host === 'localhost' ? ['127.0.0.1'] : [] };
  const c = containers.get(host);
  if (c) return { method: 'container', addresses: c };
  if (!host.includes('.')) {
    return { method: 'none', addresses: [], error: 'single-label name that is not a container, alias or hosts-file entry on this host; public DNS cannot resolve it' };
  }
  if (opts.signal?.aborted) return { method: 'none', addresses: [], error: 'not resolved: the run was interrupted' };
  const t0 = Date.now();
  try {
    const addresses = await opts.resolver.resolve(host);
    return { method: 'dns', addresses, durationMs: Date.now() - t0 };
  } catch (err) {
    return { method: 'none', addresses: [], error: (err as Error).message, durationMs: Date.now() - t0 };
  }
}

/** Resolve and geolocate every endpoint. */
export async function locateEndpoints(discovered: DiscoveredEndpoint[], docker: DockerEvidence | null, opts: LocateOptions): Promise<LocateResult> {
  const containers = containerNames(docker);
  // Resolve each distinct (name, extra-hosts) once: the same name in many containers is one query.
  const keyOf = (e: DiscoveredEndpoint) => `${e.host}\u0000${JSON.stringify(e.extraHosts[e.host] ?? null)}`;
  const unique = new Map<string, DiscoveredEndpoint>();
  for (const e of discovered) if (!unique.has(keyOf(e))) unique.set(keyOf(e), e);
  const resolutions = new Map<string, Resolution>();
  await pool([...unique.entries()], opts.concurrency ?? 8, async ([key, e]) => {
    resolutions.set(key, await resolveName(e, opts, containers));
  });

  let db: GeoSet | null = null;
  const endpoints: ResidencyEndpoint[] = [];
  for (const e of discovered) {
    const resolution = resolutions.get(keyOf(e))!;
    const addresses: AddressFacts[] = [];
    for (const text of resolution.addresses) {
      const a = classifyAddress(text);
      if (!a) continue;
      const facts: AddressFacts = { ip: a.ip, family: a.family, range: a.range, internal: a.internal, country: null, geoSource: null };
      if (a.mappedFrom) facts.mappedFrom = a.mappedFrom;
      // Only public addresses can be located; documentation and reserved ranges are not routable.
      if (a.range === 'public') {
        db ??= opts.geo();
        const ans = db.lookup(parseIp(a.ip)!);
        facts.country = ans.country;
        facts.geoSource = db.sourceIds;
        facts.geoStatus = ans.status;
        facts.geo = ans.answers;
        if (ans.registeredCountry) facts.registeredCountry = ans.registeredCountry;
      }
      if (!addresses.some((x) => x.ip === facts.ip)) addresses.push(facts);
    }
    endpoints.push({
      id: e.id,
      host: e.host,
      port: e.port,
      scheme: e.scheme,
      kinds: e.kinds,
      foundIn: e.foundIn,
      resolution,
      addresses,
      providerRegion: e.providerRegion,
    });
  }
  const used = db as GeoSet | null;
  return { endpoints, geolocation: used ? used.newest : null, geolocationSources: used ? used.infos : [] };
}
