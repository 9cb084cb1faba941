/**
 * An OpenSSH server for the ssh:// engine tests and benches, on 127.0.0.1 and a free port, as root
 * (openssh-server; scripts/setup.sh installs it): its own host key, one client key, `SetEnv DOCKER_HOST`
 * so that `docker system dial-stdio` on the "remote" side dials the test engine. It logs to stderr (-e),
 * which is kept: `accepted()` counts the logins ("Accepted publickey" lines), i.e. ssh connections made.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TestSshd {
  port: number;
  /** The host key's fingerprint, as `ssh-keygen -lf` prints it (the inventory's hostKey). */
  hostKey: string;
  /** Path of the client's private key (the inventory's identityFile). */
  clientKey: string;
  /** Logins so far. */
  accepted(): number;
  log(): string;
  stop(): Promise<void>;
}

/** Why there can be no sshd here, or null. */
export function sshdMissing(): string | null {
  if (!existsSync('/usr/sbin/sshd')) return 'sshd (openssh-server) is not installed: bash scripts/setup.sh installs it';
  if (process.getuid?.() !== 0) return 'sshd for the tests needs root';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Start sshd with its files in `dir` (created); `dockerHost` is what dial-stdio dials on the server side. */
export async function startSshd(dir: string, dockerHost: string): Promise<TestSshd> {
  await fs.mkdir(dir, { recursive: true });
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  await fs.copyFile(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  const hostKey = (await exec('ssh-keygen', ['-lf', path.join(dir, 'host_key.pub')])).stdout.split(/\s+/)[1];
  const port = await freePort();
  await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  writeFileSync(path.join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, `PidFile ${dir}/sshd.pid`,
    'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no',
    // MaxStartups high for the bench's docker-modem side (a connection per request); MaxSessions stays at
    // its default of 10, which the request layer's channels per connection must fit in.
    'MaxStartups 200', `SetEnv DOCKER_HOST=${dockerHost}`, '',
  ].join('\n'));
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  for (let i = 0; i < 50; i++) {
    if (log.includes('Server listening')) {
      return { port, hostKey, clientKey: path.join(dir, 'client_key'), accepted: () => log.split('\n').filter((l) => l.includes('Accepted publickey')).length, log: () => log, stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`sshd did not start: ${log}`);
}
