/**
 * Residency collector + checks on synthetic docker evidence with N distinct endpoints (default 1,000):
 * time per stage and peak memory of the whole process. Names resolve through a static map of public
 * addresses (no DNS traffic); geolocation uses geoip-lite's data (or --geoip-db FILE).
 *   npm run build && node dist/bench/residency-endpoints.js [N=1000] [--geoip-db FILE] [--compare-geoip-lite]
 * --compare-geoip-lite also measures, in a child process, what require('geoip-lite') itself costs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { evaluateChecks } from '../src/checks/evaluate';
import { residencyChecks } from '../src/checks/residency';
import { residencyCollector } from '../src/collectors/residency';
import type { ContainerInspect, DockerEvidence } from '../src/evidence/types/docker';
import type { EvidenceFile } from '../src/evidence/types';
import type { ResidencyEvidence } from '../src/evidence/types/residency';
import { staticResolver } from '../src/residency/resolver';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** N endpoints: per container two env URLs, one syslog destination and one NFS volume, all distinct hosts. */
function synthetic(n: number): { docker: DockerEvidence; hosts: Record<string, string[]> } {
  const hosts: Record<string, string[]> = {};
  const containers: ContainerInspect[] = [];
  const volumes: DockerEvidence['volumes'] = [];
  let x = 7;
  const publicIp = () => {
    // Deterministic spread over 1.0.0.0–223.255.255.255, skipping private and special ranges.
    for (;;) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const a = 1 + (x >>> 24) % 223;
      if ([10, 100, 127, 169, 172, 192, 198, 203].includes(a)) continue;
      return `${a}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${(x & 255) || 1}`;
    }
  };
  for (let i = 0; containers.length * 4 < n; i++) {
    const h = (k: string) => {
      const name = `${k}${i}.bench.example`;
      hosts[name] = [publicIp()];
      return name;
    };
    containers.push({
      Id: `${String(i).padStart(12, '0')}${'b'.repeat(52)}`,
      Name: `/bench-${i}`,
      State: { Status: 'running' },
      HostConfig: { LogConfig: { Type: 'syslog', Config: { 'syslog-address': `tcp://${h('log')}:514` } } },
      Config: { Image: 'ra-test/busybox:latest', Env: [`DATABASE_URL=postgres://${h('db')}:5432`, `API=https://${h('api')}`], Cmd: ['sleep', '3600'] },
      Mounts: [{ Type: 'volume', Name: `vol-${i}` }],
    });
    volumes.push({ Name: `vol-${i}`, Driver: 'local', Options: { type: 'nfs', o: `addr=${h('nfs')},rw`, device: ':/export' } });
  }
  const docker: DockerEvidence = {
    endpoint: 'unix:///var/run/docker.sock',
    version: { Version: 'bench' },
    info: { ID: 'BENCH' },
    containers,
    images: [],
    networks: [],
    volumes,
    swarm: null,
  };
  return { docker, hosts };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const geoipDb = args.includes('--geoip-db') ? args[args.indexOf('--geoip-db') + 1] : undefined;
  const rssStart = process.memoryUsage().rss;

  const t0 = process.hrtime.bigint();
  const { docker, hosts } = synthetic(n);
  const dockerFile: EvidenceFile<DockerEvidence> = { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: 'bench', startedAt: '', endedAt: '', host: { hostname: 'bench', engineId: 'BENCH' }, status: 'ok', data: docker };
  const t1 = process.hrtime.bigint();
  const out = await residencyCollector.collect({
    hostRoot: '/nonexistent',
    earlier: { docker: dockerFile },
    log: () => undefined,
    signal: new AbortController().signal,
    options: { residency: { resolver: staticResolver(hosts), hostAddresses: [], geoipDb, config: { host: { country: 'NO' } } } },
  });
  const t2 = process.hrtime.bigint();
  if (out.status === 'failed') throw new Error(out.error);
  const data = out.data!;
  const file: EvidenceFile<ResidencyEvidence> = { ...dockerFile, collector: 'residency', data };
  const findings = evaluateChecks(residencyChecks, { residency: file }, { now: new Date().toISOString() });
  const t3 = process.hrtime.bigint();
  const json = JSON.stringify(file);
  const t4 = process.hrtime.bigint();

  const ms = (a: bigint, b: bigint) => `${(Number(b - a) / 1e6).toFixed(0)} ms`;
  const countries = new Set(data.endpoints.flatMap((e) => e.addresses.map((a) => a.country)).filter(Boolean));
  const peak = process.resourceUsage().maxRSS * 1024;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(
    [
      `residency, ${data.endpoints.length} endpoints (${Object.keys(hosts).length} names resolved, ${countries.size} countries), node ${process.version}`,
      `  synthetic evidence        ${ms(t0, t1)}`,
      `  collect (discover, resolve, geolocate) ${ms(t1, t2)}, of which geolocation database load ${data.geolocation?.loadMs ?? 0} ms (${data.geolocation?.description ?? 'none'})`,
      `  evaluate ${residencyChecks.length} checks           ${ms(t2, t3)} → ${findings.length} findings`,
      `  evidence JSON             ${ms(t3, t4)}, ${mb(json.length)}`,
      `  total                     ${ms(t0, t4)}`,
      `  RSS at start ${mb(rssStart)}, peak RSS (maxRSS) ${mb(peak)}, heap used now ${mb(process.memoryUsage().heapUsed)}`,
      `  load average ${load}`,
    ].join('\n') + '\n',
  );

  if (args.includes('--compare-geoip-lite')) {
    // What geoip-lite's own loader costs (it reads the city files), in a clean process.
    const script = "const t=process.hrtime.bigint();require('geoip-lite');const ms=Number(process.hrtime.bigint()-t)/1e6;console.log(JSON.stringify({ms,peak:process.resourceUsage().maxRSS*1024}))";
    const r = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' })) as { ms: number; peak: number };
    const base = JSON.parse(execFileSync(process.execPath, ['-e', 'console.log(JSON.stringify({peak:process.resourceUsage().maxRSS*1024}))'], { encoding: 'utf8' })) as { peak: number };
    process.stdout.write(`  for comparison: require('geoip-lite') alone takes ${r.ms.toFixed(0)} ms, peak RSS ${mb(r.peak)} (empty node process: ${mb(base.peak)})\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
