/**
 * Times the docker collector against a real engine with N running containers.
 *   npm run build && node dist/bench/collect-containers.js [N=100] [runs=5]
 * Engine: RA_TEST_DOCKER_HOST or DOCKER_HOST (unix://), else a private dockerd started by the test harness.
 * docker-bench-security needs ~100 s for 100 running containers on this kind of machine (reference doc).
 */
import { dockerCollector } from '../src/collectors/docker';
import { mapLimit } from '../src/util/map-limit';
import { createTestContainer, getEngine, teardownEngine } from '../test/support/engine';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100);
  const runs = Number(process.argv[3] ?? 5);
  if (!process.env.RA_TEST_DOCKER_HOST && process.env.DOCKER_HOST?.startsWith('unix://')) process.env.RA_TEST_DOCKER_HOST = process.env.DOCKER_HOST;
  const st = await getEngine();
  if (!st.engine) throw new Error(`no engine: ${st.why}`);
  const engine = st.engine;
  try {
    const t0 = Date.now();
    await mapLimit(Array.from({ length: n }, (_, i) => i), 8, (i) =>
      createTestContainer(engine, `bench${i}`, {
        Env: [`DATABASE_URL=postgres://app:pw${i}@db${i}.example.com:5432/app`],
        HostConfig: i % 2 ? { ReadonlyRootfs: true, CapDrop: ['ALL'], PidsLimit: 64, Memory: 64 * 1024 * 1024 } : { CapAdd: ['NET_ADMIN'] },
      }, { start: true }));
    process.stdout.write(`created and started ${n} containers in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const ctx = { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} };
    const times: number[] = [];
    let containers = 0;
    for (let r = 0; r < runs; r++) {
      const s = process.hrtime.bigint();
      const out = await dockerCollector.collect(ctx);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (out.status === 'failed') throw new Error(out.error);
      containers = out.data!.containers.length;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    process.stdout.write(
      `docker collector, ${containers} containers in engine (${n} created here), ${runs} runs: ` +
        `first ${times[0].toFixed(0)} ms, median ${sorted[Math.floor(runs / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[runs - 1].toFixed(0)} ms; load ${load}\n`,
    );
  } finally {
    await teardownEngine();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
