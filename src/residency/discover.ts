/**
 * Endpoint discovery: every address the Docker evidence names, with where it was found. Pure: the
 * inputs are the (already redacted) docker evidence, the host's interface addresses and resolv.conf
 * nameservers; nothing is resolved or looked up here.
 */
import type { ContainerInspect, DockerEvidence, VolumeInspect } from '../evidence/types/docker';
import type { FoundIn, ResidencyEndpoint } from '../evidence/types/residency';
import { isAddressName } from '../evidence/redact';
import { endpointId, findAddresses, isAddressKey, parseAddressToken, type AddressRef, type FindOptions } from './address-text';
import { awsRegionEndpoint } from './cloud-regions';
import { classifyAddress } from './ip-address';

/** An endpoint before resolution: the evidence endpoint's address fields and every place it was found. */
export interface DiscoveredEndpoint extends Pick<ResidencyEndpoint, 'id' | 'host' | 'port' | 'scheme' | 'kinds' | 'foundIn'> {
  providerRegion: NonNullable<ResidencyEndpoint['providerRegion']> | null;
  /** `--add-host` entries of the containers it was found in (name → addresses), for resolution. */
  extraHosts: Record<string, string[]>;
}

export interface HostInterfaceAddress {
  interface: string;
  address: string;
}

export interface DiscoveryInput {
  docker: DockerEvidence | null;
  /** The host's own interface addresses (loopback excluded by the caller or here). */
  hostAddresses?: HostInterfaceAddress[];
  /** Nameservers of the host's resolv.conf, which containers inherit unless given `--dns`. */
  hostNameservers?: { file: string; address: string }[];
}

/** Label keys that describe an image or a compose project rather than a data flow. */
const DESCRIPTIVE_LABEL = /^(org\.opencontainers\.|org\.label-schema\.|com\.docker\.compose\.|com\.docker\.desktop\.|maintainer$|description$|version$|license$|vendor$|url$|summary$|name$|io\.k8s\.|io\.openshift\.|build[-_.]|vcs[-_.])/i;

/** Host interfaces Docker creates itself; they are not where the host is. */
const DOCKER_INTERFACE = /^(veth|docker\d*$|br-|docker_gwbridge$|vxlan|cni|flannel|cali|tunl|weave)/;

/** Logging option keys whose value is a destination address, per driver. */
const LOG_ADDRESS_KEYS = ['syslog-address', 'gelf-address', 'fluentd-address', 'splunk-url', 'loki-url', 'awslogs-endpoint', 'logstash-address', 'logzio-url', 'datadog-url', 'sumo-url'];

/** Fixed destinations of logging drivers that name no address in their options. */
const LOG_FIXED: Record<string, { host: string; port: number; field: string }> = {
  gcplogs: { host: 'logging.googleapis.com', port: 443, field: 'gcplogs driver (Google Cloud Logging API)' },
  logentries: { host: 'data.logentries.com', port: 443, field: 'logentries driver (Logentries API)' },
};

class Collector {
  private byId = new Map<string, DiscoveredEndpoint>();

  add(ref: AddressRef, found: FoundIn, extra?: { providerRegion?: DiscoveredEndpoint['providerRegion']; extraHosts?: string[] | null }): void {
    const id = endpointId(ref.host, ref.port);
    let e = this.byId.get(id);
    if (!e) {
      e = { id, host: ref.host, port: ref.port, scheme: ref.scheme, kinds: [], foundIn: [], providerRegion: null, extraHosts: {} };
      this.byId.set(id, e);
    }
    if (!e.scheme && ref.scheme) e.scheme = ref.scheme;
    if (!e.kinds.includes(found.kind)) e.kinds.push(found.kind);
    const dup = e.foundIn.some((f) => f.kind === found.kind && f.field === found.field && f.object?.id === found.object?.id && f.value === found.value);
    if (!dup) e.foundIn.push(found);
    if (extra?.providerRegion && !e.providerRegion) e.providerRegion = extra.providerRegion;
    for (const entry of extra?.extraHosts ?? []) {
      // `name:ip` (docker ≥ 20 also accepts `name=ip`); the address may itself contain colons (IPv6).
      const m = /^([^:=]+)[:=](.+)$/.exec(entry);
      // Only the entry for this endpoint's own name matters for resolving it.
      if (m && m[1].toLowerCase() === ref.host) {
        const list = (e.extraHosts[ref.host] ??= []);
        const addr = m[2].replace(/^\[|\]$/g, '');
        if (!list.includes(addr)) list.push(addr);
      }
    }
  }

