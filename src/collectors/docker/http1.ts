/**
 * GET over HTTP/1.1 on kept-alive connections to the engine (a unix socket, TCP, TLS), parsed here
 * instead of by node:http. A collection sends a request per object (500 containers: 512 requests), and
 * node:http's request, response and stream objects cost about a tenth of a millisecond of the main
 * thread each; this client writes one line per request and reads the answer straight from the socket.
 *
 * What it accepts is what the Engine API sends: a status line, headers, then a body by Content-Length,
 * by chunks, or until the connection closes. Anything else is a malformed answer, named. The head, the
 * chunk lines and the body are capped, so an engine cannot exhaust memory; deadlines and aborts are the
 * caller's (request.ts `bounded`), and a stopped request takes its connection with it.
 */
import * as diagnostics from 'node:diagnostics_channel';
import * as net from 'node:net';
import type * as Tls from 'node:tls';

/** The longest status line and headers accepted. */
const MAX_HEAD_BYTES = 64 * 1024;
/** The longest chunk-size or trailer line accepted. */
const MAX_LINE_BYTES = 4096;

/** Start and end of each request, for bench/support/collect-phases.ts (no cost without a subscriber). */
export const REQUEST_CHANNEL = diagnostics.channel('residency-audit.engine.request');

/** A unix socket, or host and port with TLS options (ca, cert, key) when the engine speaks TLS. */
export type Http1Target = { socketPath: string } | { host: string; port: number; tls?: Tls.ConnectionOptions };

export interface Http1Answer {
  status: number;
  body: Buffer;
}

/** A malformed or oversized answer: the message names what was wrong. */
export class Http1Error extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'Http1Error';
  }
}

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close' | 'done';

/** One response, fed the socket's bytes as they come. */
export class ResponseParser {
  state: State = 'head';
  status = 0;
  keepAlive = true;
  private head = '';
  private line = '';
  private remaining = 0;
  private size = 0;
  private readonly body: Buffer[] = [];

  constructor(private readonly maxBody: number) {}

