import type { ContainerInspect, ImageInspect } from '../evidence/types/docker';
import type { Target } from '../findings/types';

/** Container name as the docker CLI shows it (the API prefixes a slash). */
export function containerName(c: Pick<ContainerInspect, 'Name' | 'Id'>): string {
  return (c.Name || '').replace(/^\//, '') || c.Id.slice(0, 12);
}

export function containerTarget(c: ContainerInspect): Target {
  return { kind: 'container', id: c.Id, name: containerName(c), state: c.State?.Status ?? 'unknown' };
}

export function imageTarget(i: ImageInspect): Target {
  const tag = i.RepoTags?.find((t) => t !== '<none>:<none>');
  return { kind: 'image', id: i.Id, name: tag ?? i.Id.replace(/^sha256:/, '').slice(0, 12) };
}

export function hostTarget(hostname: string): Target {
  return { kind: 'host', id: hostname, name: hostname };
}

export function daemonTarget(engineId: string | null, hostname: string): Target {
  return { kind: 'daemon', id: engineId ?? hostname, name: `Docker engine on ${hostname}` };
}
