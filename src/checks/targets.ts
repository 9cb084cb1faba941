import type { ContainerInspect, ImageInspect } from '../evidence/types/docker';
import type { Target } from '../findings/types';

/** Container name as the docker CLI shows it (the API prefixes a slash). */
export function containerName(c: Pick<ContainerInspect, 'Name' | 'Id'>): string {
  return (c.Name || '').replace(/^\//, '') || c.Id.slice(0, 12);
}

/** `project/service` for compose and swarm containers, else null: what survives re-creating the container. */
export function containerWorkload(c: Pick<ContainerInspect, 'Config'>): string | null {
  const labels = c.Config?.Labels;
  if (!labels || typeof labels !== 'object') return null;
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'] ?? labels['com.docker.swarm.service.name'];
  if (typeof service !== 'string' || !service) return null;
  return typeof project === 'string' && project ? `${project}/${service}` : service;
}

/**
 * What identifies a container across re-creation: its name (compose names are deterministic and
 * survive `up --force-recreate`), except for swarm tasks, whose names end in a task id: service + slot.
 */
export function containerIdentity(c: Pick<ContainerInspect, 'Config' | 'Name' | 'Id'>): string {
  const labels = c.Config?.Labels ?? {};
  const service = labels['com.docker.swarm.service.name'];
  const task = labels['com.docker.swarm.task.name'];
  if (typeof service === 'string' && service && typeof task === 'string') {
    // `web.1.<task id>` (replicated: slot 1) or `web.<node id>.<task id>` (global: one per node).
    const slot = task.startsWith(`${service}.`) ? task.slice(service.length + 1).split('.')[0] : task;
    return `swarm:${service}.${slot}`;
  }
  return containerName(c);
}

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
