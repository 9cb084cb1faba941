import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFio } from '../../../src/collectors/storage/fio-engine';
import { PROJECT_ROOT } from '../../../src/version';
import { diskTempDir, leftovers, removeDir } from './support';

/** The command, launched like the CLI but without depending on main.ts's command table. */
const LAUNCH = `require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/src/cli/commands/bench-storage.js'))}).benchStorageCommand(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;

/** fio processes working in one of this run's fio directories (their cwd), found through /proc. */
function fioProcessesOf(runPid: number): number[] {
  const prefix = path.join(os.tmpdir(), `residency-audit-fio-${runPid}-`);
  const pids: number[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readlinkSync(`/proc/${p}/cwd`).startsWith(prefix) && readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'fio') pids.push(Number(p));
    } catch {
      /* gone, or not ours to look at */
    }
  }
  return pids;
}

/** Start bench-storage, SIGINT it once the first workload runs, and report how it ended. */
async function interruptDuringWorkload(dir: string, engine: 'node' | 'fio'): Promise<{ code: number | null; stderr: string; msToExit: number; pid: number; fioBefore: number[] }> {
  const child = spawn(process.execPath, ['-e', LAUNCH, '--', '--dir', dir, '--engine', engine, '--profile', 'tiny', '--runtime', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let signalledAt = 0;
  let fioBefore: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no workload started within 20 s: ${stderr}`)), 20_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!signalledAt && /\[1\/5\] randread4kQd1/.test(stderr)) {
        clearTimeout(timer);
        // Let the loop (or fio) get going, then interrupt mid-measurement.
        setTimeout(() => {
          fioBefore = fioProcessesOf(child.pid!);
          signalledAt = Date.now();
          child.kill('SIGINT');
          resolve();
        }, 400);
      }
    });
    child.once('exit', () => reject(new Error(`exited before the workload started: ${stderr}`)));
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stderr, msToExit: Date.now() - signalledAt, pid: child.pid!, fioBefore };
}

describe('bench-storage cleanup on SIGINT (child process)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = diskTempDir();
  });
  afterEach(() => removeDir(dir));

  it('Node engine: stops the workers at once, exits 130 and leaves no file', async () => {
    const r = await interruptDuringWorkload(dir, 'node');
    assert.equal(r.code, 130, r.stderr);
    assert.ok(r.msToExit < 3000, `took ${r.msToExit} ms to exit after SIGINT`);
    assert.match(r.stderr, /SIGINT received, stopping and cleaning up/);
    assert.deepEqual(leftovers(dir), []);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('Node engine: even SIGKILL leaves no file (the test file was unlinked right after opening)', async () => {
    const child = spawn(process.execPath, ['-e', LAUNCH, '--', '--dir', dir, '--engine', 'node', '--profile', 'tiny', '--runtime', '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (/\[1\/5\]/.test(stderr)) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('fio engine: kills fio, removes its working directory, exits 130 and leaves no file', async function () {
    if (!(await detectFio())) {
      if (process.env.CI === 'true') throw new Error('fio is not installed under CI=true');
      this.skip();
    }
    const r = await interruptDuringWorkload(dir, 'fio');
    assert.equal(r.code, 130, r.stderr);
    assert.ok(r.msToExit < 4000, `took ${r.msToExit} ms to exit after SIGINT`);
    assert.deepEqual(readdirSync(dir), []);
    const work = `residency-audit-fio-${r.pid}-`;
    assert.deepEqual(readdirSync(os.tmpdir()).filter((n) => n.startsWith(work)), [], 'fio working directory removed');
    // fio opened the file through /proc/<pid>/fd: none of this run's fio processes may outlive it.
    assert.ok(r.fioBefore.length > 0, 'fio was running when SIGINT was sent');
    await new Promise((res) => setTimeout(res, 300));
    assert.deepEqual(r.fioBefore.filter((p) => existsSync(`/proc/${p}`)), []);
  });
});
