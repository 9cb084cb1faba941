import { strict as assert } from 'node:assert';
import { containerRemediations } from '../../../src/checks/docker/remediation';
import { container, dockerEvidence, forContainer, hostEvidence, loaded, NOW, run, type FixtureContainer } from './fixtures';

const ALL_CONTAINER_CONTROLS = ['cis-4.1', 'cis-5.4', 'cis-5.5', 'cis-5.6', 'cis-5.10', 'cis-5.11', 'cis-5.12', 'cis-5.13', 'cis-5.14', 'cis-5.15', 'cis-5.16', 'cis-5.17', 'cis-5.20', 'cis-5.21', 'cis-5.22', 'cis-5.25', 'cis-5.26', 'cis-5.29', 'cis-5.31', 'cis-5.32'];

/**
 * Section 5 over recorded inspect JSON: `hardened` (cap-drop ALL + NET_BIND_SERVICE, read-only, limits,
 * no-new-privileges, on-failure:3, health check, 127.0.0.1 port), `weak` (created, never started: privileged,
 * SYS_ADMIN + NET_ADMIN, host namespaces, docker.sock and /etc mounts, shared propagation, seccomp and apparmor
 * unconfined, restart always), `default` (plain docker run with ports 8081, [::]:8082 and 80), `linked`
 * (--link, unless-stopped, SYS_PTRACE, memory-swap -1) and `exited`.
 */
const ALL: FixtureContainer[] = ['hardened', 'weak', 'default', 'linked', 'exited'];
const ev = () => loaded(dockerEvidence(ALL.map((n) => container(n))), hostEvidence());
const name = (n: FixtureContainer) => `cis-fx-${n}`;

function outcomes(id: string): Record<string, string> {
  const f = run(id, ev());
  return Object.fromEntries(ALL.map((n) => [n, forContainer(f, name(n)).outcome]));
}

