/**
 * The docker collector's request layer: GET requests to the Engine API, each with a total deadline
 * (not only an idle timeout: an engine that trickles one byte a second never idles) and aborted at
 * once when the collection's signal fires (Ctrl-C, SIGTERM, the collection deadline).
 *
 * unix:// and tcp:// (with or without TLS) are spoken directly over keep-alive connections (http1.ts:
 * node:http's objects cost more of the main thread than the engine takes to answer; dockerode would
 * cost a tenth of a second of every run to load). ssh:// engines go through one ssh connection whose
 * channels carry the same requests over node:http (ssh.ts). A dockerode client (anything else) is
 * wrapped with the same deadlines.
 */
import * as http from 'node:http';
import type Docker from 'dockerode';
import { http1Pool, Http1Error } from './http1';
import type { DockerOptions } from 'dockerode';
import type { SshEngineOptions } from './ssh';

/** Total time one request may take, first byte to last: a wedged engine must not hang an audit. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The largest answer read (a 1,000-container list is a few MiB): an engine cannot exhaust memory. */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** Why a request failed: `code` for socket errors (ECONNREFUSED, ENOENT), `statusCode` for HTTP ones. */
export class EngineRequestError extends Error {
  constructor(message: string, readonly code?: string, readonly statusCode?: number) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

export interface RequestOptions {
  /** Query parameters, e.g. `{ all: 'true' }`. */
  query?: Record<string, string>;
  /** Aborts the request (the collection's signal); its reason becomes the error message. */
  signal?: AbortSignal;
  /** Total deadline of this request; default REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface EngineClient {
  /** GET `path`, parsed as JSON (`/_ping`'s `OK` comes back as the string). Rejects with EngineRequestError. */
  get<T = unknown>(path: string, opts?: RequestOptions): Promise<T>;
  /** Drop kept-alive connections, so nothing keeps the process alive. */
  close(): void;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The message an abort gives: the signal's reason when it says why (`interrupted by SIGINT`). */
function abortMessage(signal: AbortSignal): string {
  const r = signal.reason as unknown;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  if (typeof r === 'string' && r) return r;
  return 'aborted';
}

function engineMessage(body: string): string | null {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    return typeof m === 'string' && m ? m : null;
  } catch {
    return body.trim().slice(0, 200) || null;
  }
}

function parseBody(path: string, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    if (path === '/_ping') return body;
    throw new EngineRequestError(`the engine's answer to GET ${path} is not JSON`);
  }
}

/**
 * Run one request with a deadline and the caller's signal; `send` starts it and returns how to stop it.
 * Whatever comes first settles the promise once: the answer, the deadline, the abort, an error.
 */
function bounded<T>(path: string, opts: RequestOptions, send: (done: (err: Error | null, value?: T) => void) => (err: Error) => void): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const signal = opts.signal;
  if (signal?.aborted) return Promise.reject(new EngineRequestError(abortMessage(signal)));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let stop: (err: Error) => void = () => undefined;
    const done = (err: Error | null, value?: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        stop(err);
        reject(err);
      } else resolve(value as T);
    };
    const onAbort = (): void => done(new EngineRequestError(abortMessage(signal!)));
    const timer = setTimeout(() => done(new EngineRequestError(`no complete answer to GET ${path} within ${seconds(timeoutMs)}`)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    stop = send(done);
  });
}

/** The outcome of a complete answer: its JSON, or the HTTP error with the engine's message. */
function answerOf<T>(path: string, status: number, body: string, done: (err: Error | null, value?: T) => void): void {
  if (status < 200 || status >= 300) {
    const msg = engineMessage(body);
    done(new EngineRequestError(`HTTP ${status}${msg ? ` ${msg}` : ''}`, undefined, status));
    return;
  }
  try {
    done(null, parseBody(path, body) as T);
  } catch (err) {
    done(err as Error);
  }
}

/** The two ways an answer can fail that both clients name alike. */
const tooLarge = (path: string) => new EngineRequestError(`the engine's answer to GET ${path} is larger than ${MAX_RESPONSE_BYTES >> 20} MiB`);
const closedDuring = (path: string) => new EngineRequestError(`the engine closed the connection during GET ${path}`, 'ECONNRESET');

function queryOf(opts: RequestOptions): string {
  return opts.query && Object.keys(opts.query).length ? `?${new URLSearchParams(opts.query).toString()}` : '';
}

