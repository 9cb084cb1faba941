import { strict as assert } from 'node:assert';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { cisChecks } from '../../../src/checks/cis';
import { evaluateChecks, runCheck, type LoadedEvidence } from '../../../src/checks/evaluate';
import { dockerCollector } from '../../../src/collectors/docker';
import { hostCollector } from '../../../src/collectors/host';
import { runCollector } from '../../../src/collectors/run';
import type { CollectContext } from '../../../src/collectors/types';
import type { DockerEvidence } from '../../../src/evidence/types/docker';
import type { HostEvidence } from '../../../src/evidence/types/host';
import type { Finding } from '../../../src/findings/types';
import { containerRemediations } from '../../../src/checks/docker/remediation';
import { createTestContainer, requireEngine, TEST_LABEL, type TestEngine } from '../../support/engine';

/**
 * Section 5 and the docker-bench-security errors on the real engine: every container below is created
 * with the flags in its comment; only `hardened` and `bridged` are started (the others never need to run
 * for their settings to be judged, and privileged or host-namespace containers must not run here).
 */
const NOW = new Date().toISOString();

describe('CIS checks on the real engine', function () {
  let engine: TestEngine;
  let ids: Record<string, string> = {};
  let ev: LoadedEvidence;
  let findings: Finding[];
  let shareDir: string;
  let netId: string | undefined;
  let newerTag: string | undefined;

  /** The finding of a check for one of our containers. */
  function of(control: string, who: string): Finding {
    const f = findings.find((x) => x.control === control && x.target.id === ids[who]);
    if (!f) throw new Error(`no ${control} finding for ${who}`);
    return f;
  }

  before(async function () {
    engine = await requireEngine(this);
    const d = engine.docker;
    shareDir = mkdtempSync(path.join(os.tmpdir(), 'ra-cis-share-'));
    const net = await d.createNetwork({ Name: `ra-t-cis-net-${engine.runId.slice(-6)}`, Labels: { [TEST_LABEL]: engine.runId } });
    netId = net.id;
    const make = async (who: string, opts: Docker.ContainerCreateOptions, start = false) => {
      const c = await createTestContainer(engine, `cis-${who}`, opts, { start });
      ids[who] = c.id;
      return c;
    };
    // --user 10001 --cap-drop ALL --cap-add NET_BIND_SERVICE --read-only --tmpfs /run --tmpfs /tmp --security-opt no-new-privileges
    // --memory 64m --memory-swap 64m --cpus 0.5 --pids-limit 64 --restart on-failure:3 --health-cmd true -p 127.0.0.1::8080 --network <user net> --ulimit nofile=1024
    const hardened = await make('hardened', {
      User: '10001:10001',
      ExposedPorts: { '8080/tcp': {} },
      // A generous timeout: on a loaded machine a 1 s probe can time out and mark the container unhealthy.
      Healthcheck: { Test: ['CMD', 'true'], Interval: 1e9, Timeout: 30e9, Retries: 3 },
      HostConfig: {
        CapDrop: ['ALL'], CapAdd: ['NET_BIND_SERVICE'], ReadonlyRootfs: true, Tmpfs: { '/run': '', '/tmp': '' }, SecurityOpt: ['no-new-privileges'],
        Memory: 64 * 1048576, MemorySwap: 64 * 1048576, NanoCpus: 5e8, PidsLimit: 64, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, NetworkMode: net.id, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }],
      },
    }, true);
    // Never started: --privileged --cap-add SYS_ADMIN,NET_ADMIN --network/--pid/--ipc/--uts/--userns host -v docker.sock -v /etc (rw)
    // --mount bind-propagation=shared --device /dev/null --cgroup-parent --security-opt seccomp=unconfined --restart always
    await make('weak', {
      HostConfig: {
        Privileged: true, CapAdd: ['SYS_ADMIN', 'NET_ADMIN'], NetworkMode: 'host', PidMode: 'host', IpcMode: 'host', UTSMode: 'host', UsernsMode: 'host',
        Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/etc:/host-etc'],
        Mounts: [{ Type: 'bind', Source: shareDir, Target: '/share', BindOptions: { Propagation: 'shared' } }],
        Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'rwm' }], CgroupParent: '/ra-cis-test',
        SecurityOpt: ['seccomp=unconfined'], RestartPolicy: { Name: 'always', MaximumRetryCount: 0 },
      },
    });
    // Started on the default bridge with a random port on every interface (nothing connects to it).
    await make('bridged', { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '' }] } } }, true);
    // -p 81:80 -p [::]:18082:81 (created only: nothing binds)
    await make('ports', { ExposedPorts: { '80/tcp': {}, '81/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '81' }], '81/tcp': [{ HostIp: '::', HostPort: '18082' }] } } });
    await make('ipv6only', { ExposedPorts: { '81/tcp': {} }, HostConfig: { PortBindings: { '81/tcp': [{ HostIp: '::', HostPort: '18083' }] } } });
    for (const [who, Name, MaximumRetryCount] of [['always', 'always', 0], ['unlessstopped', 'unless-stopped', 0], ['norestart', 'no', 0], ['onfailure10', 'on-failure', 10], ['onfailure5', 'on-failure', 5]] as const) {
      await make(who, { HostConfig: { RestartPolicy: { Name, MaximumRetryCount } } });
    }
    await make('dangerouscaps', { HostConfig: { CapAdd: ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH'] } });
    await make('dropallsysadmin', { HostConfig: { CapDrop: ['ALL'], CapAdd: ['SYS_ADMIN'] } });
    await make('defaultcaps', {});
    await make('seccomponly', { HostConfig: { SecurityOpt: ['seccomp=unconfined'] } });
    await make('etcro', { HostConfig: { Binds: ['/etc:/host-etc:ro', '/etc/hostname:/etc/host-name:ro'] } });
    await make('sshd', { Cmd: ['/usr/sbin/sshd', '-D'] });
    const bridgedName = (await engine.docker.getContainer(ids.bridged).inspect()).Name.slice(1);
    await make('linked', { HostConfig: { Links: [`${bridgedName}:web`] } });
    // 5.28: a container created from a tag that has since moved to a newer image.
    newerTag = `ra-t-cis-img:${engine.runId.slice(-6)}`;
    await d.getImage(engine.image).tag({ repo: newerTag.split(':')[0], tag: newerTag.split(':')[1] });
    await make('staleimage', { Image: newerTag });
    await hardened.commit({ repo: newerTag.split(':')[0], tag: newerTag.split(':')[1], pause: false });

    const ctx: CollectContext = { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: { host: { execChecks: true } } };
    ctx.earlier.docker = (await runCollector(dockerCollector, ctx)) as LoadedEvidence['docker'];
    ctx.earlier.host = (await runCollector(hostCollector, ctx)) as LoadedEvidence['host'];
    ev = ctx.earlier;
    findings = evaluateChecks(cisChecks, ev, { now: NOW });
  });

  after(async () => {
    if (!engine) return;
    // Containers are removed by the shared teardown (label); the network and image tag are ours to remove.
    for (const id of Object.values(ids)) await engine.docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    if (netId) await engine.docker.getNetwork(netId).remove().catch(() => undefined);
    if (newerTag) await engine.docker.getImage(newerTag).remove({ force: true }).catch(() => undefined);
    rmSync(shareDir, { recursive: true, force: true });
    ids = {};
  });

  const pairs: [string, string, string, string, string][] = [
    // check, hardened container, its outcome, weak container, its outcome
    ['cis-4.1', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.4', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.5', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.6', 'etcro', 'warn', 'weak', 'fail'],
    ['cis-5.7', 'hardened', 'pass', 'sshd', 'fail'],
    ['cis-5.8', 'hardened', 'pass', 'ports', 'fail'],
    ['cis-5.10', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.11', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.12', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.13', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.14', 'hardened', 'pass', 'bridged', 'fail'],
    ['cis-5.15', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.16', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.17', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.18', 'hardened', 'pass', 'weak', 'warn'],
    ['cis-5.19', 'weak', 'pass', 'hardened', 'manual'],
    ['cis-5.20', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.21', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.22', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.25', 'hardened', 'pass', 'weak', 'warn'],
    ['cis-5.26', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.27', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.28', 'hardened', 'pass', 'staleimage', 'warn'],
    ['cis-5.29', 'hardened', 'pass', 'weak', 'fail'],
    ['cis-5.30', 'hardened', 'pass', 'bridged', 'warn'],
    ['cis-5.31', 'hardened', 'not-applicable', 'weak', 'fail'],
    ['cis-5.32', 'hardened', 'pass', 'weak', 'fail'],
    ['docker-legacy-links', 'hardened', 'pass', 'linked', 'fail'],
  ];
  for (const [id, good, goodOutcome, bad, badOutcome] of pairs) {
    it(`${id}: ${good} ${goodOutcome}, ${bad} ${badOutcome}`, () => {
      assert.equal(of(id, good).outcome, goodOutcome, of(id, good).message.en);
      assert.equal(of(id, bad).outcome, badOutcome, of(id, bad).message.en);
    });
  }

  it('labels the state of every container and judges the ones that never ran', () => {
    assert.equal(of('cis-5.5', 'weak').target.state, 'created');
    assert.match(of('cis-5.5', 'weak').message.en, /\(created\) is privileged/);
    assert.equal(of('cis-5.5', 'hardened').target.state, 'running');
  });

  it('shows observed and expected values, and one corrected docker run line per container', () => {
    const f = of('cis-5.4', 'weak');
    assert.deepEqual((f.observed as { effective: string[] }).effective, ['ALL']);
    const fix = containerRemediations(ev.docker!.data!, ev.host?.data ?? undefined, findings, { now: new Date().toISOString() }).find((r) => r.findings.includes(f.id))!;
    assert.match(fix.command, /^docker run -d .*--cap-drop ALL/);
    assert.doesNotMatch(fix.command, /--privileged|SYS_ADMIN|--pid host|docker\.sock/);
  });

  it('2.7 (1.8.0) decides devicemapper from the live engine\'s own storage driver', async () => {
    const driver = (await engine.docker.info()).Driver as string;
    const f = findings.find((x) => x.control === 'cis-2.7')!;
    assert.equal(f.check, 'cis.devicemapper');
    if (driver === 'devicemapper') assert.equal(f.outcome, 'fail');
    else assert.deepEqual([f.outcome, f.observed, f.message.en], ['pass', { Driver: driver }, `The daemon uses the ${driver} storage driver, not devicemapper.`]);
    // This machine's shared engine runs overlay2 (test/support/engine.ts); say so if that ever changes.
    assert.equal(driver, 'overlay2', `the test engine runs ${driver}`);
  });

  it('1.1.9 (1.8.0) audits the socket this engine listens on', () => {
    const sock = realpathSync(engine.host.replace('unix://', '')); // facts name the real path (/var/run → /run)
    const f = findings.find((x) => x.control === 'cis-1.1.9' && x.target.id === sock);
    assert.ok(f, findings.filter((x) => x.control === 'cis-1.1.9').map((x) => `${x.target.id} ${x.outcome}`).join('; '));
    assert.equal(f.check, 'cis.audit-docker-sock');
    assert.ok(['pass', 'fail', 'error'].includes(f.outcome), `${f.outcome}: ${f.message.en}`);
  });

  describe('where docker-bench-security is wrong', () => {
    it('5.3 is not passed by an unrelated security option (seccomp=unconfined)', () => {
      const f = of('cis-5.3', 'seccomponly');
      assert.notEqual(f.outcome, 'pass');
      assert.match(f.message.en, /not SELinux options/);
    });

    it('5.4 counts dropped capabilities and names the dangerous added ones', () => {
      const d = of('cis-5.4', 'dangerouscaps');
      assert.equal(d.outcome, 'fail');
      for (const cap of ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH']) assert.match(d.message.en, new RegExp(cap));
      const s = of('cis-5.4', 'dropallsysadmin');
      assert.equal(s.outcome, 'fail', 'dropping ALL does not excuse adding SYS_ADMIN back');
      assert.match(s.message.en, /SYS_ADMIN/);
      assert.equal(of('cis-5.4', 'defaultcaps').outcome, 'warn', 'docker-bench passes the default set');
    });

    it('5.14 catches :: (IPv6 any) bindings, not only 0.0.0.0', () => {
      const f = of('cis-5.14', 'ipv6only');
      assert.equal(f.outcome, 'fail');
      assert.match(f.message.en, /\[::\]:18083->81\/tcp/);
      assert.match(of('cis-5.14', 'bridged').message.en, /0\.0\.0\.0:\d+->80\/tcp/, 'live bindings of a running container');
    });

    it('5.15 fails always and unless-stopped, explains no, and bounds on-failure', () => {
      assert.equal(of('cis-5.15', 'always').outcome, 'fail');
      assert.equal(of('cis-5.15', 'unlessstopped').outcome, 'fail');
      assert.equal(of('cis-5.15', 'onfailure10').outcome, 'fail');
      assert.equal(of('cis-5.15', 'onfailure5').outcome, 'pass');
      const no = of('cis-5.15', 'norestart');
      assert.equal(no.outcome, 'warn');
      assert.match(no.message.en, /never restarted/);
    });

    it('2.15 reports live restore as it is, also when swarm is active', () => {
      const docker = ev.docker!.data as DockerEvidence;
      const check = cisChecks.find((c) => c.cis === '2.15')!;
      const asIs = runCheck(check, ev, { now: NOW })[0];
      assert.equal(asIs.outcome, docker.info.LiveRestoreEnabled ? 'pass' : 'fail');
      // Swarm cannot be switched on for a test on a shared engine; the engine's own answer is re-used with the swarm state set.
      const swarm: DockerEvidence = { ...docker, info: { ...docker.info, LiveRestoreEnabled: false, Swarm: { ...docker.info.Swarm, LocalNodeState: 'active' } } };
      const f = runCheck(check, { docker: { ...ev.docker!, data: swarm } }, { now: NOW })[0];
      assert.equal(f.outcome, 'fail', 'docker-bench passes this as "incompatible with swarm"');
      assert.match(f.message.en, /may be acceptable|can be acceptable/);
    });

    it("socket and file checks follow the daemon's real paths", () => {
      const host = ev.host!.data as HostEvidence;
      const sock = realpathSync(engine.host.replace('unix://', '')); // facts name the real path (/var/run → /run)
      const s15 = findings.filter((f) => f.control === 'cis-3.15');
      assert.ok(s15.some((f) => f.target.id === sock && f.outcome !== 'not-applicable'), s15.map((f) => `${f.target.id} ${f.outcome}`).join('; '));
      assert.ok(findings.some((f) => f.control === 'cis-3.16' && f.target.id === sock));
      const dataRoot = (ev.docker!.data as DockerEvidence).info.DockerRootDir!;
      assert.ok(findings.some((f) => f.control === 'cis-1.1.5' && f.target.id === dataRoot), 'audit check on the real data root');
      const cd = findings.find((f) => f.control === 'cis-3.23')!;
      assert.equal(cd.target.id, host.containerdSocket!.path);
      assert.notEqual(cd.outcome, 'not-applicable', 'the containerd socket in use exists');
    });
  });
});
