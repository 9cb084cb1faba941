import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { refusal } from '../../../src/collectors/storage/bench';
import { detectFio } from '../../../src/collectors/storage/fio-engine';
import { runStorage } from '../../../src/collectors/storage';
import { sweepStaleTestFiles } from '../../../src/collectors/storage/test-file';
import { readMountinfo } from '../../../src/collectors/storage/mountinfo';
import { resolveTargets, type ResolvedTarget } from '../../../src/collectors/storage/targets';
import { WORKLOAD_IDS, type StorageEvidence } from '../../../src/evidence/types/storage';
import { diskTempDir, leftovers, removeDir } from './support';

const quiet = { log: () => undefined, hostRoot: '/', docker: null };

function assertEvidenceFields(ev: StorageEvidence, engine: 'node' | 'fio'): void {
  const t = ev.targets[0];
  assert.equal(t.status, 'measured', t.reason);
  assert.equal(ev.primary, 0);
  assert.equal(ev.engine.name, engine);
  assert.match(ev.engine.version, engine === 'fio' ? /^fio-3\./ : /^v\d+\./);
  // Facts a reader needs next to every figure.
  assert.ok(t.filesystem && t.filesystem.type && t.filesystem.mountPoint && t.filesystem.mountOptions.length);
  assert.ok(t.testFile);
  assert.equal(t.testFile.sizeBytes, 16 * 1024 * 1024);
  assert.equal(t.testFile.written, true);
  assert.equal(t.testFile.unlinkedAfterOpen, true);
  assert.equal(typeof t.testFile.directIo, 'boolean');
  if (t.testFile.directIo) assert.ok(t.testFile.dioAlignment && t.testFile.dioAlignment.offsetBytes >= 512);
  assert.ok(t.loadavgBefore && t.loadavgAfter && t.durationSeconds! > 0 && t.startedAt);
  assert.ok(ev.machine.cpus >= 1 && ev.machine.memTotalBytes > 0 && ev.machine.kernel);
  if (t.device) {
    assert.ok(t.device.name && t.device.majorMinor);
    assert.ok('scheduler' in t.device && 'rotational' in t.device && 'writeCache' in t.device);
  }
  for (const id of WORKLOAD_IDS) {
    const r = t.results[id];
    assert.ok(r, `${id} missing`);
    assert.ok(r.iops > 0 && r.mibps > 0 && r.p50Us > 0 && r.p99Us >= r.p50Us, `${id}: ${JSON.stringify({ iops: r.iops, mibps: r.mibps, p50: r.p50Us, p99: r.p99Us })}`);
    assert.ok(r.ops > 0 && r.measuredSeconds > 0);
    assert.ok(r.label.startsWith(engine));
    if (t.device) assert.ok(r.device && r.device.benchmarkOps > 0, `${id}: device cross-check`);
  }
  assert.equal(t.results.randwrite4kSync!.sync, 'fdatasync-each-write');
  assert.ok(t.results.randwrite4kSync!.phases);
  assert.equal(t.results.randread4kQd1!.inFlight, 1);
  assert.ok(t.results.randread4kQd32!.inFlight > 1);
  assert.ok(t.classification && t.classification.statement.startsWith('consistent with') || t.classification!.consistentWith === 'unclassified');
}

