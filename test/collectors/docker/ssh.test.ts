/**
 * The ssh transport of the request layer (src/collectors/docker/ssh.ts) against an in-process ssh2
 * server whose `docker system dial-stdio` joins the channel to a scripted HTTP engine on a unix socket:
 * one connection for many requests, a stopped request (abort, deadline) closes its channel, close()
 * closes the connection, a wrong pin sends nothing, a failing remote command gives its stderr.
 * The real sshd and engine are covered by test/fleet/inventory.test.ts.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server, utils, type Connection } from 'ssh2';
import { DIAL_STDIO, sshEngineClient, type SshEngineOptions } from '../../../src/collectors/docker/ssh';
import { pinnedHostVerifier, sshFingerprint } from '../../../src/fleet/inventory';

/** Resolves when `check` holds, polling; fails with `what` after `ms`. */
async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Rig {
  options(pin?: string): SshEngineOptions;
  /** ssh connections the server accepted / saw closed; exec channels opened / closed; engine connections open. */
  counts: { connections: number; connectionsClosed: number; logins: number; channels: number; channelsClosed: number; engineOpen: number };
  /** Make the next exec fail like a host without a running engine. */
  failExec: boolean;
  close(): Promise<void>;
}


/**
 * An ed25519 pair that ssh2 can read back: about 1 in 256 of the pairs its generateKeyPairSync makes
 * lose a leading zero byte of the public key and fail to parse (mscdex/ssh2#1513, #1390).
 */