describe('section 5 container checks on recorded inspect JSON', () => {
  const table: [string, Partial<Record<FixtureContainer, string>>][] = [
    ['cis-4.1', { hardened: 'pass', weak: 'fail', default: 'fail' }],
    ['cis-5.4', { hardened: 'pass', weak: 'fail', default: 'warn', linked: 'fail' }],
    ['cis-5.5', { hardened: 'pass', weak: 'fail', default: 'pass' }],
    ['cis-5.6', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.8', { hardened: 'pass', default: 'fail', weak: 'not-applicable' }],
    ['cis-5.10', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.11', { hardened: 'pass', weak: 'fail', linked: 'warn' }],
    ['cis-5.12', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.13', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.14', { hardened: 'pass', default: 'fail', weak: 'not-applicable' }],
    ['cis-5.15', { hardened: 'pass', weak: 'fail', linked: 'fail', default: 'warn' }],
    ['cis-5.16', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.17', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.18', { hardened: 'pass', weak: 'warn' }],
    ['cis-5.20', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.21', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.22', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.25', { hardened: 'pass', weak: 'warn' }],
    ['cis-5.26', { hardened: 'pass', weak: 'fail', default: 'fail' }],
    ['cis-5.27', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.28', { hardened: 'pass', weak: 'pass' }],
    ['cis-5.29', { hardened: 'pass', weak: 'fail' }],
    ['cis-5.30', { weak: 'pass', default: 'warn' }],
    ['cis-5.31', { weak: 'fail', hardened: 'not-applicable' }],
    ['cis-5.32', { hardened: 'pass', weak: 'fail' }],
    ['docker-legacy-links', { hardened: 'pass', linked: 'fail' }],
  ];
  for (const [id, want] of table) {
    it(`${id}: ${Object.entries(want).map(([k, v]) => `${k} ${v}`).join(', ')}`, () => {
      const got = outcomes(id);
      for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, `${id} on ${k}`);
    });
  }

  it('labels containers that are not running and keeps their state on the target', () => {
    const f = run('cis-5.5', ev());
    const weak = forContainer(f, 'cis-fx-weak');
    assert.equal(weak.target.state, 'created');
    assert.match(weak.message.en, /^cis-fx-weak \(created\) is privileged\.$/);
    assert.equal(forContainer(f, 'cis-fx-exited').target.state, 'exited');
    assert.equal(forContainer(f, 'cis-fx-hardened').message.en, 'cis-fx-hardened is not privileged.');
  });

  it('gives a failing container one corrected docker run line for this control (remediation by container), and passing ones none', () => {
    const e = ev();
    const f = run('cis-5.15', e);
    const fixes = containerRemediations(e.docker!.data!, e.host!.data!, f, { now: NOW });
    const weak = fixes.find((r) => r.container.name === 'cis-fx-weak')!;
    assert.deepEqual(weak.controls, ['cis-5.15']);
    assert.match(weak.command, /--restart on-failure:5 /);
    assert.doesNotMatch(weak.command, /--restart always/);
    assert.match(weak.command, /--privileged/, 'settings no failed control names are kept as they are');
    assert.deepEqual(weak.removed, ['--restart always']);
    assert.ok(!fixes.some((r) => r.container.name === 'cis-fx-hardened'));
    assert.doesNotMatch(forContainer(f, 'cis-fx-weak').remediation.en, /Corrected command/, 'no per-control command that would keep the other failures');
  });

  it('one command per container fixes every failed control at once (5.4 no longer keeps the docker.sock mount, 5.10 no longer keeps --privileged --pid host)', () => {
    const e = ev();
    const all = ALL_CONTAINER_CONTROLS.flatMap((id) => run(id, e));
    const fixes = containerRemediations(e.docker!.data!, e.host!.data!, all, { now: NOW });
    const weak = fixes.find((r) => r.container.name === 'cis-fx-weak')!;
    for (const c of ['cis-5.4', 'cis-5.5', 'cis-5.10', 'cis-5.16', 'cis-5.32']) assert.ok(weak.controls.includes(c), c);
    for (const bad of ['--privileged', '--pid host', '--network host', 'docker.sock', '--cap-add', '--ipc host', '--uts host', '--restart always', 'seccomp=unconfined']) assert.ok(!weak.command.includes(bad), `${bad} left in: ${weak.command}`);
    assert.match(weak.command, /--cap-drop ALL/);
    assert.deepEqual(weak.before, ['docker network create app-net']);
    // Re-judging the corrected settings passes every control the command says it fixes.
    assert.equal(new Set(weak.findings).size, weak.findings.length);
  });

  it('carries observed and expected evidence values', () => {
    const f = forContainer(run('cis-5.4', ev()), 'cis-fx-weak');
    assert.deepEqual((f.observed as { CapAdd: string[] }).CapAdd, ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN']);
    assert.deepEqual((f.expected as { CapDrop: string[] }).CapDrop, ['ALL']);
    const index = ev().docker!.data!.containers.findIndex((c) => c.Name === '/cis-fx-weak');
    assert.deepEqual(f.evidence, [{ file: 'evidence/docker.json', pointers: [`/data/containers/${index}`] }]);
  });
});

describe('where docker-bench-security is wrong (recorded inspect)', () => {
  it('5.3 is not passed by an unrelated security option', () => {
    const c = container('default', (x) => (x.HostConfig.SecurityOpt = ['seccomp=unconfined']));
    const f = forContainer(run('cis-5.3', loaded(dockerEvidence([c]))), 'cis-fx-default');
    assert.notEqual(f.outcome, 'pass');
    assert.equal(f.outcome, 'not-applicable', 'no SELinux on this daemon');
    assert.match(f.message.en, /seccomp=unconfined\) are not SELinux options/);
  });

  it('5.3 on an SELinux daemon: label=disable fails, default labelling passes', () => {
    const d = (cs: ReturnType<typeof container>[]) => dockerEvidence(cs, (x) => (x.info.SecurityOptions = ['name=seccomp,profile=default', 'name=selinux']));
    const off = container('default', (x) => (x.HostConfig.SecurityOpt = ['label=disable', 'no-new-privileges']));
    assert.equal(run('cis-5.3', loaded(d([off])))[0].outcome, 'fail');
    const plain = container('default', (x) => (x.HostConfig.SecurityOpt = ['no-new-privileges']));
    assert.equal(run('cis-5.3', loaded(d([plain])))[0].outcome, 'pass');
  });

  it('5.4 counts dropped capabilities and names the dangerous added ones', () => {
    const added = container('default', (x) => (x.HostConfig.CapAdd = ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH']));
    const f = run('cis-5.4', loaded(dockerEvidence([added])))[0];
    assert.equal(f.outcome, 'fail');
    assert.equal(f.severity, 'critical');
    for (const cap of ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH']) assert.match(f.message.en, new RegExp(cap));
    // --cap-add ALL --cap-drop of every dangerous one leaves only harmless ones: not "ALL".
    const allMinus = container('default', (x) => {
      x.HostConfig.CapAdd = ['ALL'];
      x.HostConfig.CapDrop = ['SYS_ADMIN'];
    });
    const g = run('cis-5.4', loaded(dockerEvidence([allMinus])))[0];
    assert.equal(g.outcome, 'fail');
    assert.doesNotMatch(g.message.en, /SYS_ADMIN/, 'a dropped capability is not reported as in effect');
    assert.match(g.message.en, /every capability \(--cap-add ALL\)|dangerous capabilities/);
    // Dropping some defaults is better than nothing, but still not ALL.
    const some = container('default', (x) => (x.HostConfig.CapDrop = ['NET_RAW', 'MKNOD']));
    const h = run('cis-5.4', loaded(dockerEvidence([some])))[0];
    assert.equal(h.outcome, 'warn');
    assert.match(h.message.en, /drops NET_RAW, MKNOD but keeps 12/);
  });

  it('5.14 catches IPv6 any (::) bindings on created containers', () => {
    const c = container('exited', (x) => (x.HostConfig.PortBindings = { '80/tcp': [{ HostIp: '::', HostPort: '8082' }] }));
    const f = run('cis-5.14', loaded(dockerEvidence([c])))[0];
    assert.equal(f.outcome, 'fail');
    assert.match(f.message.en, /\[::\]:8082->80\/tcp/);
    const e = loaded(dockerEvidence([c]));
    assert.match(containerRemediations(e.docker!.data!, undefined, [f], { now: NOW })[0].command, /-p 127\.0\.0\.1:8082:80 /);
  });

  it('5.15 fails always and unless-stopped, warns on no, passes on-failure up to 5', () => {
    const with_ = (Name: string, MaximumRetryCount = 0) => container('exited', (x) => (x.HostConfig.RestartPolicy = { Name, MaximumRetryCount }));
    const o = (Name: string, n = 0) => run('cis-5.15', loaded(dockerEvidence([with_(Name, n)])))[0];
    assert.equal(o('always').outcome, 'fail');
    assert.equal(o('unless-stopped').outcome, 'fail');
    assert.equal(o('on-failure', 0).outcome, 'fail');
    assert.equal(o('on-failure', 6).outcome, 'fail');
    assert.equal(o('on-failure', 5).outcome, 'pass');
    const no = o('no');
    assert.equal(no.outcome, 'warn');
    assert.match(no.message.en, /never restarted, so a crash leaves the service down/);
  });

  it('2.16 (1.6.0: 2.15) reports live restore as it is when swarm is active, and says why that may be acceptable', () => {
    const d = dockerEvidence([], (x) => {
      x.info.LiveRestoreEnabled = false;
      x.info.Swarm = { LocalNodeState: 'active', ControlAvailable: true, Managers: 1, Nodes: 1 };
    });
    const f = run('cis-2.16', loaded(d))[0];
    assert.equal(f.outcome, 'fail');
    assert.match(f.message.en, /Swarm mode is active: live restore only keeps standalone containers running/);
  });
});

describe('checks that need host evidence', () => {
  it('5.26 passes containers covered by a daemon-wide no-new-privileges, and errors when the daemon is unknown', () => {
    const d = dockerEvidence([container('default')]);
    assert.equal(run('cis-5.26', loaded(d, hostEvidence()))[0].outcome, 'fail');
    const wide = hostEvidence((h) => (h.flags['no-new-privileges'] = ['true']));
    assert.equal(run('cis-5.26', loaded(d, wide))[0].outcome, 'pass');
    const unknown = hostEvidence((h) => (h.daemon = null));
    const e = run('cis-5.26', loaded(d, unknown))[0];
    assert.equal(e.outcome, 'error');
    assert.match(e.message.en, /daemon-wide setting is unknown/);
    // An explicit opt-out beats the daemon default.
    const optOut = dockerEvidence([container('default', (x) => (x.HostConfig.SecurityOpt = ['no-new-privileges=false']))]);
    assert.equal(run('cis-5.26', loaded(optOut, wide))[0].outcome, 'fail');
  });

  it('5.26 without host evidence (remote engine) is error for the whole check, never pass', () => {
    const f = run('cis-5.26', loaded(dockerEvidence([container('hardened')])));
    assert.equal(f.length, 1);
    assert.equal(f[0].outcome, 'error');
    assert.equal(f[0].target.kind, 'host');
  });

  it('5.7 is manual without --exec-checks, decided from the process list with it, and fails an sshd command in any state', () => {
    const d = dockerEvidence([container('default')]);
    assert.equal(run('cis-5.7', loaded(d, hostEvidence()))[0].outcome, 'manual');
    const id = container('default').Id;
    const withProcs = (commands: string[]) => hostEvidence((h) => (h.containerProcesses = [{ id, name: 'cis-fx-default', commands }]));
    assert.equal(run('cis-5.7', loaded(d, withProcs(['sleep'])))[0].outcome, 'pass');
    const bad = run('cis-5.7', loaded(d, withProcs(['s6-svscan', 'sshd'])))[0];
    assert.equal(bad.outcome, 'fail');
    assert.match(bad.message.en, /runs an SSH daemon \(sshd\)/);
    const created = container('weak', (x) => {
      x.Path = '/usr/sbin/sshd';
      x.Args = ['-D'];
    });
    assert.equal(run('cis-5.7', loaded(dockerEvidence([created]), hostEvidence()))[0].outcome, 'fail');
  });
});
