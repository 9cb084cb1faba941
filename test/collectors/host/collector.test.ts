import { strict as assert } from 'node:assert';
import { promises as fs, realpathSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../../../src/checks/evaluate';
import { cisChecks } from '../../../src/checks/cis';
import { dockerCollector } from '../../../src/collectors/docker';
import { collectHost } from '../../../src/collectors/host';
import { collectContainerProcesses } from '../../../src/collectors/host/container-processes';
import { HostFs } from '../../../src/collectors/host/host-fs';
import type { CollectContext } from '../../../src/collectors/types';
import type { DockerEvidence } from '../../../src/evidence/types/docker';
import type { HostEvidence } from '../../../src/evidence/types/host';
import { requireEngine } from '../../support/engine';

function ctx(hostRoot: string, dockerHost: string, docker: Partial<DockerEvidence> | null, options: Record<string, unknown> = {}): CollectContext {
  return {
    hostRoot,
    dockerHost,
    earlier: docker ? { docker: { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: 't', startedAt: '', endedAt: '', host: { hostname: 'h', engineId: null }, status: 'ok', data: docker as DockerEvidence } } : {},
    log: () => undefined,
    signal: new AbortController().signal,
    options,
  };
}

/** A host filesystem as the tool sees it when the host is mounted at `root`. */
async function fakeHost(): Promise<{ root: string; servers: net.Server[] }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-hc-'));
  const w = async (p: string, text: string, mode = 0o644) => {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.writeFile(path.join(root, p), text, { mode });
    await fs.chmod(path.join(root, p), mode);
  };
  const link = async (p: string, target: string) => {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    await fs.symlink(target, path.join(root, p));
  };
  const sock = async (p: string, gid: number, mode: number) => {
    await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(path.join(root, p), r));
    await fs.chown(path.join(root, p), 0, gid);
    await fs.chmod(path.join(root, p), mode);
    return s;
  };
  // The daemon systemd runs: socket-activated, custom config file.
  await w('/proc/4242/comm', 'dockerd\n');
  await w('/proc/4242/cmdline', ['/usr/bin/dockerd', '-H', 'fd://', '--config-file', '/etc/docker/custom.json', '--containerd=/run/containerd/containerd.sock', '--registry-mirror=https://argv-user:argv-pass@mirror.example.com', ''].join('\0'));
  await w('/proc/4242/status', 'Name:\tdockerd\nPPid:\t1\nUid:\t0\t0\t0\t0\n');
  await w('/proc/4242/cgroup', '0::/system.slice/docker.service\n');
  await link('/proc/4242/exe', '/usr/bin/dockerd');
  // A second, unrelated dockerd (e.g. a CI runner's) with another data root.
  await w('/proc/999/comm', 'dockerd\n');
  await w('/proc/999/cmdline', ['dockerd', '--data-root', '/srv/other', '-H', 'unix:///srv/other.sock', ''].join('\0'));
  await w('/proc/1/comm', 'systemd\n');
  await w('/proc/555/comm', 'docker-proxy\n');
  await w('/proc/555/cmdline', 'docker-proxy\0');
  await w('/proc/1/mountinfo', '26 1 8:1 / / rw - ext4 /dev/sda1 rw\n50 26 8:17 / /var/lib/docker rw - xfs /dev/sdb1 rw\n');
  await w('/proc/1/net/tcp', '  sl  local_address rem_address   st\n   0: 00000000:0951 00000000:0000 0A 0\n');
  await w('/etc/docker/custom.json', JSON.stringify({ 'data-root': '/var/lib/docker', icc: false, 'registry-mirrors': ['https://mirror-user:s3cr3t@mirror.example.com'] }), 0o600);
  await w('/etc/group', 'root:x:0:\ndocker:x:998:alice\n');
  await w('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n');
  await w('/etc/hostname', 'fake-host\n');
  await w('/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n', 0o664);
  await w('/lib/systemd/system/docker.socket', '[Socket]\nListenStream=/var/run/docker.sock\nSocketGroup=docker\n');
  await w('/etc/systemd/system/docker.service.d/override.conf', '[Service]\n');
  await w('/usr/bin/dockerd', '', 0o755);
  await w('/usr/bin/containerd', '', 0o755);
  await w('/usr/sbin/runc', '', 0o755);
  await link('/usr/bin/runc', '/usr/sbin/runc');
  await w('/etc/audit/rules.d/docker.rules', '-w /usr/bin/dockerd -k docker\n-w /var/lib/docker -k docker\n');
  await w('/etc/docker/certs.d/reg.example.com:5000/ca.crt', 'x', 0o644);
  await fs.mkdir(path.join(root, 'var/lib/docker'), { recursive: true });
  // /var/run -> /run is absolute: it must resolve inside the host root, not in ours.
  await link('/var/run', '/run');
  const servers = [await sock('/run/docker.sock', 998, 0o660), await sock('/run/containerd/containerd.sock', 0, 0o660)];
  return { root, servers };
}

