/**
 * Six runs started at the same moment into one folder (the attack: 2 of 6 gave a pack with the config of
 * one run and the HTML of another, which verified). Exactly one may run; the others exit 2 naming the
 * holder of the lock; the pack left verifies and is the winner's throughout.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FindingsDocument } from '../../../src/findings/types';
import { requireEngine } from '../../support/engine';
import { earlierPack, leftovers, look, startCli, tempRoot } from './pipeline-rig';

const RUNS = 6;

describe('faults: concurrent runs into one folder', function () {
  this.timeout(400_000);
  let root: string;
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it(`${RUNS} simultaneous "run --bench off --no-dns": one wins, the others exit 2 naming it; the pack is the winner's and verifies`, async function () {
    const engine = await requireEngine(this);
    root = await tempRoot('concurrent');
    const out = path.join(root, 'pack');
    await earlierPack(out);
    const configs = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const file = path.join(root, `config-${i}.yaml`);
        await fs.writeFile(file, `organisation: Concurrent Org ${i}\nperiod: run ${i}\n`);
        return file;
      }),
    );
    // Started stopped, then continued together: none can finish before the last one has begun.
    const runs = configs.map((config) =>
      startCli(['run', '--out', out, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet', '--config', config], { stopped: true, deadlineMs: 300_000 }),
    );
    for (const r of runs) r.child.kill('SIGCONT');
    const results = await Promise.all(runs.map((r) => r.done));

    const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.code === 0);
    assert.equal(winners.length, 1, `exit codes: ${results.map((r) => r.code).join(', ')}\n${results.map((r) => r.stderr).join('\n')}`);
    const winner = winners[0];
    const winnerPid = runs[winner.i].child.pid;
    for (const [i, r] of results.entries()) {
      if (i === winner.i) continue;
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`is in use by another run: process ${winnerPid} on .*\\(run\\)`), r.stderr);
    }

    const l = await look(out);
    assert.ok(l.ok, l.failures.join('; '));
    const findings = JSON.parse(await fs.readFile(path.join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    const config = JSON.parse(await fs.readFile(path.join(out, 'config.json'), 'utf8')) as { organisation: string };
    const html = await fs.readFile(path.join(out, 'audit-pack.html'), 'utf8');
    const name = `Concurrent Org ${winner.i}`;
    assert.equal(config.organisation, name);
    assert.equal(findings.run.config.organisation, name);
    assert.ok(html.includes(name), 'the HTML is not the winner\'s');
    for (let i = 0; i < RUNS; i++) if (i !== winner.i) assert.ok(!html.includes(`Concurrent Org ${i}`), `the HTML names run ${i} too`);
    assert.deepEqual(await leftovers(out), []);
  });
});
