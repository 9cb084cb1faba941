import { settingFrom } from '../../domain/daemon-settings';
import { dockerNetDefaults } from '../../domain/docker-network-defaults';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { HostEvidence } from '../../evidence/types/host';
import type { DaemonNetSetting, NetworkEvidence } from '../../evidence/types/network';

const NAMES = ['iptables', 'ip6tables', 'userland-proxy', 'icc', 'ip', 'ipv6', 'ip-forward', 'firewall-backend'] as const;

/**
 * The dockerd settings that decide which rules Docker writes, from this run's host evidence (command
 * line, daemon.json) and the defaults of the engine's version. Without host evidence each value is
 * `unknown`: the model then relies on the rules it sees.
 */
export function daemonNetSettings(host: HostEvidence | null, docker: DockerEvidence | null): NetworkEvidence['daemon'] {
  const version = docker?.version.Version ?? docker?.info.ServerVersion ?? null;
  const defaults = dockerNetDefaults(version);
  const settings = {} as Record<(typeof NAMES)[number], DaemonNetSetting>;
  const usable = host && host.daemon && !host.daemonConfig.error && !host.daemonConfig.file.error;
  for (const name of NAMES) {
    if (!usable) {
      settings[name] = { value: null, source: 'unknown', where: host ? 'the host collector found no readable dockerd command line / daemon.json for this engine' : 'no host evidence in this run' };
      continue;
    }
    const s = settingFrom(host.flags, host.daemonConfig.content, name, host.daemonConfig.path, { ...defaults });
    settings[name] = { value: s.value ?? null, source: s.source, where: s.source === 'default' ? `dockerd ${version ?? ''} default (${JSON.stringify(s.value ?? null)})`.replace('  ', ' ') : s.where };
  }
  return { source: usable ? 'host evidence (dockerd command line and daemon.json)' : 'unknown', version, settings };
}
