/**
 * The fleet pack at scale: generated evidence of H hosts × C containers (default 50 × 100; varied
 * hardening, endpoints in EEA, adequate and third countries, some destinations shared across hosts),
 * each host sealed like a collected one, then the whole fleet pack assembled as `fleet` does it: every
 * host's own pack (reportFromDir: HTML, PDF, SARIF, JUnit, answers), fleet-summary.json,
 * fleet-pack.html and fleet-pack.pdf, the fleet manifest. Prints seconds per phase, sizes, peak RSS,
 * and Chromium's load time of fleet-pack.html plus the time to open one host part (playwright-core +
 * /usr/bin/chromium, the flags of test/render/browser.test.ts).
 *
 *   npm run build && node dist/bench/fleet-pack.js [HOSTS] [CONTAINERS] [--keep DIR] [--no-browser]
 */
import { existsSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContainerInspect, DockerEvidence } from '../src/evidence/types/docker';
import type { EvidenceFile, ResidencyEvidence } from '../src/evidence/types';
import { writeEvidence } from '../src/evidence/store';
import { FLEET_SCHEMA_VERSION, type FleetCollection } from '../src/findings/fleet';
import { assembleFleetPack } from '../src/fleet/pack';
import { settingsFromSpec, serviceSpec } from '../src/fleet/service';
import { sealEvidence } from '../src/pipeline/collect';
import { PROJECT_ROOT, TOOL_VERSION } from '../src/version';
import { storageEvidence, virtEvidence } from '../test/render/fixture';

const COUNTRIES = ['NO', 'SE', 'DE', 'FI', 'IE', 'NL', 'US', 'JP', 'GB', 'CH', 'CN', 'IN', 'BR', 'SG'];
const CAPS = [[], ['NET_BIND_SERVICE'], ['SYS_ADMIN'], ['NET_ADMIN', 'SYS_PTRACE'], ['CHOWN']];

function envelope<T>(collector: string, host: string, data: T): EvidenceFile<T> {
  return { schemaVersion: '1.0.0', collector, collectorVersion: '1.0.0', startedAt: '2026-11-23T11:50:00Z', endedAt: '2026-11-23T11:51:00Z', host: { hostname: host, engineId: `ENGINE:${host}` }, status: 'ok', data };
}

