/**
 * The inventory file of `fleet --inventory hosts.yaml`, for engines without a Swarm, and the Engine API
 * client options of each entry: unix socket, tcp with TLS (client certificates), or ssh with a pinned
 * host key (the request layer runs `docker system dial-stdio` over one ssh2 connection,
 * src/collectors/docker/ssh.ts; ssh2 checks no host key unless `sshOptions.hostVerifier` is given, so
 * an entry without `hostKey` is refused).
 *
 *   hosts:
 *     - name: web-1
 *       engine: unix:///var/run/docker.sock
 *     - name: db-1
 *       engine: tcp://db-1.example.net:2376
 *       tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem }   # or tls: { certPath: certs }
 *     - name: edge-1
 *       engine: ssh://audit@edge-1.example.net:22
 *       hostKey: SHA256:Xy…        # as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it
 *       identityFile: ~/.ssh/id_ed25519   # else the agent at SSH_AUTH_SOCK
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';
import { parse } from 'yaml';
import { InputError } from '../errors';

/** The inventory file cannot be used: exit 2, naming the entry and the field. */
export class InventoryError extends InputError {}

export interface InventoryHost {
  name: string;
  /** As written, credentials removed (for messages and evidence). */
  display: string;
  kind: 'unix' | 'tcp' | 'ssh';
  options: DockerOptions;
  /** The pinned host key fingerprint (ssh). */
  hostKey: string | null;
}

