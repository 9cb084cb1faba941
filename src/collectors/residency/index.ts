/**
 * The residency collector (issue #6): every endpoint and volume backend in the docker evidence plus
 * the host's own addresses and DNS servers, resolved (unless --no-dns) and geolocated. Records facts
 * only; the residency checks decide jurisdictions and outcomes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { DeclaredConfigRecord, ResidencyEvidence } from '../../evidence/types/residency';
import { loadResidencyConfig, normalizeResidencyConfig, ResidencyConfigError } from '../../residency/config';
import { discoverEndpoints, type HostInterfaceAddress } from '../../residency/discover';
import { geoSources, type GeoSet } from '../../residency/geo';
import { TABLE_REVIEWED } from '../../residency/jurisdiction';
import { locateEndpoints } from '../../residency/locate';
import { dnsResolver, loadHostsFile, noDnsResolver, type NameResolver } from '../../residency/resolver';
import type { Collector, CollectorOutcome } from '../types';

export const RESIDENCY_COLLECTOR_VERSION = '1.1.0';

/** `ctx.options.residency`: CLI flags and the `residency` part of the audit config. */
export interface ResidencyCollectorOptions {
  /** `--no-dns`: record names unresolved. */
  noDns?: boolean;
  /** `--hosts-file FILE`: hosts(5) map that wins over DNS. */
  hostsFile?: string;
  /**
   * `--geoip-db FILE` (repeatable): a MaxMind DB country database that is looked up too, or replaces
   * the bundled source of its kind (`ID=FILE` names which: geoip-country, dbip-country-lite).
   */
  geoipDb?: string | string[];
  /** The `residency` mapping of the audit config (allowed, host, endpoints, providers). */
  config?: unknown;
  /** Or a standalone residency.yaml. */
  configFile?: string;
  /** Injected resolver (tests, library use); replaces DNS. */
  resolver?: NameResolver;
  /** Injected geolocation sources (benchmarks, library use); replaces the bundled ones and `geoipDb`. */
  geo?: GeoSet;
  /** Injected host interface addresses (tests); default `os.networkInterfaces()`. */
  hostAddresses?: HostInterfaceAddress[];
  /** Per-name DNS timeout, milliseconds (default 2500). */
  dnsTimeoutMs?: number;
}

function interfaceAddresses(): HostInterfaceAddress[] {
  const out: HostInterfaceAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) out.push({ interface: name, address: a.address });
  }
  return out;
}

/** Nameservers the host's containers inherit: /etc/resolv.conf, and systemd-resolved's upstream list when the first is only the local stub. */
async function hostNameservers(hostRoot: string): Promise<{ file: string; address: string }[]> {
  const read = async (rel: string) => {
    try {
      const text = await readFile(join(hostRoot, rel), 'utf8');
      return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => ({ file: `/${rel}`, address: m[1] }));
    } catch {
      return [];
    }
  };
  const main = await read('etc/resolv.conf');
  if (main.length && main.every((n) => n.address.startsWith('127.'))) return [...main, ...(await read('run/systemd/resolve/resolv.conf'))];
  return main;
}

async function declaredRecord(o: ResidencyCollectorOptions): Promise<DeclaredConfigRecord | null> {
  if (o.configFile) {
    const loaded = await loadResidencyConfig(o.configFile);
    return { file: loaded.file, sha256: loaded.sha256, config: loaded.config };
  }
  if (o.config === undefined || o.config === null) return null;
  const config = normalizeResidencyConfig(o.config, 'config residency');
  return { file: '(audit config, residency section)', sha256: createHash('sha256').update(JSON.stringify(o.config)).digest('hex'), config };
}

export const residencyCollector: Collector<'residency'> = {
  name: 'residency',
  version: RESIDENCY_COLLECTOR_VERSION,
  async collect(ctx): Promise<CollectorOutcome<ResidencyEvidence>> {
    const o = (ctx.options.residency ?? {}) as ResidencyCollectorOptions;
    const warnings: string[] = [];

    let declared: DeclaredConfigRecord | null = null;
    try {
      declared = await declaredRecord(o);
    } catch (err) {
      if (!(err instanceof ResidencyConfigError)) throw err;
      // Facts do not depend on the config; keep collecting and say why nothing is declared.
      warnings.push(`residency config not used: ${err.message}`);
    }

    let hostsFile: Map<string, string[]> | null = null;
    if (o.hostsFile) {
      try {
        hostsFile = await loadHostsFile(o.hostsFile);
      } catch (err) {
        return { status: 'failed', data: null, error: (err as Error).message };
      }
    }

    const dockerFile = ctx.earlier.docker;
    let docker: DockerEvidence | null = null;
    if (dockerFile?.data && (dockerFile.status === 'ok' || dockerFile.status === 'partial')) docker = dockerFile.data;
    else warnings.push(`docker evidence unavailable (${dockerFile ? `${dockerFile.status}${dockerFile.error ? `: ${dockerFile.error}` : ''}` : 'the docker collector did not run'}): only the host's own addresses and DNS servers were examined`);

    const dns = o.resolver ? null : o.noDns ? null : dnsResolver({ timeoutMs: o.dnsTimeoutMs });
    const resolver = o.resolver ?? (o.noDns ? noDnsResolver : dns!);
    const discovered = discoverEndpoints({
      docker,
      hostAddresses: o.hostAddresses ?? interfaceAddresses(),
      hostNameservers: await hostNameservers(ctx.hostRoot),
    });
    ctx.log(`residency: ${discovered.length} endpoints found; resolving${o.noDns ? ' (--no-dns: names stay unresolved)' : ''}`);

    // SIGINT/SIGTERM: stop waiting for DNS at once; unresolved names are recorded with the reason.
    const onAbort = () => dns?.cancel();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let located;
    try {
      located = await locateEndpoints(discovered, docker, { resolver, hostsFile, geo: () => o.geo ?? geoSources(o.geoipDb), signal: ctx.signal });
    } catch (err) {
      // Only a geolocation source can throw here (unreadable or malformed --geoip-db, a data package missing).
      return { status: 'failed', data: null, error: (err as Error).message, warnings };
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
    if (ctx.signal.aborted) warnings.push('interrupted: names not yet resolved were left unresolved');

    const data: ResidencyEvidence = {
      endpoints: located.endpoints,
      hostAddressSource: o.hostAddresses ? 'injected by the caller' : "os.networkInterfaces() in the collector's network namespace (Docker's own bridges and veth interfaces left out)",
      geolocation: located.geolocation,
      geolocationSources: located.geolocationSources,
      resolver: { mode: o.resolver ? 'injected' : o.noDns ? 'none' : 'dns', hostsFile: o.hostsFile ?? null, timeoutMs: dns ? dns.timeoutMs : null },
      declared,
      jurisdictionTableReviewed: TABLE_REVIEWED,
    };
    return { status: warnings.length ? 'partial' : 'ok', data, warnings };
  },
};
