/**
 * CIS Docker Benchmark at scale: creates running containers on the real engine, then times
 * collection (docker + host collectors) plus evaluation of every CIS check, at each size given.
 * Sizes are cumulative: `100 500` measures at 100 running containers, adds 400, measures again.
 *
 *   npm run build && node dist/bench/cis-scale.js [N...=100] [--runs R=3] [--settle S=10]
 *
 * --settle waits S seconds after starting the containers, so the first samples do not compete with
 * the engine still starting them (the load average is printed with every figure either way).
 *
 * Engine: RA_TEST_DOCKER_HOST or DOCKER_HOST (unix://), else a private dockerd from the test harness.
 * Everything created is labelled and removed at the end (also on Ctrl-C).
 * Reference (docker-bench-security 1.6.0 on this kind of machine): ~1 s per running container,
 * 108 s for section 5 with 100 containers, 154 s for a full run. Target here: < 1 s for 100, linear.
 */
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { cisChecks } from '../src/checks/cis';
import { evaluateChecks, type LoadedEvidence } from '../src/checks/evaluate';
import { dockerCollector } from '../src/collectors/docker';
import { hostCollector } from '../src/collectors/host';
import { runCollector } from '../src/collectors/run';
import type { CollectContext } from '../src/collectors/types';
import { mapLimit } from '../src/util/map-limit';
import { createTestContainer, getEngine, teardownEngine, TEST_LABEL, type TestEngine } from '../test/support/engine';

/** Hardening profiles, in rotation, like the docker-bench measurement in the reference notes. */
function profile(i: number): Docker.ContainerCreateOptions {
  switch (i % 5) {
    case 0: // fully hardened
      return { User: '10001', Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9 }, HostConfig: { CapDrop: ['ALL'], ReadonlyRootfs: true, Tmpfs: { '/tmp': '' }, SecurityOpt: ['no-new-privileges'], Memory: 32 << 20, MemorySwap: 32 << 20, NanoCpus: 2e8, PidsLimit: 32, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } } };
    case 1: // extra capabilities
      return { HostConfig: { CapAdd: ['NET_ADMIN', 'SYS_PTRACE'] } };
    case 2: // plain defaults, every 10th with a loopback port
      return i % 10 === 2 ? { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } } : {};
    case 3: // limits, read-only, no-new-privileges
      return { HostConfig: { ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'], Memory: 32 << 20, PidsLimit: 32, CpuShares: 512 } };
    default: // restart loop, SYS_ADMIN, read-only volume
      return { HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 10 }, CapAdd: ['SYS_ADMIN'], Binds: ['/etc/hostname:/etc/host-name:ro'] } };
  }
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

interface Sample {
  docker: number;
  host: number;
  evaluate: number;
  total: number;
  findings: number;
  containers: number;
}

async function measure(engine: TestEngine, execChecks: boolean): Promise<Sample> {
  const ctx: CollectContext = { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: { host: { execChecks } } };
  const t0 = process.hrtime.bigint();
  ctx.earlier.docker = (await runCollector(dockerCollector, ctx)) as LoadedEvidence['docker'];
  const docker = ms(t0);
  const t1 = process.hrtime.bigint();
  ctx.earlier.host = (await runCollector(hostCollector, ctx)) as LoadedEvidence['host'];
  const host = ms(t1);
  if (ctx.earlier.docker?.status === 'failed') throw new Error(ctx.earlier.docker.error);
  const t2 = process.hrtime.bigint();
  const findings = evaluateChecks(cisChecks, ctx.earlier, { now: new Date().toISOString() });
  const evaluate = ms(t2);
  return { docker, host, evaluate, total: ms(t0), findings: findings.length, containers: ctx.earlier.docker?.data?.containers.length ?? 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const settleAt = args.indexOf('--settle');
  const settle = settleAt >= 0 ? Number(args[settleAt + 1]) : 10;
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs' && args[i - 1] !== '--settle').map(Number).sort((a, b) => a - b);
  if (!sizes.length) sizes.push(100);
  if (!process.env.RA_TEST_DOCKER_HOST && process.env.DOCKER_HOST?.startsWith('unix://')) process.env.RA_TEST_DOCKER_HOST = process.env.DOCKER_HOST;
  const st = await getEngine();
  if (!st.engine) throw new Error(`no engine: ${st.why}`);
  const engine = st.engine;
  const stop = () => void cleanup(engine).finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let created = 0;
  try {
    process.stdout.write(`engine ${engine.host}; runs per size ${runs}; load before ${loadavg()}\n`);
    for (const n of sizes) {
      const t = Date.now();
      await mapLimit(Array.from({ length: n - created }, (_, k) => created + k), 6, (i) => createTestContainer(engine, `cisbench${i}`, profile(i), { start: true }));
      process.stdout.write(`\n${n} running containers of ours (${n - created} created and started in ${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
      created = n;
      await new Promise((r) => setTimeout(r, settle * 1000));
      await measure(engine, false); // warm-up: first connection, JIT
      for (const exec of [false, true]) {
        const samples: Sample[] = [];
        for (let r = 0; r < runs; r++) samples.push(await measure(engine, exec));
        const m = (k: keyof Sample) => median(samples.map((s) => s[k]));
        process.stdout.write(
          `  ${exec ? 'with --exec-checks' : 'default           '}: total ${m('total').toFixed(0)} ms (docker ${m('docker').toFixed(0)}, host ${m('host').toFixed(0)}, evaluate ${m('evaluate').toFixed(0)}) ` +
            `median of ${runs}, min ${Math.min(...samples.map((s) => s.total)).toFixed(0)}, max ${Math.max(...samples.map((s) => s.total)).toFixed(0)}; ` +
            `${samples[0].containers} containers in engine, ${samples[0].findings} findings; load ${loadavg()}\n`,
        );
      }
    }
  } finally {
    process.stdout.write(`\nremoving ${created} containers …\n`);
    await cleanup(engine);
  }
}

/** Remove ours a few at a time (the engine dislikes hundreds of parallel removals), then the harness's teardown. */
async function cleanup(engine: TestEngine): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${engine.runId}`] });
  const ours = await engine.docker.listContainers({ all: true, filters }).catch(() => []);
  await mapLimit(ours, 8, (c) => engine.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
  await teardownEngine();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
