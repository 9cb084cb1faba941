import { strict as assert } from 'node:assert';
import { ruleWatches } from '../../../src/checks/docker/host-check';
import { dockerEvidence, file, hostEvidence, loaded, run } from './fixtures';

const outcome = (id: string, host = hostEvidence(), options: Record<string, unknown> = {}) => run(id, loaded(dockerEvidence([]), host), options);

describe('section 1 host checks', () => {
  it('1.1.1 passes a data root on its own device and fails a bind mount of the root disk', () => {
    assert.equal(outcome('cis-1.1.1')[0].outcome, 'pass');
    const bind = hostEvidence((h) => (h.dataRoot.mount = { mountPoint: '/tmp/ra-engine/data', fsType: 'ext4', device: '254:0', source: '/dev/vda', rootDevice: '254:0', separateFromRoot: false }));
    const f = outcome('cis-1.1.1', bind)[0];
    assert.equal(f.outcome, 'fail');
    assert.match(f.message.en, /bind mount of the root disk/);
    assert.equal(outcome('cis-1.1.1', hostEvidence((h) => (h.dataRoot.mount = null)))[0].outcome, 'error');
  });

  it('1.1.2 fails a world-accessible socket, lists members for a person, and decides with a trusted list', () => {
    const open = hostEvidence((h) => (h.sockets[0].mode = '0666'));
    assert.equal(outcome('cis-1.1.2', open)[0].outcome, 'fail');
    const members = hostEvidence((h) => (h.socketGroup = { name: 'docker', gid: 998, members: ['alice', 'ci'], primaryMembers: ['deploy'] }));
    const m = outcome('cis-1.1.2', members)[0];
    assert.equal(m.outcome, 'manual');
    assert.match(m.message.en, /alice, ci, deploy/);
    assert.equal(outcome('cis-1.1.2', members, { 'cis-1.1.2': { trustedUsers: ['alice', 'ci', 'deploy'] } })[0].outcome, 'pass');
    const f = outcome('cis-1.1.2', members, { 'cis-1.1.2': { trustedUsers: ['alice'] } })[0];
    assert.equal(f.outcome, 'fail');
    assert.match(f.message.en, /ci, deploy/);
  });

  it('audit rules: a watch on the real path or a parent directory passes, none fails, no auditd fails', () => {
    assert.ok(ruleWatches('-w /usr/sbin/dockerd -k docker', '/usr/sbin/dockerd'));
    assert.ok(ruleWatches('-a exit,always -F path=/run/containerd -F perm=war -k docker', '/run/containerd'));
    assert.ok(ruleWatches('-w /var/lib/docker -k docker', '/var/lib/docker/100000.100000'));
    assert.ok(!ruleWatches('-w /var/lib/docker2 -k docker', '/var/lib/docker'));
    assert.ok(!ruleWatches('-w /usr/bin/dockerd -k docker', '/usr/sbin/dockerd'));
    const rules = hostEvidence((h) => (h.audit = { rules: ['-w /usr/sbin/dockerd -k docker', '-w /var/lib/docker -k docker'], sources: ['auditctl -l'], loaded: true, auditdAbsent: false }));
    assert.equal(outcome('cis-1.1.3', rules)[0].outcome, 'pass');
    assert.equal(outcome('cis-1.1.5', rules)[0].outcome, 'pass');
    assert.equal(outcome('cis-1.1.6', rules)[0].outcome, 'fail');
    const none = hostEvidence((h) => (h.audit = { rules: [], sources: [], loaded: false, auditdAbsent: true }));
    assert.match(outcome('cis-1.1.3', none)[0].message.en, /auditd is not installed/);
    assert.equal(outcome('cis-1.1.3', hostEvidence((h) => (h.audit = null)))[0].outcome, 'error');
    // A runc named /usr/bin/runc that is really /usr/sbin/runc is audited under either name.
    const alias = hostEvidence((h) => {
      h.binaries[5] = file('/usr/sbin/runc', { namedAs: '/usr/bin/runc' });
      h.audit = { rules: ['-w /usr/bin/runc -k docker'], sources: ['auditctl -l'], loaded: true, auditdAbsent: false };
    });
    assert.equal(outcome('cis-1.1.18', alias)[0].outcome, 'pass');
  });

  it('1.1.9 audits the API socket the daemon listens on (1.8.0), by its real path or its /var/run name', () => {
    const sock = (rules: string[], auditdAbsent = false) =>
      hostEvidence((h) => {
        h.sockets = [file('/run/docker.sock', { kind: 'socket', gid: 998, group: 'docker', mode: '0660', namedAs: '/var/run/docker.sock', origin: 'dockerd -H unix:///var/run/docker.sock' })];
        h.audit = { rules, sources: ['auditctl -l'], loaded: true, auditdAbsent };
      });
    const [pass] = outcome('cis-1.1.9', sock(['-w /var/run/docker.sock -k docker']));
    assert.deepEqual([pass.check, pass.outcome, pass.target.id], ['cis.audit-docker-sock', 'pass', '/run/docker.sock']);
    assert.equal(outcome('cis-1.1.9', sock(['-w /run/docker.sock -p rwxa -k docker']))[0].outcome, 'pass');
    const fail = outcome('cis-1.1.9', sock(['-w /usr/bin/dockerd -k docker']))[0];
    assert.equal(fail.outcome, 'fail');
    assert.match(fail.message.en, /No audit rule watches \/run\/docker\.sock/);
    assert.match(outcome('cis-1.1.9', sock([], true))[0].message.en, /auditd is not installed/);
    const two = hostEvidence((h) => {
      h.sockets = [file('/run/docker.sock', { kind: 'socket' }), file('/tmp/extra/docker.sock', { kind: 'socket' })];
      h.audit = { rules: ['-w /run/docker.sock -k docker'], sources: ['auditctl -l'], loaded: true, auditdAbsent: false };
    });
    assert.deepEqual(outcome('cis-1.1.9', two).map((f) => [f.target.id, f.outcome]), [['/run/docker.sock', 'pass'], ['/tmp/extra/docker.sock', 'fail']], 'every socket is judged');
    const tcpOnly = hostEvidence((h) => {
      h.sockets = [];
      h.tcpHosts = ['tcp://10.0.0.5:2376'];
    });
    assert.equal(outcome('cis-1.1.9', tcpOnly)[0].outcome, 'not-applicable');
    assert.equal(outcome('cis-1.1.9', hostEvidence((h) => ((h.sockets = []), (h.daemon = null))))[0].outcome, 'error');
  });

  it('1.6.0\'s 1.1.9 keeps auditing the docker.socket unit, only where systemd runs the daemon', () => {
    assert.equal(outcome('cis.audit-docker-socket-unit')[0].outcome, 'not-applicable');
    const systemd = hostEvidence((h) => {
      h.daemon!.systemdUnit = 'docker.service';
      h.systemd = { startedBySystemd: true, units: [{ name: 'docker.socket', file: file('/lib/systemd/system/docker.socket') }] };
      h.audit = { rules: ['-w /lib/systemd/system/docker.socket -k docker'], sources: ['auditctl -l'], loaded: true, auditdAbsent: false };
    });
    const [f] = outcome('cis.audit-docker-socket-unit', systemd);
    assert.deepEqual([f.outcome, f.target.id], ['pass', '/lib/systemd/system/docker.socket']);
  });

  it('1.1.4 and 1.1.8 follow the containerd socket the daemon really uses', () => {
    const supervised = hostEvidence((h) => {
      h.containerdSocket = file('/tmp/eng/exec/containerd/containerd.sock', { kind: 'socket', mode: '0660' });
      h.audit = { rules: ['-w /tmp/eng/exec/containerd -k docker'], sources: ['auditctl -l'], loaded: true, auditdAbsent: false };
    });
    const f = outcome('cis-1.1.4', supervised)[0];
    assert.equal(f.target.id, '/tmp/eng/exec/containerd');
    assert.equal(f.outcome, 'pass');
    assert.equal(outcome('cis-1.1.8', supervised)[0].outcome, 'pass', 'the socket is under the watched directory');
  });
});

