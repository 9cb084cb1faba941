/**
 * End to end against the real engine: the fixed secret corpus is planted on created (never started)
 * containers, a volume and a committed image; the real CLI runs; no output file may hold any of it.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { PROJECT_ROOT } from '../../src/version';
import { createTestContainer, requireEngine, TEST_LABEL, type TestEngine } from '../support/engine';
import { leakTable, scanForLeaks } from './leak-scan';
import { ENGINE_FIELDS, plantedSecrets, SECRET_CORPUS, type PlantedSecret } from './secret-corpus';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const PLANTED = SECRET_CORPUS.filter((e) => ENGINE_FIELDS.includes(e.field));
const of = (field: PlantedSecret['field']) => PLANTED.filter((e) => e.field === field);
const kv = (entries: PlantedSecret[]) => Object.fromEntries(entries.map((e) => [e.key!, e.value as string]));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Commit a created container into an image whose history and config carry the image entries. */
async function plantImage(engine: TestEngine): Promise<string> {
  const [history] = of('image-history');
  const src = await createTestContainer(engine, 'sec-img-src', { Cmd: history.value as string[] });
  const changes = [
    ...of('image-env').map((e) => `ENV ${e.key}=${e.value as string}`),
    ...of('image-label').map((e) => `LABEL ${e.key}="${e.value as string}"`),
    `LABEL ${TEST_LABEL}=${engine.runId}`,
  ];
  const res = (await src.commit({ repo: 'ra-test/secret-corpus', tag: engine.runId.slice(-12), changes })) as { Id: string };
  await src.remove({ force: true });
  return res.Id;
}

describe('security: no planted secret reaches any output file (real engine, real CLI)', function () {
  let engine: TestEngine;
  let out: string;
  let imageId: string | null = null;
  const created: Docker.Container[] = [];
  let volumeName: string | null = null;
  let mountVolume: string | null = null;
  let result: { code: number; stdout: string; stderr: string };

  before(async function () {
    engine = await requireEngine(this);
    this.timeout(600_000);
    volumeName = `ra-t-secrets-${engine.runId.slice(-6)}`;
    mountVolume = `ra-t-secrets-mount-${engine.runId.slice(-6)}`;
    await engine.docker.createVolume({
      Name: volumeName,
      Driver: 'local',
      DriverOpts: { type: 'cifs', ...kv(of('volume-opt')) },
      Labels: { ...kv(of('volume-label')), [TEST_LABEL]: engine.runId },
    });
    const env = [...of('env').map((e) => `${e.key}=${e.value as string}`), ...of('env-bare').map((e) => e.value as string)];
    created.push(
      await createTestContainer(engine, 'sec-fields', {
        Env: env,
        Labels: kv(of('label')),
        HostConfig: {
          LogConfig: { Type: 'splunk', Config: kv(of('log-opt')) },
          Mounts: [
            { Type: 'volume', Source: volumeName, Target: '/data' },
            // Created by the engine with the container, from the mount's own driver options.
            { Type: 'volume', Source: mountVolume, Target: '/m', VolumeOptions: { NoCopy: true, Labels: { [TEST_LABEL]: engine.runId }, DriverConfig: { Name: 'local', Options: { type: 'cifs', device: '//192.0.2.11/share', ...kv(of('mount-opt')) } } } },
          ],
        },
      }),
    );
    const cmds = of('cmd');
    const entries = of('entrypoint');
    const checks = of('healthcheck');
    for (let i = 0; i < Math.max(cmds.length, entries.length, checks.length); i++) {
      created.push(
        await createTestContainer(engine, `sec-argv-${i}`, {
          Cmd: (cmds[i]?.value as string[] | undefined) ?? ['sleep', '3600'],
          ...(entries[i] ? { Entrypoint: entries[i].value as string[] } : {}),
          ...(checks[i] ? { Healthcheck: { Test: checks[i].value as string[], Interval: 30e9 } } : {}),
        }),
      );
    }
    imageId = await plantImage(engine);
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sec-'));
    result = await cli(['run', '--out', out, '--bench', 'off', '--no-dns', '--docker-host', engine.host, '--lang', 'en,nb', '--quiet']);
  });

  after(async function () {
    this.timeout(120_000);
    await Promise.all(created.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
    for (const v of [volumeName, mountVolume]) if (v && engine) await engine.docker.getVolume(v).remove().catch(() => undefined);
    if (imageId && engine) await engine.docker.getImage(imageId).remove({ force: true }).catch(() => undefined);
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it('the engine really holds every planted secret (the scan can fail)', async () => {
    const raw = JSON.stringify([
      ...(await Promise.all(created.map((c) => c.inspect()))),
      await engine.docker.getVolume(volumeName!).inspect(),
      await engine.docker.getImage(imageId!).inspect(),
      await engine.docker.getImage(imageId!).history(),
    ]);
    const missing = plantedSecrets(PLANTED).filter(({ secret }) => !raw.includes(secret) && !raw.includes(JSON.stringify(secret).slice(1, -1)));
    assert.deepEqual(missing, [], 'secrets the engine did not store as planted');
  });

  it('the run wrote every output format', async () => {
    assert.equal(result.code, 0, result.stderr);
    for (const f of ['evidence/docker.json', 'evidence/residency.json', 'findings.json', 'audit-pack.html', 'audit-pack.nb.html', 'audit-pack.pdf', 'audit-pack.nb.pdf', 'findings.sarif', 'findings.junit.xml', 'answers.csv', 'answers.json', 'manifest.json']) {
      await fs.access(path.join(out, f));
    }
  });

  it('no output file contains any planted secret', async function () {
    this.timeout(300_000);
    const { files, leaks } = await scanForLeaks(out, plantedSecrets(PLANTED));
    const table = leakTable(files, leaks, PLANTED.length);
    if (leaks.length || process.env.RA_PRINT_LEAKS) console.log(`planted entries found per output file:\n${table}`);
    assert.equal(leaks.length, 0, `${new Set(leaks.map((l) => l.id)).size} of ${PLANTED.length} planted secrets leaked:\n${table}`);
  });

  it('keeps the host and port of every planted URL in the evidence', async () => {
    const docker = await fs.readFile(path.join(out, 'evidence/docker.json'), 'utf8');
    const lost = PLANTED.flatMap((e) => (e.keeps ?? []).filter((k) => !docker.includes(k)).map((k) => `${e.id}: ${k}`));
    assert.deepEqual(lost, []);
  });

  it('a dotted secret value is not taken for an endpoint', async () => {
    const residency = JSON.parse(await fs.readFile(path.join(out, 'evidence/residency.json'), 'utf8')) as { data: { endpoints: { host: string }[] } };
    const hosts = residency.data.endpoints.map((e) => e.host);
    assert.ok(!hosts.includes('quartz.violet.marmot.tundra'), hosts.join(', '));
    assert.ok(hosts.includes('db.example.com'), `db.example.com (from DATABASE_URL) is still an endpoint: ${hosts.join(', ')}`);
  });
});
