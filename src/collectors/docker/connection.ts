import { InputError } from '../../errors';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/** A usage/config error (exit code 2), as opposed to an engine that does not answer (exit 3). */
export class ConfigError extends InputError {}

export interface EngineAddress {
  /** The address chosen, as given (may hold credentials: pass it on, never print it). */
  raw: string;
  /** The address as given (credentials removed), for messages and evidence. */
  display: string;
  /** The address held a user name or password: the engine API takes none, so they were neither sent nor kept. */
  credentialsDropped?: true;
  /** Where it came from: flag, DOCKER_HOST, or default. */
  source: '--docker-host' | 'DOCKER_HOST' | 'default';
  options: DockerOptions;
}

/** Pick the engine address the way the docker CLI does: flag, then DOCKER_HOST, then the default socket. */
export function resolveEngineAddress(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): EngineAddress {
  // An address given but empty is a mistake, not a request for the default socket (DOCKER_HOST="" is unset, as for the docker CLI).
  if (flag !== undefined && !flag.trim()) throw new ConfigError('--docker-host is empty: give unix:///path/to/docker.sock or tcp://host:port');
  const fromFlag = flag?.trim();
  const fromEnv = env.DOCKER_HOST?.trim();
  const raw = fromFlag || fromEnv || DEFAULT_DOCKER_HOST;
  const source = fromFlag ? '--docker-host' : fromEnv ? 'DOCKER_HOST' : 'default';
  return { ...parseEngineAddress(raw, env), source, raw };
}

/** Request timeout: a wedged engine must not hang an audit forever. */
const TIMEOUT_MS = 30_000;

export function parseEngineAddress(raw: string, env: NodeJS.ProcessEnv = process.env): Omit<EngineAddress, 'source' | 'raw'> {
  const m = /^([a-z]+):\/\/(.*)$/i.exec(raw);
  if (!m) {
    // The docker CLI also accepts a bare absolute socket path in a few places; be as lenient.
    if (raw.startsWith('/')) return { display: `unix://${raw}`, options: { socketPath: raw, timeout: TIMEOUT_MS } };
    throw new ConfigError(`invalid Docker host "${raw.replace(/^.*@/, '')}": expected unix:///path/to/docker.sock or tcp://host:port`);
  }
  const scheme = m[1].toLowerCase();
  if (scheme === 'unix') {
    const socketPath = m[2];
    if (!socketPath.startsWith('/')) throw new ConfigError(`invalid Docker host "${raw}": a unix socket path must be absolute`);
    return { display: `unix://${socketPath}`, options: { socketPath, timeout: TIMEOUT_MS } };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const shown = `${scheme}://${m[2].replace(/^.*@/, '')}`;
    let url: URL;
    try {
      url = new URL(`${scheme === 'tcp' ? 'tcp' : scheme}://${m[2]}`);
    } catch {
      throw new ConfigError(`invalid Docker host "${shown}": cannot parse host and port (expected ${scheme}://host:port)`);
    }
    // `tcp://` or `tcp://:2375` would otherwise reach the default unix socket while the evidence names a TCP address.
    if (!url.hostname || url.hostname === '[]') throw new ConfigError(`invalid Docker host "${shown}": no host name or address (expected ${scheme}://host:port)`);
    if ((url.pathname && url.pathname !== '/') || url.search || url.hash) throw new ConfigError(`invalid Docker host "${shown}": only ${scheme}://host:port is supported (no path, query or fragment)`);
    const tlsVerify = !!env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0';
    const tls = scheme === 'https' || tlsVerify;
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const display = `${scheme}://${url.hostname}:${port}`;
    const options: DockerOptions = { host, port, protocol: tls ? 'https' : 'http', timeout: TIMEOUT_MS };
    // The docker CLI accepts and ignores them too; saying so beats a silent drop.
    const dropped = url.username || url.password ? ({ credentialsDropped: true } as const) : {};
    if (tls) {
      const certDir = env.DOCKER_CERT_PATH || path.join(homedir(), '.docker');
      try {
        options.ca = readFileSync(path.join(certDir, 'ca.pem'));
        options.cert = readFileSync(path.join(certDir, 'cert.pem'));
        options.key = readFileSync(path.join(certDir, 'key.pem'));
      } catch (err) {
        throw new ConfigError(`TLS is on for ${display} (DOCKER_TLS_VERIFY) but the client certificates cannot be read from ${certDir}: ${(err as Error).message}`);
      }
    }
    return { display, options, ...dropped };
  }
  throw new ConfigError(`unsupported Docker host scheme "${scheme}://" in "${raw.replace(/\/\/.*@/, '//')}": use unix:// or tcp://`);
}
