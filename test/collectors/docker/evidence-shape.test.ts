/**
 * The evidence a collection writes keeps its keys and counts when the collector changes how it reads
 * the engine (request layer, concurrency, scheduling): `collect` on a fixed set of containers, a
 * network and a volume, compared with the shape recorded before those changes
 * (test/fixtures/docker/evidence-shape.json; RA_RECORD_EVIDENCE_SHAPE=1 records it anew).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readEvidenceDir } from '../../../src/evidence/store';
import { PROJECT_ROOT } from '../../../src/version';
import { createTestContainer, requireEngine, TEST_LABEL, type TestEngine } from '../../support/engine';
import { shapeOf, type EvidenceShape } from './shape';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const FIXTURE = path.join(PROJECT_ROOT, 'test/fixtures/docker/evidence-shape.json');

/** Keys the evidence gained on purpose since the fixture was recorded, with why. */
const ADDED_SINCE_FIXTURE: Record<string, string> = {
  uninspected: 'objects the engine listed but that could not be inspected (issue 10.7), [] when none',
};

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000, maxBuffer: 32 << 20 }, (err, _out, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr });
    });
  });
}

describe('collect keeps the evidence it collected before (keys and counts of a fixed scenario)', function () {
  let engine: TestEngine;
  let dir: string;
  let networkId: string | null = null;

  before(async function () {
    engine = await requireEngine(this);
    this.timeout(180_000);
    const labels = { [TEST_LABEL]: engine.runId };
    const net = await engine.docker.createNetwork({ Name: `ra-t-shape-net-${engine.runId.slice(-6)}`, Driver: 'bridge', Labels: labels });
    networkId = net.id;
    const vol = `ra-t-shape-vol-${engine.runId.slice(-6)}`;
    await engine.docker.createVolume({ Name: vol, Labels: labels });
    await createTestContainer(engine, 'shape-running', {
      Env: ['DATABASE_URL=postgres://app:pw@db.example.com:5432/app', 'PORT=8080'],
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { ReadonlyRootfs: true, CapDrop: ['ALL'], PidsLimit: 64, Memory: 64 * 1024 * 1024, PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    }, { start: true });
    await createTestContainer(engine, 'shape-created', {
      User: '65534',
      Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9 },
      HostConfig: { Privileged: true, Binds: ['/tmp:/data:ro', `${vol}:/vol`] },
    });
    await createTestContainer(engine, 'shape-net', { HostConfig: { NetworkMode: net.id } });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-shape-'));
    const r = await cli(['collect', '--out', dir, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
  });

  after(async () => {
    if (networkId) {
      // Containers first (the network cannot go while they are attached); the harness removes the rest again.
      const cs = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${engine.runId}`], network: [networkId] }) });
      await Promise.all(cs.map((c) => engine.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
      await engine.docker.getNetwork(networkId).remove().catch(() => undefined);
    }
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('has the keys, types and array lengths recorded in test/fixtures/docker/evidence-shape.json', async function () {
    const { evidence } = await readEvidenceDir(dir);
    const shape = shapeOf(evidence, engine.runId, TEST_LABEL, engine.image, 'ra-t-shape-');
    assert.equal(Object.keys(shape.docker.containers).length, 3, 'the three containers of this test');
    if (process.env.RA_RECORD_EVIDENCE_SHAPE === '1') {
      await fs.writeFile(FIXTURE, `${JSON.stringify(shape, null, 2)}\n`);
      this.skip();
    }
    const recorded = JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as EvidenceShape;
    // Inspect records differ between engine versions; the fixture is only comparable on the engine it was recorded on.
    assert.deepEqual(shape.engine, recorded.engine, `the fixture was recorded on Docker ${recorded.engine.version}: record it anew on this engine from the commit before a collector change (RA_RECORD_EVIDENCE_SHAPE=1)`);
    const added = Object.keys(ADDED_SINCE_FIXTURE);
    assert.deepEqual(shape.docker.dataKeys.filter((k) => !added.includes(k)), recorded.docker.dataKeys);
    for (const k of added) assert.ok(shape.docker.dataKeys.includes(k), `docker data has ${k}`);
    const { dataKeys: _a, ...docker } = shape.docker;
    const { dataKeys: _b, ...recordedDocker } = recorded.docker;
    assert.deepEqual(docker, recordedDocker);
    const collectors = { ...shape.collectors, docker: { ...shape.collectors.docker, dataKeys: shape.collectors.docker.dataKeys.filter((k) => !added.includes(k)) } };
    assert.deepEqual(collectors, recorded.collectors);
  });
});