describe('section 3 file checks', () => {
  it('judges the unit files only when systemd started the daemon', () => {
    const notSystemd = outcome('cis-3.1')[0];
    assert.equal(notSystemd.outcome, 'not-applicable');
    assert.match(notSystemd.message.en, /not started by systemd/);
    const systemd = hostEvidence((h) => {
      h.daemon!.systemdUnit = 'docker.service';
      h.systemd = { startedBySystemd: true, units: [{ name: 'docker.service', file: file('/lib/systemd/system/docker.service', { mode: '0664' }) }, { name: 'docker.service.d/override.conf', file: file('/etc/systemd/system/docker.service.d/override.conf', { uid: 1000, owner: 'alice' }) }] };
    });
    const own = outcome('cis-3.1', systemd);
    assert.deepEqual(own.map((f) => f.outcome), ['pass', 'fail'], 'the drop-in is judged too');
    assert.equal(outcome('cis-3.2', systemd)[0].outcome, 'fail', '0664 is more permissive than 0644');
    assert.equal(outcome('cis-3.1', hostEvidence((h) => (h.daemon = null)))[0].outcome, 'error');
  });

  it('judges the real API socket: root:docker 0660 passes, 0666 fails, root:root passes the stricter way', () => {
    const custom = hostEvidence((h) => (h.sockets = [file('/tmp/ra-engine/docker.sock', { kind: 'socket', gid: 106, group: 'docker', mode: '0660' })]));
    const own = outcome('cis-3.15', custom)[0];
    assert.equal(own.target.id, '/tmp/ra-engine/docker.sock');
    assert.equal(own.outcome, 'pass');
    assert.equal(outcome('cis-3.16', custom)[0].outcome, 'pass');
    const open = hostEvidence((h) => (h.sockets[0].mode = '0666'));
    assert.equal(outcome('cis-3.16', open)[0].outcome, 'fail');
    const rootOnly = hostEvidence((h) => Object.assign(h.sockets[0], { gid: 0, group: 'root' }));
    assert.equal(outcome('cis-3.15', rootOnly)[0].outcome, 'pass');
    const other = hostEvidence((h) => Object.assign(h.sockets[0], { gid: 1000, group: 'users' }));
    assert.equal(outcome('cis-3.15', other)[0].outcome, 'fail');
  });

  it('missing files are not applicable, unreadable ones are errors, and the key must be 0400', () => {
    assert.equal(outcome('cis-3.17')[0].outcome, 'not-applicable');
    assert.equal(outcome('cis-3.5', hostEvidence((h) => (h.configDir = { ...h.configDir, exists: false, error: 'EACCES' })))[0].outcome, 'error');
    const tls = (mode: string) => hostEvidence((h) => (h.tls = { ca: file('/etc/docker/ca.pem', { mode: '0444' }), cert: file('/etc/docker/cert.pem', { mode: '0444' }), key: file('/etc/docker/key.pem', { mode }) }));
    assert.equal(outcome('cis-3.14', tls('0400'))[0].outcome, 'pass');
    assert.equal(outcome('cis-3.14', tls('0440'))[0].outcome, 'fail');
    assert.equal(outcome('cis-3.10', tls('0400'))[0].outcome, 'pass');
    assert.equal(outcome('cis-3.9')[0].outcome, 'not-applicable');
  });

  it('without host evidence every host check says why, never pass', () => {
    for (const id of ['cis-1.1.1', 'cis-1.1.3', 'cis-2.3', 'cis-3.15', 'cis-3.23']) {
      const f = run(id, loaded(dockerEvidence([])));
      assert.equal(f.length, 1);
      assert.equal(f[0].outcome, 'error', id);
      assert.match(f[0].message.en, /evidence\/host\.json is missing/);
    }
  });
});
