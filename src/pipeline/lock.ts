/**
 * One run per pack folder at a time: an exclusive lock file in the folder, holding who has it.
 * A lock left by a process that no longer exists (on this machine) is taken over with a message;
 * one held by a live process, or by another machine (a shared mount), is a clear refusal, never a wait.
 *
 * The lock is created whole (written to a temp file, then hard-linked to its name, which fails when
 * the name exists), so a second start never reads a half-written lock; file systems without hard
 * links fall back to O_EXCL.
 */
import { constants, promises as fs, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../errors';
import { LOCK_FILE } from '../evidence/manifest';

export { LOCK_FILE };

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
  /** Start time of the process in clock ticks since boot (Linux /proc/PID/stat), to tell a reused pid from the holder. */
  procStart?: number | null;
}

/** Another run holds the folder: bad usage (exit 2), never a wait. */
export class FolderLockedError extends InputError {}

/** Largest lock file read: a lock is a line of JSON. */
const MAX_LOCK_BYTES = 64 * 1024;

/** Field 22 of /proc/PID/stat (start time in ticks), or null where there is no /proc. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Whether the process of a lock or staging folder still runs on this machine (a reused pid is not the holder). */
export function holderAlive(pid: number, procStart?: number | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (procStart === undefined || procStart === null) return true;
  const now = processStart(pid);
  return now === null || now === procStart;
}

export type LockState =
  | { state: 'none' }
  | { state: 'held'; holder: LockHolder; alive: boolean; thisHost: boolean }
  | { state: 'unreadable'; why: string; mtimeMs: number | null };

/** What the lock file of `dir` says, read as untrusted input (no symlink, no FIFO, size-capped). */
export async function readLock(dir: string): Promise<LockState> {
  const file = path.join(dir, LOCK_FILE);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'none' };
    const st = await fs.lstat(file).catch(() => null);
    return { state: 'unreadable', why: code === 'ELOOP' ? 'it is a symbolic link' : code ?? (err as Error).message, mtimeMs: st?.mtimeMs ?? null };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { state: 'unreadable', why: 'it is not a regular file', mtimeMs: st.mtimeMs };
    if (st.size > MAX_LOCK_BYTES) return { state: 'unreadable', why: `it is ${st.size} bytes`, mtimeMs: st.mtimeMs };
    let h: Partial<LockHolder>;
    try {
      h = JSON.parse((await handle.readFile()).toString('utf8')) as Partial<LockHolder>;
    } catch {
      return { state: 'unreadable', why: 'it is not a lock written by this tool', mtimeMs: st.mtimeMs };
    }
    if (!h || typeof h.pid !== 'number' || typeof h.hostname !== 'string') return { state: 'unreadable', why: 'it names no process', mtimeMs: st.mtimeMs };
    const holder: LockHolder = { pid: h.pid, hostname: h.hostname, startedAt: String(h.startedAt ?? 'unknown'), command: String(h.command ?? 'unknown'), procStart: typeof h.procStart === 'number' ? h.procStart : null };
    const thisHost = holder.hostname === os.hostname();
    return { state: 'held', holder, thisHost, alive: thisHost ? holderAlive(holder.pid, holder.procStart) : true };
  } finally {
    await handle.close();
  }
}

/** One line naming the holder: `process 1234 on build-7, started 2026-…, (run)`. */
export function describeHolder(h: LockHolder): string {
  return `process ${h.pid} on ${h.hostname}, started ${h.startedAt} (${h.command})`;
}

/** Locks this process holds, for the synchronous release on a hard exit (src/cli/commands/interrupt.ts). */
const held = new Map<string, LockHolder>();

function isOurs(file: string, me: LockHolder): boolean {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return h.pid === me.pid && h.hostname === me.hostname && h.startedAt === me.startedAt;
  } catch {
    return false;
  }
}

