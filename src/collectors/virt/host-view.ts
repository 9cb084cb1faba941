import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statfsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { SourceRecord } from '../../evidence/types/virt';

/** Largest text read from one host file (bytes); procfs reports size 0, so the cap is what bounds a read. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

/** Outcome of one probe: never thrown, because "unreadable" is evidence too. */
export type Probe<T> =
  | { status: 'read'; value: T }
  | { status: 'missing' | 'denied' | 'error'; value: null; detail?: string };

export type EntryKind = 'file' | 'dir' | 'link' | 'char-device' | 'block-device' | 'fifo' | 'socket' | 'other';

function statusOf(err: unknown): { status: 'missing' | 'denied' | 'error'; detail?: string } {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
  if (code === 'EACCES' || code === 'EPERM') return { status: 'denied', detail: code };
  return { status: 'error', detail: (err as Error).message };
}

function kindOf(st: import('node:fs').Stats): EntryKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'link';
  if (st.isCharacterDevice()) return 'char-device';
  if (st.isBlockDevice()) return 'block-device';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'other';
}

/**
 * Read-only view of a host through a root folder, like virt-what's `--test-root`. Paths are host paths (`/proc/cpuinfo`).
 * Under a root other than `/`, symlinks are resolved inside the root (an absolute target restarts at the root, `..`
 * stops at it), so a snapshot's `/proc/self -> 1234` or `/etc/x -> /usr/x` never escapes to the auditor's own files.
 * Every access is logged once in `sources`.
 *
 * The probes are synchronous behind their async signatures: they are a few dozen reads of in-memory /proc
 * and /sys files, and each asynchronous one was a round trip through the thread pool that, beside the engine
 * requests on a busy host, cost more time waiting for the main thread than the read itself.
 */
export class HostView {
  readonly root: string;
  private readonly log = new Map<string, SourceRecord>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get sources(): SourceRecord[] {
    return [...this.log.values()];
  }

  record(rec: SourceRecord): void {
    // The first outcome of a path is kept, except that a later success replaces an earlier failure.
    const prev = this.log.get(rec.source);
    if (!prev || (prev.status !== 'read' && rec.status === 'read')) this.log.set(rec.source, rec);
  }

  /** Absolute path on the auditing machine for a host path, resolving symlinks inside the root. */
  async resolve(hostPath: string, followLast = true): Promise<string> {
    if (this.root === '/') return path.posix.normalize(hostPath);
    const parts = hostPath.split('/').filter((p) => p && p !== '.');
    let resolved: string[] = [];
    let hops = 0;
    while (parts.length) {
      const part = parts.shift()!;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      const candidate = [...resolved, part];
      const real = path.join(this.root, ...candidate);
      if (!followLast && parts.length === 0) return real;
      let st;
      try {
        st = lstatSync(real);
      } catch {
        return path.join(this.root, ...candidate, ...parts);
      }
      if (!st.isSymbolicLink()) {
        resolved = candidate;
        continue;
      }
      if (++hops > 40) throw Object.assign(new Error(`too many symlinks under ${hostPath}`), { code: 'ELOOP' });
      const target = readlinkSync(real);
      if (target.startsWith('/')) resolved = [];
      parts.unshift(...target.split('/').filter((p) => p && p !== '.'));
    }
    return path.join(this.root, ...resolved);
  }

  /** What is at a host path (following symlinks), or null when nothing is; never throws. */
  async kind(hostPath: string): Promise<EntryKind | null> {
    try {
      const st = statSync(await this.resolve(hostPath));
      this.record({ source: hostPath, status: 'read' });
      return kindOf(st);
    } catch (err) {
      const s = statusOf(err);
      this.record({ source: hostPath, ...s });
      return null;
    }
  }

  async isDir(hostPath: string): Promise<boolean> {
    return (await this.kind(hostPath)) === 'dir';
  }

  async isFile(hostPath: string): Promise<boolean> {
    return (await this.kind(hostPath)) === 'file';
  }

  async exists(hostPath: string): Promise<boolean> {
    return (await this.kind(hostPath)) !== null;
  }

  /**
   * Text of a regular file, at most `maxBytes`. Opened non-blocking and refused unless it is a regular file, so a FIFO,
   * `/dev/kmsg` or `/dev/cpu/N/cpuid` (which never reach end of file) can never hang a read.
   */
  async readText(hostPath: string, maxBytes = MAX_READ_BYTES): Promise<Probe<string>> {
    const p = await this.readBytes(hostPath, maxBytes);
    return p.status === 'read' ? { status: 'read', value: p.value.toString('utf8') } : p;
  }

  async readBytes(hostPath: string, maxBytes = MAX_READ_BYTES): Promise<Probe<Buffer>> {
    let fd: number | undefined;
    try {
      fd = openSync(await this.resolve(hostPath), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
      const st = fstatSync(fd);
      if (!st.isFile()) {
        const detail = `not a regular file (${kindOf(st)}); not read`;
        this.record({ source: hostPath, status: 'error', detail });
        return { status: 'error', value: null, detail };
      }
      const chunks: Buffer[] = [];
      let total = 0;
      while (total < maxBytes) {
        // Only the bytes read are kept, so the buffer need not be zeroed first.
        const buf = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes - total));
        const bytesRead = readSync(fd, buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        chunks.push(buf.subarray(0, bytesRead));
        total += bytesRead;
      }
      this.record({ source: hostPath, status: 'read', ...(total >= maxBytes ? { detail: `truncated at ${maxBytes} bytes` } : {}) });
      return { status: 'read', value: Buffer.concat(chunks) };
    } catch (err) {
      const s = statusOf(err);
      this.record({ source: hostPath, ...s });
      return { value: null, ...s };
    } finally {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // closing a read-only descriptor cannot lose anything
        }
      }
    }
  }

  /** Target of a symlink (e.g. `/proc/self/ns/pid` → `pid:[4026531836]`), without following it. */
  async readlink(hostPath: string): Promise<Probe<string>> {
    return this.probe(hostPath, async () => readlinkSync(await this.resolve(hostPath, false)));
  }

  async readdir(hostPath: string): Promise<Probe<string[]>> {
    return this.probe(hostPath, async () => readdirSync(await this.resolve(hostPath)).sort());
  }

  /** Run one read and record the source as read, missing or denied. */
  private async probe<T>(hostPath: string, read: () => Promise<T>): Promise<Probe<T>> {
    try {
      const value = await read();
      this.record({ source: hostPath, status: 'read' });
      return { status: 'read', value };
    } catch (err) {
      const s = statusOf(err);
      this.record({ source: hostPath, ...s });
      return { value: null, ...s };
    }
  }

  async hasLiveProc(): Promise<boolean> {
    try {
      const st = statfsSync(path.join(this.root, 'proc'));
      return st.type === 0x9fa0;
    } catch {
      return false;
    }
  }
}
