/**
 * One run per pack folder at a time: an exclusive lock file in the folder, holding who has it.
 * A lock left by a process that no longer exists (on this machine) is taken over with a message;
 * one held by a live process, or by another machine (a shared mount), is a clear refusal.
 */
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../errors';

export const LOCK_FILE = '.residency-audit.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

/** Another run holds the folder: bad usage (exit 2), never a wait. */
export class FolderLockedError extends InputError {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const h = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.hostname === 'string' ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

/**
 * Take the lock of `dir` (which must exist). Returns the release function; release is idempotent and
 * removes the file only while it is still ours.
 */
export async function acquireLock(dir: string, command: string, log: (line: string) => void = () => undefined): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        const now = await readHolder(file);
        if (now && now.pid === me.pid && now.hostname === me.hostname) await fs.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new FolderLockedError(`cannot lock ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const holder = await readHolder(file);
    if (holder && holder.hostname === me.hostname && !alive(holder.pid)) {
      log(`taking over a stale lock on ${dir}: process ${holder.pid} (started ${holder.startedAt}) no longer runs`);
      await fs.rm(file, { force: true });
      continue;
    }
    if (!holder) {
      // Half-written by a run that died while creating it, or not ours: unreadable locks older than a minute are stale.
      const st = await fs.lstat(file).catch(() => null);
      if (st && Date.now() - st.mtimeMs > 60_000) {
        log(`taking over an unreadable lock on ${dir} (last written ${new Date(st.mtimeMs).toISOString()})`);
        await fs.rm(file, { force: true });
        continue;
      }
      throw new FolderLockedError(`${dir} is locked (${LOCK_FILE} exists and cannot be read): another run may be starting; try again`);
    }
    throw new FolderLockedError(`${dir} is in use by another run: process ${holder.pid} on ${holder.hostname}, started ${holder.startedAt} (${holder.command}); wait for it to finish${holder.hostname === me.hostname ? '' : `, or remove ${file} if that machine's run is gone`}`);
  }
  throw new FolderLockedError(`cannot lock ${dir}: the lock kept changing hands`);
}
