import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../../src/version';

export const FIXTURES = path.join(PROJECT_ROOT, 'test/collectors/storage/fixtures');

const TMPFS = 0x01021994;

/** A fresh directory on a real disk (not tmpfs, which the benchmark refuses): the first of tmpdir, /var/tmp, the project. */
export function diskTempDir(): string {
  for (const base of [os.tmpdir(), '/var/tmp', PROJECT_ROOT]) {
    try {
      if (Number(statfsSync(base).type) !== TMPFS) return mkdtempSync(path.join(base, 'ra-storage-test-'));
    } catch {
      /* next */
    }
  }
  throw new Error('no directory on a disk for the storage tests');
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Names in a directory that look like our test files. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.residency-audit-bench-'));
}