  list(): DiscoveredEndpoint[] {
    return [...this.byId.values()];
  }
}

function containerObject(c: ContainerInspect): FoundIn['object'] {
  return { type: 'container', id: c.Id, name: (c.Name || '').replace(/^\//, '') || c.Id.slice(0, 12) };
}

function addText(out: Collector, text: string, found: Omit<FoundIn, 'value'>, extraHosts: string[] | null | undefined, find: FindOptions): void {
  for (const ref of findAddresses(text, find)) {
    out.add(ref, { ...found, value: text.length > 200 ? `${text.slice(0, 197)}...` : text }, { extraHosts });
  }
}

function discoverContainer(out: Collector, c: ContainerInspect): void {
  const object = containerObject(c);
  const extraHosts = c.HostConfig?.ExtraHosts ?? null;
  for (const entry of c.Config?.Env ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    // A bare host name counts only under a name that says address (DB_HOST, *_URL...): elsewhere it may be a secret.
    addText(out, entry.slice(eq + 1), { kind: 'env', object, field: `Env ${entry.slice(0, eq)}` }, extraHosts, { bareNames: isAddressName(entry.slice(0, eq)) });
  }
  for (const [k, v] of Object.entries(c.Config?.Labels ?? {})) {
    if (DESCRIPTIVE_LABEL.test(k) || typeof v !== 'string') continue;
    addText(out, v, { kind: 'label', object, field: `Label ${k}` }, extraHosts, { bareNames: isAddressName(k) });
  }
  const argv = [...(c.Config?.Entrypoint ?? []), ...(c.Config?.Cmd ?? [])];
  argv.forEach((arg, i) => {
    // Single-label names in a command line are too often plain words (`redis:alpine` is an image);
    // a bare dotted name counts only after an address flag (`--host db.example.com`, `-h db`).
    addText(out, arg, { kind: 'command', object, field: `Command argument ${i}` }, extraHosts, { allowSingleLabel: false, bareNames: i > 0 && isAddressKey(argv[i - 1]) });
  });

  // Published ports: configured bindings (created containers) and live ones (running containers).
  const bindings = [c.HostConfig?.PortBindings ?? {}, c.NetworkSettings?.Ports ?? {}];
  for (const map of bindings) {
    for (const [containerPort, list] of Object.entries(map ?? {})) {
      for (const b of list ?? []) {
        const hostIp = b.HostIp || '0.0.0.0';
        const a = classifyAddress(hostIp);
        const p = b.HostPort ? Number(b.HostPort) : null;
        out.add(
          { host: a ? a.ip : hostIp, port: p && Number.isInteger(p) ? p : null, scheme: containerPort.split('/')[1] ?? null },
          { kind: 'published-port', object, field: `HostConfig.PortBindings ${containerPort}`, value: `${b.HostIp || ''}:${b.HostPort || ''}->${containerPort}` },
        );
      }
    }
  }

  // Logging driver destination.
  const log = c.HostConfig?.LogConfig;
  if (log?.Type) {
    const cfg = log.Config ?? {};
    for (const key of LOG_ADDRESS_KEYS) {
      const v = cfg[key];
      if (!v) continue;
      const ref = parseAddressToken(v);
      if (ref) out.add(ref, { kind: 'logging', object, field: `HostConfig.LogConfig ${log.Type} ${key}`, value: v });
    }
    if (log.Type === 'awslogs' && cfg['awslogs-region'] && !cfg['awslogs-endpoint']) {
      const r = awsRegionEndpoint('logs', cfg['awslogs-region']);
      out.add(
        { host: r.host, port: 443, scheme: 'https' },
        { kind: 'logging', object, field: 'HostConfig.LogConfig awslogs awslogs-region', value: cfg['awslogs-region'] },
        { providerRegion: r.providerRegion },
      );
    }
    const fixed = LOG_FIXED[log.Type];
    if (fixed) out.add({ host: fixed.host, port: fixed.port, scheme: 'https' }, { kind: 'logging', object, field: `HostConfig.LogConfig ${fixed.field}`, value: log.Type });
  }

  for (const dns of c.HostConfig?.Dns ?? []) {
    const ref = parseAddressToken(dns, false);
    if (ref) out.add({ ...ref, port: ref.port ?? 53, scheme: 'dns' }, { kind: 'dns-server', object, field: 'HostConfig.Dns', value: dns });
  }

  if (c.Config?.Image) addImageRegistry(out, c.Config.Image, { kind: 'registry', object, field: 'Config.Image', value: c.Config.Image });
}

/** The registry host of an image reference, per the docker reference grammar (docker.io when none is named). */
export function registryOf(reference: string): string {
  const slash = reference.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = reference.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return first.toLowerCase();
  return 'docker.io';
}

function addImageRegistry(out: Collector, reference: string, found: FoundIn): void {
  if (/^sha256:[0-9a-f]+$/i.test(reference) || reference === '<none>:<none>' || reference.startsWith('<none>')) return;
  const reg = registryOf(reference);
  // docker.io is the index name; pulls go to registry-1.docker.io.
  const ref = reg === 'docker.io' ? { host: 'registry-1.docker.io', port: 443, scheme: 'https' } : parseAddressToken(reg);
  if (ref) out.add({ ...ref, port: ref.port ?? 443, scheme: ref.scheme ?? 'https' }, found);
}

function discoverVolume(out: Collector, v: VolumeInspect, mountedBy: string[]): void {
  const object = { type: 'volume' as const, id: v.Name, name: v.Name };
  const opts = v.Options ?? {};
  const suffix = mountedBy.length ? ` (mounted by ${mountedBy.join(', ')})` : '';
  const type = (opts.type ?? '').toLowerCase();
  const scheme = /^nfs/.test(type) ? 'nfs' : /^(cifs|smb)/.test(type) ? 'cifs' : type || null;
  const seen = new Set<string>();
  const add = (ref: AddressRef | null, field: string, value: string) => {
    if (!ref) return;
    const key = endpointId(ref.host, ref.port);
    if (seen.has(key)) return;
    seen.add(key);
    out.add({ ...ref, scheme: ref.scheme ?? scheme }, { kind: 'volume', object, field: `${field}${suffix}`, value });
  };
  for (const [k, val] of Object.entries(opts)) {
    if (typeof val !== 'string' || !val) continue;
    if (k === 'o') {
      // Mount options: addr= names the server (nfs, cifs); other keys are flags and credentials.
      for (const kv of val.split(',')) {
        const m = /^(addr|ip|server|host|mountaddr)=(.+)$/i.exec(kv);
        if (m) add(parseAddressToken(m[2], true), `Options o ${m[1]}=`, kv);
      }
    } else if (k === 'device') {
      // `//host/share` (cifs), `host:/export` (nfs), `:/export` (nfs with addr= in o).
      const cifs = /^\/\/([^/]+)\//.exec(val);
      if (cifs) add(parseAddressToken(cifs[1], true), 'Options device', val);
      else if (/^[^/:][^:]*:\//.test(val)) add(parseAddressToken(val.slice(0, val.indexOf(':/')), true), 'Options device', val);
    } else if (k !== 'type') {
      for (const ref of findAddresses(val, { allowSingleLabel: false, bareNames: isAddressName(k) })) add(ref, `Options ${k}`, val);
    }
  }
  for (const [k, val] of Object.entries(v.Labels ?? {})) {
    if (DESCRIPTIVE_LABEL.test(k) || typeof val !== 'string') continue;
    addText(out, val, { kind: 'label', object, field: `Label ${k}` }, undefined, { bareNames: isAddressName(k) });
  }
}

function discoverDaemon(out: Collector, docker: DockerEvidence): void {
  const daemon = { type: 'daemon' as const, id: docker.info.ID ?? 'engine', name: docker.info.Name ?? 'Docker engine' };
  const rc = docker.info.RegistryConfig;
  for (const m of rc?.Mirrors ?? []) {
    const ref = parseAddressToken(m);
    if (ref) out.add({ ...ref, port: ref.port ?? 443 }, { kind: 'registry', object: daemon, field: 'RegistryConfig.Mirrors', value: m });
  }
  for (const [name, idx] of Object.entries(rc?.IndexConfigs ?? {})) {
    if (name !== 'docker.io') {
      const ref = parseAddressToken(name);
      if (ref) out.add({ ...ref, port: ref.port ?? 443 }, { kind: 'registry', object: daemon, field: 'RegistryConfig.IndexConfigs', value: name });
    }
    for (const m of idx.Mirrors ?? []) {
      const ref = parseAddressToken(m);
      if (ref) out.add({ ...ref, port: ref.port ?? 443 }, { kind: 'registry', object: daemon, field: `RegistryConfig.IndexConfigs ${name} Mirrors`, value: m });
    }
  }
  for (const key of ['HttpProxy', 'HttpsProxy'] as const) {
    const v = docker.info[key];
    if (typeof v === 'string' && v) {
      const ref = parseAddressToken(v);
      if (ref) out.add(ref, { kind: 'proxy', object: daemon, field: `Info.${key}`, value: v });
    }
  }
  for (const img of docker.images) {
    const object = { type: 'image' as const, id: img.Id, name: img.RepoTags?.find((t) => t !== '<none>:<none>') ?? img.Id.slice(7, 19) };
    for (const ref of [...(img.RepoTags ?? []), ...(img.RepoDigests ?? [])]) addImageRegistry(out, ref, { kind: 'registry', object, field: 'RepoTags/RepoDigests', value: ref });
  }

  const swarm = docker.info.Swarm;
  const swarmObj = { type: 'swarm' as const, id: docker.info.Swarm?.NodeID || 'swarm', name: 'swarm' };
  if (swarm?.LocalNodeState === 'active') {
    if (swarm.NodeAddr) out.add(parseAddressToken(swarm.NodeAddr, true) ?? { host: swarm.NodeAddr, port: null, scheme: null }, { kind: 'swarm-node', object: swarmObj, field: 'Info.Swarm.NodeAddr', value: swarm.NodeAddr });
    for (const rm of swarm.RemoteManagers ?? []) {
      const ref = parseAddressToken(rm.Addr, true);
      if (ref) out.add(ref, { kind: 'swarm-node', object: { ...swarmObj, id: rm.NodeID, name: `manager ${rm.NodeID.slice(0, 12)}` }, field: 'Info.Swarm.RemoteManagers', value: rm.Addr });
    }
  }
  for (const n of docker.swarm?.nodes ?? []) {
    const object = { type: 'swarm' as const, id: n.ID, name: `node ${n.ID.slice(0, 12)}` };
    if (n.Status?.Addr) {
      const ref = parseAddressToken(n.Status.Addr, true);
      if (ref) out.add(ref, { kind: 'swarm-node', object, field: 'Node.Status.Addr', value: n.Status.Addr });
    }
    if (n.ManagerStatus?.Addr) {
      const ref = parseAddressToken(n.ManagerStatus.Addr, true);
      if (ref) out.add(ref, { kind: 'swarm-node', object, field: 'Node.ManagerStatus.Addr', value: n.ManagerStatus.Addr });
    }
  }
}

/** Every endpoint in the evidence, de-duplicated by address, in discovery order. */
export function discoverEndpoints(input: DiscoveryInput): DiscoveredEndpoint[] {
  const out = new Collector();
  for (const h of input.hostAddresses ?? []) {
    if (DOCKER_INTERFACE.test(h.interface)) continue;
    const a = classifyAddress(h.address);
    if (!a || a.range === 'loopback') continue;
    out.add({ host: a.ip, port: null, scheme: null }, { kind: 'host-address', object: { type: 'host', id: h.interface, name: h.interface }, field: `interface ${h.interface}`, value: h.address });
  }
  for (const ns of input.hostNameservers ?? []) {
    const ref = parseAddressToken(ns.address, false);
    if (ref) out.add({ ...ref, port: 53, scheme: 'dns' }, { kind: 'dns-server', object: { type: 'host', id: ns.file, name: ns.file }, field: `${ns.file} nameserver`, value: ns.address });
  }
  const docker = input.docker;
  if (docker) {
    const mounts = new Map<string, string[]>();
    for (const c of docker.containers) {
      for (const m of c.Mounts ?? []) {
        if (m.Type === 'volume' && m.Name) (mounts.get(m.Name) ?? mounts.set(m.Name, []).get(m.Name)!).push(containerObject(c)!.name);
      }
      discoverContainer(out, c);
    }
    for (const v of docker.volumes) discoverVolume(out, v, mounts.get(v.Name) ?? []);
    discoverDaemon(out, docker);
  }
  // Names of the form `*.<region>.amazonaws.com` carry the provider's own region.
  const list = out.list();
  for (const e of list) {
    if (!e.providerRegion) {
      const r = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com$/.exec(e.host);
      if (r) e.providerRegion = awsRegionEndpoint('s3', r[1]).providerRegion;
    }
  }
  return list;
}
