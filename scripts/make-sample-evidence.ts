/**
 * Rebuilds evidence/sample/: the evidence of a small web shop ("Nordlys Nettbutikk AS"), collected
 * from a real Docker engine, so anyone can run `residency-audit report` on a machine without Docker
 * and see a realistic pack. See evidence/sample/README.md for what the fleet holds and why.
 *
 *   npm run build && node dist/scripts/make-sample-evidence.js
 *
 * The engine is a dedicated dockerd in its own network, UTS and mount namespace (test/support/netns-rig.ts:
 * hostname nordlys-node-1, its own /run/docker.sock, reachable from here at /tmp/nordlys-rig/n1/run/docker.sock):
 * the shared test engine holds other test runs' containers, which would end up in the sample. The
 * namespace has no route out, and containers that point at outside services are created, never started.
 * Images are busybox-based root filesystems imported under the names a shop would run (nginx:1.27-alpine,
 * postgres:16, ...): each import carries its own /etc/image-name, so every name is its own image.
 * Host names resolve through a static map (no DNS). Everything is removed at the end.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { writeManifest } from '../src/evidence/manifest';
import { toJson, writeFileAtomic } from '../src/evidence/store';
import { collectAll } from '../src/pipeline/collect';
import { staticResolver } from '../src/residency/resolver';
import { PROJECT_ROOT, TOOL_VERSION } from '../src/version';
import { rigPrerequisites, startRig } from '../test/support/netns-rig';

const run = promisify(execFile);

/** Addresses the static resolver answers with (each geolocates to the country in the comment). */
const HOSTS = {
  'api.payments.example': ['8.8.8.8'], // US
  'logs.example.cn': ['1.80.0.1'], // CN
  'nfs.stockholm.example': ['13.48.0.1'], // SE
  'search.example.in': ['14.139.0.1'], // IN
  'hooks.partner.example.de': ['2a01:4f8::1'], // DE
  'translate.example.jp': ['203.0.113.40'], // declared JP
  'registry.nordlys.example': ['51.120.0.1'], // NO
};

const IMAGES = ['nginx:1.27-alpine', 'registry.nordlys.example/shop/web:2.4.1', 'registry.nordlys.example/shop/api:2.4.1', 'registry.nordlys.example/shop/worker:2.4.1', 'postgres:16', 'redis:7', 'restic/restic:0.17.3', 'fluent/fluent-bit:3.1', 'busybox:1.36'];

const CONFIG = {
  organisation: 'Nordlys Nettbutikk AS',
  period: '2026 Q4',
  signoff: {
    preparedBy: { name: 'Ingrid Hansen', role: 'Platform lead' },
    reviewedBy: { name: 'Lars Berg', role: 'Information security officer' },
    approvedBy: { name: 'Kari Nordmann', role: 'CTO' },
    dpo: { name: 'Mona Lie', role: 'Data protection officer' },
  },
  waivers: [
    { control: 'cis-5.13', target: 'db', justification: 'PostgreSQL writes to its data directory and /run; read-only root with tmpfs mounts is planned with the 16.x upgrade (CHG-2291)', approvedBy: 'Lars Berg, ISO', expires: '2027-03-31' },
    { control: 'cis-5.32', target: 'logship', justification: 'The log shipper reads container metadata from the engine API; a read-only socket proxy replaces the mount in Q1 (CHG-2304)', approvedBy: 'Lars Berg, ISO', expires: '2027-02-28' },
  ],
  network: { publicPorts: [{ container: 'proxy', port: 443 }] },
  residency: {
    exporter: 'NO',
    host: { country: 'NO', provider: 'hetzner', note: 'Hetzner Online, Norway region, per hosting contract HC-2024-118' },
    endpoints: [
      { match: 'registry.nordlys.example', country: 'NO', note: 'self-hosted registry on the same provider' },
      { match: 'logs.example.cn', country: 'CN', provider: 'logcloud', transfer: { mechanism: 'scc', module: 2, document: 'DPA Nordlys–LogCloud 2026-03, annex III', tiaDate: '2026-09-01' } },
      { match: 'api.payments.example', country: 'US', provider: 'payments', transfer: { mechanism: 'dpf', document: 'DPF List: Payments Example Inc. (HR and non-HR data), checked 2026-11-20' } },
      { match: 'translate.example.jp', country: 'JP', note: 'translation API, Tokyo region per contract', transfer: { mechanism: 'art45', document: 'Recipient is a personal information handling business operator under the APPI (service agreement §4.2)' } },
    ],
    providers: {
      hetzner: { name: 'Hetzner Online GmbH', parentCountry: 'DE' },
      logcloud: { name: 'LogCloud Ltd.', parentCountry: 'CN' },
      payments: { name: 'Payments Example Inc.', parentCountry: 'US' },
    },
  },
};

