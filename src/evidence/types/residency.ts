/**
 * Evidence from the residency collector (`residency`, issue #6): every network endpoint and volume
 * backend the Docker host sends data to or serves data from, where it was found, how its name was
 * resolved and where each address geolocates.
 *
 * The collector records facts only. Jurisdictions and outcomes are decided by the residency checks
 * from these facts, the project's jurisdiction table and the user's `residency.yaml`, so `report DIR`
 * re-decides them offline with a newer table or config.
 */

/** Why an endpoint is in the evidence, i.e. what kind of data flow it stands for. */
export type EndpointKind =
  /** One of the Docker host's own interface addresses: where the host itself is. */
  | 'host-address'
  /** A container port published on a host interface (inbound flow). */
  | 'published-port'
  /** A host, URL, `host:port` or IP in a container's environment value. */
  | 'env'
  /** A host, URL or IP in a container or volume label. */
  | 'label'
  /** A host, URL or IP in a container's command line (Entrypoint, Cmd). */
  | 'command'
  /** A volume's backend server (local driver `type=nfs|cifs`, or another driver's options): data at rest. */
  | 'volume'
  /** A logging driver's destination (syslog, gelf, fluentd, splunk, awslogs, gcplogs, ...). */
  | 'logging'
  /** An image registry or registry mirror images are pulled from. */
  | 'registry'
  /** A DNS server given to containers (`--dns`). */
  | 'dns-server'
  /** A swarm node or manager address: containers and their data run there. */
  | 'swarm-node'
  /** The engine's HTTP(S) proxy: it sees every image pull. */
  | 'proxy';

/** One place an endpoint was found. */
export interface FoundIn {
  kind: EndpointKind;
  /** The container, volume, image or other object it came from, when there is one. */
  object?: { type: 'container' | 'volume' | 'image' | 'daemon' | 'swarm' | 'host'; id: string; name: string };
  /** The field it came from, e.g. `Env DATABASE_URL`, `HostConfig.LogConfig syslog-address`, `Options device`. */
  field: string;
  /** The value as evidenced (already redacted to scheme://host:port, host:port or a bare address). */
  value: string;
}

/** How a range of addresses is reached, after RFC 6890 special-purpose registries. */
export type AddressRange =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'ula'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

/** Where one IP address geolocates. */
export interface AddressFacts {
  /** Canonical text form; an IPv4-mapped IPv6 address is recorded as its IPv4 address (see `mappedFrom`). */
  ip: string;
  family: 4 | 6;
  /** The original IPv6 text when the address was IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::/96`). */
  mappedFrom?: string;
  range: AddressRange;
  /** True for ranges that never leave the host's own networks (private, loopback, link-local, CGNAT, ULA, unspecified, multicast, benchmarking). */
  internal: boolean;
  /** ISO 3166-1 alpha-2 code the geolocation database gives, upper case; null when not looked up or not located. */
  country: string | null;
  /** Which database answered (`geoip-lite` or `mmdb`); null when the address was not looked up (internal, or no database). */
  geoSource: 'geoip-lite' | 'mmdb' | null;
  /** For an mmdb lookup, the country the block is registered to when it differs from the located country. */
  registeredCountry?: string | null;
}

/** How a host name became addresses. */
export interface Resolution {
  /**
   * literal: the endpoint is an IP; hosts-file: `--hosts-file`; extra-hosts: the container's `--add-host`;
   * container: a container name or network alias on this host; special: a name that is internal by definition
   * (`localhost`, `*.local`, `*.internal`, `host.docker.internal`, ...); dns: the resolver; none: not resolved.
   */
  method: 'literal' | 'hosts-file' | 'extra-hosts' | 'container' | 'special' | 'dns' | 'none';
  /** Addresses found, in resolver order (empty when unresolved). */
  addresses: string[];
  /** Why the name has no addresses: `--no-dns`, NXDOMAIN, timeout, ... */
  error?: string;
  /** How long resolution took, milliseconds (dns only). */
  durationMs?: number;
}

export interface ResidencyEndpoint {
  /** Stable id: lower-case host, plus `:port` when known (IPv6 in brackets). Used as the finding target. */
  id: string;
  /** Host name or IP literal (IPv6 without brackets). */
  host: string;
  /** TCP/UDP port, when the source names one. */
  port: number | null;
  /** URL scheme or protocol (`postgres`, `tcp`, `udp`, `nfs`, `cifs`, `https`), when known. */
  scheme: string | null;
  /** Every kind of flow this endpoint appears in (de-duplicated, in discovery order). */
  kinds: EndpointKind[];
  /** Every place it was found. */
  foundIn: FoundIn[];
  resolution: Resolution;
  /** One entry per resolved address. */
  addresses: AddressFacts[];
  /**
   * A location a provider states for this endpoint, e.g. the AWS region in `awslogs-region` or in an
   * `*.<region>.amazonaws.com` name. Stronger than geolocation (the provider's own metadata).
   */
  providerRegion?: { provider: string; region: string; country: string } | null;
}

/** The geolocation database used, for the pack's freshness warning and the auditor's record. */
export interface GeoDatabaseInfo {
  /** `geoip-lite` (its bundled GeoLite2 country data) or `mmdb` (a MaxMind DB given with `--geoip-db`). */
  kind: 'geoip-lite' | 'mmdb';
  /** Human description, e.g. `geoip-lite 1.4.10 (GeoLite2-Country 2023-11-15)` or the mmdb `database_type`. */
  description: string;
  /** Files read (absolute paths). */
  files: string[];
  /** Build date of the data, ISO `YYYY-MM-DD`; null when it cannot be established. */
  buildDate: string | null;
  /** Where `buildDate` comes from: geoip-lite's `country.checksum` (MaxMind archive name), the mmdb `build_epoch`, or file mtime. */
  buildDateSource: 'checksum-file' | 'mmdb-build-epoch' | 'file-mtime' | null;
  /** geoip-lite package version, or the mmdb format version. */
  version: string | null;
  /** Data licence and attribution the pack must carry. */
  licence: string;
  /** Time to load the database, milliseconds. */
  loadMs: number;
}

/** A location the user declared in `residency.yaml` (copied so the pack shows what was declared). */
export interface DeclaredConfigRecord {
  /** Path of the file as given. */
  file: string;
  /** SHA-256 of the file's bytes (hex), so an auditor can match it to the file kept with the pack. */
  sha256: string;
  /** The parsed configuration (see `src/residency/config.ts` for the schema). */
  config: unknown;
}

export interface ResidencyEvidence {
  endpoints: ResidencyEndpoint[];
  /** Where host addresses were read from, e.g. `os.networkInterfaces() in the collector's network namespace`. */
  hostAddressSource: string;
  /** The geolocation database, or null when no public address needed a lookup. */
  geolocation: GeoDatabaseInfo | null;
  /** Name resolution settings of the run. */
  resolver: {
    /** dns: system DNS servers; none: `--no-dns`; injected: a resolver given by the caller (tests, library use). */
    mode: 'dns' | 'none' | 'injected';
    hostsFile: string | null;
    /** Per-name timeout, milliseconds. */
    timeoutMs: number | null;
  };
  /** `residency.yaml` as read at collection time, or null when none was given. */
  declared: DeclaredConfigRecord | null;
  /** Review date of the jurisdiction table when collected (the checks use the table of the evaluating version). */
  jurisdictionTableReviewed: string;
}
