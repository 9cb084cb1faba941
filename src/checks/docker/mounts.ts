import type { ContainerInspect, MountPoint } from '../../evidence/types/docker';

/** Host directories CIS 5.6 names, plus the other system trees and root's home. */
export const SENSITIVE_DIRS = ['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/bin', '/sbin', '/root'];

export function normalizePath(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

/** The sensitive directory a path is, or lies under (`/etc/shadow` → `/etc`); null otherwise. */
export function sensitiveRoot(source: string, extra: readonly string[] = []): string | null {
  const p = normalizePath(source);
  let best: string | null = null;
  for (const d of [...SENSITIVE_DIRS, ...extra.map(normalizePath)]) {
    if (p === d || (d !== '/' && p.startsWith(`${d}/`))) {
      if (!best || d.length > best.length) best = d;
    }
  }
  return best;
}

/** Bind mounts of host paths (volumes live in the data root and are not host directories). */
export function hostBinds(c: ContainerInspect): MountPoint[] {
  return (c.Mounts ?? []).filter((m) => m.Type === 'bind');
}

export function describeMount(m: MountPoint): string {
  return `${m.Source}:${m.Destination}${m.RW === false ? ':ro' : ''}`;
}
