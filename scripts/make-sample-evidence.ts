/**
 * Rebuilds evidence/sample/: a realistic evidence set collected from a real engine, so anyone can run
 * `residency-audit report` on a machine without Docker. It creates a small fleet (hardened, default,
 * weak, privileged-but-never-started, containers pointing at EEA and non-EEA services, NFS and CIFS
 * volumes with credentials, a syslog driver, published ports), collects everything (storage: quick
 * profile on the engine's data-root), then removes the fleet.
 *
 *   npm run build && RA_TEST_DOCKER_HOST=unix:///path/docker.sock node dist/scripts/make-sample-evidence.js
 *
 * Names resolve through a static map (no DNS); containers that point outside are created, never started.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeManifest } from '../src/evidence/manifest';
import { toJson, writeFileAtomic } from '../src/evidence/store';
import { collectAll } from '../src/pipeline/collect';
import { staticResolver } from '../src/residency/resolver';
import { PROJECT_ROOT, TOOL_VERSION } from '../src/version';
import type Docker from 'dockerode';
import { getEngine, TEST_LABEL, teardownEngine, type TestEngine } from '../test/support/engine';

const HOSTS = {
  'db.oslo.example': ['51.120.0.1'], // NO
  'api.payments.example': ['8.8.8.8'], // US
  'logs.example.cn': ['1.80.0.1'], // CN
  'nfs.stockholm.example': ['13.48.0.1'], // SE
  'files.mumbai.example': ['14.139.0.1'], // IN
  'hooks.example.de': ['2a01:4f8::1'], // DE
};

const CONFIG = {
  organisation: 'Nordlys Nettbutikk AS',
  period: '2026 Q4',
  preparedBy: 'Platform team',
  waivers: [{ control: 'cis-5.13', target: 'legacy-reports', justification: 'Vendor image writes to /var/cache; replacement planned in Q1', approvedBy: 'CISO', expires: '2027-03-31' }],
  residency: { exporter: 'NO', host: { country: 'NO' } },
};

/** Like the tests' createTestContainer, but with the plain name a real fleet would have (the sample's waiver names one). */
async function createNamed(e: TestEngine, name: string, options: Docker.ContainerCreateOptions, { start = false } = {}): Promise<void> {
  const c = await e.docker.createContainer({ Image: e.image, Cmd: ['sleep', '3600'], ...options, name, Labels: { ...(options.Labels ?? {}), [TEST_LABEL]: e.runId } });
  if (start) await c.start();
}

async function main(): Promise<void> {
  if (!process.env.RA_TEST_DOCKER_HOST && process.env.DOCKER_HOST?.startsWith('unix://')) process.env.RA_TEST_DOCKER_HOST = process.env.DOCKER_HOST;
  const st = await getEngine();
  if (!st.engine) throw new Error(`no engine: ${st.why}`);
  const e = st.engine;
  const labels = { [TEST_LABEL]: e.runId };
  try {
    await e.docker.createVolume({ Name: `orders-nfs-${e.runId.slice(-6)}`, Driver: 'local', Labels: labels,
      DriverOpts: { type: 'nfs', o: 'addr=nfs.stockholm.example,username=nfsuser,password=Nfs-Secret-1,rw,nfsvers=4', device: ':/export/orders' } });
    await e.docker.createVolume({ Name: `reports-cifs-${e.runId.slice(-6)}`, Driver: 'local', Labels: labels,
      DriverOpts: { type: 'cifs', o: 'username=svc,password=Cifs-Secret-2,vers=3.0', device: '//files.mumbai.example/reports' } });
    await createNamed(e, 'web-hardened', {
      User: '65534:65534',
      Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9 },
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        ReadonlyRootfs: true, Tmpfs: { '/run': '', '/tmp': '' }, CapDrop: ['ALL'], CapAdd: ['NET_BIND_SERVICE'], SecurityOpt: ['no-new-privileges'],
        PidsLimit: 100, Memory: 256 * 1024 * 1024, MemorySwap: 256 * 1024 * 1024, NanoCpus: 500_000_000, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] },
      },
    }, { start: true });
    await createNamed(e, 'worker-defaults', { HostConfig: { RestartPolicy: { Name: 'always' } } }, { start: true });
    await createNamed(e, 'admin-tools', {
      Labels: { 'com.docker.compose.service': '<script>alert("pack")</script>' },
      HostConfig: { CapAdd: ['SYS_ADMIN', 'NET_ADMIN'], Binds: ['/var/run/docker.sock:/var/run/docker.sock'], PortBindings: { '9000/tcp': [{ HostIp: '', HostPort: '19000' }] }, RestartPolicy: { Name: 'unless-stopped' } },
      ExposedPorts: { '9000/tcp': {} },
    }, { start: true });
    await createNamed(e, 'debug-shell', { HostConfig: { Privileged: true, PidMode: 'host', NetworkMode: 'host' } });
    await createNamed(e, 'checkout', {
      Env: ['DATABASE_URL=postgres://shop:Db-Secret-3@db.oslo.example:5432/shop', 'PAYMENTS_URL=https://api.payments.example/v1', 'PAYMENTS_TOKEN=tok_live_sample_0001', 'WEBHOOK=https://hooks.example.de/orders'],
      HostConfig: {
        LogConfig: { Type: 'syslog', Config: { 'syslog-address': 'tcp://logs.example.cn:514' } },
        Mounts: [{ Type: 'volume', Source: `orders-nfs-${e.runId.slice(-6)}`, Target: '/orders' }],
      },
    });
    await createNamed(e, 'legacy-reports', {
      Cmd: ['sh', '-c', 'sleep 3600', 'reports', '--db-password=Db-Secret-4'],
      HostConfig: { Mounts: [{ Type: 'volume', Source: `reports-cifs-${e.runId.slice(-6)}`, Target: '/reports' }] },
    });

    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sample-'));
    const result = await collectAll({
      outDir: tmp, hostRoot: '/', dockerHost: e.host, log: (l) => process.stderr.write(`${l}\n`),
      options: { residency: { resolver: staticResolver(HOSTS), config: CONFIG.residency }, storage: { profile: 'quick', engine: 'auto' } },
    });
    if (!result.anyData) throw new Error('nothing collected');
    const dest = path.join(PROJECT_ROOT, 'evidence/sample');
    await fs.rm(dest, { recursive: true, force: true });
    await fs.mkdir(path.join(dest, 'evidence'), { recursive: true });
    for (const f of await fs.readdir(path.join(tmp, 'evidence'))) await fs.copyFile(path.join(tmp, 'evidence', f), path.join(dest, 'evidence', f));
    await writeFileAtomic(path.join(dest, 'config.json'), toJson(CONFIG));
    await writeManifest(dest, TOOL_VERSION);
    await fs.rm(tmp, { recursive: true, force: true });
    process.stderr.write(`sample evidence written to ${dest}\n`);
  } finally {
    await teardownEngine();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