/** Remove every lock this process still holds (only while it is still ours): for exits that cannot wait. */
export function releaseHeldLocksSync(): void {
  for (const [file, me] of held) {
    if (isOurs(file, me)) rmSync(file, { force: true });
    held.delete(file);
  }
}

/** Create the lock file whole: false when it exists. */
async function createLock(file: string, me: LockHolder): Promise<boolean> {
  const body = `${JSON.stringify(me)}\n`;
  const tmp = path.join(path.dirname(file), `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await fs.writeFile(tmp, body, { flag: 'wx', mode: 0o644 });
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  // No hard links here: O_EXCL (a reader may see it empty for a moment, and waits for it).
  try {
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    try {
      await handle.writeFile(body);
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Remove a stale lock only if it is still the one judged stale: it is moved aside first and its bytes
 * compared, so two runs taking over the same stale lock never remove each other's new one.
 */
async function removeStale(file: string, stale: Buffer | null): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const now = await fs.readFile(aside).catch(() => null);
  if (stale !== null && now !== null && !now.equals(stale)) {
    // Another run's fresh lock was moved: put it back (unless yet another one took the name meanwhile).
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

async function lockBytes(file: string): Promise<Buffer | null> {
  try {
    const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      return st.isFile() && st.size <= MAX_LOCK_BYTES ? await handle.readFile() : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

export interface Lock {
  holder: LockHolder;
  /** Idempotent; removes the file only while it is still ours. */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Take the lock of `dir` (which must exist) for `command`. A live holder is a FolderLockedError
 * naming it (exit 2); a stale one is taken over and `log` says so.
 */
export async function acquireLock(dir: string, command: string, log: (line: string) => void = () => undefined): Promise<Lock> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command, procStart: processStart(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    let created: boolean;
    try {
      created = await createLock(file, me);
    } catch (err) {
      // Like any other write that fails: the tool cannot work here (exit 4), the message says why.
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`cannot lock ${dir} (${LOCK_FILE}): ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : code ?? (err as Error).message}`, { cause: err });
    }
    if (created) {
      held.set(file, me);
      let released = false;
      return {
        holder: me,
        release: async () => {
          if (released) return;
          released = true;
          held.delete(file);
          if (isOurs(file, me)) await fs.rm(file, { force: true });
        },
      };
    }
    const bytes = await lockBytes(file);
    const lock = await readLock(dir);
    if (lock.state === 'none') continue; // released meanwhile
    if (lock.state === 'held') {
      if (lock.alive) {
        throw new FolderLockedError(`${dir} is in use by another run: ${describeHolder(lock.holder)}; wait for it to finish${lock.thisHost ? '' : `, or remove ${file} if that machine's run is gone`}`);
      }
      log(`taking over a stale lock on ${dir}: process ${lock.holder.pid} (started ${lock.holder.startedAt}, ${lock.holder.command}) no longer runs`);
      await removeStale(file, bytes);
      continue;
    }
    if (lock.why === 'it is not a regular file' || lock.why === 'it is a symbolic link') {
      throw new FolderLockedError(`${file} is not a lock written by this tool (${lock.why}): remove it`);
    }
    // Empty or half-written: a run creating it on a file system without hard links. Wait for it briefly.
    if (lock.mtimeMs !== null && Date.now() - lock.mtimeMs > 60_000) {
      log(`taking over an unreadable lock on ${dir} (${lock.why}; last written ${new Date(lock.mtimeMs).toISOString()})`);
      await removeStale(file, bytes);
      continue;
    }
    await sleep(50);
  }
  const last = await readLock(dir);
  if (last.state === 'held') throw new FolderLockedError(`${dir} is in use by another run: ${describeHolder(last.holder)}; wait for it to finish`);
  throw new FolderLockedError(`${dir} is locked (${LOCK_FILE} cannot be read: ${last.state === 'unreadable' ? last.why : 'it keeps changing'}); another run may be starting: try again`);
}
