/**
 * The real Docker engine the tests run against.
 *
 * - RA_TEST_DOCKER_HOST names an engine that is already running (two engines on one machine collide
 *   on docker0 and its iptables chains, so a second one must not be started); or
 * - a private dockerd is started here with its own data-root, exec-root, pidfile and unix socket in a
 *   temp folder, and stopped at the end of the run (also when tests fail);
 * - the test image `ra-test/busybox:latest` is imported from busybox-static (no registry is reachable).
 *
 * Under CI=true a missing engine fails the run; elsewhere engine tests are skipped with the reason.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const run = promisify(execFile);

export const TEST_IMAGE = 'ra-test/busybox:latest';
/** Every container/volume a test creates carries this label, so cleanup finds exactly ours. */
export const TEST_LABEL = 'org.residency-audit.test';

export interface TestEngine {
  docker: Docker;
  /** unix:///… address, as a user would pass to --docker-host. */
  host: string;
  image: string;
  /** Unique per test run: the label value on everything this run created. */
  runId: string;
}

interface EngineState {
  engine: TestEngine | null;
  /** Why there is no engine (shown when tests skip). */
  why?: string;
  child?: ChildProcess;
  root?: string;
}

let state: EngineState | undefined;
let starting: Promise<EngineState> | undefined;

function busyboxPath(): string | null {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(p)) return p;
  return null;
}

async function waitForPing(docker: Docker, ms: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`dockerd exited with code ${child.exitCode}`);
    try {
      await docker.ping();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`engine did not answer within ${ms} ms: ${(last as Error)?.message}`);
}

