/**
 * Everything bounded: an engine that trickles bytes (never idle, so an idle timeout never fires) or
 * never answers cannot keep `collect` or `run` alive past the engine deadline, and SIGINT/SIGTERM end
 * them within 2 s while they wait on it. Fake engines on unix sockets in a temp folder (engine-fakes.ts).
 */
import { strict as assert } from 'node:assert';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../../src/version';
import { silentEngine, startCli, tricklingEngine, type FakeEngine } from './engine-fakes';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
/** Node's start and module loading on a busy test machine: added to every bound, never part of what is asserted. */
const START_SLACK_MS = 8000;

async function dockerEvidence(dir: string): Promise<{ status: string; error?: string }> {
  return JSON.parse(await fs.readFile(path.join(dir, 'evidence/docker.json'), 'utf8')) as { status: string; error?: string };
}

describe('engine faults: deadlines and signals against an engine that trickles or never answers', function () {
  this.timeout(60_000);
  let trickle: FakeEngine;
  let silent: FakeEngine;
  let work: string;
  let emptyRoot: string;

  before(async () => {
    trickle = await tricklingEngine();
    silent = await silentEngine();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-faults-'));
    emptyRoot = path.join(work, 'root');
    await fs.mkdir(emptyRoot);
  });

  after(async () => {
    await trickle?.close();
    await silent?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('collect against a trickling engine ends at --engine-timeout with exit 3 and the deadline in the evidence', async () => {
    const out = path.join(work, 'trickle-collect');
    const t0 = Date.now();
    const cli = startCli(BIN, ['collect', '--out', out, '--docker-host', trickle.host, '--engine-timeout', '3', '--bench', 'off', '--no-dns', '--host-root', emptyRoot], 30_000);
    const { code, at } = await cli.exited;
    assert.equal(code, 3, cli.stderr());
    assert.ok(at - t0 < 3000 + START_SLACK_MS, `took ${at - t0} ms`);
    assert.ok(at - t0 >= 3000, `ended after ${at - t0} ms, before the deadline: did it wait at all?`);
    const ev = await dockerEvidence(out);
    assert.equal(ev.status, 'failed');
    assert.match(ev.error!, /^engine at unix:\/\/.*docker\.sock stopped answering: (collection deadline of 3 s passed|no complete answer to GET \/\S+ within \d+(\.\d+)? s)$/);
    assert.ok(trickle.requests.some((r) => r.startsWith('GET /version')), 'the lists were asked for');
    assert.match(cli.stderr(), /collection incomplete|nothing could be collected/);
  });

  it('collect against a silent engine ends at --engine-timeout with exit 3: unreachable, and why', async () => {
    const out = path.join(work, 'silent-collect');
    const t0 = Date.now();
    const cli = startCli(BIN, ['collect', '--out', out, '--docker-host', silent.host, '--engine-timeout', '2', '--bench', 'off', '--no-dns', '--host-root', emptyRoot], 30_000);
    const { code, at } = await cli.exited;
    assert.equal(code, 3, cli.stderr());
    assert.ok(at - t0 < 2000 + START_SLACK_MS, `took ${at - t0} ms`);
    const ev = await dockerEvidence(out);
    assert.equal(ev.status, 'failed');
    assert.match(ev.error!, /^engine unreachable at unix:\/\/.*docker\.sock: (collection deadline of 2 s passed|no complete answer to GET \/_ping within \d+(\.\d+)? s)$/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} to run while the docker collector reads a trickling engine exits 130 within 2 s, without a pack`, async () => {
      const out = path.join(work, `trickle-run-${signal}`);
      const before = trickle.requests.length;
      const cli = startCli(BIN, ['run', '--out', out, '--docker-host', trickle.host, '--bench', 'off', '--no-dns'], 40_000);
      await cli.waitFor(/collecting docker/, 20_000);
      // Wait until the lists are being trickled: the collector is inside a request that never ends.
      const until = Date.now() + 10_000;
      while (!trickle.requests.slice(before).some((r) => r.startsWith('GET /containers/json')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      cli.child.kill(signal);
      const { code, at } = await cli.exited;
      assert.equal(code, 130, cli.stderr());
      assert.ok(at - t0 < 2000, `exited ${at - t0} ms after ${signal}`);
      assert.match(cli.stderr(), new RegExp(`${signal} received`));
      assert.ok(!existsSync(path.join(out, 'manifest.json')), 'no manifest for an interrupted run');
      assert.ok(!existsSync(path.join(out, 'audit-pack.html')), 'no pack for an interrupted run');
    });
  }

  it('SIGTERM to collect waiting on a silent engine exits 130 within 2 s', async () => {
    const out = path.join(work, 'silent-sigterm');
    const cli = startCli(BIN, ['collect', '--out', out, '--docker-host', silent.host, '--bench', 'off', '--no-dns'], 40_000);
    await cli.waitFor(/collecting docker/, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    cli.child.kill('SIGTERM');
    const { code, at } = await cli.exited;
    assert.equal(code, 130, cli.stderr());
    assert.ok(at - t0 < 2000, `exited ${at - t0} ms after SIGTERM`);
  });
});
