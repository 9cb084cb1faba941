/**
 * An engine killed in the middle of a collection: a private dockerd in its own network namespace
 * (test/support/netns-rig.ts; the shared engine's docker0 is not touched) with 300 created containers.
 * `collect` reads it through a counting proxy, which SIGKILLs that dockerd once 60 container
 * inspections have gone by. The collection must say so: exit 3, every listed container either in the
 * evidence or recorded as not inspected with the reason, and the gaps in findings.run.gaps.
 *
 * The rig's prefix and subnet are derived from this process (rak<pid>, 10.216.<n>), so parallel test
 * runs on one machine do not collide; rigs of runs whose process is gone are swept first.
 */
import { strict as assert } from 'node:assert';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { evaluate } from '../../../src/index';
import { readEvidenceDir } from '../../../src/evidence/store';
import type { DockerEvidence } from '../../../src/evidence/types/docker';
import { mapLimit } from '../../../src/util/map-limit';
import { PROJECT_ROOT } from '../../../src/version';
import { TEST_IMAGE } from '../../support/engine';
import { rigPrerequisites, startRig, sweepRig, type Rig } from '../../support/netns-rig';
import { proxyEngine, startCli, type FakeEngine } from './engine-fakes';

const exec = promisify(execFile);
const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const CONTAINERS = 300;
const KILL_AFTER_INSPECTIONS = 60;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sweep the rigs of earlier runs of this test whose process is gone (a crashed run leaves them). */
async function sweepStale(): Promise<void> {
  for (const d of await fs.readdir('/tmp').catch(() => [] as string[])) {
    const m = /^rak([0-9a-z]+)-rig$/.exec(d);
    if (m && !alive(parseInt(m[1], 36))) await sweepRig(`rak${m[1]}`);
  }
}

/** A /24 under 10.216 that no interface on this machine uses. */
async function freeSubnet(): Promise<string> {
  const used = (await exec('ip', ['-o', '-4', 'addr', 'show'])).stdout;
  for (let i = 0; i < 250; i++) {
    const n = (process.pid + i) % 250;
    if (!used.includes(` 10.216.${n}.`)) return `10.216.${n}`;
  }
  throw new Error('no free 10.216.x.0/24 for the rig');
}

describe('engine faults: the engine is killed in the middle of the collection', function () {
  this.timeout(420_000);
  let rig: Rig | null = null;
  let proxy: FakeEngine | null = null;
  let out: string;
  let code: number | null = null;
  let stderr = '';
  let killedAt = 0;

  before(async function () {
    const missing = await rigPrerequisites();
    if (missing) {
      if (process.env.CI === 'true') throw new Error(`namespace rig unavailable under CI=true: ${missing}`);
      this.skip();
    }
    await sweepStale();
    rig = await startRig({ prefix: `rak${process.pid.toString(36)}`, subnet: await freeSubnet(), subnet6: null, nodes: 1, image: true });
    const node = rig.nodes[0];
    await mapLimit(Array.from({ length: CONTAINERS }, (_, i) => i), 8, (i) =>
      node.docker.createContainer({ Image: TEST_IMAGE, name: `rak-c${i}`, Cmd: ['sleep', '3600'], Env: [`N=${i}`], Labels: { 'org.residency-audit.test': 'engine-killed' } }));
    const pid = node.pid!;
    proxy = await proxyEngine(node.socket, (line) => {
      const inspections = proxy?.requests.filter((r) => /^GET \/containers\/[0-9a-f]{64}\/json/.test(r)).length ?? 0;
      if (!killedAt && /^GET \/containers\/[0-9a-f]{64}\/json/.test(line) && inspections + 1 >= KILL_AFTER_INSPECTIONS) {
        killedAt = Date.now();
        process.kill(pid, 'SIGKILL');
      }
    });
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-killed-'));
    const cli = startCli(BIN, ['collect', '--out', out, '--docker-host', proxy.host, '--bench', 'off', '--no-dns'], 120_000);
    const r = await cli.exited;
    code = r.code;
    stderr = cli.stderr();
  });

  after(async () => {
    await proxy?.close();
    await rig?.teardown();
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it('exits 3, naming what is missing', () => {
    assert.ok(killedAt > 0, `the engine was not killed: ${proxy?.requests.length} requests\n${stderr}`);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /collection incomplete, the audit covers less than the engine holds: docker: \d+ containers?(, \d+ images?)?(, \d+ networks?)? could not be inspected/);
    assert.ok(existsSync(path.join(out, 'manifest.json')), 'the partial evidence is sealed');
  });

  it('records every listed container: inspected, or not inspected with the reason', async () => {
    const { evidence } = await readEvidenceDir(out);
    const file = evidence.docker!;
    assert.equal(file.status, 'partial');
    const d = file.data as DockerEvidence;
    const ours = (names: string[]) => names.filter((n) => /^\/?rak-c\d+$/.test(n)).length;
    const inspected = ours(d.containers.map((c) => c.Name ?? ''));
    const missing = d.uninspected!.filter((u) => u.kind === 'container');
    assert.ok(inspected >= KILL_AFTER_INSPECTIONS - 20 && inspected < CONTAINERS, `${inspected} inspected`);
    assert.equal(inspected + ours(missing.map((u) => u.name)), CONTAINERS, 'no container silently dropped');
    process.stdout.write(`      dockerd killed after ${KILL_AFTER_INSPECTIONS} inspections: ${inspected} inspected, ${missing.length} not (${[...new Set(missing.map((u) => u.reason))].join(', ')})\n`);
    for (const u of missing) assert.match(u.reason, /^(ECONNRESET|ECONNREFUSED|ENOENT|EPIPE|the engine closed the connection during GET .*|socket hang up)$/, u.name);
    assert.ok(missing.every((u) => u.state === 'created'));
  });

  it('lists the gaps in findings.run.gaps and reports each uninspected container in the checks', async () => {
    const { evidence } = await readEvidenceDir(out);
    const doc = await evaluate({ evidence });
    const d = evidence.docker!.data as DockerEvidence;
    const missing = d.uninspected!.filter((u) => u.kind === 'container');
    const gaps = doc.run.gaps.filter((g) => g.startsWith('docker: container rak-c'));
    assert.equal(gaps.length, missing.length, doc.run.gaps.slice(0, 5).join('\n'));
    const privileged = doc.findings.filter((f) => f.check === 'cis.privileged' && f.outcome === 'error' && f.target.kind === 'container');
    assert.equal(privileged.length, missing.length);
    assert.match(privileged[0].message.en, /^Could not inspect container rak-c\d+: .+\. This check could not judge it\.$/);
  });
});
