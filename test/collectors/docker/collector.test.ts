import { strict as assert } from 'node:assert';
import { connect, createServer, type AddressInfo } from 'node:net';
import { CREDENTIALS_DROPPED, dockerCollector } from '../../../src/collectors/docker';
import type { CollectContext } from '../../../src/collectors/types';
import { createTestContainer, requireEngine, type TestEngine } from '../../support/engine';

function ctx(dockerHost: string): CollectContext {
  return { hostRoot: '/', dockerHost, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} };
}

describe('collectors/docker against a real engine', function () {
  let engine: TestEngine;
  let ids: Record<string, string>;

  before(async function () {
    engine = await requireEngine(this);
    const running = await createTestContainer(engine, 'coll-running', {
      Env: ['DATABASE_URL=postgres://user:password@db.example.com:5432/db', 'API_TOKEN=tok-123456', 'PORT=8080'],
      Labels: { 'com.example.note': '<script>alert(1)</script>' },
      Cmd: ['sh', '-c', 'sleep 3600', 'app', '--password=hunter2'],
      HostConfig: { ReadonlyRootfs: true, CapDrop: ['ALL'], PidsLimit: 50 },
    }, { start: true });
    const created = await createTestContainer(engine, 'coll-created', { HostConfig: { Privileged: true } });
    ids = { running: running.id, created: created.id };
  });

  it('reads version, info, every container (running and never started), images, networks and volumes', async () => {
    const out = await dockerCollector.collect(ctx(engine.host));
    assert.ok(out.status === 'ok' || out.status === 'partial', out.error);
    const d = out.data!;
    assert.match(d.version.Version ?? '', /^\d+\.\d+/);
    assert.equal(out.engineId, d.info.ID);
    const running = d.containers.find((c) => c.Id === ids.running)!;
    const created = d.containers.find((c) => c.Id === ids.created)!;
    assert.equal(running.State?.Status, 'running');
    assert.equal(running.HostConfig.ReadonlyRootfs, true);
    assert.deepEqual(running.HostConfig.CapDrop, ['ALL']);
    assert.equal(created.State?.Status, 'created');
    assert.equal(created.HostConfig.Privileged, true);
    assert.ok(d.images.some((i) => i.RepoTags?.includes(engine.image) && Array.isArray(i.History)));
    const bridge = d.networks.find((n) => n.Name === 'bridge')!;
    assert.ok(bridge.Containers && Object.keys(bridge.Containers).includes(ids.running), 'network inspect lists attached containers');
    assert.ok(Array.isArray(d.volumes));
  });

  it('keeps env names, the host and port of URLs, and no secret value', async () => {
    const out = await dockerCollector.collect(ctx(engine.host));
    const running = out.data!.containers.find((c) => c.Id === ids.running)!;
    assert.ok(running.Config.Env!.includes('DATABASE_URL=postgres://db.example.com:5432'));
    assert.ok(running.Config.Env!.includes('API_TOKEN=[redacted]'));
    assert.equal(running.Config.Labels!['com.example.note'], '<script>alert(1)</script>');
    const text = JSON.stringify(out.data);
    for (const secret of ['password@', 'tok-123456', 'hunter2']) assert.ok(!text.includes(secret), `${secret} leaked into evidence`);
  });

  it('a user name and password in a tcp:// address are neither sent nor kept, and the evidence says they were given', async () => {
    // A loopback TCP port in front of the engine's socket, keeping every byte the collector sends.
    const sent: Buffer[] = [];
    const proxy = createServer((client) => {
      const up = connect(engine.host.replace(/^unix:\/\//, ''));
      client.on('data', (b) => sent.push(b));
      client.pipe(up).pipe(client);
      client.on('error', () => up.destroy());
      up.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (proxy.address() as AddressInfo).port;
      const out = await dockerCollector.collect(ctx(`tcp://auditor:s3cret-pw@127.0.0.1:${port}`));
      assert.ok(out.status === 'ok' || out.status === 'partial', out.error);
      assert.equal(out.data!.endpoint, `tcp://127.0.0.1:${port}`);
      assert.equal(out.warnings![0], CREDENTIALS_DROPPED);
      const wire = Buffer.concat(sent).toString('latin1');
      assert.match(wire, /GET (\/v[\d.]+)?\/containers\/json/, 'the requests went through the proxy');
      assert.ok(!/^authorization:/im.test(wire), 'no Authorization header sent');
      for (const leak of ['s3cret-pw', 'auditor', Buffer.from('auditor:s3cret-pw').toString('base64')]) {
        assert.ok(!wire.includes(leak), `${leak} sent to the engine`);
        assert.ok(!JSON.stringify(out).includes(leak), `${leak} kept in the evidence`);
      }
    } finally {
      proxy.close();
    }
  });

  it('reports an unreachable engine as failed with the address and the reason', async () => {
    const out = await dockerCollector.collect(ctx('unix:///nonexistent/docker.sock'));
    assert.equal(out.status, 'failed');
    assert.equal(out.data, null);
    assert.equal(out.error, 'engine unreachable at unix:///nonexistent/docker.sock: ENOENT');
  });

  it('reports a closed TCP port as ECONNREFUSED (loopback only)', async () => {
    const out = await dockerCollector.collect(ctx('tcp://127.0.0.1:1'));
    assert.equal(out.status, 'failed');
    assert.match(out.error!, /^engine unreachable at tcp:\/\/127\.0\.0\.1:1: ECONNREFUSED$/);
  });
});
