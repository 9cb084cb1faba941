/**
 * Render time and peak memory of the audit pack at scale: synthetic evidence of N containers
 * (default 1,000, varied hardening) and N endpoints (countries across EEA, adequate and third
 * countries, internal and unresolved), evaluated by every registered check, then rendered to
 * HTML and PDF. Prints seconds per phase, sizes, peak RSS and the load average.
 *
 *   npm run build && node dist/bench/pack-1000.js [N] [--keep DIR] [--browser]
 *
 * --browser also opens the HTML in headless Chromium (playwright-core + Debian chromium) and times
 * the load and one filter change, to show the page stays usable at this size.
 * Target (issue #7): under 10 s and 500 MB for both formats together.
 */
import { existsSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContainerInspect, DockerEvidence } from '../src/evidence/types/docker';
import type { EvidenceFile, LoadedEvidence, ResidencyEvidence } from '../src/evidence/types';
import { buildFindings } from '../src/pipeline/evaluate';
import { buildModel, renderPack } from '../src/render';
import { PROJECT_ROOT } from '../src/version';
import { storageEvidence, virtEvidence } from '../test/render/fixture';

const NOW = '2026-11-23T12:00:00.000Z';
const COUNTRIES = ['NO', 'NO', 'SE', 'DE', 'FI', 'IE', 'NL', 'US', 'JP', 'GB', 'CH', 'CN', 'IN', 'BR', 'SG'];
const CAPS = [[], ['NET_BIND_SERVICE'], ['SYS_ADMIN'], ['NET_ADMIN', 'SYS_PTRACE'], ['CHOWN']];

function envelope<T>(collector: string, data: T): EvidenceFile<T> {
  return { schemaVersion: '1.0.0', collector, collectorVersion: '1.0.0', startedAt: '2026-11-23T11:50:00Z', endedAt: '2026-11-23T11:51:00Z', host: { hostname: 'bench-host', engineId: 'BENCH:ID' }, status: 'ok', data };
}

