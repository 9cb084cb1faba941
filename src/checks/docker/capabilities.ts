import type { ContainerHostConfig } from '../../evidence/types/docker';

/** Capabilities Docker grants a container by default (moby `oci/caps/defaults.go`). */
export const DOCKER_DEFAULT_CAPS: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/**
 * Capabilities that give a container a practical path to the host kernel or other tenants.
 * Each is enough on its own for a known escape or host tampering technique.
 */
export const DANGEROUS_CAPS: readonly string[] = [
  'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'SYS_BOOT',
  'SYS_TIME', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SYSLOG', 'LINUX_IMMUTABLE', 'SYS_RESOURCE',
];

/** `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` are the same capability to the engine. */
export function normalizeCap(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}

export interface CapabilityView {
  added: string[];
  dropped: string[];
  /** Effective bounding set; `['ALL']` for privileged or `--cap-add ALL`. */
  effective: string[];
  droppedAll: boolean;
  dangerous: string[];
}

/** The capability set a container really runs with, from CapAdd and CapDrop (docker-bench ignores CapDrop). */
export function capabilityView(hc: ContainerHostConfig): CapabilityView {
  const added = (hc.CapAdd ?? []).map(normalizeCap);
  const dropped = (hc.CapDrop ?? []).map(normalizeCap);
  const droppedAll = dropped.includes('ALL');
  if (hc.Privileged || added.includes('ALL')) {
    return { added, dropped, effective: ['ALL'], droppedAll, dangerous: [...DANGEROUS_CAPS] };
  }
  const base = droppedAll ? [] : DOCKER_DEFAULT_CAPS.filter((c) => !dropped.includes(c));
  const effective = [...new Set([...base, ...added])].sort();
  return { added, dropped, effective, droppedAll, dangerous: effective.filter((c) => DANGEROUS_CAPS.includes(c)) };
}