describe('host collector', () => {
  let host: { root: string; servers: net.Server[] };
  let ev: HostEvidence;
  let warnings: string[] | undefined;

  before(async () => {
    host = await fakeHost();
    const out = await collectHost(ctx(host.root, 'unix:///var/run/docker.sock', { info: { ID: 'ENGINE-1', Name: 'fake-host', DockerRootDir: '/var/lib/docker' } as DockerEvidence['info'], containers: [] }));
    assert.ok(out.data, out.error);
    ev = out.data!;
    warnings = out.warnings;
  });
  after(async () => {
    for (const s of host.servers) s.close();
    await fs.rm(host.root, { recursive: true, force: true });
  });

  it('picks the dockerd that serves the audited engine by its data root, among several', () => {
    assert.equal(ev.daemon?.pid, 4242);
    assert.match(ev.daemon!.matchedBy, /data root \/var\/lib\/docker/);
    assert.deepEqual(ev.daemonCandidates.map((c) => c.pid), [999, 4242]);
    assert.equal(ev.daemon!.parentCommand, 'systemd');
    assert.equal(ev.engineId, 'ENGINE-1');
  });

  it('reads the daemon.json named by --config-file and keeps no credentials from it', () => {
    assert.equal(ev.daemonConfig.path, '/etc/docker/custom.json');
    assert.equal(ev.daemonConfig.origin, '--config-file');
    assert.equal(ev.daemonConfig.content?.icc, false);
    assert.ok(!JSON.stringify(ev).includes('s3cr3t'), 'mirror password leaked into evidence');
    assert.ok(!JSON.stringify(ev).includes('mirror-user'), 'mirror user leaked into evidence');
    assert.ok(!/argv-(user|pass)/.test(JSON.stringify(ev)), 'credentials from the command line leaked into evidence');
    assert.deepEqual(ev.flags['registry-mirror'], ['https://mirror.example.com']);
  });

  it('finds the socket through systemd socket activation (fd://) and resolves /var/run inside the host root', () => {
    assert.equal(ev.systemd.startedBySystemd, true);
    assert.deepEqual(ev.systemd.units.map((u) => u.name), ['docker.service', 'docker.service.d/override.conf', 'docker.socket']);
    assert.equal(ev.sockets.length, 1);
    const s = ev.sockets[0];
    assert.equal(s.path, '/run/docker.sock');
    assert.equal(s.namedAs, '/var/run/docker.sock');
    assert.deepEqual([s.kind, s.owner, s.group, s.mode], ['socket', 'root', 'docker', '0660']);
    assert.equal(ev.containerdSocket?.path, '/run/containerd/containerd.sock');
    assert.match(ev.containerdSocket!.origin, /--containerd/);
  });

  it('records binaries at their real paths, audit rule files, registry certs, group members, listeners and mounts', () => {
    assert.equal(ev.binaries[0].path, '/usr/bin/dockerd');
    const runc = ev.binaries.find((b) => b.namedAs === '/usr/bin/runc');
    assert.equal(runc?.path, '/usr/sbin/runc');
    assert.equal(ev.binaries.find((b) => b.path.endsWith('containerd-shim'))?.exists, false);
    assert.deepEqual(ev.audit, { rules: ['-w /usr/bin/dockerd -k docker', '-w /var/lib/docker -k docker'], sources: ['/etc/audit/rules.d/docker.rules'], loaded: false, auditdAbsent: false });
    assert.deepEqual(ev.registryCerts.map((c) => c.path), ['/etc/docker/certs.d/reg.example.com:5000/ca.crt']);
    assert.deepEqual(ev.socketGroup, { name: 'docker', gid: 998, members: ['alice'], primaryMembers: [] });
    assert.deepEqual(ev.tcpListeners, [{ address: '0.0.0.0', port: 2385, family: 4 }]);
    assert.equal(ev.dockerProxyCount, 1);
    assert.equal(ev.dataRoot.mount?.separateFromRoot, true);
    assert.ok(Array.isArray(warnings));
  });

  it('feeds the host checks: unit files judged because systemd runs the daemon', () => {
    const file = { schemaVersion: '1.0.0', collector: 'host', collectorVersion: 't', startedAt: '', endedAt: '', host: { hostname: 'h', engineId: null }, status: 'ok' as const, data: ev };
    const run = (id: string) => runCheck(cisChecks.find((c) => `cis-${c.cis}` === id)!, { host: file }, { now: '2026-11-23T00:00:00Z' });
    assert.deepEqual(run('cis-3.2').map((f) => [f.target.id, f.outcome]), [['/lib/systemd/system/docker.service', 'fail'], ['/etc/systemd/system/docker.service.d/override.conf', 'pass']]);
    assert.equal(run('cis-3.15')[0].outcome, 'pass');
    assert.equal(run('cis-1.1.3')[0].outcome, 'pass');
    assert.equal(run('cis-1.1.6')[0].outcome, 'fail');
    assert.equal(run('cis-3.17')[0].outcome, 'pass');
    assert.equal(run('cis-3.18')[0].outcome, 'pass', '0600 is stricter than 0644');
  });

  it('resolves absolute symlinks inside the host root, and loops end', async () => {
    const hfs = new HostFs(host.root);
    assert.equal((await hfs.resolve('/var/run/docker.sock')).path, '/run/docker.sock');
    await fs.symlink('/loop-b', path.join(host.root, 'loop-a'));
    await fs.symlink('/loop-a', path.join(host.root, 'loop-b'));
    assert.equal((await hfs.resolve('/loop-a/x')).error, 'ELOOP');
    assert.equal((await hfs.fact('/loop-a', 't')).error, 'ELOOP');
  });

  it('lists container processes from the host /proc by cgroup, without the engine (--exec-checks)', async () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const w = async (p: string, text: string) => {
      await fs.mkdir(path.dirname(path.join(host.root, p)), { recursive: true });
      await fs.writeFile(path.join(host.root, p), text);
    };
    await w('/proc/7001/cgroup', `0::/system.slice/docker-${a}.scope\n`);
    await w('/proc/7001/comm', 'sshd\n');
    await w('/proc/7002/cgroup', `12:pids:/docker/${b}\n1:name=systemd:/docker/${b}\n`);
    await w('/proc/7002/comm', 'sleep\n');
    await w('/proc/7003/cgroup', `0::/system.slice/docker-${b}.scope\n`);
    await w('/proc/7003/comm', 'containerd-shim\n');
    const running = (Id: string, Name: string) => ({ Id, Name, State: { Running: true, Status: 'running' }, HostConfig: {}, Config: {} });
    const warnings: string[] = [];
    const procs = await collectContainerProcesses(new HostFs(host.root), 'unix:///nonexistent.sock', { containers: [running(a, '/ssh'), running(b, '/app')] } as unknown as DockerEvidence, warnings);
    assert.deepEqual(procs.map((p) => [p.name, p.commands]), [['ssh', ['sshd']], ['app', ['sleep']]]);
    assert.deepEqual(warnings, []);
  });

  it('skips a remote engine and fails a host root that does not exist', async () => {
    const remote = await collectHost(ctx('/', 'tcp://10.1.2.3:2376', null));
    assert.equal(remote.status, 'skipped');
    assert.match(remote.error!, /another machine/);
    const missing = await collectHost(ctx('/nonexistent-host-root', 'unix:///var/run/docker.sock', null));
    assert.equal(missing.status, 'failed');
    assert.match(missing.error!, /\/nonexistent-host-root does not exist/);
  });

  it('records no daemon (partial, with the reason) when no dockerd serves the engine', async () => {
    const out = await collectHost(ctx(host.root, 'unix:///var/run/docker.sock', { info: { DockerRootDir: '/data/elsewhere' } as DockerEvidence['info'], containers: [] }));
    assert.equal(out.status, 'partial');
    assert.equal(out.data?.daemon, null);
    assert.ok(out.warnings?.some((w) => /2 dockerd process\(es\) found, none serving this engine/.test(w)), out.warnings?.join('\n'));
  });
});

