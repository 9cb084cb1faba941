/**
 * The engine's HTTP/1.1 client (src/collectors/docker/http1.ts): the parser fed whole answers and byte
 * by byte, the malformed answers it refuses, and the connection pool against small servers on unix
 * sockets that answer with bytes a test writes (kept-alive, closing, closing while idle, over-talking).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { http1Pool, Http1Error, ResponseParser, type Http1Answer } from '../../../src/collectors/docker/http1';

const BODY = JSON.stringify({ Id: 'a'.repeat(64), Env: ['A=1'], note: 'æøå' });

function parseWhole(wire: Buffer | string, max = 1 << 20): { answer: Http1Answer; used: number } {
  const buf = Buffer.isBuffer(wire) ? wire : Buffer.from(wire, 'utf8');
  const p = new ResponseParser(max);
  const used = p.feed(buf);
  p.end();
  assert.ok(p.done, 'the answer is complete');
  return { answer: p.answer(), used };
}

function parseBytewise(wire: string, max = 1 << 20): Http1Answer {
  const buf = Buffer.from(wire, 'utf8');
  const p = new ResponseParser(max);
  for (let i = 0; i < buf.length && !p.done; i++) p.feed(buf.subarray(i, i + 1));
  p.end();
  assert.ok(p.done, 'the answer is complete');
  return p.answer();
}

const chunked = (body: string, sizes: number[]): string => {
  const b = Buffer.from(body, 'utf8');
  let out = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  let at = 0;
  for (const n of sizes) {
    const part = b.subarray(at, at + n);
    at += part.length;
    out += `${part.length.toString(16)}${n % 2 ? ';ext=1' : ''}\r\n${part.toString('latin1')}\r\n`;
  }
  return Buffer.from(`${out}0\r\nX-Trailer: t\r\n\r\n`, 'latin1').toString('latin1');
};

describe('collectors/docker/http1: the answer parser', () => {
  it('reads a body by Content-Length, by chunks (with extensions and trailers) and until the close, whole or a byte at a time', () => {
    const len = Buffer.byteLength(BODY);
    const byLength = `HTTP/1.1 200 OK\r\nContent-Length: ${len}\r\nApi-Version: 1.41\r\n\r\n${BODY}`;
    const byChunks = chunked(BODY, [5, 17, 1, 1000]);
    const toClose = `HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${BODY}`;
    for (const wire of [byLength, toClose]) {
      assert.equal(parseWhole(wire).answer.body.toString('utf8'), BODY);
      assert.equal(parseBytewise(wire).body.toString('utf8'), BODY);
    }
    const latin = Buffer.from(byChunks, 'latin1');
    assert.equal(parseWhole(latin).answer.body.toString('utf8'), BODY);
    const p = new ResponseParser(1 << 20);
    for (let i = 0; i < latin.length; i++) p.feed(latin.subarray(i, i + 1));
    assert.ok(p.done);
    assert.equal(p.answer().body.toString('utf8'), BODY);
    assert.equal(parseWhole('HTTP/1.1 204 No Content\r\nApi-Version: 1.41\r\n\r\n').answer.body.length, 0);
  });

  it('stops at the end of its answer (what follows is the next one) and knows whether the connection stays open', () => {
    const one = `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK`;
    const { used } = parseWhole(`${one}HTTP/1.1 200 OK\r\n`);
    assert.equal(used, Buffer.byteLength(one));
    const keep = new ResponseParser(100);
    keep.feed(Buffer.from(one));
    assert.equal(keep.keepAlive, true);
    const close = new ResponseParser(100);
    close.feed(Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nOK'));
    assert.equal(close.keepAlive, false);
    assert.equal(parseWhole('HTTP/1.0 200 OK\r\n\r\nOK').answer.status, 200);
  });

  it('refuses malformed and oversized answers, naming what is wrong', () => {
    const refuse = (wire: string, why: RegExp, max = 1 << 20) => {
      const p = new ResponseParser(max);
      assert.throws(() => p.feed(Buffer.from(wire, 'latin1')), (e: Error) => e instanceof Http1Error && why.test(e.message), wire.slice(0, 60));
    };
    refuse('SSH-2.0-OpenSSH_9.6\r\n\r\n', /not HTTP\/1\.x/);
    refuse('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /Content-Length is invalid/);
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nOK', /Content-Length is invalid/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', /Transfer-Encoding "gzip" is not supported/);
    refuse('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /header line is malformed/);
    refuse('HTTP/1.1 100 Continue\r\n\r\n', /interim answer/);
    refuse(`HTTP/1.1 200 OK\r\nX: ${'y'.repeat(70 * 1024)}`, /headers are longer than 64 KiB/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /chunk size is invalid/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOKX\r\n', /chunk does not end where its size says/);
    refuse(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'1'.repeat(5000)}`, /chunk line is too long/);
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n', /larger than 1 MiB/, 1 << 20);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n', /larger than 1 MiB/, 1 << 20);
    refuse(`HTTP/1.0 200 OK\r\n\r\n${'x'.repeat(2 << 20)}`, /larger than 1 MiB/, 1 << 20);
  });
});

/** A unix-socket server whose connections are handled by `onConnection`; counts connections. */
async function rawServer(onConnection: (s: net.Socket, n: number) => void): Promise<{ socket: string; connections: () => number; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-http1-'));
  const socket = path.join(dir, 'docker.sock');
  let n = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    onConnection(s, ++n);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    socket,
    connections: () => n,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Answers every request on a connection with `answer(path)`; `after` runs once an answer is written. */
function answering(answer: (p: string) => string, after?: (s: net.Socket, count: number) => void) {
  return (s: net.Socket) => {
    let buf = '';
    let count = 0;
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let end: number;
      while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
        const p = buf.slice(0, end).split(' ')[1];
        buf = buf.slice(end + 4);
        s.write(answer(p));
        after?.(s, ++count);
      }
    });
    s.on('error', () => undefined);
  };
}

