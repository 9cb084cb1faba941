/**
 * Evidence of the host's network stack as the packet filter sees it (collector `network`): interfaces and
 * their addresses, default routes, TCP listeners, the forwarding sysctls, the raw packet-filter dumps
 * (iptables-save and ip6tables-save in every variant present, `nft -j list ruleset`, `ipset save`), ufw and
 * firewalld state, and the dockerd settings that decide which rules Docker writes.
 *
 * The dumps are kept verbatim: the exposure model in src/checks/network parses them, so `report` can
 * re-decide from this file alone. A source that could not be read says why (missing tool, no
 * permission, another network namespace); nothing is guessed.
 */
import type { AddressRange } from './residency';

/** How reading one source went. */
export type SourceStatus = 'read' | 'missing' | 'denied' | 'error' | 'timeout' | 'not-run';

/** One command the collector ran, with its output. */
export interface CommandRecord {
  /** The command line as run, e.g. `iptables-save` or `nft -j list ruleset`. */
  command: string;
  status: SourceStatus;
  /** Exit code when the command ran to the end. */
  exitCode: number | null;
  /** Standard output, verbatim (the rule dump). */
  stdout?: string;
  /** Standard error, first 2 KiB (warnings such as "iptables-legacy tables present"). */
  stderr?: string;
  /** Why the command gave nothing usable: `not installed`, `permission denied (needs root)`, ... */
  detail?: string;
}

/** One file read (sysctls, ufw.conf), host path without the host-root prefix. */
export interface FileRecord {
  path: string;
  status: SourceStatus;
  /** Trimmed content when read. */
  value?: string;
  detail?: string;
}

export interface InterfaceAddress {
  address: string;
  prefixLength: number;
  family: 4 | 6;
  /** `global`, `host`, `link` as `ip` reports it. */
  scope?: string;
  /** Range class from the residency classifier (`public`, `private`, `loopback`, `link-local`, `ula`, ...). */
  range: AddressRange;
  /** True when the range is publicly routable. */
  public: boolean;
}

export interface NetInterface {
  name: string;
  up: boolean;
  loopback: boolean;
  /** Link kind from `ip -d`: `bridge`, `veth`, `vxlan`, ...; absent for plain devices. */
  kind?: string;
  /** Bridge the interface is a port of. */
  master?: string;
  addresses: InterfaceAddress[];
}

export interface RouteFact {
  family: 4 | 6;
  /** `default`, or a prefix. */
  destination: string;
  gateway?: string;
  interface?: string;
}

/** A listening TCP socket in the audited network namespace. */
export interface NetListener {
  address: string;
  port: number;
  family: 4 | 6;
}

/** A dockerd setting that shapes its rules, with where its value came from. */
export interface DaemonNetSetting {
  value: unknown;
  /** `command line`, `daemon.json`, `default` or `unknown`. */
  source: string;
  where: string;
}

export interface NetworkEvidence {
  hostRoot: string;
  /** The network namespace the commands ran in (`net:[4026531840]`), and whether it is the host's (PID 1 under the host root). */
  namespace: { self: string | null; hostInit: string | null; commandsDescribeHost: boolean; note?: string };
  interfaces: NetInterface[] | null;
  /** Where the interfaces came from: `ip -j -d address show`, or the reason they are unknown. */
  interfacesSource: CommandRecord;
  routes: RouteFact[] | null;
  routesSource: CommandRecord[];
  listeners: NetListener[] | null;
  listenersSource: FileRecord[];
  sysctl: {
    ipForward: FileRecord;
    ipv6Forwarding: FileRecord;
    ipv6Disabled: FileRecord;
    bridgeNfCallIptables: FileRecord;
    bridgeNfCallIp6tables: FileRecord;
  };
  /** Every packet-filter dump tried, in order: iptables-save, iptables-legacy-save, iptables-nft-save, the ip6 ones, nft -j, ipset. */
  filters: CommandRecord[];
  ufw: { present: boolean; conf: FileRecord; status: CommandRecord | null };
  firewalld: { present: boolean; state: CommandRecord | null };
  daemon: {
    /** Where the settings come from: the host evidence of this run, or why they are unknown. */
    source: string;
    version: string | null;
    settings: Record<'iptables' | 'ip6tables' | 'userland-proxy' | 'icc' | 'ip' | 'ipv6' | 'ip-forward' | 'firewall-backend', DaemonNetSetting>;
  };
}
