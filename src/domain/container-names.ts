/**
 * How a container is named and recognised across re-creation: shared by the host collector (which
 * names the container a process belongs to) and the checks (finding targets and fingerprints).
 */
import type { ContainerInspect } from '../evidence/types/docker';

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
