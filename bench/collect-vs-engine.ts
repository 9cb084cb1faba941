/**
 * `residency-audit collect` against the engine's own speed (issue 19). At each size (cumulative: `100 500`
 * measures with 100 containers of ours, adds 400, measures again), alternating, R times each:
 *
 * - the reference: the docker CLI fetching the data the docker collector reads (`docker info`,
 *   `docker version`, `docker inspect` of every container, `docker image inspect` and `docker history`
 *   of every image, `docker network inspect`, `docker volume inspect`, with the lists they need), one
 *   command after the other, as a shell script;
 * - ours: `residency-audit collect --bench off --no-dns` as a whole process (Node's start included).
 *
 * Prints each median, the ratio, and the growth from the first size to the last; then R profiled runs
 * (bench/support/collect-phases.ts preloaded) split our time by phase, and the evidence timestamps by
 * collector. Every container is labelled with this run's id and removed at the end (also on Ctrl-C).
 *
 *   npm run build && node dist/bench/collect-vs-engine.js [N...=100 500] [--runs R=5] [--settle S=10]
 *
 * Engine: RA_TEST_DOCKER_HOST or DOCKER_HOST (unix://), else a private dockerd from the test harness. The
 * engine may hold other containers too: both sides read all of them, and the counts are printed.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { mapLimit } from '../src/util/map-limit';
import { createTestContainer, getEngine, type TestEngine } from '../test/support/engine';
import type { PhaseFigures } from './support/collect-phases';
import { removeBenchContainers } from './support/cleanup';

const CLI = path.resolve(__dirname, '../../bin/residency-audit');
const PRELOAD = path.resolve(__dirname, 'support/collect-phases.js');

/** The docker CLI reading what the docker collector reads; DOCKER_HOST names the engine. */
const REFERENCE = `set -e
docker info >/dev/null
docker version >/dev/null
c=$(docker ps -aq --no-trunc); [ -z "$c" ] || docker inspect $c >/dev/null
i=$(docker images -q --no-trunc); [ -z "$i" ] || docker image inspect $i >/dev/null
for x in $i; do docker history --no-trunc "$x" >/dev/null; done
n=$(docker network ls -q --no-trunc); [ -z "$n" ] || docker network inspect $n >/dev/null
v=$(docker volume ls -q); [ -z "$v" ] || docker volume inspect $v >/dev/null
`;

