/**
 * The docker collection of an engine reached over ssh://, as the fleet inventory does it, against an
 * sshd started on 127.0.0.1 (test/support/sshd.ts) whose `docker system dial-stdio` dials the test
 * engine. At each size (cumulative: `50 300` creates 50 containers of ours, measures, adds 250,
 * measures again), prints the time and the ssh logins (sshd's log) of:
 *
 * - ssh, request layer: one ssh connection, kept-alive dial-stdio channels (src/collectors/docker/ssh.ts);
 * - ssh, docker-modem: dockerode's transport, a new ssh connection per request (what fleet used
 *   before; skip with --no-modem, it takes minutes at a few hundred containers);
 * - unix socket: the same collection straight over the engine's socket, for reference.
 *
 *   npm run build && node dist/bench/ssh-collect.js [N...=50 300] [--no-modem]
 *
 * Needs root and openssh-server. Engine: RA_TEST_DOCKER_HOST or DOCKER_HOST (unix://), else a private
 * dockerd from the test harness. The engine may hold other containers: all are read, the count is printed.
 * Every container of ours is labelled with the run's id and removed at the end (also on Ctrl-C).
 */
import { removeBenchContainers } from './support/cleanup';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { collectEngine, INSPECT_CONCURRENCY } from '../src/collectors/docker/collect';
import { dockerodeEngineClient, engineClientFor, type EngineClient } from '../src/collectors/docker/request';
import { parseInventory } from '../src/fleet/inventory';
import { mapLimit } from '../src/util/map-limit';
import { createTestContainer, getEngine, type TestEngine } from '../test/support/engine';
import { sshdMissing, startSshd, type TestSshd } from '../test/support/sshd';

interface Figure {
  seconds: number;
  logins: number | null;
  containers: number;
  outcome: string;
}

async function timed(sshd: TestSshd | null, client: EngineClient): Promise<Figure> {
  const before = sshd?.accepted() ?? 0;
  const t = process.hrtime.bigint();
  try {
    const out = await collectEngine(client, 'bench');
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const lost = out.data?.uninspected?.length ?? 0;
    const outcome = out.status === 'failed' ? `failed: ${out.error}` : `${out.status}${lost ? `, ${lost} uninspected (${out.data!.uninspected![0].reason})` : ''}`;
    return { seconds, logins: sshd ? sshd.accepted() - before : null, containers: out.data?.containers.length ?? 0, outcome };
  } finally {
    client.close();
  }
}

function line(label: string, f: Figure): string {
  return `  ${label.padEnd(24)} ${f.seconds.toFixed(2).padStart(8)} s  ${f.logins === null ? '' : `${String(f.logins).padStart(4)} ssh logins  `}${f.containers} containers read  ${f.outcome}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const modem = !args.includes('--no-modem');
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number).sort((a, b) => a - b);
  if (!sizes.length) sizes.push(50, 300);
  const missing = sshdMissing();
  if (missing) throw new Error(missing);
  if (!process.env.RA_TEST_DOCKER_HOST && process.env.DOCKER_HOST?.startsWith('unix://')) process.env.RA_TEST_DOCKER_HOST = process.env.DOCKER_HOST;
  const st = await getEngine();
  if (!st.engine) throw new Error(`no engine: ${st.why}`);
  const engine = st.engine;
  const work = mkdtempSync(path.join(os.tmpdir(), 'ra-bench-ssh-'));
  let sshd: TestSshd | null = null;
  const stop = (): void => void cleanup(engine, work, sshd).finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let created = 0;
  try {
    sshd = await startSshd(path.join(work, 'sshd'), engine.host);
    const inv = path.join(work, 'hosts.yaml');
    const [host] = parseInventory(`hosts:\n  - { name: b, engine: "ssh://root@127.0.0.1:${sshd.port}", hostKey: "${sshd.hostKey}", identityFile: ${sshd.clientKey} }\n`, inv, {});
    process.stdout.write(`engine ${engine.host} over ssh://127.0.0.1:${sshd.port}; inspect concurrency ${INSPECT_CONCURRENCY}; ${os.cpus().length} CPUs\n`);
    for (const n of sizes) {
      await mapLimit(Array.from({ length: n - created }, (_, k) => created + k), 6, (i) => createTestContainer(engine, `sshbench${i}`));
      created = n;
      process.stdout.write(`\n${n} containers of ours\n`);
      const ssh = await timed(sshd, await engineClientFor(host.options, INSPECT_CONCURRENCY));
      process.stdout.write(line('ssh, request layer', ssh));
      process.stdout.write(`ssh collection: ${ssh.seconds.toFixed(2)} s for ${ssh.containers} containers (${n} ours), ${ssh.logins} ssh login(s)\n`);
      // Without `timeout`: docker-modem would call setTimeout on the ssh2 channel, which has none.
      const { timeout: _t, ...modemOptions } = host.options;
      if (modem) process.stdout.write(line('ssh, docker-modem', await timed(sshd, dockerodeEngineClient(new Docker(modemOptions)))));
      process.stdout.write(line('unix socket', await timed(null, await engineClientFor({ socketPath: engine.host.replace(/^unix:\/\//, '') }, INSPECT_CONCURRENCY))));
    }
  } finally {
    process.stdout.write(`\nremoving the ${created} containers of this run …\n`);
    await cleanup(engine, work, sshd);
  }
}

async function cleanup(engine: TestEngine, work: string, sshd: TestSshd | null): Promise<void> {
  await sshd?.stop();
  await removeBenchContainers(engine, work);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
