/**
 * Residency collector + checks on synthetic docker evidence with N distinct endpoints (default 1,000):
 * time per stage, the geolocation sources' load and lookup cost, and peak memory of the whole process.
 * Names resolve through a static map of public addresses (no DNS traffic).
 *
 *   npm run build && node dist/bench/residency-endpoints.js [N=1000] [--geoip-db FILE]... [--compare]
 *
 * By default every address is looked up in every source (geoip-lite, geoip-country, DB-IP Lite).
 * --compare also runs the same N endpoints in clean child processes with geoip-lite alone (what the
 * tool did before it had several sources) and with every source, so the cost of the extra sources is
 * measured process against process; it also times require('geoip-lite') itself.
 * --one-source: geoip-lite alone in this process (used by --compare).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { evaluateChecks } from '../src/checks/evaluate';
import { residencyChecks } from '../src/checks/residency';
import { residencyCollector } from '../src/collectors/residency';
import type { ContainerInspect, DockerEvidence } from '../src/evidence/types/docker';
import type { EvidenceFile } from '../src/evidence/types';
import type { ResidencyEvidence } from '../src/evidence/types/residency';
import { geoSetOf, geoSources, loadGeoipLiteCountry, type GeoSet } from '../src/residency/geo';
import { parseIp } from '../src/residency/ip-address';
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

/** Lookup cost per address per source, and for all sources together, over the bench's addresses. */
function lookupCost(set: GeoSet, ips: string[]): string[] {
  const parsed = ips.map((i) => parseIp(i)!);
  const rounds = 20;
  const per = (fn: (i: number) => unknown) => {
    const t = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < parsed.length; i++) fn(i);
    return Number(process.hrtime.bigint() - t) / 1e3 / (rounds * parsed.length);
  };
  const lines = set.sources.map((s) => `    ${s.info.id.padEnd(22)} load ${String(s.info.loadMs).padStart(6)} ms, lookup ${per((i) => s.lookup(parsed[i])).toFixed(2)} µs/address`);
  lines.push(`    all ${set.sources.length} (consensus)        lookup ${per((i) => set.lookup(parsed[i])).toFixed(2)} µs/address → ${(per((i) => set.lookup(parsed[i])) * ips.length / 1000).toFixed(1)} ms for ${ips.length} addresses`);
  return lines;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const geoipDb = args.flatMap((a, i) => (a === '--geoip-db' ? [args[i + 1]] : []));
  const oneSource = args.includes('--one-source');
  const json = args.includes('--json');
  const rssStart = process.memoryUsage().rss;

  const t0 = process.hrtime.bigint();
  const { docker, hosts } = synthetic(n);
  const dockerFile: EvidenceFile<DockerEvidence> = { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: 'bench', startedAt: '', endedAt: '', host: { hostname: 'bench', engineId: 'BENCH' }, status: 'ok', data: docker };
  // Lazy, as in a run: the collector loads the sources on the first public address.
  let set: GeoSet | null = null;
  const geo = (): GeoSet => (set ??= oneSource ? geoSetOf([loadGeoipLiteCountry()]) : geoSources(geoipDb));
  const t1 = process.hrtime.bigint();
  const out = await residencyCollector.collect({
    hostRoot: '/nonexistent',
    earlier: { docker: dockerFile },
    log: () => undefined,
    signal: new AbortController().signal,
    options: { residency: { resolver: staticResolver(hosts), hostAddresses: [], get geo() { return geo(); }, config: { host: { country: 'NO' } } } },
  });
  const t2 = process.hrtime.bigint();
  if (out.status === 'failed') throw new Error(out.error);
  const data = out.data!;
  const file: EvidenceFile<ResidencyEvidence> = { ...dockerFile, collector: 'residency', data };
  const findings = evaluateChecks(residencyChecks, { residency: file }, { now: new Date().toISOString() });
  const t3 = process.hrtime.bigint();
  const text = JSON.stringify(file);
  const t4 = process.hrtime.bigint();
  const peak = process.resourceUsage().maxRSS * 1024;

  const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
  const addrs = data.endpoints.flatMap((e) => e.addresses);
  const status = new Map<string, number>();
  for (const a of addrs) if (a.geoStatus) status.set(a.geoStatus, (status.get(a.geoStatus) ?? 0) + 1);
  const loadMs = (data.geolocationSources ?? []).reduce((sum, s) => sum + s.loadMs, 0);
  if (json) {
    process.stdout.write(`${JSON.stringify({ sources: data.geolocationSources?.map((s) => s.id), collectMs: ms(t1, t2), loadMs, peak })}\n`);
    return;
  }
  const countries = new Set(addrs.map((a) => a.country).filter(Boolean));
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(
    [
      `residency, ${data.endpoints.length} endpoints (${Object.keys(hosts).length} names resolved, ${countries.size} countries), node ${process.version}`,
      `  synthetic evidence        ${ms(t0, t1).toFixed(0)} ms`,
      `  collect (discover, resolve, geolocate) ${ms(t1, t2).toFixed(0)} ms, of which loading ${data.geolocationSources?.length ?? 0} geolocation source(s) ${loadMs.toFixed(1)} ms`,
      `  geolocation per address: ${[...status].map(([k, v]) => `${v} ${k}`).join(', ')}`,
      `  evaluate ${residencyChecks.length} checks           ${ms(t2, t3).toFixed(0)} ms → ${findings.length} findings`,
      `  evidence JSON             ${ms(t3, t4).toFixed(0)} ms, ${mb(text.length)}`,
      `  total                     ${ms(t0, t4).toFixed(0)} ms`,
      `  RSS at start ${mb(rssStart)}, peak RSS (maxRSS) ${mb(peak)}, heap used now ${mb(process.memoryUsage().heapUsed)}`,
      `  sources (build date):     ${(data.geolocationSources ?? []).map((s) => `${s.id} ${s.buildDate ?? '?'}`).join(', ')}`,
      `  lookup cost (in memory, ${addrs.length} addresses × 20):`,
      ...lookupCost(set!, addrs.map((a) => a.ip)),
      `  load average ${load}`,
    ].join('\n') + '\n',
  );

  if (args.includes('--compare')) {
    // Clean processes, so peak RSS is each configuration's own.
    const child = (extra: string[]) => JSON.parse(execFileSync(process.execPath, [__filename, String(n), '--json', ...extra], { encoding: 'utf8' })) as { sources: string[]; collectMs: number; loadMs: number; peak: number };
    const fmt = (r: ReturnType<typeof child>) => `collect ${r.collectMs.toFixed(0)} ms (sources load ${r.loadMs.toFixed(0)} ms), peak RSS ${mb(r.peak)}`;
    const one = child(['--one-source']);
    const all = child(geoipDb.flatMap((f) => ['--geoip-db', f]));
    process.stdout.write(`  clean process, geoip-lite only (before several sources): ${fmt(one)}\n`);
    process.stdout.write(`  clean process, ${all.sources.join(' + ')}: ${fmt(all)}\n`);
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