/** Hardening profiles in rotation, so inspections carry the usual variety (the same as bench/cis-scale.ts). */
function profile(i: number): Docker.ContainerCreateOptions {
  switch (i % 5) {
    case 0:
      return { User: '10001', Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9 }, HostConfig: { CapDrop: ['ALL'], ReadonlyRootfs: true, Tmpfs: { '/tmp': '' }, SecurityOpt: ['no-new-privileges'], Memory: 32 << 20, PidsLimit: 32 } };
    case 1:
      return { Env: [`DATABASE_URL=postgres://app:pw${i}@db${i}.example.com:5432/app`], HostConfig: { CapAdd: ['NET_ADMIN'] } };
    case 2:
      return i % 10 === 2 ? { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } } : {};
    case 3:
      return { HostConfig: { ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'], Memory: 32 << 20, PidsLimit: 32, CpuShares: 512 } };
    default:
      return { HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 10 }, Binds: ['/etc/hostname:/etc/host-name:ro'] } };
  }
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Run a process to its end; resolves with its wall time in ms. Fails on a non-zero exit. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} exited ${code}: ${err.trim().slice(0, 500)}`));
    });
  });
}

interface Size {
  n: number;
  containers: number;
  reference: number[];
  collect: number[];
  phases: PhaseFigures[];
  /** The profiled runs' wall times (the preload's hooks included). */
  profiledWall: number[];
  collectors: Record<string, number[]>;
}

async function measure(engine: TestEngine, n: number, runs: number, work: string): Promise<Size> {
  const env = { ...process.env, DOCKER_HOST: engine.host };
  const out = path.join(work, 'pack');
  const collectArgs = [CLI, 'collect', '--bench', 'off', '--no-dns', '-q', '--out', out, '--docker-host', engine.host];
  const reference = (): Promise<number> => timed('bash', ['-c', REFERENCE], env);
  const collect = (): Promise<number> => timed(process.execPath, collectArgs, env);
  // Warm-up of both (page cache, the engine's own caches); not counted.
  await reference();
  await collect();
  const size: Size = { n, containers: 0, reference: [], collect: [], phases: [], profiledWall: [], collectors: {} };
  for (let r = 0; r < runs; r++) {
    // Alternating, and which goes first alternates too.
    if (r % 2) {
      size.collect.push(await collect());
      size.reference.push(await reference());
    } else {
      size.reference.push(await reference());
      size.collect.push(await collect());
    }
    const docker = JSON.parse(await fs.readFile(path.join(out, 'evidence', 'docker.json'), 'utf8')) as { data?: { containers?: unknown[] } };
    size.containers = docker.data?.containers?.length ?? 0;
    if (size.containers < n) throw new Error(`the evidence holds ${size.containers} containers, fewer than the ${n} created here`);
    for (const c of ['docker', 'host', 'virt', 'residency', 'network']) {
      const f = JSON.parse(await fs.readFile(path.join(out, 'evidence', `${c}.json`), 'utf8')) as { startedAt: string; endedAt: string };
      (size.collectors[c] ??= []).push(Date.parse(f.endedAt) - Date.parse(f.startedAt));
    }
  }
  const phaseFile = path.join(work, 'phases.json');
  for (let r = 0; r < runs; r++) {
    size.profiledWall.push(await timed(process.execPath, ['-r', PRELOAD, ...collectArgs], { ...env, RA_BENCH_PHASES: phaseFile }));
    size.phases.push(JSON.parse(await fs.readFile(phaseFile, 'utf8')) as PhaseFigures);
  }
  return size;
}

const f = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const list = (xs: number[]): string => xs.map((x) => (x / 1000).toFixed(3)).join(' ');

function print(s: Size): void {
  const ref = median(s.reference);
  const ours = median(s.collect);
  const m = (k: keyof PhaseFigures): number => median(s.phases.map((p) => p[k]));
  const wall = median(s.profiledWall);
  // What the process spends outside its own time origin (spawn, exit) counts as node start.
  const outside = median(s.profiledWall.map((w, i) => w - s.phases[i].exitAt));
  process.stdout.write(
    `\n${s.n} containers of ours, ${s.containers} in the engine; load ${loadavg()}\n` +
      `  docker CLI reference  median ${f(ref)}  (runs: ${list(s.reference)})\n` +
      `  residency-audit collect  median ${f(ours)}  (runs: ${list(s.collect)})\n` +
      `  ratio collect / reference: ${(ours / ref).toFixed(2)}\n` +
      `  by collector (evidence timestamps, median): ${Object.entries(s.collectors).map(([c, xs]) => `${c} ${median(xs).toFixed(0)} ms`).join(', ')}\n` +
      `  by phase (median of ${s.phases.length} profiled runs, ${f(wall)} each with the hooks): node start ${(m('nodeStart') + outside).toFixed(0)} ms, ` +
      `module loading ${m('moduleLoading').toFixed(0)} ms, engine requests in flight ${m('engineRequests').toFixed(0)} ms (${m('requests').toFixed(0)} requests), ` +
      `evidence writing and hashing ${m('evidenceWriting').toFixed(0)} ms\n`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: number): number => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : dflt;
  };
  const runs = opt('--runs', 5);
  const settle = opt('--settle', 10);
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')).map(Number).sort((a, b) => a - b);
  if (!sizes.length) sizes.push(100, 500);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${args[args.indexOf('--runs') + 1]}`);
  await promisify(execFile)('docker', ['--version']).catch(() => {
    throw new Error('the docker CLI is needed for the reference: install docker.io (scripts/setup.sh does)');
  });
  if (!process.env.RA_TEST_DOCKER_HOST && process.env.DOCKER_HOST?.startsWith('unix://')) process.env.RA_TEST_DOCKER_HOST = process.env.DOCKER_HOST;
  const st = await getEngine();
  if (!st.engine) throw new Error(`no engine: ${st.why}`);
  const engine = st.engine;
  const work = mkdtempSync(path.join(os.tmpdir(), 'ra-bench-engine-'));
  const stop = (): void => void removeBenchContainers(engine, work).finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let created = 0;
  const results: Size[] = [];
  try {
    process.stdout.write(`engine ${engine.host}; ${runs} runs per size, alternating; ${os.cpus().length} CPUs; load ${loadavg()}\n`);
    for (const n of sizes) {
      const t = Date.now();
      await mapLimit(Array.from({ length: n - created }, (_, k) => created + k), 6, (i) => createTestContainer(engine, `vsengine${i}`, profile(i), { start: true }));
      process.stdout.write(`\n${n - created} containers created and started in ${((Date.now() - t) / 1000).toFixed(1)} s; settling ${settle} s\n`);
      created = n;
      await new Promise((r) => setTimeout(r, settle * 1000));
      const s = await measure(engine, n, runs, work);
      results.push(s);
      print(s);
    }
    if (results.length > 1) {
      const [a, b] = [results[0], results[results.length - 1]];
      process.stdout.write(
        `\ngrowth ${b.n}/${a.n} containers of ours (${b.containers}/${a.containers} in the engine): collect ×${(median(b.collect) / median(a.collect)).toFixed(2)}, ` +
          `docker CLI ×${(median(b.reference) / median(a.reference)).toFixed(2)}\n`,
      );
    }
  } finally {
    process.stdout.write(`\nremoving the ${created} containers of this run …\n`);
    await removeBenchContainers(engine, work);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
