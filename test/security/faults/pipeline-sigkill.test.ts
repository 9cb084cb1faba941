/**
 * A rerun killed outright (SIGKILL: no handler runs, nothing is cleaned up) at given points of a run or a
 * report (as soon as its staging folder exists, mid-collection, mid-rendering) (the attack: a rerun deleted the earlier good pack before the new one existed). The earlier
 * pack must still be there, unchanged and verifying, with the dead run's lock shown as stale and not
 * part of the pack; the next run takes the stale lock over with a message, sweeps the dead run's
 * staging folder, and leaves a complete pack with nothing left over.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { verify } from '../../../src/index';
import { LOCK_FILE } from '../../../src/evidence/manifest';
import { requireEngine, type TestEngine } from '../../support/engine';
import { cli, earlierPack, leftovers, look, sleep, startCli, tempRoot, tree } from './pipeline-rig';

type Command = 'run' | 'report';
/** Where the kill lands: when the command's staging folder holds a file matching the pattern (null: as soon as it exists). */
const POINTS: Record<Command, { at: string; file: RegExp | null }[]> = {
  run: [
    { at: 'its staging folder exists', file: null },
    { at: 'the docker evidence is written (collecting)', file: /^evidence\/docker\.json$/ },
    { at: 'findings.json is written (rendering)', file: /^findings\.json$/ },
  ],
  report: [
    { at: 'its staging folder exists', file: null },
    { at: 'findings.json is written (rendering)', file: /^findings\.json$/ },
    { at: 'the first PDF is written (rendering the second language)', file: /audit-pack[^/]*\.pdf$/ },
  ],
};

/** Resolve with the staging folder of `dir` once it holds a file matching `file` (null: as soon as it exists), or null after `ms`. */
async function stagingReaches(dir: string, file: RegExp | null, ms: number): Promise<string | null> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const stage of (await leftovers(dir)).filter((p) => /ra-staging-[^/]*$/.test(p))) {
      const entries = await tree(stage).catch(() => [] as string[]);
      if (file === null || entries.some((e) => !e.endsWith('/') && file.test(e.replace(/^\.render-[^/]*\//, '')))) return stage;
    }
    await sleep(3);
  }
  return null;
}

describe('faults: a rerun killed with SIGKILL part-way', function () {
  this.timeout(600_000);
  let engine: TestEngine;
  let root: string;
  let earlier: string;

  const argsFor = (cmd: Command, dir: string): string[] =>
    cmd === 'run' ? ['run', '--out', dir, '--docker-host', engine.host, '--bench', 'off', '--no-dns'] : ['report', dir, '--lang', 'en,nb'];

  before(async function () {
    engine = await requireEngine(this);
    root = await tempRoot('sigkill');
    earlier = path.join(root, 'earlier');
    await earlierPack(earlier, { 'notes.txt': 'kept across runs\n' });
  });
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  for (const cmd of ['run', 'report'] as const) {
    for (const [i, point] of POINTS[cmd].entries()) {
      it(`${cmd} killed when ${point.at}: the earlier pack verifies unchanged; the next run takes over and completes`, async () => {
        const dir = path.join(root, `${cmd}-${i}`);
        await fs.cp(earlier, dir, { recursive: true });
        const manifest = await fs.readFile(path.join(dir, 'manifest.json'));
        const s = startCli(argsFor(cmd, dir));
        const stage = await stagingReaches(dir, point.file, 120_000);
        assert.ok(stage, `the staging folder never reached the point: ${point.at}`);
        assert.ok(s.child.exitCode === null && s.child.kill('SIGKILL'), `${cmd} had ended before the kill`);
        const killed = await s.done;
        assert.equal(killed.signal, 'SIGKILL');

        // The earlier pack, as it was: same manifest, verifies; the dead run's lock is named as stale.
        assert.ok((await fs.readFile(path.join(dir, 'manifest.json'))).equals(manifest), 'the earlier manifest changed');
        const v = await verify({ dir });
        assert.ok(v.ok, v.failures.join('; '));
        assert.equal(v.lock.state, 'stale', JSON.stringify(v.lock));
        assert.ok(v.lock.state === 'stale' && v.lock.pid === s.child.pid);
        const verifyCli = await cli(['verify', dir], { deadlineMs: 60_000 });
        assert.equal(verifyCli.code, 0, verifyCli.stdout + verifyCli.stderr);
        assert.match(verifyCli.stdout, new RegExp(`not part of the pack: \\${LOCK_FILE}, left by process ${s.child.pid} .* which no longer runs`));
        assert.equal(await fs.readFile(path.join(dir, 'notes.txt'), 'utf8'), 'kept across runs\n');
        assert.ok((await leftovers(dir)).length > 0, 'a SIGKILLed run left nothing: the kill landed before the lock or after the end');

        // The next run takes over: a message for the lock and the dead run's staging folder, then a whole pack.
        const next = await cli(argsFor(cmd, dir), { deadlineMs: 300_000 });
        assert.equal(next.code, 0, next.stderr);
        assert.match(next.stderr, new RegExp(`taking over a stale lock on .*: process ${s.child.pid} .*no longer runs`));
        assert.match(next.stderr, new RegExp(`removed .*ra-staging-${s.child.pid}-.*: left by process ${s.child.pid}, which no longer runs`));
        const l = await look(dir);
        assert.ok(l.ok, l.failures.join('; '));
        assert.ok(!l.manifest!.equals(manifest), 'the next run did not swap its pack in');
        assert.equal(await fs.readFile(path.join(dir, 'notes.txt'), 'utf8'), 'kept across runs\n');
        assert.deepEqual(await leftovers(dir), []);
        await fs.rm(dir, { recursive: true, force: true });
      });
    }
  }
});