const ok = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function get(pool: ReturnType<typeof http1Pool>, p: string): Promise<Http1Answer> {
  return new Promise((resolve, reject) => pool.get(p, 'docker', 1 << 20, (err, a) => (err ? reject(err) : resolve(a!))));
}

describe('collectors/docker/http1: the connection pool', function () {
  this.timeout(10_000);

  it('keeps connections alive: 50 requests over at most 4 connections, every answer to its own request', async () => {
    const srv = await rawServer(answering((p) => ok(JSON.stringify({ path: p }))));
    const pool = http1Pool({ socketPath: srv.socket }, 4);
    try {
      const paths = Array.from({ length: 50 }, (_, i) => `/containers/${i}/json`);
      const answers = await Promise.all(paths.map((p) => get(pool, p)));
      assert.deepEqual(answers.map((a) => JSON.parse(a.body.toString()).path), paths);
      assert.ok(srv.connections() <= 4, `${srv.connections()} connections`);
      await get(pool, '/again');
      assert.ok(srv.connections() <= 4, 'a later request reuses a kept connection');
    } finally {
      pool.close();
      await srv.close();
    }
  });

  it('an engine that closes a kept connection while it is idle: the next GET goes again on a new one', async () => {
    const srv = await rawServer(answering((p) => ok(p), (s) => setImmediate(() => s.end())));
    const pool = http1Pool({ socketPath: srv.socket }, 1);
    try {
      assert.equal((await get(pool, '/a')).body.toString(), '/a');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await get(pool, '/b')).body.toString(), '/b');
      assert.equal(srv.connections(), 2);
    } finally {
      pool.close();
      await srv.close();
    }
  });

  it('Connection: close and bytes after the answer end that connection, not the answer', async () => {
    const srv = await rawServer(answering((p) => (p === '/close' ? `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nOK` : `${ok('OK')}garbage`)));
    const pool = http1Pool({ socketPath: srv.socket }, 1);
    try {
      assert.equal((await get(pool, '/close')).body.toString(), 'OK');
      assert.equal((await get(pool, '/garbage')).body.toString(), 'OK');
      assert.equal((await get(pool, '/next')).body.toString(), 'OK');
      assert.equal(srv.connections(), 3, 'a new connection after each');
    } finally {
      pool.close();
      await srv.close();
    }
  });

  it('an answer cut short is an ECONNRESET error; a refused connection is the socket\'s own error; stopping a request drops its connection', async () => {
    const cut = await rawServer(answering(() => 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part', (s) => s.destroy()));
    const pool = http1Pool({ socketPath: cut.socket }, 2);
    try {
      await assert.rejects(get(pool, '/x'), (e: Error) => e instanceof Http1Error && (e as Http1Error).code === 'ECONNRESET' && /during the answer/.test(e.message));
    } finally {
      pool.close();
      await cut.close();
    }
    const missing = http1Pool({ socketPath: path.join(os.tmpdir(), 'ra-http1-none', 'docker.sock') }, 2);
    await assert.rejects(get(missing, '/_ping'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    missing.close();

    let closed = 0;
    const silent = await rawServer((s) => s.resume().on('close', () => closed++));
    const quiet = http1Pool({ socketPath: silent.socket }, 1);
    try {
      let settled = false;
      const stop = quiet.get('/hang', 'docker', 1024, () => (settled = true));
      await new Promise((r) => setTimeout(r, 50));
      stop(new Error('deadline'));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(closed, 1, 'the connection of the stopped request is closed');
      assert.equal(settled, false, 'the caller settles a stopped request itself');
    } finally {
      quiet.close();
      await silent.close();
    }
  });
});
