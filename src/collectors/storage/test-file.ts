/**
 * The benchmark's test file: a hidden file in the directory under test, unlinked right after it is
 * opened. The open descriptor keeps the data alive for the run; the kernel frees the space when the
 * process ends, even on SIGKILL, so nothing is ever left behind. fio reaches the same inode through
 * `/proc/<pid>/fd/<n>`. Stale names from a crash between open and unlink are swept at start.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readdirSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { pidAlive } from './machine';

export const TEST_FILE_PREFIX = '.residency-audit-bench-';
const NAME_RE = /^\.residency-audit-bench-(\d+)-[0-9a-f]+\.tmp$/;

export function testFileName(pid = process.pid): string {
  return `${TEST_FILE_PREFIX}${pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** Remove test files whose owning process is gone; returns the names removed. */
export function sweepStaleTestFiles(dir: string, isAlive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = NAME_RE.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed.push(name);
    } catch {
      /* someone else removed it, or we may not: leave it */
    }
  }
  return removed;
}

export interface OpenTestFile {
  fd: number;
  direct: boolean;
  /** The name it had for the microseconds before unlink (for messages only). */
  name: string;
}

/**
 * Create, open and unlink the test file. O_DIRECT is asked for; where the filesystem refuses it
 * (EINVAL), the file is reopened without and `direct` is false (every figure is then a cache figure).
 */
export function openTestFile(dir: string): OpenTestFile {
  const name = testFileName();
  const file = path.join(dir, name);
  const base = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL;
  let fd: number;
  let direct = true;
  try {
    fd = openSync(file, base | constants.O_DIRECT, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    // Some filesystems create the file and only then refuse O_DIRECT: remove it before retrying.
    try {
      unlinkSync(file);
    } catch {
      /* was not created */
    }
    fd = openSync(file, base, 0o600);
    direct = false;
  }
  try {
    unlinkSync(file);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return { fd, direct, name };
}

/** Path through which another process (fio) can open the same unlinked file. */
export function procPathOf(fd: number): string {
  return `/proc/${process.pid}/fd/${fd}`;
}