describe('collectors/storage benchmark on a real filesystem (tiny profile)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = diskTempDir();
  });
  afterEach(() => removeDir(dir));

  it('refuses tmpfs and says so, creating nothing there', async function () {
    if (!existsSync('/dev/shm')) this.skip();
    const before = readdirSync('/dev/shm').filter((n) => n.startsWith('.residency-audit-bench-'));
    const { evidence, warnings } = await runStorage({ ...quiet, options: { dirs: ['/dev/shm'], engine: 'node', profile: 'tiny' }, signal: new AbortController().signal });
    const t = evidence.targets[0];
    assert.equal(t.status, 'refused');
    assert.match(t.reason!, /\/dev\/shm is on tmpfs \(RAM\), not a disk/);
    assert.equal(t.filesystem!.inMemory, true);
    assert.deepEqual(t.results, {});
    assert.equal(evidence.primary, null);
    assert.match(warnings.join(' '), /refused/);
    assert.deepEqual(readdirSync('/dev/shm').filter((n) => n.startsWith('.residency-audit-bench-')), before);
  });

  it('measures with the Node engine (workers loaded from dist/), records every evidence field and leaves no file', async () => {
    const { evidence } = await runStorage({ ...quiet, options: { dirs: [dir], engine: 'node', profile: 'tiny' }, signal: new AbortController().signal });
    assertEvidenceFields(evidence, 'node');
    assert.equal(evidence.targets[0].testFile!.bufferSource, 'wasm-memory');
    assert.ok(evidence.targets[0].results.randread4kQd1!.repeats.length === 2);
    assert.deepEqual(leftovers(dir), []);
  });

  it('measures with fio when installed (one job file, JSON output) and leaves no file', async function () {
    if (!(await detectFio())) {
      if (process.env.CI === 'true') throw new Error('fio is not installed under CI=true (apt-get install -y fio)');
      this.skip();
    }
    const { evidence } = await runStorage({ ...quiet, options: { dirs: [dir], engine: 'fio', profile: 'tiny' }, signal: new AbortController().signal });
    assertEvidenceFields(evidence, 'fio');
    assert.equal(evidence.targets[0].results.randwrite4kSync!.latencySource, 'fio-write-plus-sync-convolved');
    assert.deepEqual(leftovers(dir), []);
  });

  it('measures a device once: two directories on the same filesystem become one target', () => {
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    const targets = resolveTargets([{ path: dir, role: 'dir' }, { path: sub, role: 'dir' }], readMountinfo());
    assert.equal(targets.length, 1);
    assert.deepEqual(targets[0].paths, [dir, sub]);
  });

  it('reports a missing directory as failed with the path, and stops at once when already aborted', async () => {
    const missing = path.join(dir, 'nope');
    const ac = new AbortController();
    const a = await runStorage({ ...quiet, options: { dirs: [missing], engine: 'node', profile: 'tiny' }, signal: ac.signal });
    assert.equal(a.evidence.targets[0].status, 'failed');
    assert.equal(a.evidence.targets[0].reason, `${missing} does not exist`);
    ac.abort();
    const b = await runStorage({ ...quiet, options: { dirs: [dir], engine: 'node', profile: 'tiny' }, signal: ac.signal });
    assert.equal(b.evidence.targets[0].status, 'aborted');
  });

  it('refuses when free space is below twice the file size, with the figures in the message', () => {
    const t = { path: '/data', dir: '/data', roles: ['dir'], volumes: [], paths: ['/data'], blockDevice: null, fs: { inMemory: false, freeBytes: 1.5 * 1024 ** 3, mountPoint: '/data' } } as unknown as ResolvedTarget;
    assert.match(refusal(t, 1024 ** 3)!, /^only 1\.5 GiB free on \/data; the benchmark needs twice its 1 GiB test file \(2 GiB\) free/);
    assert.equal(refusal(t, 256 * 1024 ** 2), null);
  });

  it('sweeps test files left by a crashed run, keeping those of live processes', () => {
    const dead = '.residency-audit-bench-999999999-deadbeef.tmp';
    const mine = `.residency-audit-bench-${process.pid}-0badc0de.tmp`;
    const other = 'unrelated.tmp';
    for (const n of [dead, mine, other]) writeFileSync(path.join(dir, n), 'x');
    assert.deepEqual(sweepStaleTestFiles(dir, (pid) => pid !== 999999999), [dead]);
    assert.deepEqual(readdirSync(dir).sort(), [mine, other].sort());
  });
});