/** A busybox root filesystem (sh, sleep, ...) to import under every image name. */
async function rootfs(dir: string): Promise<string> {
  const bb = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!bb) throw new Error('busybox-static is not installed (apt-get install -y busybox-static)');
  const fsDir = path.join(dir, 'fs');
  for (const d of ['bin', 'tmp', 'etc', 'proc', 'sys', 'dev', 'run', 'var/lib', 'data']) await fs.mkdir(path.join(fsDir, d), { recursive: true });
  await fs.copyFile(bb, path.join(fsDir, 'bin/busybox'));
  await fs.chmod(path.join(fsDir, 'bin/busybox'), 0o755);
  for (const a of ['sh', 'sleep', 'ps', 'ls', 'cat', 'echo', 'true', 'id']) await fs.symlink('busybox', path.join(fsDir, 'bin', a));
  await fs.writeFile(path.join(fsDir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\napp:x:10001:10001:app:/:/bin/sh\n');
  return fsDir;
}

async function importAs(docker: Docker, fsDir: string, name: string, work: string): Promise<void> {
  await fs.writeFile(path.join(fsDir, 'etc/image-name'), `${name}\n`);
  const tar = path.join(work, 'img.tar');
  await run('tar', ['-C', fsDir, '-cf', tar, '.']);
  const at = name.lastIndexOf(':');
  const importImage = docker.importImage.bind(docker) as unknown as (s: NodeJS.ReadableStream, o: object) => Promise<NodeJS.ReadableStream>;
  const out = await importImage(createReadStream(tar), { repo: name.slice(0, at), tag: name.slice(at + 1), changes: ['CMD ["sleep", "86400"]'] });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(out, (err) => (err ? reject(err) : resolve())));
}

async function create(docker: Docker, name: string, options: Docker.ContainerCreateOptions, start = false): Promise<void> {
  const c = await docker.createContainer({ ...options, name });
  if (start) await c.start();
}

const compose = (service: string) => ({ 'com.docker.compose.project': 'shop', 'com.docker.compose.service': service, 'com.docker.compose.config-hash': '3f1c0d9e' });

