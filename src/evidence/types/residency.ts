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

/** One geolocation source's answer for one address. */
export interface GeoSourceAnswer {
  /** The source's id (`geolocationSources[].id`). */
  source: string;
  /** ISO 3166-1 alpha-2, upper case; null when the source has no block or no country for the address. */
  country: string | null;
  /** Registration country of the block, when the source has it and it differs from `country`. */
  registeredCountry?: string | null;
}

/**
 * How the sources' answers for an address relate: `agreed` (two or more located it, all the same
 * country), `single` (only one located it; the others have no block for it), `disputed` (they name
 * different countries), `not-located` (none has a country for it).
 */
export type GeoStatus = 'agreed' | 'single' | 'disputed' | 'not-located';

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
  /**
   * ISO 3166-1 alpha-2 code, upper case, when every source that located the address names it; null when
   * not looked up, not located, or disputed (see `geo` for each source's answer).
   */
  country: string | null;
  /** Ids of the sources consulted, joined with `+` (e.g. `geoip-lite+geoip-country+dbip-country-lite`); null when not looked up (internal, unroutable). */
  geoSource: string | null;
  /** How the sources' answers relate; absent when not looked up (and in evidence of tool versions with one source). */
  geoStatus?: GeoStatus;
  /** Every source's answer, in `geolocationSources` order; absent when not looked up. */
  geo?: GeoSourceAnswer[];
  /** The country the block is registered to, when a source gives one that differs from the located country. */
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

/** One geolocation source (database) used for the run, for the pack's method section and the auditor's record. */
export interface GeoDatabaseInfo {
  /**
   * Stable id of the source: `geoip-lite`, `geoip-country`, `dbip-country-lite`, or `mmdb:<file name>`
   * for a file given with `--geoip-db` that replaces none of these. Absent in evidence of tool versions with one source.
   */
  id?: string;
  /** `geoip-lite` / `geoip-country` (their fixed-record country files) or `mmdb` (a MaxMind DB file). */
  kind: 'geoip-lite' | 'geoip-country' | 'mmdb';
  /** Name of the data, e.g. `MaxMind GeoLite2 Country (via geoip-lite)`, `DB-IP IP to Country Lite`. */
  name?: string;
  /** Who makes the data (`MaxMind`, `DB-IP`), when known. */
  vendor?: string | null;
  /** Human description, e.g. `geoip-lite 1.4.10 (GeoLite2-Country 2023-11-15)` or the mmdb `database_type`. */
  description: string;
  /** npm package the data came from, with its version; null for a file given with `--geoip-db`. */
  package?: { name: string; version: string | null } | null;
  /** `bundled`: a dependency of the tool; `geoip-db`: given with `--geoip-db`. */
  origin?: 'bundled' | 'geoip-db';
  /** For a `--geoip-db` file: the id of the bundled source it replaces, or null when it was added. */
  overrides?: string | null;
  /** Files read (absolute paths). */
  files: string[];
  /** Build date of the data, ISO `YYYY-MM-DD`; null when it cannot be established. */
  buildDate: string | null;
  /**
   * Where `buildDate` comes from: geoip-lite's `country.checksum` (MaxMind archive name), the mmdb
   * `build_epoch`, the package version (geoip-country's `5.0.YYYYMMDDhhmm`, stamped when its data was
   * rebuilt), or the file's modification time (weak: an install time).
   */
  buildDateSource: 'checksum-file' | 'mmdb-build-epoch' | 'package-version' | 'file-mtime' | null;
  /** Package version (geoip-lite, geoip-country, the DB-IP package), or the mmdb format version for a `--geoip-db` file. */
  version: string | null;
  /** Data licence, with the attribution it requires, as one sentence the pack can print. */
  licence: string;
  /** Short licence id (`GeoLite2-EULA`, `CC-BY-4.0`), null when unknown. */
  licenceId?: string | null;
  /** The attribution text the licence requires wherever the data is used (print it verbatim). */
  attribution?: string | null;
  /** The link the attribution must carry. */
  attributionUrl?: string | null;
  /** The licence texts shipped with the data (absolute paths), when there are any. */
  licenceFiles?: string[];
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
  /**
   * The newest geolocation source (by build date) of the run, or null when no public address needed a
   * lookup. Kept for readers of one source; `geolocationSources` has them all.
   */
  geolocation: GeoDatabaseInfo | null;
  /** Every geolocation source every public address was looked up in, in lookup order; empty when none was needed. Absent in evidence of tool versions with one source. */
  geolocationSources?: GeoDatabaseInfo[];
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
