/**
 * Engines that misbehave, on unix sockets in a temp folder (loopback only, nothing leaves the machine):
 *
 * - trickling: answers `/_ping` with OK, then answers every other request with a 200 whose JSON body
 *   never ends: one byte (a space) per second, forever. The socket is never idle, so an idle timeout
 *   never fires.
 * - silent: accepts connections and reads what is sent, never answers.
 * - proxy: forwards to a real engine and calls `onRequest` with every request line it forwards (the
 *   engine-killed test kills the real dockerd after a number of container inspections).
 *
 * `close()` ends every connection and timer and removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface FakeEngine {
  /** unix:///… address for --docker-host. */
  host: string;
  socket: string;
  /** Request lines seen (`GET /version HTTP/1.1`), in order. */
  requests: string[];
  close(): Promise<void>;
}

type Handler = (sock: net.Socket, requestLine: string, timers: Set<NodeJS.Timeout>) => void;

async function serve(name: string, handle: Handler): Promise<FakeEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ra-fake-${name}-`));
  const socket = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: string[] = [];
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      // GET requests have no body: each header block is one request.
      let end: number;
      while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
        const line = buf.slice(0, buf.indexOf('\r\n'));
        buf = buf.slice(end + 4);
        requests.push(line);
        handle(sock, line, timers);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return {
    host: `unix://${socket}`,
    socket,
    requests,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

const PING = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK';

/** Answers /_ping, then trickles one byte a second of a JSON body that never ends. */
export function tricklingEngine(): Promise<FakeEngine> {
  return serve('trickle', (sock, line, timers) => {
    if (/^(GET|HEAD) \/(v[\d.]+\/)?_ping[ ?]/.test(line)) {
      sock.write(PING);
      return;
    }
    sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n');
    const t = setInterval(() => {
      if (sock.destroyed) clearInterval(t);
      else sock.write('1\r\n \r\n');
    }, 1000);
    timers.add(t);
  });
}

/** Accepts and reads, never answers. */
export function silentEngine(): Promise<FakeEngine> {
  return serve('silent', () => undefined);
}

/** A byte-for-byte forwarder to `upstream` (a unix socket) that reports every request line it forwards. */
export async function proxyEngine(upstream: string, onRequest: (line: string, count: number) => void): Promise<FakeEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-fake-proxy-'));
  const socket = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = net.createServer((client) => {
    const up = net.createConnection(upstream);
    sockets.add(client);
    sockets.add(up);
    const drop = (): void => {
      client.destroy();
      up.destroy();
    };
    client.on('error', drop).on('close', () => { sockets.delete(client); drop(); });
    up.on('error', drop).on('close', () => { sockets.delete(up); drop(); });
    client.on('data', (d) => {
      for (const m of d.toString('latin1').matchAll(/(?:^|\r\n\r\n)((?:GET|HEAD|POST) [^\r\n]+)/g)) {
        requests.push(m[1]);
        onRequest(m[1], requests.length);
      }
    });
    client.pipe(up);
    up.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return {
    host: `unix://${socket}`,
    socket,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when stderr matches `re` (rejects after `ms`). */
  waitFor(re: RegExp, ms: number): Promise<void>;
  /** The exit: code, signal, and when it happened (Date.now()). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Start the CLI; it is SIGKILLed after `hardMs` whatever happens, so no test can hang on it. */
export function startCli(bin: string, args: string[], hardMs: number): CliRun {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    for (const w of [...waiters]) if (w.re.test(err)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const hard = setTimeout(() => child.kill('SIGKILL'), hardMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(hard);
      resolve({ code, signal, at: Date.now() });
    });
  });
  return {
    child,
    stderr: () => err,
    exited,
    waitFor: (re, ms) => new Promise<void>((resolve, reject) => {
      if (re.test(err)) return resolve();
      const t = setTimeout(() => reject(new Error(`stderr did not match ${re} within ${ms} ms:\n${err}`)), ms);
      waiters.push({ re, resolve: () => { clearTimeout(t); resolve(); } });
      void exited.then(() => { clearTimeout(t); if (!re.test(err)) reject(new Error(`the CLI exited before stderr matched ${re}:\n${err}`)); });
    }),
  };
}