async function fleet(docker: Docker): Promise<void> {
  await docker.createNetwork({ Name: 'shop_default', Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.network': 'default' } });
  await docker.createVolume({ Name: 'shop_pgdata', Labels: { 'com.docker.compose.project': 'shop' } });
  await docker.createVolume({ Name: 'backup-nfs', Driver: 'local', DriverOpts: { type: 'nfs', o: 'addr=nfs.stockholm.example,username=backup,password=Nfs-Secret-1,rw,nfsvers=4', device: ':/export/nordlys' } });
  const hardened = {
    ReadonlyRootfs: true, Tmpfs: { '/run': '', '/tmp': '' }, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], PidsLimit: 200,
    Memory: 256 * 1024 * 1024, MemorySwap: 256 * 1024 * 1024, NanoCpus: 500_000_000, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
  };
  const health = { Test: ['CMD', 'true'], Interval: 30e9 };
  // The reverse proxy: hardened, public on 443 on purpose (declared in network.publicPorts).
  await create(docker, 'proxy', {
    Image: 'nginx:1.27-alpine', User: '10001:10001', Healthcheck: health, Labels: compose('proxy'), ExposedPorts: { '8443/tcp': {} },
    HostConfig: { ...hardened, CapAdd: ['NET_BIND_SERVICE'], NetworkMode: 'shop_default', PortBindings: { '8443/tcp': [{ HostIp: '0.0.0.0', HostPort: '443' }] } },
  }, true);
  // The web front end: hardened, internal only.
  await create(docker, 'web', {
    Image: 'registry.nordlys.example/shop/web:2.4.1', User: '10001:10001', Healthcheck: health, Labels: compose('web'), Env: ['API_URL=http://api:8080', 'NODE_ENV=production'],
    HostConfig: { ...hardened, NetworkMode: 'shop_default' },
  }, true);
  // The API: compose defaults (runs as root, default capabilities, no limits); it calls payments (US, DPF) and a partner webhook (DE).
  await create(docker, 'api', {
    Image: 'registry.nordlys.example/shop/api:2.4.1', Labels: compose('api'),
    Env: ['DATABASE_URL=postgres://shop:Db-Secret-3@db:5432/shop', 'REDIS_URL=redis://redis:6379/0', 'PAYMENTS_URL=https://api.payments.example/v1', 'PAYMENTS_TOKEN=tok_live_sample_0001', 'ORDER_WEBHOOK=https://hooks.partner.example.de/orders'],
    HostConfig: { NetworkMode: 'shop_default', RestartPolicy: { Name: 'always' } },
  });
  // The worker: defaults too; it sends product texts to a search service in India (no transfer basis) and a translation API in Japan (adequate).
  await create(docker, 'worker', {
    Image: 'registry.nordlys.example/shop/worker:2.4.1', Labels: compose('worker'),
    Env: ['SEARCH_INDEX_URL=https://search.example.in/index', 'TRANSLATE_URL=https://translate.example.jp/v2', 'DATABASE_URL=postgres://shop:Db-Secret-3@db:5432/shop'],
    HostConfig: { NetworkMode: 'shop_default', RestartPolicy: { Name: 'unless-stopped' } },
  });
  // The database: limits and no-new-privileges, but a writable root (waived) and root user.
  await create(docker, 'db', {
    Image: 'postgres:16', Labels: compose('db'), Healthcheck: health, Env: ['POSTGRES_PASSWORD=Pg-Secret-4', 'PGDATA=/data/pgdata'],
    HostConfig: { NetworkMode: 'shop_default', CapDrop: ['ALL'], CapAdd: ['CHOWN', 'SETUID', 'SETGID', 'FOWNER', 'DAC_OVERRIDE'], SecurityOpt: ['no-new-privileges'], PidsLimit: 200, Memory: 1024 * 1024 * 1024, MemorySwap: 1024 * 1024 * 1024, NanoCpus: 1_000_000_000, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 }, Mounts: [{ Type: 'volume', Source: 'shop_pgdata', Target: '/data' }] },
  }, true);
  // The cache: published on loopback only, otherwise defaults.
  await create(docker, 'redis', {
    Image: 'redis:7', Labels: compose('redis'), ExposedPorts: { '6379/tcp': {} },
    HostConfig: { NetworkMode: 'shop_default', RestartPolicy: { Name: 'always' }, PortBindings: { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '6379' }] } },
  }, true);
  // The nightly backup: an NFS volume in Stockholm (EEA).
  await create(docker, 'backup', {
    Image: 'restic/restic:0.17.3', Cmd: ['sleep', '86400'], User: '10001:10001', Env: ['RESTIC_PASSWORD=Restic-Secret-5', 'RESTIC_REPOSITORY=/repo'],
    HostConfig: { ...hardened, Mounts: [{ Type: 'volume', Source: 'backup-nfs', Target: '/repo' }, { Type: 'volume', Source: 'shop_pgdata', Target: '/data', ReadOnly: true }] },
  });
  // The log shipper: reads the engine socket (waived) and /var/log, and logs to a collector in China under declared SCCs.
  await create(docker, 'logship', {
    Image: 'fluent/fluent-bit:3.1', Labels: compose('logship'),
    HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/var/log:/var/log:ro'], LogConfig: { Type: 'syslog', Config: { 'syslog-address': 'tcp://logs.example.cn:514' } }, RestartPolicy: { Name: 'always' } },
  });
  // A leftover admin container: dangerous capabilities, the engine socket, a port on every interface.
  await create(docker, 'admin-tools', {
    Image: 'busybox:1.36', ExposedPorts: { '9000/tcp': {} },
    HostConfig: { Privileged: true, PidMode: 'host', CapAdd: ['SYS_ADMIN', 'NET_ADMIN'], Binds: ['/var/run/docker.sock:/var/run/docker.sock'], PortBindings: { '9000/tcp': [{ HostIp: '', HostPort: '9000' }] }, RestartPolicy: { Name: 'unless-stopped' } },
  });
}

async function main(): Promise<void> {
  const why = await rigPrerequisites();
  if (why) throw new Error(`cannot build the sample engine: ${why}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'ra-sample-'));
  const rig = await startRig({ prefix: 'nordlys', subnet: '10.219.0', subnet6: null, nodes: 1, log: (l) => process.stderr.write(`${l}\n`) });
  try {
    const node = rig.nodes[0];
    const fsDir = await rootfs(work);
    for (const name of IMAGES) await importAs(node.docker, fsDir, name, work);
    await fleet(node.docker);
    const out = path.join(work, 'pack');
    await fs.mkdir(out);
    const result = await collectAll({
      outDir: out, hostRoot: '/', dockerHost: node.host, log: (l) => process.stderr.write(`${l}\n`),
      options: { residency: { resolver: staticResolver(HOSTS), config: CONFIG.residency }, storage: { profile: 'quick', engine: 'auto' } },
    });
    if (!result.anyData) throw new Error('nothing collected');
    const dest = path.join(PROJECT_ROOT, 'evidence/sample');
    const readme = await fs.readFile(path.join(dest, 'README.md'), 'utf8').catch(() => null);
    await fs.rm(dest, { recursive: true, force: true });
    await fs.mkdir(path.join(dest, 'evidence'), { recursive: true });
    for (const f of await fs.readdir(path.join(out, 'evidence'))) await fs.copyFile(path.join(out, 'evidence', f), path.join(dest, 'evidence', f));
    if (readme) await fs.writeFile(path.join(dest, 'README.md'), readme);
    await writeFileAtomic(path.join(dest, 'config.json'), toJson(CONFIG));
    await writeManifest(dest, TOOL_VERSION);
    process.stderr.write(`sample evidence written to ${dest}\n`);
  } finally {
    await rig.teardown();
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
