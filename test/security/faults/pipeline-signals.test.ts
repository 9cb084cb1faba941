/**
 * Ctrl-C at a random moment of a run, a report or a collection (the attack: SIGINT during rendering printed "stopping",
 * then wrote the manifest and exited 0). Each trial starts from a complete earlier pack, sends SIGINT (or
 * SIGTERM) after a seeded random delay from the moment the command holds the folder's lock, and checks:
 * exit 130 within 2 s of the signal (or 0 when it had finished first), and the folder is then either
 * the earlier pack untouched or the complete new one, verifying, never a mix, with nothing left over.
 *
 * RA_SIGNAL_TRIALS (default 20 under CI=true, 6 otherwise) and RA_FAULT_SEED replay a series.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LOCK_FILE } from '../../../src/evidence/manifest';
import { requireEngine, type TestEngine } from '../../support/engine';
import { earlierPack, leftovers, look, seeded, sleep, startCli, tempRoot, waitFor } from './pipeline-rig';

const TRIALS = Number(process.env.RA_SIGNAL_TRIALS ?? (process.env.CI === 'true' ? 20 : 6));
const SEED = Number(process.env.RA_FAULT_SEED ?? 20261201);
/** The promise: every stage ends within 2 s of the signal. */
const STOP_MS = 2000;

type Command = 'run' | 'report' | 'collect';
const COMMANDS: readonly Command[] = ['run', 'report', 'collect'];

describe('faults: SIGINT/SIGTERM at random points of run, report and collect', function () {
  this.timeout(900_000);
  let engine: TestEngine;
  let root: string;
  let earlier: string;
  const duration: Record<Command, number> = { run: 0, report: 0, collect: 0 };

  function argsFor(cmd: Command, dir: string): string[] {
    if (cmd === 'report') return ['report', dir, '--lang', 'en,nb'];
    return [cmd, '--out', dir, '--docker-host', engine.host, '--bench', 'off', '--no-dns'];
  }

  /** A fresh copy of the earlier pack, and its manifest bytes. */
  async function freshCopy(name: string): Promise<{ dir: string; manifest: Buffer }> {
    const dir = path.join(root, name);
    await fs.cp(earlier, dir, { recursive: true });
    return { dir, manifest: await fs.readFile(path.join(dir, 'manifest.json')) };
  }

  before(async function () {
    engine = await requireEngine(this);
    root = await tempRoot('signals');
    earlier = path.join(root, 'earlier');
    await earlierPack(earlier, { 'notes.txt': 'kept across runs\n' });
    // How long each command holds the lock here, so the random delays cover all its stages.
    for (const cmd of COMMANDS) {
      const { dir } = await freshCopy(`calibrate-${cmd}`);
      const s = startCli(argsFor(cmd, dir));
      assert.ok(await waitFor(path.join(dir, LOCK_FILE), 60_000), `${cmd} never took the lock`);
      const t0 = Date.now();
      const r = await s.done;
      assert.equal(r.code, 0, r.stderr);
      duration[cmd] = r.endedAt - t0;
    }
  });
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it(`${TRIALS} trials (seed ${SEED}): exit 130 within ${STOP_MS} ms (or 0 when done first), then the earlier pack or the new one, complete`, async () => {
    const rand = seeded(SEED);
    const lines: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const cmd = COMMANDS[i % COMMANDS.length];
      const sig: NodeJS.Signals = i % 5 === 4 ? 'SIGTERM' : 'SIGINT';
      // Up to 110% of the command's time: about one trial in ten lands after it finished.
      const delay = Math.round(rand() * duration[cmd] * 1.1);
      const { dir, manifest } = await freshCopy(`trial-${i}`);
      const s = startCli(argsFor(cmd, dir));
      const label = `trial ${i} (seed ${SEED}): ${cmd}, ${sig} ${delay} ms after the lock`;
      assert.ok(await waitFor(path.join(dir, LOCK_FILE), 60_000), `${label}: never took the lock`);
      await sleep(delay);
      const sentAt = Date.now();
      const sent = s.child.exitCode === null && s.child.signalCode === null && s.child.kill(sig);
      const r = await s.done;
      const stage = (r.stderr.split('\n').filter((l) => /collecting|collected/.test(l)).pop() ?? '').replace('residency-audit: ', '') || 'report';
      lines.push(`${label}: exit ${r.code}${sent ? ` ${r.endedAt - sentAt} ms after the signal` : ' (done before the signal)'}; last stage: ${stage}`);
      assert.equal(r.signal, null, `${label}: ended by the signal itself, not with an exit code\n${r.stderr}`);
      assert.ok(r.code === 130 || r.code === 0, `${label}: exit ${r.code}\n${r.stderr}`);
      if (sent && r.code === 130) assert.ok(r.endedAt - sentAt <= STOP_MS, `${label}: took ${r.endedAt - sentAt} ms to stop\n${r.stderr}`);
      const l = await look(dir);
      assert.ok(l.ok, `${label}: the folder does not verify: ${l.failures.join('; ')}\n${r.stderr}`);
      if (r.code === 130) assert.ok(l.manifest!.equals(manifest), `${label}: exit 130 but the manifest changed`);
      else assert.ok(!l.manifest!.equals(manifest), `${label}: exit 0 but the earlier manifest is still there`);
      assert.equal(await fs.readFile(path.join(dir, 'notes.txt'), 'utf8'), 'kept across runs\n', `${label}: the user's file was lost`);
      assert.deepEqual(await leftovers(dir), [], `${label}: left over`);
      await fs.rm(dir, { recursive: true, force: true });
    }
    console.log(`      ${lines.join('\n      ')}`);
  });
});
