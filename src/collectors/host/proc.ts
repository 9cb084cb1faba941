import { promises as fs, readFileSync } from 'node:fs';
import type { TcpListener } from '../../evidence/types/host';
import type { HostFs } from './host-fs';

/** One process as /proc shows it; only what the checks need. */
export interface ProcInfo {
  pid: number;
  comm: string;
  argv: string[];
}

/** Every process whose command name (`comm`, at most 15 characters) matches, from the host's /proc; processes that exit meanwhile are skipped. */
export async function findProcesses(hfs: HostFs, match: (comm: string) => boolean): Promise<ProcInfo[]> {
  const entries = await hfs.list('/proc');
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number);
  const found: ProcInfo[] = [];
  // Read synchronously: /proc files are generated in memory, and one async read per process (four
  // thread-pool round trips each) took 10-20x as long on a host with hundreds of processes.
  for (const pid of pids) {
    try {
      const comm = readFileSync(hfs.local(`/proc/${pid}/comm`), 'utf8').trim();
      if (!match(comm)) continue;
      const argv = readFileSync(hfs.local(`/proc/${pid}/cmdline`), 'utf8').split('\0');
      if (argv[argv.length - 1] === '') argv.pop();
      found.push({ pid, comm, argv });
    } catch {
      // exited between readdir and read, or hidden by hidepid: not ours to report per process
    }
  }
  return found.sort((a, b) => a.pid - b.pid);
}

export interface ProcStatus {
  uid: number | null;
  ppid: number | null;
}

export async function procStatus(hfs: HostFs, pid: number): Promise<ProcStatus> {
  const text = await fs.readFile(hfs.local(`/proc/${pid}/status`), 'utf8');
  const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(text);
  const ppid = /^PPid:\s+(\d+)/m.exec(text);
  return { uid: uid ? Number(uid[1]) : null, ppid: ppid ? Number(ppid[1]) : null };
}

export async function procComm(hfs: HostFs, pid: number): Promise<string | null> {
  try {
    return (await fs.readFile(hfs.local(`/proc/${pid}/comm`), 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function procExe(hfs: HostFs, pid: number): Promise<string | null> {
  try {
    return (await fs.readlink(hfs.local(`/proc/${pid}/exe`))).replace(/ \(deleted\)$/, '');
  } catch {
    return null;
  }
}

/**
 * The systemd service a process runs in, from its cgroup path
 * (`0::/system.slice/docker.service` on cgroup v2, `1:name=systemd:/system.slice/docker.service` on v1).
 */
export function systemdUnitFromCgroup(cgroupText: string): string | null {
  for (const line of cgroupText.split('\n')) {
    const parts = line.split(':');
    if (parts.length < 3) continue;
    const [, controllers, p] = [parts[0], parts[1], parts.slice(2).join(':')];
    if (controllers !== '' && controllers !== 'name=systemd') continue;
    const m = /\/([^/]+\.service)(\/|$)/.exec(p);
    if (m) return m[1];
  }
  return null;
}

/** Kernel hex address → text: `0100007F` → `127.0.0.1`; 32 hex digits → IPv6 (`::`, `::1`, ...). */
export function decodeProcAddress(hex: string): string {
  if (hex.length === 8) {
    const n = Number.parseInt(hex, 16);
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
  }
  // IPv6: four little-endian 32-bit words.
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const w = hex.slice(i, i + 8);
    words.push(w.slice(6, 8) + w.slice(4, 6) + w.slice(2, 4) + w.slice(0, 2));
  }
  const groups = words.join('').match(/.{4}/g)!.map((g) => Number.parseInt(g, 16).toString(16));
  // IPv4-mapped (::ffff:a.b.c.d)
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const v4 = words[3];
    return `::ffff:${[0, 2, 4, 6].map((i) => Number.parseInt(v4.slice(i, i + 2), 16)).join('.')}`;
  }
  // Compress the longest run of zero groups.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** Listening TCP sockets from /proc/net/tcp and tcp6 text (state 0A = LISTEN). */
export function parseProcNetTcp(text: string, family: 4 | 6): TcpListener[] {
  const out: TcpListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== '0A') continue;
    const [addr, port] = f[1].split(':');
    out.push({ address: decodeProcAddress(addr), port: Number.parseInt(port, 16), family });
  }
  return out;
}