/** Import a tiny busybox image (sh, sleep, ps, …) from busybox-static; idempotent. */
export async function ensureImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return;
  } catch {
    /* import below */
  }
  const bb = busyboxPath();
  if (!bb) throw new Error('busybox-static is not installed (apt-get install -y busybox-static)');
  const root = mkdtempSync(path.join(os.tmpdir(), 'ra-img-'));
  try {
    for (const d of ['bin', 'tmp', 'etc', 'proc', 'sys', 'dev', 'run']) await fs.mkdir(path.join(root, 'fs', d), { recursive: true });
    await fs.copyFile(bb, path.join(root, 'fs/bin/busybox'));
    await fs.chmod(path.join(root, 'fs/bin/busybox'), 0o755);
    for (const a of ['sh', 'sleep', 'ps', 'ls', 'cat', 'echo', 'true', 'id', 'nc', 'httpd', 'wget']) await fs.symlink('busybox', path.join(root, 'fs/bin', a));
    await fs.writeFile(path.join(root, 'fs/etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n');
    await run('tar', ['-C', path.join(root, 'fs'), '-cf', path.join(root, 'img.tar'), '.']);
    const stream = (await import('node:fs')).createReadStream(path.join(root, 'img.tar'));
    const [repo, tag] = TEST_IMAGE.split(':');
    const importImage = docker.importImage.bind(docker) as unknown as (s: NodeJS.ReadableStream, o: object) => Promise<NodeJS.ReadableStream>;
    const out = await importImage(stream, { repo, tag });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(out, (err) => (err ? reject(err) : resolve())));
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function startPrivateDockerd(): Promise<EngineState> {
  let dockerd: string;
  try {
    dockerd = (await run('sh', ['-c', 'command -v dockerd'])).stdout.trim();
  } catch {
    return { engine: null, why: 'dockerd is not installed (apt-get install -y docker.io busybox-static), and RA_TEST_DOCKER_HOST names no running engine' };
  }
  await sweepDeadEngineRoots();
  // Short path: containerd's sockets under exec-root must fit in 108 bytes.
  const root = mkdtempSync('/tmp/ra-eng-');
  const sock = path.join(root, 'docker.sock');
  const log = await fs.open(path.join(root, 'dockerd.log'), 'w');
  const child = spawn(dockerd, [
    '--data-root', path.join(root, 'data'), '--exec-root', path.join(root, 'exec'), '--pidfile', path.join(root, 'dockerd.pid'),
    '-H', `unix://${sock}`, '--containerd-namespace', 'ra-test', '--containerd-plugins-namespace', 'ra-test-plugins',
  ], { stdio: ['ignore', log.fd, log.fd], detached: false });
  const docker = new Docker({ socketPath: sock });
  try {
    await waitForPing(docker, 60_000, child);
  } catch (err) {
    child.kill('SIGTERM');
    const tail = (await fs.readFile(path.join(root, 'dockerd.log'), 'utf8').catch(() => '')).split('\n').slice(-8).join('\n');
    await log.close();
    return { engine: null, why: `private dockerd did not start: ${(err as Error).message}\n${tail}` };
  }
  await log.close();
  // A run that exits without teardownEngine (mocha --exit without the global hooks) must not leave the engine running.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  return { engine: { docker, host: `unix://${sock}`, image: TEST_IMAGE, runId: `run-${process.pid}-${Date.now()}` }, child, root };
}

/** Folders of private engines whose dockerd no longer runs (a run killed before its teardown): removed. */
async function sweepDeadEngineRoots(): Promise<void> {
  for (const name of await fs.readdir('/tmp').catch(() => [] as string[])) {
    if (!name.startsWith('ra-eng-')) continue;
    const root = path.join('/tmp', name);
    const pid = Number((await fs.readFile(path.join(root, 'dockerd.pid'), 'utf8').catch(() => '')).trim());
    if (pid > 0 && existsSync(`/proc/${pid}`)) continue;
    // No pidfile: its dockerd stopped (it removes the file), or another run's is still starting (young folder).
    const age = Date.now() - ((await fs.stat(root).catch(() => null))?.mtimeMs ?? Date.now());
    if (!(pid > 0) && age < 10 * 60_000) continue;
    await fs.rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function start(): Promise<EngineState> {
  const named = process.env.RA_TEST_DOCKER_HOST;
  let st: EngineState;
  if (named) {
    const socketPath = named.replace(/^unix:\/\//, '');
    const docker = new Docker({ socketPath });
    try {
      await waitForPing(docker, 10_000);
      st = { engine: { docker, host: `unix://${socketPath}`, image: TEST_IMAGE, runId: `run-${process.pid}-${Date.now()}` } };
    } catch (err) {
      st = { engine: null, why: `RA_TEST_DOCKER_HOST=${named} does not answer: ${(err as Error).message}` };
    }
  } else {
    st = await startPrivateDockerd();
  }
  if (st.engine) {
    try {
      await ensureImage(st.engine.docker);
    } catch (err) {
      st = { ...st, engine: null, why: `cannot import the test image: ${(err as Error).message}` };
    }
  }
  return st;
}

/** The engine, starting it on first use. */
export async function getEngine(): Promise<EngineState> {
  if (state) return state;
  starting ??= start().then((s) => (state = s));
  return starting;
}

/**
 * For a test or hook that needs the engine: returns it, skips the test when there is none, and
 * fails under CI=true (a missing engine in CI is a failure, not a skip).
 */
export async function requireEngine(ctx: Mocha.Context): Promise<TestEngine> {
  ctx.timeout(Math.max(ctx.timeout(), 120_000));
  const st = await getEngine();
  if (st.engine) return st.engine;
  if (process.env.CI === 'true') throw new Error(`no Docker engine for the tests under CI=true: ${st.why}`);
  ctx.skip();
  throw new Error('unreachable');
}

/**
 * Create (and optionally start) a labelled container; removed at the end of the run.
 * Name is prefixed `ra-t-` and suffixed with the run id so parallel runs do not collide.
 */
export async function createTestContainer(
  engine: TestEngine,
  name: string,
  options: Docker.ContainerCreateOptions = {},
  { start = false }: { start?: boolean } = {},
): Promise<Docker.Container> {
  const c = await engine.docker.createContainer({
    Image: engine.image,
    Cmd: ['sleep', '3600'],
    ...options,
    name: `ra-t-${name}-${engine.runId.slice(-6)}`,
    Labels: { ...(options.Labels ?? {}), [TEST_LABEL]: engine.runId },
  });
  if (start) await c.start();
  return c;
}

/** Remove everything this run created; stop the private engine if this run started it. */
export async function teardownEngine(): Promise<void> {
  if (!state?.engine) return;
  const { docker, runId } = state.engine;
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${runId}`] });
  try {
    const cs = await docker.listContainers({ all: true, filters });
    await Promise.all(cs.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
    const vs = await docker.listVolumes({ filters });
    await Promise.all((vs.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
  } catch {
    /* best effort: the engine may be gone */
  }
  if (state.child) {
    const child = state.child;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (state.root) await fs.rm(state.root, { recursive: true, force: true }).catch(() => undefined);
  }
  state = undefined;
  starting = undefined;
}