/** A client for unix:// and tcp:// engines (TLS for https), with at most `maxSockets` connections. */
export function httpEngineClient(options: DockerOptions, maxSockets = 16): EngineClient {
  const tls = options.protocol === 'https' ? { ca: options.ca as string | Buffer | undefined, cert: options.cert as string | Buffer | undefined, key: options.key as string | Buffer | undefined } : undefined;
  const pool = options.socketPath ? http1Pool({ socketPath: options.socketPath as string }, maxSockets) : http1Pool({ host: String(options.host), port: Number(options.port), tls }, maxSockets);
  const hostHeader = options.socketPath ? 'docker' : `${options.host}:${options.port}`;
  return {
    get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
      const target = `${path}${queryOf(opts)}`;
      // Paths are built from the engine's own ids (encoded); a space or line break would split the request line.
      if (/[\s]/.test(target)) return Promise.reject(new EngineRequestError(`refusing to send GET ${JSON.stringify(target.slice(0, 80))}: it holds white space`));
      return bounded<T>(path, opts, (done) =>
        pool.get(target, hostHeader, MAX_RESPONSE_BYTES, (err, answer) => {
          if (err) {
            if (!(err instanceof Http1Error)) done(err); // the socket's own error, with its code (ECONNREFUSED, ENOENT)
            else if (err.code === 'EFBIG') done(tooLarge(path));
            else if (err.code === 'ECONNRESET') done(closedDuring(path));
            else done(new EngineRequestError(`the engine's answer to GET ${path} is malformed: ${err.message}`));
            return;
          }
          answerOf(path, answer!.status, answer!.body.toString('utf8'), done);
        }),
      );
    },
    close: () => pool.close(),
  };
}

/**
 * GET over an http(s) Agent's kept-alive connections (a socket, a TLS session, an ssh channel: ssh.ts),
 * bounded by the request's deadline and signal.
 */
export function agentGet(agent: http.Agent, target: http.RequestOptions, hostHeader: string, request: typeof http.request = http.request): EngineClient['get'] {
  // Without TLS there is no server name to send: an empty one spares the agent its per-request
  // host-header parsing and IP test (the large IPv6 expression, a few ms over a collection).
  const plainName = request === http.request ? { servername: '' } : {};
  return <T>(path: string, opts: RequestOptions = {}): Promise<T> => {
    const query = queryOf(opts);
    return bounded<T>(path, opts, (done) => {
      const req = request({ ...target, ...plainName, agent, path: `${path}${query}`, method: 'GET', headers: { Host: hostHeader, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) done(tooLarge(path));
          else chunks.push(c);
        });
        res.on('error', (err) => done(err));
        res.on('aborted', () => done(closedDuring(path)));
        res.on('end', () => answerOf(path, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), done));
      });
      req.on('error', (err) => done(err));
      req.end();
      // Stopping destroys the socket: a half-read answer must not be reused by the next request.
      return (err) => req.destroy(err);
    });
  };
}

interface Dialable {
  modem: { dial(o: object, cb: (err: unknown, data: unknown) => void): void };
}

/** A dockerode client (ssh://, or built by the fleet inventory) behind the same deadlines and signal. */
export function dockerodeEngineClient(docker: Docker): EngineClient {
  const modem = (docker as unknown as Dialable).modem;
  return {
    get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
      return bounded<T>(path, opts, (done) => {
        const ac = new AbortController();
        modem.dial(
          { path: `${path}?`, method: 'GET', options: opts.query ?? {}, abortSignal: ac.signal, statusCodes: { 200: true, 204: true } },
          (err, data) => {
            if (!err) {
              done(null, (Buffer.isBuffer(data) ? data.toString('utf8') : data) as T);
              return;
            }
            const e = err as { statusCode?: number; code?: string; json?: { message?: string } | null; message?: string };
            if (e.statusCode) done(new EngineRequestError(`HTTP ${e.statusCode}${e.json?.message ? ` ${e.json.message}` : ''}`, undefined, e.statusCode));
            else done(new EngineRequestError(e.message ?? String(err), e.code));
          },
        );
        return () => ac.abort();
      });
    },
    close: () => undefined,
  };
}

/**
 * The client for an engine address (connection.ts, the fleet inventory): native for unix, tcp and ssh
 * (one ssh connection, its channels kept alive: ssh.ts), dockerode for anything else.
 */
export async function engineClientFor(options: DockerOptions, maxSockets?: number): Promise<EngineClient> {
  if (options.socketPath || options.protocol === 'http' || options.protocol === 'https') return httpEngineClient(options, maxSockets);
  if (options.protocol === 'ssh') {
    const { sshEngineClient } = require('./ssh.js') as typeof import('./ssh.js');
    return sshEngineClient(options as unknown as SshEngineOptions, maxSockets);
  }
  const { default: DockerCtor } = await import('dockerode');
  return dockerodeEngineClient(new DockerCtor(options));
}
