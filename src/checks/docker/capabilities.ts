import type { ContainerHostConfig } from '../../evidence/types/docker';

/** Capabilities Docker grants a container by default (moby `oci/caps/defaults.go`). */
export const DOCKER_DEFAULT_CAPS: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** Every Linux capability the engine knows (kernel 5.9+: up to CHECKPOINT_RESTORE). */
export const ALL_CAPS: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
];

/**
 * Capabilities that give a container a practical path to the host kernel or other tenants.
 * Each is enough on its own for a known escape or host tampering technique.
 */
export const DANGEROUS_CAPS: readonly string[] = [
  'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'SYS_BOOT',
  'SYS_TIME', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SYSLOG', 'LINUX_IMMUTABLE', 'SYS_RESOURCE', 'AUDIT_CONTROL',
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
  if (hc.Privileged || (added.includes('ALL') && dropped.length === 0)) {
    return { added, dropped, effective: ['ALL'], droppedAll, dangerous: [...DANGEROUS_CAPS] };
  }
  if (added.includes('ALL')) {
    // --cap-add ALL --cap-drop X: every capability but the dropped ones (engine >= 20.10).
    const effective = ALL_CAPS.filter((c) => !dropped.includes(c));
    return { added, dropped, effective, droppedAll, dangerous: effective.filter((c) => DANGEROUS_CAPS.includes(c)) };
  }
  const base = droppedAll ? [] : DOCKER_DEFAULT_CAPS.filter((c) => !dropped.includes(c));
  const effective = [...new Set([...base, ...added])].sort();
  return { added, dropped, effective, droppedAll, dangerous: effective.filter((c) => DANGEROUS_CAPS.includes(c)) };
}
