/**
 * ssh:// engines in the request layer: ONE ssh connection per engine (one handshake, one login), and
 * on it an exec channel running `docker system dial-stdio` per kept-alive HTTP connection, at most
 * `maxSockets` of them (sshd's MaxSessions, 10 by default, bounds the channels of one connection).
 * docker-modem instead opens a new ssh connection for every request, which sshd's MaxStartups throttles.
 *
 * The host key is checked by the verifier the inventory gives (a pinned fingerprint, never trusted on
 * first use) before anything is sent; a connection that fails before it is ready fails every request
 * with the same reason (it is not retried per request). The request layer's deadlines and signal apply:
 * a stopped request closes its channel, close() closes every channel and the connection.
 */
import * as http from 'node:http';
import { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { agentGet, EngineRequestError, type EngineClient } from './request';

/** The remote command that connects a channel's stdin/stdout to the engine the host's DOCKER_HOST names. */
export const DIAL_STDIO = 'docker system dial-stdio';

/** What the fleet inventory builds for an ssh:// entry (src/fleet/inventory.ts hostOptions). */
export interface SshEngineOptions {
  protocol: 'ssh';
  host: string;
  port: number;
  username: string;
  sshOptions: Pick<ConnectConfig, 'hostVerifier' | 'privateKey' | 'agent' | 'readyTimeout'>;
}

/** After close(), how long a connection that does not answer the disconnect may linger. */
const CLOSE_GRACE_MS = 1000;

/**
 * An exec channel dressed as the socket http.Agent expects (keep-alive calls setKeepAlive, setTimeout,
 * ref, unref on it). It exists before the channel is open: the Agent counts only the sockets it has
 * been handed, so one handed over later would let it open more than maxSockets. What is written before
 * the channel opens waits for it; a channel that cannot be opened destroys the socket with the reason.
 * The channel's end is passed on only once it is closed, so that a remote command that failed
 * (`docker: not found`, an engine that is not running) gives its stderr, not "socket hang up".
 */
class ChannelSocket extends Duplex {
  private ch: ClientChannel | null = null;
  private readonly opened: Promise<ClientChannel | null>;
  private stderr = '';
  private exitCode: number | null = null;

  constructor(open: Promise<ClientChannel>) {
    super({ allowHalfOpen: false });
    this.opened = open.then(
      (ch) => {
        if (this.destroyed) {
          ch.destroy();
          return null;
        }
        this.attach(ch);
        return ch;
      },
      (err: Error) => {
        this.destroy(err);
        return null;
      },
    );
  }

  private attach(ch: ClientChannel): void {
    this.ch = ch;
    ch.on('data', (d: Buffer) => {
      if (!this.push(d)) ch.pause();
    });
    // Read stderr even when nothing is wrong: unread, it would hold the channel's window.
    ch.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 500) this.stderr += d.toString('utf8');
    });
    ch.on('exit', (code: number | null) => {
      this.exitCode = code;
    });
    ch.on('close', () => {
      if (this.exitCode !== null && this.exitCode !== 0) {
        const said = this.stderr.trim().split('\n')[0].slice(0, 200);
        this.destroy(new EngineRequestError(`\`${DIAL_STDIO}\` on the host failed: ${said || `exit code ${this.exitCode}`}`));
      } else this.push(null); // the writable side ends too (allowHalfOpen false), then the socket closes
    });
    ch.on('error', (err: Error) => this.destroy(err));
  }

  override _read(): void {
    this.ch?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.ch) this.ch.write(chunk, cb);
    else void this.opened.then((ch) => (ch ? ch.write(chunk, cb) : cb(new EngineRequestError('the ssh channel could not be opened'))));
  }

  override _final(cb: (err?: Error | null) => void): void {
    void this.opened.then((ch) => {
      ch?.end();
      cb();
    });
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.ch?.destroy(); // an unopened channel is closed as soon as it opens (see the constructor)
    cb(err);
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}

/** Socket errors keep their code (ECONNREFUSED); ssh ones (`Host denied (verification failed)`) their message. */
function sshError(err: Error & { code?: unknown }): EngineRequestError {
  return err instanceof EngineRequestError ? err : new EngineRequestError(err.message, typeof err.code === 'string' ? err.code : undefined);
}

/** A client for an ssh:// engine: one ssh connection, up to `maxSockets` kept-alive dial-stdio channels. */
export function sshEngineClient(options: SshEngineOptions, maxSockets = 8): EngineClient {
  let conn: Client | null = null;
  let ready: Promise<Client> | null = null;
  /** Why the connection failed before it was ready: every later request fails the same way. */
  let failed: EngineRequestError | null = null;
  let closed = false;
  const channels = new Set<ChannelSocket>();

  const connect = (): Promise<Client> => {
    if (closed) return Promise.reject(new EngineRequestError('the ssh connection to the engine was closed'));
    if (failed) return Promise.reject(failed);
    if (ready) return ready;
    const c = new Client();
    conn = c;
    ready = new Promise<Client>((resolve, reject) => {
      let up = false;
      c.on('ready', () => {
        up = true;
        resolve(c);
      });
      c.on('error', (err: Error) => {
        if (up) return; // the channels in use fail on their own; the next request reconnects
        failed = sshError(err);
        reject(failed);
      });
      c.on('close', () => {
        if (conn === c) {
          conn = null;
          ready = null;
        }
        if (!up) reject(failed ?? new EngineRequestError('the ssh connection closed before the handshake', 'ECONNRESET'));
      });
      try {
        c.connect({ host: options.host, port: options.port, username: options.username, ...options.sshOptions });
      } catch (err) {
        failed = sshError(err as Error);
        reject(failed);
      }
    });
    return ready;
  };

  const openChannel = async (): Promise<ClientChannel> => {
    const c = await connect();
    return new Promise<ClientChannel>((resolve, reject) => {
      c.exec(DIAL_STDIO, (err, ch) => {
        if (err) reject(new EngineRequestError(`the ssh server refused a channel for \`${DIAL_STDIO}\`: ${err.message}`));
        else if (closed) {
          ch.destroy();
          reject(new EngineRequestError('the ssh connection to the engine was closed'));
        } else resolve(ch);
      });
    });
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets });
  // The Agent's own hook for where a connection comes from: here a channel, not a TCP socket (no DNS).
  agent.createConnection = () => {
    const sock = new ChannelSocket(openChannel());
    channels.add(sock);
    sock.once('close', () => channels.delete(sock));
    return sock;
  };

  return {
    get: agentGet(agent, { host: 'docker' }, 'docker'),
    close(): void {
      closed = true;
      // Requests still in flight learn why (before agent.destroy() would say "socket hang up").
      for (const s of channels) s.destroy(new EngineRequestError('the ssh connection to the engine was closed'));
      agent.destroy();
      const c = conn;
      conn = null;
      ready = null;
      if (c) {
        c.end();
        // A server that does not answer the disconnect must not keep the process alive.
        setTimeout(() => c.destroy(), CLOSE_GRACE_MS).unref();
      }
    },
  };
}
