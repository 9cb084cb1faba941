/**
 * The request layer and the collection's handling of failed inspections, against small engines on
 * unix sockets: a trickling one (engine-fakes.ts) and a scripted HTTP one whose answers a test chooses.
 * The real engine is covered by collector.test.ts and the fault tests.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectEngine } from '../../../src/collectors/docker/collect';
import { httpEngineClient, EngineRequestError } from '../../../src/collectors/docker/request';
import { tricklingEngine, type FakeEngine } from '../../security/faults/engine-fakes';

type Routes = Record<string, (res: http.ServerResponse) => void>;

const json = (body: unknown, status = 200) => (res: http.ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** An engine that answers the paths in `routes` (without query) and 404s the rest. */
async function scriptedEngine(routes: Routes): Promise<{ socket: string; seen: string[]; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-scripted-'));
  const socket = path.join(dir, 'docker.sock');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent((req.url ?? '').split('?')[0]);
    seen.push(req.url ?? '');
    (routes[p] ?? json({ message: `no such object: ${p}` }, 404))(res);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, seen, close: async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); await fs.rm(dir, { recursive: true, force: true }); } };
}

const C1 = 'a'.repeat(64);
const C2 = 'b'.repeat(64);
const C3 = 'c'.repeat(64);
const IMG = `sha256:${'d'.repeat(64)}`;

function engineRoutes(overrides: Routes = {}): Routes {
  return {
    '/_ping': (res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('OK'); },
    '/version': json({ Version: '20.10.24', ApiVersion: '1.41' }),
    '/info': json({ ID: 'ENGINE-ID', Name: 'h1', Swarm: { LocalNodeState: 'inactive' } }),
    '/containers/json': json([{ Id: C1, Names: ['/web'], State: 'running' }, { Id: C2, Names: ['/gone'], State: 'exited' }, { Id: C3, Names: ['/db'], State: 'created' }]),
    '/images/json': json([{ Id: IMG, RepoTags: ['shop/api:1.4'] }]),
    '/networks': json([{ Id: 'n'.repeat(64), Name: 'bridge', Driver: 'bridge' }]),
    '/volumes': json({ Volumes: [{ Name: 'data', Driver: 'local' }], Warnings: null }),
    [`/containers/${C1}/json`]: json({ Id: C1, Name: '/web', State: { Status: 'running', Running: true }, Config: { Env: ['API_TOKEN=abc123'] }, HostConfig: {} }),
    // C2 is gone (404 from the default route); C3's inspection fails.
    [`/containers/${C3}/json`]: json({ message: 'lock timeout for container db' }, 500),
    [`/images/${IMG}/json`]: json({ Id: IMG, RepoTags: ['shop/api:1.4'], Config: {} }),
    [`/images/${IMG}/history`]: json([{ Id: IMG, CreatedBy: 'RUN true' }]),
    [`/networks/${'n'.repeat(64)}`]: json({ Id: 'n'.repeat(64), Name: 'bridge', Driver: 'bridge', Containers: { [C1]: { Name: 'web' } } }),
    ...overrides,
  };
}