  /** Consume bytes of `buf` from `at`; returns where this response ended (buf.length when it has not). */
  feed(buf: Buffer, at = 0): number {
    let i = at;
    while (i < buf.length && this.state !== 'done') {
      switch (this.state) {
        case 'head': {
          const before = this.head.length;
          this.head += buf.toString('latin1', i, Math.min(buf.length, i + MAX_HEAD_BYTES + 4 - before));
          const end = this.head.indexOf('\r\n\r\n');
          if (end < 0) {
            if (this.head.length > MAX_HEAD_BYTES) throw new Http1Error(`its headers are longer than ${MAX_HEAD_BYTES >> 10} KiB`);
            i = buf.length;
            break;
          }
          i += end + 4 - before;
          this.parseHead(this.head.slice(0, end));
          break;
        }
        case 'length':
        case 'chunk-data': {
          const take = Math.min(this.remaining, buf.length - i);
          this.push(buf.subarray(i, i + take));
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) this.state = this.state === 'length' ? 'done' : 'chunk-end';
          break;
        }
        case 'close':
          this.push(buf.subarray(i));
          i = buf.length;
          break;
        default: {
          // chunk-size, chunk-end, trailers: a line at a time.
          const nl = buf.indexOf(0x0a, i);
          const piece = buf.toString('latin1', i, nl < 0 ? buf.length : nl);
          if (this.line.length + piece.length > MAX_LINE_BYTES) throw new Http1Error('a chunk line is too long');
          this.line += piece;
          if (nl < 0) {
            i = buf.length;
            break;
          }
          i = nl + 1;
          const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
          this.line = '';
          this.onLine(line);
        }
      }
    }
    return i;
  }

  /** The connection closed: complete when the body runs to the close, else the answer was cut. */
  end(): void {
    if (this.state === 'close') this.state = 'done';
  }

  get done(): boolean {
    return this.state === 'done';
  }

  answer(): Http1Answer {
    return { status: this.status, body: this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.size) };
  }

  private push(b: Buffer): void {
    if (!b.length) return;
    this.size += b.length;
    if (this.size > this.maxBody) throw new Http1Error(`it is larger than ${this.maxBody >> 20} MiB`, 'EFBIG');
    this.body.push(b);
  }

  private parseHead(head: string): void {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]);
    if (!m) throw new Http1Error(`it is not HTTP/1.x (${JSON.stringify(lines[0].slice(0, 40))})`);
    this.status = Number(m[2]);
    let length: number | null = null;
    let chunked = false;
    let connection = m[1] === '0' ? 'close' : 'keep-alive';
    for (const l of lines.slice(1)) {
      const colon = l.indexOf(':');
      if (colon <= 0) throw new Http1Error(`a header line is malformed (${JSON.stringify(l.slice(0, 40))})`);
      const name = l.slice(0, colon).trim().toLowerCase();
      const value = l.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value) || (length !== null && length !== Number(value))) throw new Http1Error(`its Content-Length is invalid (${JSON.stringify(value.slice(0, 20))})`);
        length = Number(value);
      } else if (name === 'transfer-encoding') {
        if (value.toLowerCase() !== 'chunked') throw new Http1Error(`its Transfer-Encoding ${JSON.stringify(value.slice(0, 20))} is not supported`);
        chunked = true;
      } else if (name === 'connection') {
        connection = value.toLowerCase();
      }
    }
    this.keepAlive = connection === 'keep-alive' || (m[1] === '1' && connection !== 'close');
    if (this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200)) {
      if (this.status < 200) throw new Http1Error(`an interim answer (${this.status}) was not asked for`);
      this.state = 'done';
    } else if (chunked) {
      this.state = 'chunk-size';
    } else if (length !== null) {
      if (length > this.maxBody) throw new Http1Error(`it is larger than ${this.maxBody >> 20} MiB`, 'EFBIG');
      this.remaining = length;
      this.state = length === 0 ? 'done' : 'length';
    } else {
      this.keepAlive = false;
      this.state = 'close';
    }
  }

  private onLine(line: string): void {
    if (this.state === 'chunk-end') {
      if (line !== '') throw new Http1Error('a chunk does not end where its size says');
      this.state = 'chunk-size';
    } else if (this.state === 'chunk-size') {
      const hex = line.split(';')[0].trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new Http1Error(`a chunk size is invalid (${JSON.stringify(line.slice(0, 20))})`);
      const n = parseInt(hex, 16);
      if (this.size + n > this.maxBody) throw new Http1Error(`it is larger than ${this.maxBody >> 20} MiB`, 'EFBIG');
      this.remaining = n;
      this.state = n === 0 ? 'trailers' : 'chunk-data';
    } else if (line === '') {
      this.state = 'done'; // the empty line after the trailers
    }
  }
}

interface Job {
  wire: string;
  maxBody: number;
  settle: (err: Error | null, answer?: Http1Answer) => void;
  parser?: ResponseParser;
  /** Bytes of the answer came (a reused connection closing before any is retried once). */
  answered?: boolean;
  retried?: boolean;
}

interface Conn {
  socket: net.Socket;
  job: Job | null;
  /** It carried an answer before: the engine may close it while idle. */
  reused: boolean;
  error?: Error;
}

export interface Http1Pool {
  /** Send `GET target`; the answer or the socket's error (with its code). Returns how to stop it. */
  get(target: string, hostHeader: string, maxBody: number, settle: (err: Error | null, answer?: Http1Answer) => void): (err: Error) => void;
  close(): void;
}

