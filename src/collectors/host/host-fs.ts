import { promises as fs, lstatSync, readlinkSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { FileFact } from '../../evidence/types/host';

/** Symlink hops before we call a path a loop (the kernel's own limit is 40). */
const MAX_LINKS = 40;

/**
 * Read-only view of a host filesystem mounted at `root`. Absolute symlinks inside the host
 * (`/var/run` → `/run`) are resolved against `root`, not against the auditing container's own `/`,
 * so the tool sees what the host sees when it runs with the host mounted at e.g. `/host`.
 */
export class HostFs {
  private readonly users = new Map<number, string>();
  private readonly groups = new Map<number, string>();
  private namesLoaded = false;

  constructor(readonly root: string) {}

  /** Where a host path lives in our own filesystem. */
  local(hostPath: string): string {
    return this.root === '/' ? hostPath : path.join(this.root, hostPath);
  }

  /**
   * Resolve symlinks component by component inside the host root. Returns the host path
   * (without root) and whether the walk succeeded; a missing component ends the walk early.
   * lstat and readlink are synchronous: metadata calls never wait on a FIFO's writer, and the hundred
   * or so a collection makes cost more as thread-pool round trips beside the engine requests.
   */
  async resolve(hostPath: string): Promise<{ path: string; error?: string }> {
    const parts = path.posix.normalize(hostPath).split('/').filter(Boolean);
    let current = '/';
    let hops = 0;
    while (parts.length) {
      const next = path.posix.join(current, parts.shift()!);
      let st: Stats;
      try {
        st = lstatSync(this.local(next));
      } catch (err) {
        // The rest cannot be resolved; report the unresolved remainder as named.
        return { path: path.posix.join(next, ...parts), error: (err as NodeJS.ErrnoException).code ?? String(err) };
      }
      if (st.isSymbolicLink()) {
        if (++hops > MAX_LINKS) return { path: next, error: 'ELOOP' };
        const target = readlinkSync(this.local(next));
        const resolved = path.posix.isAbsolute(target) ? target : path.posix.join(current, target);
        parts.unshift(...path.posix.normalize(resolved).split('/').filter(Boolean));
        current = '/';
        continue;
      }
      current = next;
    }
    return { path: current };
  }

  async readText(hostPath: string): Promise<string> {
    const r = await this.resolve(hostPath);
    return fs.readFile(this.local(r.path), 'utf8');
  }

  /** Text of a file, or null when it does not exist; other errors are thrown. */
  async readTextIfExists(hostPath: string): Promise<string | null> {
    try {
      return await this.readText(hostPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw err;
    }
  }

  async list(hostPath: string): Promise<string[]> {
    const r = await this.resolve(hostPath);
    return fs.readdir(this.local(r.path));
  }

  /** Owner/group/mode of a path, following symlinks inside the host root; never throws. */
  async fact(hostPath: string, origin: string): Promise<FileFact> {
    const r = await this.resolve(hostPath);
    const base: FileFact = { path: r.path, ...(r.path !== hostPath ? { namedAs: hostPath } : {}), origin, exists: false };
    if (r.error && r.error !== 'ENOENT' && r.error !== 'ENOTDIR') return { ...base, error: r.error };
    if (r.error) return base;
    let st: Stats;
    try {
      st = lstatSync(this.local(r.path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      return code === 'ENOENT' ? base : { ...base, error: code };
    }
    await this.loadNames();
    return {
      ...base,
      exists: true,
      kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSocket() ? 'socket' : st.isSymbolicLink() ? 'symlink' : 'other',
      uid: st.uid,
      gid: st.gid,
      owner: this.users.get(st.uid) ?? null,
      group: this.groups.get(st.gid) ?? null,
      mode: (st.mode & 0o7777).toString(8).padStart(4, '0'),
    };
  }

  /** Names come from the host's passwd/group files, not ours: ids mean nothing across containers. */
  private async loadNames(): Promise<void> {
    if (this.namesLoaded) return;
    this.namesLoaded = true;
    for (const [file, map] of [['/etc/passwd', this.users], ['/etc/group', this.groups]] as const) {
      const text = await this.readTextIfExists(file).catch(() => null);
      for (const line of (text ?? '').split('\n')) {
        const f = line.split(':');
        if (f.length >= 3 && /^\d+$/.test(f[2]) && !map.has(Number(f[2]))) map.set(Number(f[2]), f[0]);
      }
    }
  }
}