function readableKeyPair(): { public: string; private: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.public) instanceof Error) && !(utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}
async function rig(): Promise<Rig> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-ssh-'));
  const socket = path.join(dir, 'docker.sock');
  const engine = http.createServer((req, res) => {
    if (req.url?.startsWith('/hang')) return; // never answers
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(req.url === '/_ping' ? 'OK' : JSON.stringify({ path: req.url }));
  });
  const counts = { connections: 0, connectionsClosed: 0, logins: 0, channels: 0, channelsClosed: 0, engineOpen: 0 };
  engine.on('connection', (s: net.Socket) => {
    counts.engineOpen++;
    s.on('close', () => counts.engineOpen--);
  });
  await new Promise<void>((r) => engine.listen(socket, r));

  const hostKey = readableKeyPair();
  const clientKey = readableKeyPair();
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  const fingerprint = sshFingerprint(parsed.getPublicSSH());
  const state: Rig = { counts, failExec: false, options: () => ({}) as SshEngineOptions, close: async () => undefined };
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    counts.connections++;
    clients.add(client);
    client.on('close', () => {
      counts.connectionsClosed++;
      clients.delete(client);
    });
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => (ctx.method === 'publickey' ? ctx.accept() : ctx.reject(['publickey'])));
    client.on('ready', () => {
      counts.logins++;
      client.on('session', (accept) => {
        accept().on('exec', (ok, refuse, info) => {
          if (info.command !== DIAL_STDIO) return refuse();
          const ch = ok();
          counts.channels++;
          ch.on('close', () => counts.channelsClosed++);
          if (state.failExec) {
            ch.stderr.write('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
            ch.exit(1);
            ch.end();
            return;
          }
          const up = net.connect(socket);
          ch.pipe(up).pipe(ch);
          ch.on('close', () => up.destroy());
          up.on('close', () => ch.close());
          up.on('error', () => ch.close());
        });
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  state.options = (pin = fingerprint) => ({
    protocol: 'ssh', host: '127.0.0.1', port, username: 'audit', sshOptions: { hostVerifier: pinnedHostVerifier(pin), privateKey: clientKey.private, readyTimeout: 5000 },
  });
  state.close = async () => {
    for (const c of clients) c.end();
    await new Promise((r) => server.close(r));
    engine.closeAllConnections();
    await new Promise((r) => engine.close(r));
    await fs.rm(dir, { recursive: true, force: true });
  };
  return state;
}

describe('collectors/docker/ssh: one ssh connection, channels that stop with their request', function () {
  this.timeout(20_000);
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(() => r.close());

  it('carries many requests over one connection and at most maxSockets channels, kept alive between requests', async () => {
    const client = sshEngineClient(r.options(), 4);
    try {
      assert.equal(await client.get('/_ping'), 'OK');
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => client.get<{ path: string }>(`/containers/c${i}/json`)));
      assert.deepEqual(answers.map((a) => a.path), Array.from({ length: 40 }, (_, i) => `/containers/c${i}/json`));
      await client.get('/version');
      assert.equal(r.counts.connections, 1, 'one ssh connection');
      assert.ok(r.counts.channels >= 1 && r.counts.channels <= 4, `${r.counts.channels} channels for 42 requests`);
      assert.equal(r.counts.channelsClosed, 0, 'the channels stay open between requests');
    } finally {
      client.close();
    }
    await until(() => r.counts.connectionsClosed === 1, 'close() ends the ssh connection');
    await until(() => r.counts.engineOpen === 0, 'the engine connections behind the channels are closed');
  });

  it('an aborted request closes its channel at once, with the signal\'s reason; close() then ends the connection', async () => {
    const client = sshEngineClient(r.options(), 4);
    try {
      await client.get('/_ping');
      const ac = new AbortController();
      const pending = client.get('/hang', { signal: ac.signal });
      await until(() => r.counts.channels === 1 && r.counts.engineOpen === 1, 'the request reached the engine');
      const t0 = Date.now();
      ac.abort(new Error('interrupted by SIGINT'));
      await assert.rejects(pending, /^EngineRequestError: interrupted by SIGINT$/);
      assert.ok(Date.now() - t0 < 500, 'rejected at once');
      await until(() => r.counts.channelsClosed === 1, 'the channel of the aborted request is closed');
      await until(() => r.counts.engineOpen === 0, 'the engine sees its connection closed');
      assert.equal(r.counts.connectionsClosed, 0, 'the connection itself stays for the next request');
      assert.equal(await client.get('/_ping'), 'OK', 'the next request opens a fresh channel on the same connection');
      assert.equal(r.counts.connections, 1);
    } finally {
      client.close();
    }
    await until(() => r.counts.connectionsClosed === 1, 'close() ends the ssh connection');
  });

  it('a request past its deadline closes its channel the same way', async () => {
    const client = sshEngineClient(r.options(), 4);
    try {
      await assert.rejects(client.get('/hang', { timeoutMs: 300 }), /no complete answer to GET \/hang within 0\.3 s/);
      await until(() => r.counts.channelsClosed === 1 && r.counts.engineOpen === 0, 'the channel is closed');
    } finally {
      client.close();
    }
    await until(() => r.counts.connectionsClosed === 1, 'close() ends the ssh connection');
  });

  it('a host whose key does not match the pin gets no login and no request; every request fails with the same reason over one attempt', async () => {
    const client = sshEngineClient(r.options(`SHA256:${'A'.repeat(43)}`), 4);
    try {
      await assert.rejects(client.get('/_ping'), (err: Error) => err.message === 'Host denied (verification failed)');
      await assert.rejects(client.get('/version'), /Host denied \(verification failed\)/);
    } finally {
      client.close();
    }
    assert.equal(r.counts.connections, 1, 'not retried per request');
    assert.equal(r.counts.logins, 0);
    assert.equal(r.counts.channels, 0);
  });

  it('a remote `docker system dial-stdio` that fails gives its stderr, not "socket hang up"', async () => {
    r.failExec = true;
    const client = sshEngineClient(r.options(), 4);
    try {
      await assert.rejects(client.get('/_ping'), /`docker system dial-stdio` on the host failed: Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock/);
    } finally {
      client.close();
    }
  });

  it('close() while the handshake is under way fails the request and leaves nothing open', async () => {
    const client = sshEngineClient(r.options(), 4);
    const pending = client.get('/_ping');
    client.close();
    await assert.rejects(pending, /closed/);
    await until(() => r.counts.connections === r.counts.connectionsClosed, 'no ssh connection left open');
  });
});