/** Connections to one engine, at most `maxSockets` at once, requests queued in order. */
export function http1Pool(target: Http1Target, maxSockets: number): Http1Pool {
  const conns = new Set<Conn>();
  const queue: Job[] = [];
  let closed = false;
  // node:tls is loaded for TLS engines only.
  const tls = 'tls' in target && target.tls ? (require('node:tls') as typeof Tls) : null;

  const connect = (): net.Socket => {
    if ('socketPath' in target) return net.connect({ path: target.socketPath });
    if (tls) return tls.connect({ ...target.tls, host: target.host, port: target.port, ...(net.isIP(target.host) ? {} : { servername: target.host }) });
    const s = net.connect({ host: target.host, port: target.port });
    s.setNoDelay(true);
    return s;
  };

  /** Out of the pool at once (its 'close' comes later): no request may be written to it any more. */
  const drop = (conn: Conn): void => {
    conns.delete(conn);
    conn.socket.destroy();
  };

  const finish = (conn: Conn, job: Job, err: Error | null, answer?: Http1Answer): void => {
    conn.job = null;
    if (REQUEST_CHANNEL.hasSubscribers) REQUEST_CHANNEL.publish({ phase: 'end', job });
    job.settle(err, answer);
  };

  const onData = (conn: Conn, buf: Buffer): void => {
    const job = conn.job;
    if (!job || !job.parser) {
      drop(conn); // bytes nobody asked for: the connection cannot be trusted
      return;
    }
    job.answered = true;
    let used: number;
    try {
      used = job.parser.feed(buf);
    } catch (err) {
      drop(conn);
      finish(conn, job, err as Error);
      return;
    }
    if (!job.parser.done) return;
    conn.reused = true;
    if (used < buf.length || !job.parser.keepAlive) drop(conn);
    else conn.socket.unref();
    finish(conn, job, null, job.parser.answer());
    pump();
  };

  const onClose = (conn: Conn): void => {
    conns.delete(conn);
    const job = conn.job;
    if (job?.parser) {
      job.parser.end();
      if (job.parser.done) finish(conn, job, null, job.parser.answer());
      else if (!job.answered && conn.reused && !job.retried) {
        // The engine closed a kept-alive connection as the request went out: a GET can go again.
        conn.job = null;
        job.retried = true;
        job.parser = undefined;
        queue.unshift(job);
      } else finish(conn, job, conn.error ?? new Http1Error(job.answered ? 'the engine closed the connection during the answer' : 'the engine closed the connection without an answer', 'ECONNRESET'));
    }
    pump();
  };

  const pump = (): void => {
    while (queue.length && !closed) {
      let conn = [...conns].find((c) => !c.job);
      if (!conn) {
        if (conns.size >= maxSockets) return;
        const socket = connect();
        const c: Conn = { socket, job: null, reused: false };
        socket.on('data', (b: Buffer) => onData(c, b));
        socket.on('error', (err) => void (c.error = err));
        socket.on('close', () => onClose(c));
        conns.add(c);
        conn = c;
      }
      const job = queue.shift()!;
      job.parser = new ResponseParser(job.maxBody);
      job.answered = false;
      conn.job = job;
      conn.socket.ref();
      if (REQUEST_CHANNEL.hasSubscribers) REQUEST_CHANNEL.publish({ phase: 'start', job });
      conn.socket.write(job.wire);
    }
  };

  return {
    get(path, hostHeader, maxBody, settle) {
      if (closed) {
        settle(new Http1Error('the client is closed'));
        return () => undefined;
      }
      const job: Job = { wire: `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nAccept: application/json\r\n\r\n`, maxBody, settle };
      queue.push(job);
      pump();
      return () => {
        const q = queue.indexOf(job);
        if (q >= 0) queue.splice(q, 1);
        for (const c of conns) {
          if (c.job !== job) continue;
          // A half-read answer must not be read by the next request.
          c.job = null;
          drop(c);
          if (REQUEST_CHANNEL.hasSubscribers) REQUEST_CHANNEL.publish({ phase: 'end', job });
        }
      };
    },
    close() {
      closed = true;
      for (const job of queue.splice(0)) job.settle(new Http1Error('the client is closed'));
      for (const c of [...conns]) drop(c);
    },
  };
}
