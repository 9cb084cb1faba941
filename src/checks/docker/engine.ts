import type { DockerEvidence, NetworkInspect } from '../../evidence/types/docker';
import type { Target } from '../../findings/types';
import { daemonTarget } from '../targets';

/** The engine as a finding target, from docker evidence. */
export function engineTarget(docker: DockerEvidence): Target {
  return daemonTarget(docker.info.ID ?? null, docker.info.Name ?? 'unknown-host');
}

/** `name=seccomp,profile=default` → { name: 'seccomp', profile: 'default' } for each Info.SecurityOptions entry. */
export function securityOptions(docker: DockerEvidence): Record<string, string>[] {
  return (docker.info.SecurityOptions ?? []).map((o) => Object.fromEntries(o.split(',').map((kv) => {
    const eq = kv.indexOf('=');
    return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
  })));
}

export function hasSecurityOption(docker: DockerEvidence, name: string): boolean {
  return securityOptions(docker).some((o) => o.name === name);
}

/** The engine's default bridge (docker0): marked by its driver option, else the network named `bridge`. */
export function defaultBridge(docker: DockerEvidence): NetworkInspect | null {
  return (
    docker.networks.find((n) => n.Options?.['com.docker.network.bridge.default_bridge'] === 'true') ??
    docker.networks.find((n) => n.Name === 'bridge' && n.Driver === 'bridge') ??
    null
  );
}

export function swarmActive(docker: DockerEvidence): boolean {
  return docker.info.Swarm?.LocalNodeState === 'active';
}