function containers(h: number, n: number, base: ContainerInspect): ContainerInspect[] {
  const out: ContainerInspect[] = [];
  for (let i = 0; i < n; i++) {
    const k = h * 7 + i;
    const id = `${h.toString(16).padStart(4, '0')}${i.toString(16).padStart(4, '0')}c0ffee`.repeat(6).slice(0, 64);
    const state = k % 7 === 0 ? 'exited' : k % 11 === 0 ? 'created' : 'running';
    out.push({
      ...base,
      Id: id,
      Name: `/shop-${['web', 'api', 'worker', 'db', 'cache'][i % 5]}-${i}`,
      State: { ...base.State, Status: state, Running: state === 'running' },
      HostConfig: {
        ...base.HostConfig,
        Privileged: k % 25 === 0,
        ReadonlyRootfs: k % 3 === 0,
        CapAdd: CAPS[k % CAPS.length],
        CapDrop: k % 4 === 0 ? ['ALL'] : [],
        PidsLimit: k % 2 === 0 ? 256 : null,
        Memory: k % 2 === 0 ? 536870912 : 0,
        NetworkMode: k % 40 === 0 ? 'host' : 'bridge',
        PortBindings: k % 5 === 0 ? { '8080/tcp': [{ HostIp: k % 10 === 0 ? '' : '127.0.0.1', HostPort: String(10000 + i) }] } : {},
        RestartPolicy: { Name: ['always', 'on-failure', 'unless-stopped', 'no'][k % 4], MaximumRetryCount: k % 4 === 1 ? 3 : 0 },
      },
      Mounts: k % 50 === 0 ? [{ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', Mode: '', RW: true, Propagation: 'rprivate' }] : [],
      Config: { ...base.Config, User: k % 3 === 0 ? '1000' : '', Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': `svc-${i % 50}` } },
    });
  }
  return out;
}

/** 20 endpoints per host: 10 shared by every host (one register row, many hosts), 10 of its own. */
function residency(h: number): ResidencyEvidence {
  const endpoints: ResidencyEvidence['endpoints'] = [];
  for (let i = 0; i < 20; i++) {
    const shared = i < 10;
    const n = shared ? i : 100 + h * 10 + i;
    const country = COUNTRIES[n % COUNTRIES.length];
    const host = `svc${n}.${country.toLowerCase()}.example.com`;
    const ip = `198.51.${(n >> 8) & 255}.${n & 255}`;
    endpoints.push({
      id: `${host}:443`,
      host,
      port: 443,
      scheme: 'https',
      kinds: ['env'],
      foundIn: [{ kind: 'env', object: { type: 'container', id: String(i), name: `shop-api-${i}` }, field: 'Env UPSTREAM_URL', value: `https://${host}:443` }],
      resolution: { method: 'dns', addresses: [ip] },
      addresses: [{ ip, family: 4, range: 'public', internal: false, country, geoSource: 'geoip-lite' }],
    });
  }
  return {
    endpoints,
    hostAddressSource: 'bench',
    geolocation: { kind: 'geoip-lite', description: 'geoip-lite 1.4.10 (GeoLite2-Country 2023-11-15)', files: [], buildDate: '2023-11-15', buildDateSource: 'checksum-file', version: '1.4.10', licence: 'GeoLite2 data created by MaxMind', loadMs: 0 },
    resolver: { mode: 'injected', hostsFile: null, timeoutMs: 1000 },
    declared: null,
    jurisdictionTableReviewed: '2026-11-01',
  } as unknown as ResidencyEvidence;
}

async function browserCheck(file: string): Promise<string> {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  type Page = { goto(u: string, o: object): Promise<unknown>; waitForFunction(f: string): Promise<unknown>; click(s: string): Promise<void>; evaluate<T>(f: string): Promise<T>; on(e: string, f: (x: { type(): string; text(): string }) => void): void };
  let pw: { chromium: { launch(o: object): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }> } };
  try {
    pw = require('playwright-core');
  } catch {
    return 'browser: playwright-core not installed';
  }
  if (!chromium) return 'browser: chromium not installed';
  const browser = await pw.chromium.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const t0 = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction('window.fleetReady === true');
    const load = Date.now() - t0;
    const t1 = Date.now();
    await page.click('details.host summary');
    await page.waitForFunction("document.querySelectorAll('details.host .part tbody tr').length > 0");
    const open = Date.now() - t1;
    const rows = await page.evaluate<number>("document.querySelectorAll('details.host .part tbody tr').length");
    return `browser: load ${(load / 1000).toFixed(2)} s (load event + script ready); first host part opened (parses the embedded data, ${rows} rows) in ${(open / 1000).toFixed(2)} s; console errors: ${errors.length}`;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nums = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const hosts = nums[0] ?? 50;
  const per = nums[1] ?? 100;
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;
  const out = keep ?? mkdtempSync(path.join(os.tmpdir(), 'ra-fleet-bench-'));
  const base = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/docker/container-default.json'), 'utf8')) as ContainerInspect;
  const info = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/docker/info.json'), 'utf8')) as DockerEvidence['info'];

  const t0 = Date.now();
  const records: FleetCollection['hosts'] = [];
  const nodes: FleetCollection['nodes'] = [];
  for (let h = 0; h < hosts; h++) {
    const name = `node-${String(h + 1).padStart(2, '0')}`;
    const dir = path.join(out, 'hosts', name);
    const docker: DockerEvidence = { endpoint: 'unix:///var/run/docker.sock', version: { Version: '20.10.24', ApiVersion: '1.41' }, info: { ...info, Name: name, ID: `ENGINE:${name}` }, containers: containers(h, per, base), images: [], networks: [], volumes: [], swarm: null };
    for (const f of [envelope('docker', name, docker), envelope('residency', name, residency(h)), envelope('virt', name, virtEvidence()), envelope('storage', name, storageEvidence())]) await writeEvidence(dir, f as EvidenceFile);
    await sealEvidence(dir, { organisation: 'Bench AS' }, TOOL_VERSION);
    const id = `n${h.toString(36).padStart(24, '0')}`;
    nodes.push({ id, hostname: name, role: h < 3 ? 'manager' : 'worker', availability: 'active', state: 'ready', message: null, engineVersion: '20.10.24', address: `10.0.${h >> 8}.${h & 255}`, leader: h === 0 });
    records.push({ folder: name, name, nodeId: id, status: 'collected', scope: 'full', endpoint: null, reason: null, taskId: null, taskState: 'complete', startedAt: '2026-11-23T11:50:00Z', endedAt: '2026-11-23T11:51:00Z', stream: null });
  }
  const spec = serviceSpec({ name: 'residency-audit-fleet-bench', labels: {}, image: `residency-audit:${TOOL_VERSION}`, args: ['fleet', 'task'], apiVersion: '1.41' });
  const collection: FleetCollection = {
    kind: 'residency-audit-fleet', schemaVersion: FLEET_SCHEMA_VERSION, toolVersion: TOOL_VERSION, mode: 'swarm', startedAt: '2026-11-23T11:50:00Z', endedAt: '2026-11-23T11:51:00Z',
    origin: { engine: 'unix:///var/run/docker.sock', managerNodeId: nodes[0].id, clusterId: 'bench', inventory: null }, nodes,
    service: { name: 'residency-audit-fleet-bench', id: 'bench', image: `residency-audit:${TOOL_VERSION}`, mode: 'global-job', apiVersion: '1.41', settings: settingsFromSpec(spec as never, '1.41'), args: ['fleet', 'task'], removed: true, removeError: null },
    nodeTimeoutSeconds: 300, hosts: records,
  };
  const t1 = Date.now();
  let hostDone = 0;
  const { summary } = await assembleFleetPack({ dir: out, collection, langs: ['en'], formats: ['html', 'pdf', 'sarif', 'junit', 'answers'], toolVersion: TOOL_VERSION, now: '2026-11-23T12:00:00.000Z', log: (l) => { if (/findings/.test(l)) hostDone = Date.now(); } });
  const t2 = Date.now();
  const size = async (f: string) => (await fs.stat(path.join(out, f))).size / 1048576;
  const findings = summary.hosts.reduce((a, h) => a + Object.values(h.counts ?? {}).reduce((x, y) => x + y, 0), 0);
  const lines = [
    `fleet-pack: ${hosts} hosts × ${per} containers (20 endpoints each, 10 shared) → ${findings} findings, ${summary.transfers.length} transfer register rows`,
    `generate + seal evidence (not part of the pack): ${((t1 - t0) / 1000).toFixed(1)} s`,
    `assemble the fleet pack: ${((t2 - t1) / 1000).toFixed(1)} s (host packs ${((hostDone - t1) / 1000).toFixed(1)} s, ${((hostDone - t1) / 1000 / hosts).toFixed(2)} s per host; fleet summary + HTML + PDF + manifest ${((t2 - hostDone) / 1000).toFixed(1)} s)`,
    `fleet-pack.html ${(await size('fleet-pack.html')).toFixed(1)} MiB, fleet-pack.pdf ${(await size('fleet-pack.pdf')).toFixed(1)} MiB, fleet-summary.json ${(await size('fleet-summary.json')).toFixed(2)} MiB`,
    `peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    `loadavg: ${readFileSync('/proc/loadavg', 'utf8').trim()}; cpus: ${os.cpus().length}; node ${process.version}`,
  ];
  if (!args.includes('--no-browser')) lines.push(await browserCheck(path.join(out, 'fleet-pack.html')));
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!keep) await fs.rm(out, { recursive: true, force: true });
  else process.stdout.write(`kept: ${out}\n`);
}

void main().catch((err) => {
  process.stderr.write(`fleet-pack: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