describe('host collector with a rootless daemon', () => {
  it('uses the XDG defaults of a non-root dockerd: ~/.config/docker/daemon.json, ~/.local/share/docker, /run/user/<uid>', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-hc-rl-'));
    const w = async (p: string, text: string) => {
      await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
      await fs.writeFile(path.join(root, p), text);
    };
    const server = net.createServer();
    try {
      await w('/proc/7777/comm', 'dockerd\n');
      await w('/proc/7777/cmdline', 'dockerd\0');
      await w('/proc/7777/status', 'PPid:\t7770\nUid:\t1000\t1000\t1000\t1000\n');
      await w('/proc/7777/cgroup', '0::/user.slice/user-1000.slice/user@1000.service/app.slice/docker.service\n');
      await w('/proc/7770/comm', 'rootlesskit\n');
      await w('/etc/passwd', 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n');
      await w('/etc/group', 'alice:x:1000:\n');
      await w('/home/alice/.config/docker/daemon.json', '{"log-level": "debug"}');
      await fs.mkdir(path.join(root, 'home/alice/.local/share/docker'), { recursive: true });
      await fs.mkdir(path.join(root, 'run/user/1000'), { recursive: true });
      await new Promise<void>((r) => server.listen(path.join(root, 'run/user/1000/docker.sock'), r));
      const out = await collectHost(ctx(root, 'unix:///run/user/1000/docker.sock', { info: { DockerRootDir: '/home/alice/.local/share/docker' } as DockerEvidence['info'], containers: [] }));
      const h = out.data!;
      assert.equal(h.daemon?.pid, 7777, out.warnings?.join('\n'));
      assert.equal(h.daemon?.uid, 1000);
      assert.equal(h.daemonConfig.path, '/home/alice/.config/docker/daemon.json');
      assert.equal(h.daemonConfig.content?.['log-level'], 'debug');
      assert.deepEqual(h.sockets.map((x) => x.path), ['/run/user/1000/docker.sock']);
      assert.equal(h.execRoot.path, '/run/user/1000/docker');
    } finally {
      server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

describe('host collector on the real engine host', () => {
  it('finds the daemon of the engine under test and its real socket, data root and containerd socket', async function () {
    const engine = await requireEngine(this);
    const c = ctx('/', engine.host, null, { host: { execChecks: false } });
    const docker = await dockerCollector.collect(c);
    assert.ok(docker.data, docker.error);
    c.earlier = { docker: { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: 't', startedAt: '', endedAt: '', host: { hostname: 'h', engineId: null }, status: 'ok', data: docker.data } };
    const out = await collectHost(c);
    const h = out.data!;
    assert.ok(h.daemon, out.warnings?.join('\n'));
    assert.equal(h.dataRoot.file.path, docker.data!.info.DockerRootDir);
    const sock = realpathSync(engine.host.replace('unix://', '')); // facts name the real path (/var/run → /run)
    assert.ok(h.sockets.some((s) => s.path === sock && s.kind === 'socket'), `sockets: ${h.sockets.map((s) => s.path).join(', ')}`);
    assert.equal(h.containerdSocket?.exists, true, `containerd socket ${h.containerdSocket?.path}`);
    assert.equal(h.containerProcesses, null, 'no process listing without --exec-checks');
  });
});