export function containers(n: number): ContainerInspect[] {
  const base = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/docker/container-default.json'), 'utf8')) as ContainerInspect;
  const out: ContainerInspect[] = [];
  for (let i = 0; i < n; i++) {
    const id = (i.toString(16).padStart(8, '0') + 'c0ffee').repeat(5).slice(0, 64);
    const state = i % 7 === 0 ? 'exited' : i % 11 === 0 ? 'created' : 'running';
    out.push({
      ...base,
      Id: id,
      Name: `/shop-${['web', 'api', 'worker', 'db', 'cache'][i % 5]}-${i}`,
      State: { ...base.State, Status: state, Running: state === 'running' },
      HostConfig: {
        ...base.HostConfig,
        Privileged: i % 25 === 0,
        ReadonlyRootfs: i % 3 === 0,
        CapAdd: CAPS[i % CAPS.length],
        CapDrop: i % 4 === 0 ? ['ALL'] : [],
        PidsLimit: i % 2 === 0 ? 256 : null,
        Memory: i % 2 === 0 ? 536870912 : 0,
        NetworkMode: i % 40 === 0 ? 'host' : 'bridge',
        PortBindings: i % 5 === 0 ? { '8080/tcp': [{ HostIp: i % 10 === 0 ? '' : '127.0.0.1', HostPort: String(10000 + i) }] } : {},
        RestartPolicy: { Name: ['always', 'on-failure', 'unless-stopped', 'no'][i % 4], MaximumRetryCount: i % 4 === 1 ? 3 : 0 },
      },
      Mounts: i % 50 === 0 ? [{ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', Mode: '', RW: true, Propagation: 'rprivate' }] : [],
      Config: { ...base.Config, User: i % 3 === 0 ? '1000' : '', Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': `svc-${i % 50}` } },
    });
  }
  return out;
}

export function residency(n: number): ResidencyEvidence {
  const endpoints: ResidencyEvidence['endpoints'] = [];
  for (let i = 0; i < n; i++) {
    const internal = i % 9 === 0;
    const unresolved = i % 13 === 0;
    const country = COUNTRIES[i % COUNTRIES.length];
    const host = internal ? `10.${(i >> 8) & 255}.${i & 255}.5` : `svc${i}.${country.toLowerCase()}.example.com`;
    const ip = internal ? host : `198.51.${(i >> 8) & 255}.${i & 255}`;
    endpoints.push({
      id: `${host}:443`,
      host,
      port: 443,
      scheme: 'https',
      kinds: [i % 4 === 0 ? 'volume' : i % 4 === 1 ? 'logging' : 'env'],
      foundIn: [{ kind: 'env', object: { type: 'container', id: String(i), name: `shop-api-${i}` }, field: 'Env UPSTREAM_URL', value: `https://${host}:443` }],
      resolution: unresolved ? { method: 'dns', addresses: [], error: 'NXDOMAIN' } : { method: internal ? 'literal' : 'dns', addresses: [ip] },
      addresses: unresolved ? [] : [{ ip, family: 4, range: internal ? 'private' : 'public', internal, country: internal ? null : country, geoSource: internal ? null : 'geoip-lite' }],
    });
  }
  return {
    endpoints,
    hostAddressSource: 'bench',
    geolocation: { kind: 'geoip-lite', description: 'geoip-lite 1.4.10 (GeoLite2-Country 2023-11-15)', files: [], buildDate: '2023-11-15', buildDateSource: 'checksum-file', version: '1.4.10', licence: 'GeoLite2 data created by MaxMind', loadMs: 0 },
    resolver: { mode: 'injected', hostsFile: null, timeoutMs: 1000 },
    declared: null,
    jurisdictionTableReviewed: '2026-11-01',
  };
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

async function browserCheck(file: string): Promise<string> {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  let pw: { chromium: { launch(o: object): Promise<{ newPage(): Promise<{ goto(u: string, o: object): Promise<unknown>; evaluate<T>(f: () => T): Promise<T>; locator(s: string): { uncheck(): Promise<void> }; waitForFunction(f: () => boolean): Promise<unknown> }>; close(): Promise<void> }> } };
  try {
    pw = require('playwright-core');
  } catch {
    return 'browser: playwright-core not installed';
  }
  if (!chromium) return 'browser: chromium not installed';
  const browser = await pw.chromium.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const t0 = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const load = Date.now() - t0;
    const t1 = Date.now();
    await page.locator('input[name="o"][value="pass"]').uncheck();
    await page.waitForFunction(() => true);
    const filter = Date.now() - t1;
    return `browser: load event ${(load / 1000).toFixed(2)} s, first filter change (indexes every row) ${(filter / 1000).toFixed(2)} s`;
  } finally {
    await browser.close();
  }
}

/** The synthetic evidence of N containers and N endpoints (also used by bench/interop-export.ts). */
export function syntheticEvidence(n: number): LoadedEvidence {
  const docker: DockerEvidence = {
    endpoint: 'unix:///var/run/docker.sock',
    version: { Version: '20.10.24', ApiVersion: '1.41' },
    info: JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/docker/info.json'), 'utf8')) as DockerEvidence['info'],
    containers: containers(n),
    images: [],
    networks: [],
    volumes: [],
    swarm: null,
  };
  return { docker: envelope('docker', docker), residency: envelope('residency', residency(n)), virt: envelope('virt', virtEvidence()), storage: envelope('storage', storageEvidence()) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;
  const out = keep ?? mkdtempSync(path.join(os.tmpdir(), 'ra-pack-bench-'));
  const evidence = syntheticEvidence(n);

  const t0 = process.hrtime.bigint();
  const findings = buildFindings(evidence, { config: { organisation: 'Bench AS' }, now: NOW });
  const t1 = process.hrtime.bigint();
  const rssAfterEval = process.resourceUsage().maxRSS;
  const input = { findings, evidence, manifest: [{ path: 'findings.json', sha256: '0'.repeat(64), size: 1 }], config: { organisation: 'Bench AS', period: '2026 Q4' }, lang: 'en' as const };
  const tm = process.hrtime.bigint();
  buildModel(input);
  const tm2 = process.hrtime.bigint();
  const th = process.hrtime.bigint();
  await renderPack(input, out, ['html']);
  const th2 = process.hrtime.bigint();
  await renderPack(input, out, ['pdf']);
  const tp2 = process.hrtime.bigint();
  const s = (a: bigint, b: bigint) => (Number(b - a) / 1e9).toFixed(2);
  const html = (await fs.stat(path.join(out, 'audit-pack.html'))).size;
  const pdf = (await fs.stat(path.join(out, 'audit-pack.pdf'))).size;
  const lines = [
    `pack-1000: ${n} containers, ${n} endpoints → ${findings.findings.length} findings from ${new Set(findings.findings.map((f) => f.control)).size} controls`,
    `evaluate (not part of render): ${s(t0, t1)} s, peak RSS so far ${mb(rssAfterEval)} MB`,
    `render: model ${s(tm, tm2)} s; html ${s(th, th2)} s (model included, ${(html / 1048576).toFixed(1)} MiB); pdf ${s(th2, tp2)} s (model included, ${(pdf / 1048576).toFixed(1)} MiB)`,
    `render both formats: ${s(th, tp2)} s; peak RSS of the process ${mb(process.resourceUsage().maxRSS)} MB`,
    `loadavg: ${readFileSync('/proc/loadavg', 'utf8').trim()}; cpus: ${os.cpus().length}; node ${process.version}`,
  ];
  if (args.includes('--browser')) lines.push(await browserCheck(path.join(out, 'audit-pack.html')));
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!keep) await fs.rm(out, { recursive: true, force: true });
  else process.stdout.write(`kept: ${out}\n`);
}

if (require.main === module) {
  void main().catch((err) => {
    process.stderr.write(`pack-1000: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
