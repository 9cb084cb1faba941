/** Machine context recorded next to every figure: load, CPUs, memory, kernel, hypervisor. */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import type { StorageEvidence } from '../../evidence/types/storage';

export function loadavg3(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [Math.round(a * 100) / 100, Math.round(b * 100) / 100, Math.round(c * 100) / 100];
}

/** The `hypervisor` CPU flag: set by every mainstream hypervisor for its guests. */
export function hasHypervisorFlag(cpuinfo?: string): boolean {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return false;
    }
  }
  return /^flags\s*:.*\bhypervisor\b/m.test(text);
}

export function machineFacts(): StorageEvidence['machine'] {
  return { cpus: os.cpus().length, memTotalBytes: os.totalmem(), kernel: os.release(), hypervisor: hasHypervisorFlag(), nodeVersion: process.version };
}

/** Whether a process id is alive on this machine (EPERM means alive but not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
