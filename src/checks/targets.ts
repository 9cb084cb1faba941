import type { ContainerInspect, ImageInspect } from '../evidence/types/docker';
import type { Target } from '../findings/types';
import { containerIdentity, containerName, containerWorkload } from '../domain/container-names';

export function containerTarget(c: ContainerInspect): Target {
  const workload = containerWorkload(c);
  return { kind: 'container', id: c.Id, name: containerName(c), state: c.State?.Status ?? 'unknown', identity: containerIdentity(c), ...(workload ? { workload } : {}) };
}

export function imageTarget(i: ImageInspect): Target {
  const tag = i.RepoTags?.find((t) => t !== '<none>:<none>');
  return { kind: 'image', id: i.Id, name: tag ?? i.Id.replace(/^sha256:/, '').slice(0, 12), ...(tag ? { identity: tag } : {}) };
}

export function hostTarget(hostname: string): Target {
  return { kind: 'host', id: hostname, name: hostname };
}

export function daemonTarget(engineId: string | null, hostname: string): Target {
  return { kind: 'daemon', id: engineId ?? hostname, name: `Docker engine on ${hostname}` };
}
