/**
 * What dockerd does by default, by engine version, for the settings that shape its packet-filter rules.
 * ip6tables is on by default since Docker 27.0 (v27 release notes); the nftables firewall backend exists
 * since 29.0 (daemon/libnetwork/drivers/bridge/internal/nftabler at docker-v29.0.0), opt-in with
 * "firewall-backend". Behaviour that shows in the rules themselves (Docker 28's raw-table DROP against direct
 * routing, the DOCKER-FORWARD chain) is read from the dumps, not assumed from the version.
 */

export interface EngineVersion {
  major: number;
  minor: number;
}

/** `20.10.24+dfsg1` → { 20, 10 }; null for text that is not a version. */
export function parseEngineVersion(v: string | null | undefined): EngineVersion | null {
  const m = /^v?(\d+)\.(\d+)/.exec(v ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export function atLeast(v: EngineVersion | null, major: number, minor = 0): boolean {
  return !!v && (v.major > major || (v.major === major && v.minor >= minor));
}

/** dockerd's built-in defaults for the network settings of the given engine version. */
export function dockerNetDefaults(version: string | null): Record<string, unknown> {
  const v = parseEngineVersion(version);
  return {
    iptables: true,
    ip6tables: atLeast(v, 27),
    'userland-proxy': true,
    icc: true,
    ip: '0.0.0.0',
    ipv6: false,
    'ip-forward': true,
    'firewall-backend': 'iptables',
  };
}