describe('collectors/docker/request: every request bounded, every failure named', function () {
  this.timeout(20_000);
  let trickle: FakeEngine;
  before(async () => { trickle = await tricklingEngine(); });
  after(async () => { await trickle?.close(); });

  it('a request to an engine that trickles bytes fails at its total deadline, not never', async () => {
    const client = httpEngineClient({ socketPath: trickle.socket });
    try {
      assert.equal(await client.get('/_ping'), 'OK');
      const t0 = Date.now();
      await assert.rejects(client.get('/version', { timeoutMs: 800 }), (e: Error) => e instanceof EngineRequestError && e.message === 'no complete answer to GET /version within 0.8 s');
      const took = Date.now() - t0;
      assert.ok(took >= 750 && took < 3000, `took ${took} ms`);
    } finally {
      client.close();
    }
  });

  it('the caller\'s signal aborts a request in flight at once, with the signal\'s reason', async () => {
    const client = httpEngineClient({ socketPath: trickle.socket });
    try {
      const ac = new AbortController();
      const t0 = Date.now();
      setTimeout(() => ac.abort(new Error('interrupted by SIGINT')), 300);
      await assert.rejects(client.get('/info', { signal: ac.signal }), /^EngineRequestError: interrupted by SIGINT$/);
      assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
      // An already aborted signal sends nothing.
      const n = trickle.requests.length;
      await assert.rejects(client.get('/info', { signal: ac.signal }), /interrupted by SIGINT/);
      assert.equal(trickle.requests.length, n);
    } finally {
      client.close();
    }
  });

  it('an HTTP error carries the status and the engine\'s message; a socket error its code', async () => {
    const eng = await scriptedEngine({ '/info': json({ message: 'boom' }, 500) });
    const client = httpEngineClient({ socketPath: eng.socket });
    try {
      await assert.rejects(client.get('/info'), (e: EngineRequestError) => e.statusCode === 500 && e.message === 'HTTP 500 boom');
      await assert.rejects(client.get('/containers/x/json'), (e: EngineRequestError) => e.statusCode === 404);
      assert.deepEqual(await client.get('/_nothing', { query: { all: 'true' } }).catch((e: EngineRequestError) => e.statusCode), 404);
      assert.ok(eng.seen.includes('/_nothing?all=true'), eng.seen.join(' '));
    } finally {
      client.close();
      await eng.close();
    }
    const gone = httpEngineClient({ socketPath: '/nonexistent/ra/docker.sock' });
    await assert.rejects(gone.get('/_ping'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    gone.close();
  });
});

describe('collectors/docker/collect: objects that cannot be inspected are recorded, not dropped', function () {
  this.timeout(20_000);

  it('records a failed inspection in uninspected with its reason, a 404 only as a warning, and is partial', async () => {
    const eng = await scriptedEngine(engineRoutes());
    const client = httpEngineClient({ socketPath: eng.socket });
    try {
      const out = await collectEngine(client, 'unix:///scripted/docker.sock');
      assert.equal(out.status, 'partial');
      const d = out.data!;
      assert.deepEqual(d.containers.map((c) => c.Name), ['/web']);
      assert.deepEqual(d.uninspected, [{ kind: 'container', id: C3, name: 'db', reason: 'HTTP 500 lock timeout for container db', state: 'created' }]);
      assert.ok(out.warnings!.includes('container gone (bbbbbbbbbbbb) could not be inspected: HTTP 404 no such object: /containers/' + C2 + '/json (removed during collection)'), out.warnings!.join('\n'));
      assert.ok(out.warnings!.includes('container db (cccccccccccc) could not be inspected: HTTP 500 lock timeout for container db'));
      assert.equal(d.images[0].History?.length, 1);
      assert.ok(d.networks[0].Containers, 'network inspected');
      assert.deepEqual(d.volumes.map((v) => v.Name), ['data']);
      assert.equal(out.engineId, 'ENGINE-ID');
      // Redaction still applies to what the request layer read.
      assert.deepEqual(d.containers[0].Config.Env, ['API_TOKEN=[redacted]']);
    } finally {
      client.close();
      await eng.close();
    }
  });

  it('only objects removed during the collection: ok, with the warning', async () => {
    const eng = await scriptedEngine(engineRoutes({ [`/containers/${C3}/json`]: json({ Id: C3, Name: '/db', State: { Status: 'created' }, Config: {}, HostConfig: {} }) }));
    const client = httpEngineClient({ socketPath: eng.socket });
    try {
      const out = await collectEngine(client, 'unix:///scripted/docker.sock');
      assert.equal(out.status, 'ok', out.warnings?.join('\n'));
      assert.deepEqual(out.data!.uninspected, []);
      assert.equal(out.warnings!.length, 1);
    } finally {
      client.close();
      await eng.close();
    }
  });

  it('an image whose history cannot be read is uninspected too; a network keeps its list entry', async () => {
    const eng = await scriptedEngine(engineRoutes({
      [`/images/${IMG}/history`]: json({ message: 'layer store error' }, 500),
      [`/networks/${'n'.repeat(64)}`]: json({ message: 'network busy' }, 503),
    }));
    const client = httpEngineClient({ socketPath: eng.socket });
    try {
      const out = await collectEngine(client, 'unix:///scripted/docker.sock');
      const kinds = out.data!.uninspected!.map((u) => `${u.kind}:${u.name}:${u.reason}`);
      assert.ok(kinds.includes('image:shop/api:1.4:HTTP 500 layer store error'), kinds.join(', '));
      assert.ok(kinds.includes('network:bridge:HTTP 503 network busy'), kinds.join(', '));
      assert.equal(out.data!.images.length, 0);
      assert.deepEqual(out.data!.networks.map((n) => [n.Name, n.Containers ?? null]), [['bridge', null]]);
    } finally {
      client.close();
      await eng.close();
    }
  });

  it('the collection deadline turns what is left into uninspected objects naming the deadline', async () => {
    const slow: Routes = {};
    // Every container inspection takes 400 ms; with a 1 s deadline and one at a time, most are never read.
    const many = Array.from({ length: 10 }, (_, i) => ({ Id: String(i).repeat(64).slice(0, 64), Names: [`/c${i}`], State: 'created' }));
    for (const c of many) slow[`/containers/${c.Id}/json`] = (res) => setTimeout(() => json({ Id: c.Id, Name: c.Names[0], State: { Status: 'created' }, Config: {}, HostConfig: {} })(res), 400);
    const eng = await scriptedEngine(engineRoutes({ '/containers/json': json(many), ...slow }));
    const client = httpEngineClient({ socketPath: eng.socket });
    try {
      const t0 = Date.now();
      const out = await collectEngine(client, 'unix:///scripted/docker.sock', { timeoutMs: 1000, concurrency: 1 });
      assert.ok(Date.now() - t0 < 2500, `took ${Date.now() - t0} ms`);
      assert.equal(out.status, 'partial');
      const d = out.data!;
      assert.equal(d.containers.length + d.uninspected!.filter((u) => u.kind === 'container').length, 10, 'every listed container is inspected or recorded');
      assert.ok(d.uninspected!.length >= 5, `${d.uninspected!.length} uninspected`);
      assert.ok(d.uninspected!.every((u) => /collection deadline of 1 s passed|within 0\.\d s|within 1 s/.test(u.reason)), d.uninspected!.map((u) => u.reason).join('; '));
    } finally {
      client.close();
      await eng.close();
    }
  });
});
