import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../../src/errors';
import { acquireLock, FolderLockedError, LOCK_FILE, readLock, releaseHeldLocksSync } from '../../src/pipeline/lock';

/** A pid that surely ran and has ended: a child that exits at once. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('pipeline/lock: one run per folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-lock-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('records the holder (pid, host, start time, command) and removes the file on release', async () => {
    const lock = await acquireLock(dir, 'run');
    const held = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'));
    assert.equal(held.pid, process.pid);
    assert.equal(held.hostname, os.hostname());
    assert.equal(held.command, 'run');
    assert.ok(!Number.isNaN(Date.parse(held.startedAt)));
    const state = await readLock(dir);
    assert.ok(state.state === 'held' && state.alive && state.thisHost);
    await lock.release();
    await lock.release(); // idempotent
    assert.equal((await readLock(dir)).state, 'none');
    assert.deepEqual(await fs.readdir(dir), [], 'temp files of the lock were left');
  });

  it('a second start is refused at once (an InputError: exit 2) naming the holder', async () => {
    const first = await acquireLock(dir, 'run');
    const t0 = Date.now();
    await assert.rejects(acquireLock(dir, 'report'), (e: Error) => e instanceof FolderLockedError && e instanceof InputError && new RegExp(`in use by another run: process ${process.pid} on ${os.hostname()}, started .* \\(run\\); wait for it to finish`).test(e.message));
    assert.ok(Date.now() - t0 < 2000, 'the refusal waited');
    await first.release();
    const again = await acquireLock(dir, 'report');
    await again.release();
  });

  it('a stale lock of a process that no longer runs is taken over, with a message', async () => {
    const pid = deadPid();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'run' }));
    const state = await readLock(dir);
    assert.ok(state.state === 'held' && !state.alive);
    const lines: string[] = [];
    const lock = await acquireLock(dir, 'run', (l) => lines.push(l));
    assert.match(lines.join('\n'), new RegExp(`taking over a stale lock on .*: process ${pid} \\(started 2026-01-01T00:00:00.000Z, run\\) no longer runs`));
    assert.equal(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    await lock.release();
  });

  it('a live pid whose start time differs (the pid was reused) is stale too', async function () {
    if (process.platform !== 'linux') this.skip();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'run', procStart: 1 }));
    const state = await readLock(dir);
    assert.ok(state.state === 'held' && !state.alive, JSON.stringify(state));
  });

  it('a lock of another machine (a shared mount) is never taken over: the message says how to clear it', async () => {
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), hostname: 'other-host.example', startedAt: '2026-01-01T00:00:00.000Z', command: 'collect' }));
    await assert.rejects(acquireLock(dir, 'run'), /in use by another run: process \d+ on other-host\.example.*or remove .*\.residency-audit\.lock if that machine's run is gone/);
  });

  it('a fresh unreadable lock (being written) is refused; one older than a minute is taken over', async () => {
    const file = path.join(dir, LOCK_FILE);
    await fs.writeFile(file, '');
    await assert.rejects(acquireLock(dir, 'run'), (e: Error) => e instanceof FolderLockedError && /another run may be starting: try again/.test(e.message));
    const old = new Date(Date.now() - 5 * 60_000);
    await fs.utimes(file, old, old);
    const lines: string[] = [];
    const lock = await acquireLock(dir, 'run', (l) => lines.push(l));
    assert.match(lines.join('\n'), /taking over an unreadable lock/);
    await lock.release();
  });

  it('a FIFO or symbolic link in place of the lock is refused at once, never opened for reading', async () => {
    const file = path.join(dir, LOCK_FILE);
    execFileSync('mkfifo', [file]);
    const t0 = Date.now();
    await assert.rejects(acquireLock(dir, 'run'), /is not a lock written by this tool \(it is not a regular file\): remove it/);
    assert.equal((await readLock(dir)).state, 'unreadable');
    await fs.rm(file);
    await fs.symlink('/etc/hostname', file);
    await assert.rejects(acquireLock(dir, 'run'), /is not a lock written by this tool \(it is a symbolic link\)/);
    assert.ok(Date.now() - t0 < 2000);
  });

  it('release leaves a lock that is no longer ours; the synchronous release removes only our own', async () => {
    const lock = await acquireLock(dir, 'run');
    const file = path.join(dir, LOCK_FILE);
    const other = JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: 'x', command: 'run' });
    await fs.writeFile(file, other);
    await lock.release();
    assert.equal(await fs.readFile(file, 'utf8'), other);
    await fs.rm(file);
    await acquireLock(dir, 'run');
    releaseHeldLocksSync();
    assert.equal((await readLock(dir)).state, 'none');
  });
});