/** `SHA256:<base64 without padding>` of a raw host key, as OpenSSH prints fingerprints. */
export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** A host verifier that accepts exactly the pinned key; `seen` records what the server offered. */
export function pinnedHostVerifier(pin: string, seen?: (fp: string) => void): (key: Buffer) => boolean {
  const want = pin.trim().replace(/=+$/, '');
  return (key: Buffer) => {
    const fp = sshFingerprint(key);
    seen?.(fp);
    return fp === want;
  };
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

function expand(p: string, base: string): string {
  const e = p.startsWith('~/') ? path.join(homedir(), p.slice(2)) : p;
  return path.resolve(base, e);
}

function readFile(file: string, what: string, where: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new InventoryError(`${where}: cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

type Entry = { name?: unknown; engine?: unknown; tls?: unknown; hostKey?: unknown; identityFile?: unknown; timeout?: unknown };

/** Client options for one entry. `base` is the inventory file's folder (relative paths are relative to it). */
export function hostOptions(e: Entry, where: string, base: string, env: NodeJS.ProcessEnv = process.env): InventoryHost {
  if (typeof e.name !== 'string' || !e.name.trim()) throw new InventoryError(`${where}: "name" is required`);
  if (typeof e.engine !== 'string' || !e.engine.trim()) throw new InventoryError(`${where} (${e.name}): "engine" is required (unix:///…, tcp://host:port or ssh://user@host)`);
  const name = e.name.trim();
  const raw = e.engine.trim();
  const m = /^([a-z]+):\/\/(.*)$/i.exec(raw);
  if (!m) throw new InventoryError(`${where} (${name}): engine "${raw}" must be unix:///path, tcp://host:port or ssh://user@host[:port]`);
  const scheme = m[1].toLowerCase();
  const timeout = typeof e.timeout === 'number' && e.timeout > 0 ? e.timeout * 1000 : 30_000;
  if (scheme === 'unix') {
    if (!m[2].startsWith('/')) throw new InventoryError(`${where} (${name}): a unix socket path must be absolute`);
    return { name, display: `unix://${m[2]}`, kind: 'unix', options: { socketPath: m[2], timeout }, hostKey: null };
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${m[2]}`);
  } catch {
    throw new InventoryError(`${where} (${name}): cannot parse host and port of "${raw.replace(/\/\/[^@/]*@/, '//')}"`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (scheme === 'tcp') {
    if (url.username || url.password) throw new InventoryError(`${where} (${name}): the engine API takes no user name or password; remove them from the address (tcp://host:port with tls)`);
    const tls = e.tls as { ca?: unknown; cert?: unknown; key?: unknown; certPath?: unknown } | undefined;
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    const display = `tcp://${url.hostname}:${port}`;
    if (!tls) {
      if (!LOOPBACK.test(host)) throw new InventoryError(`${where} (${name}): ${display} without "tls" would send root access to the engine unencrypted; give tls: { ca, cert, key } (or certPath), or use ssh://`);
      return { name, display, kind: 'tcp', options: { host, port, protocol: 'http', timeout }, hostKey: null };
    }
    if (typeof tls !== 'object') throw new InventoryError(`${where} (${name}): "tls" must be a map with ca, cert and key (or certPath)`);
    const dir = typeof tls.certPath === 'string' ? expand(tls.certPath, base) : null;
    const file = (k: 'ca' | 'cert' | 'key') => (typeof tls[k] === 'string' ? expand(tls[k] as string, base) : dir ? path.join(dir, `${k}.pem`) : null);
    const files = { ca: file('ca'), cert: file('cert'), key: file('key') };
    for (const [k, f] of Object.entries(files)) if (!f) throw new InventoryError(`${where} (${name}): tls needs "${k}" (or certPath with ${k}.pem)`);
    return {
      name,
      display,
      kind: 'tcp',
      options: { host, port, protocol: 'https', ca: readFile(files.ca!, 'the CA certificate', where), cert: readFile(files.cert!, 'the client certificate', where), key: readFile(files.key!, 'the client key', where), timeout },
      hostKey: null,
    };
  }
  if (scheme === 'ssh') {
    if (!url.username) throw new InventoryError(`${where} (${name}): ssh engines need a user: ssh://user@host`);
    if (url.password) throw new InventoryError(`${where} (${name}): do not put a password in the engine address; use identityFile or an ssh agent`);
    if (typeof e.hostKey !== 'string' || !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(e.hostKey.trim())) {
      throw new InventoryError(`${where} (${name}): ssh engines need "hostKey: SHA256:…" (the pinned host key fingerprint, as ssh-keygen -lf prints it): the host is never trusted on first use`);
    }
    const port = url.port ? Number(url.port) : 22;
    const sshOptions: Record<string, unknown> = { hostVerifier: pinnedHostVerifier(e.hostKey), readyTimeout: timeout };
    if (typeof e.identityFile === 'string') sshOptions.privateKey = readFile(expand(e.identityFile, base), 'the identity file', where);
    else if (env.SSH_AUTH_SOCK) sshOptions.agent = env.SSH_AUTH_SOCK;
    else throw new InventoryError(`${where} (${name}): give "identityFile" or run an ssh agent (SSH_AUTH_SOCK) for ${url.username}@${url.hostname}`);
    // For the request layer (src/collectors/docker/ssh.ts), not for dockerode: docker-modem would call
    // setTimeout on the ssh2 channel, which has none (the process crashes).
    const options = { protocol: 'ssh', host, port, username: decodeURIComponent(url.username), sshOptions, timeout } as unknown as DockerOptions;
    return { name, display: `ssh://${decodeURIComponent(url.username)}@${url.hostname}:${port}`, kind: 'ssh', options, hostKey: e.hostKey.trim() };
  }
  throw new InventoryError(`${where} (${name}): unsupported engine scheme "${scheme}://": use unix://, tcp:// (with tls) or ssh://`);
}

/** Parse an inventory file's text; `file` names it in errors and anchors relative paths. */
export function parseInventory(text: string, file: string, env: NodeJS.ProcessEnv = process.env): InventoryHost[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new InventoryError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = (doc as { hosts?: unknown })?.hosts;
  if (!Array.isArray(list) || list.length === 0) throw new InventoryError(`${file}: needs "hosts:" with at least one entry (name and engine)`);
  const base = path.dirname(path.resolve(file));
  const hosts = list.map((e, i) => hostOptions((e ?? {}) as Entry, `${file}: hosts[${i}]`, base, env));
  const seen = new Set<string>();
  for (const h of hosts) {
    if (seen.has(h.name)) throw new InventoryError(`${file}: host name "${h.name}" appears twice`);
    seen.add(h.name);
  }
  return hosts;
}

export function loadInventory(file: string, env: NodeJS.ProcessEnv = process.env): InventoryHost[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InventoryError(`cannot read inventory ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseInventory(text, file, env);
}
