import { strict as assert } from 'node:assert';
import { parseDockerdArgs, settingFrom } from '../../../src/domain/daemon-settings';
import { dockerEvidence, file, hostEvidence, loaded, run, withFlags, withJson } from './fixtures';

const outcome = (id: string, host = hostEvidence()) => run(id, loaded(dockerEvidence([]), host))[0];

describe('section 2 daemon settings from the command line and daemon.json', () => {
  it('reads each setting from the flag, else daemon.json, else the default', () => {
    const flags = parseDockerdArgs(['dockerd', '-H', 'unix:///a.sock', '--host=tcp://0.0.0.0:2376', '--icc=false', '-D', '--log-level', 'warn', '--tlsverify']);
    assert.deepEqual(flags.host, ['unix:///a.sock', 'tcp://0.0.0.0:2376']);
    assert.deepEqual(settingFrom(flags, null, 'host').value, ['unix:///a.sock', 'tcp://0.0.0.0:2376']);
    assert.equal(settingFrom(flags, null, 'icc').value, false);
    assert.equal(settingFrom(flags, null, 'debug').value, true);
    assert.equal(settingFrom(flags, null, 'tlsverify').value, true);
    assert.equal(settingFrom(flags, null, 'log-level').value, 'warn');
    assert.equal(settingFrom({}, { 'log-level': 'debug' }, 'log-level').source, 'daemon.json');
    assert.deepEqual(settingFrom({}, { hosts: ['fd://'] }, 'host').value, ['fd://']);
    assert.equal(settingFrom({}, null, 'userland-proxy').source, 'default');
    assert.equal(settingFrom({}, { graph: '/data/docker' }, 'data-root').value, '/data/docker');
  });

  it('2.3 log level: default info passes, debug by flag or json fails', () => {
    assert.equal(outcome('cis-2.3').outcome, 'pass');
    assert.equal(outcome('cis-2.3', withFlags('-D')).outcome, 'fail');
    assert.equal(outcome('cis-2.3', withJson({ 'log-level': 'error' })).outcome, 'fail');
    assert.equal(outcome('cis-2.3', withJson({ 'log-level': 'info' })).outcome, 'pass');
  });

  it('2.4 iptables=false fails, in either place', () => {
    assert.equal(outcome('cis-2.4').outcome, 'pass');
    assert.equal(outcome('cis-2.4', withFlags('--iptables=false')).outcome, 'fail');
    assert.equal(outcome('cis-2.4', withJson({ iptables: false })).outcome, 'fail');
  });

  it('2.8 (1.6.0: 2.7) TCP without TLS is critical, TLS without verify fails, tlsverify with files passes, no TCP is not applicable', () => {
    assert.equal(outcome('cis-2.8').outcome, 'not-applicable');
    const plain = hostEvidence((h) => (h.tcpHosts = ['tcp://0.0.0.0:2375']));
    const f = outcome('cis-2.8', plain);
    assert.equal(f.outcome, 'fail');
    assert.equal(f.severity, 'critical');
    const tlsOnly = hostEvidence((h) => {
      h.tcpHosts = ['tcp://0.0.0.0:2376'];
      h.flags = { tls: ['true'] };
    });
    assert.equal(outcome('cis-2.8', tlsOnly).severity, 'high');
    const verified = hostEvidence((h) => {
      h.tcpHosts = ['tcp://10.0.0.5:2376'];
      h.flags = { tlsverify: ['true'] };
      h.tls = { ca: file('/etc/docker/ca.pem'), cert: file('/etc/docker/cert.pem'), key: file('/etc/docker/key.pem', { mode: '0400' }) };
    });
    assert.equal(outcome('cis-2.8', verified).outcome, 'pass');
  });

  it('2.15 and 2.17 (1.6.0: 2.14, 2.16) follow daemon.json', () => {
    assert.equal(outcome('cis-2.15').outcome, 'fail');
    assert.equal(outcome('cis-2.15', withJson({ 'no-new-privileges': true })).outcome, 'pass');
    assert.equal(outcome('cis-2.17').outcome, 'fail');
    assert.equal(outcome('cis-2.17', withJson({ 'userland-proxy': false })).outcome, 'pass');
  });

  it('is error, never pass, when the daemon process or its config cannot be read', () => {
    const noDaemon = hostEvidence((h) => (h.daemon = null));
    const badJson = hostEvidence((h) => (h.daemonConfig.error = 'Unexpected token } in JSON at position 12'));
    for (const id of ['cis-2.3', 'cis-2.4', 'cis-2.8', 'cis-2.9', 'cis-2.11', 'cis-2.15', 'cis-2.17']) {
      assert.equal(outcome(id, noDaemon).outcome, 'error', id);
      assert.equal(outcome(id, badJson).outcome, 'error', id);
    }
  });

  it('2.x checks that the Engine API answers work without host evidence', () => {
    const d = dockerEvidence([]);
    for (const id of ['cis-2.2', 'cis-2.5', 'cis-2.6', 'cis-2.7', 'cis-2.10', 'cis-2.13', 'cis-2.14', 'cis-2.16', 'cis-2.18', 'cis-2.19']) {
      const f = run(id, loaded(d))[0];
      assert.ok(['pass', 'fail', 'warn'].includes(f.outcome), `${id}: ${f.outcome} ${f.message}`);
    }
    assert.equal(run('cis-2.2', loaded(d))[0].outcome, 'fail', 'the recorded bridge has enable_icc true');
  });

  it('2.5 ignores loopback and flags other insecure registries', () => {
    const d = dockerEvidence([], (x) => {
      x.info.RegistryConfig = { InsecureRegistryCIDRs: ['127.0.0.0/8', '10.0.0.0/8'], IndexConfigs: { 'reg.local:5000': { Name: 'reg.local:5000', Secure: false } } };
    });
    const f = run('cis-2.5', loaded(d))[0];
    assert.equal(f.outcome, 'fail');
    assert.match(f.message.en, /10\.0\.0\.0\/8, reg\.local:5000/);
  });

  it('2.6 flags aufs and devicemapper loop-lvm, prefers overlay2', () => {
    const with_ = (Driver: string, DriverStatus: [string, string][] = []) => run('cis-2.6', loaded(dockerEvidence([], (x) => Object.assign(x.info, { Driver, DriverStatus }))))[0];
    assert.equal(with_('overlay2').outcome, 'pass');
    assert.equal(with_('aufs').outcome, 'fail');
    assert.equal(with_('devicemapper', [['Data file', '/dev/loop0'], ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data']]).outcome, 'fail');
    assert.equal(with_('devicemapper', [['Pool Name', 'docker-thinpool']]).outcome, 'warn');
    assert.equal(with_('vfs').outcome, 'warn');
  });

  it('2.7 (1.8.0) fails devicemapper, calls out loop-lvm, and passes any other driver by name', () => {
    const with_ = (Driver: string | undefined, DriverStatus: [string, string][] = []) => run('cis-2.7', loaded(dockerEvidence([], (x) => Object.assign(x.info, { Driver, DriverStatus }))))[0];
    const ok = with_('overlay2', [['Backing Filesystem', 'extfs']]);
    assert.deepEqual([ok.check, ok.outcome, ok.message.en], ['cis.devicemapper', 'pass', 'The daemon uses the overlay2 storage driver, not devicemapper.']);
    assert.deepEqual(ok.evidence, [{ file: 'evidence/docker.json', pointers: ['/data/info/Driver', '/data/info/DriverStatus'] }]);
    assert.equal(with_('btrfs').outcome, 'pass');
    const loop = with_('devicemapper', [['Pool Name', 'docker-8:1-1-pool'], ['Data file', '/dev/loop0'], ['Metadata file', '/dev/loop1'], ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data']]);
    assert.equal(loop.outcome, 'fail');
    assert.match(loop.message.en, /loop-lvm mode \(Data file: \/dev\/loop0; Metadata file: \/dev\/loop1; Data loop file: \/var\/lib\/docker\/devicemapper\/devicemapper\/data\)/);
    assert.equal((loop.observed as { mode: string }).mode, 'loop-lvm');
    const direct = with_('devicemapper', [['Pool Name', 'docker-thinpool'], ['Data file', ''], ['Metadata file', '']]);
    assert.equal(direct.outcome, 'fail');
    assert.match(direct.message.en, /direct-lvm, pool docker-thinpool\), removed in Engine 25\.0/);
    assert.equal(with_(undefined).outcome, 'error');
  });

  it('2.12 (1.6.0: 2.11) dm.basesize applies only to devicemapper', () => {
    const dm = (x: { info: { Driver?: string } }) => (x.info.Driver = 'devicemapper');
    const na = run('cis-2.12', loaded(dockerEvidence([]), hostEvidence((h) => (h.daemon = null))))[0];
    assert.deepEqual([na.check, na.outcome], ['cis.dm-basesize', 'not-applicable']);
    assert.match(na.message.en, /uses the overlay2 storage driver; dm\.basesize only exists for devicemapper/);
    assert.equal(run('cis-2.12', loaded(dockerEvidence([], dm), hostEvidence()))[0].outcome, 'pass');
    const raised = withFlags('--storage-opt', 'dm.basesize=50G');
    const w = run('cis-2.12', loaded(dockerEvidence([], dm), raised))[0];
    assert.equal(w.outcome, 'warn');
    assert.match(w.message.en, /dm\.basesize=50G/);
    assert.equal(run('cis-2.12', loaded(dockerEvidence([], dm), hostEvidence((h) => (h.daemon = null))))[0].outcome, 'error', 'devicemapper with an unknown command line');
    assert.equal(run('cis-2.12', loaded(dockerEvidence([], dm)))[0].outcome, 'error', 'no host evidence');
  });

  it('1.2.2 flags an engine series first released more than two years before the audit', () => {
    const f = run('cis-1.2.2', loaded(dockerEvidence([])))[0];
    assert.equal(f.outcome, 'warn', 'Debian build 20.10.24+dfsg1 may carry backports');
    const up = run('cis-1.2.2', loaded(dockerEvidence([], (x) => (x.version.Version = '19.03.15'))))[0];
    assert.equal(up.outcome, 'fail');
    const cur = run('cis-1.2.2', loaded(dockerEvidence([], (x) => (x.version.Version = '28.0.1'))))[0];
    assert.equal(cur.outcome, 'manual');
  });

  it('swarm checks are not applicable with swarm off, and 7.5 reads auto-lock on a manager', () => {
    assert.equal(run('cis-7.5', loaded(dockerEvidence([])))[0].outcome, 'not-applicable');
    const swarm = dockerEvidence([], (x) => {
      x.info.Swarm = { LocalNodeState: 'active', ControlAvailable: true, Managers: 2, Nodes: 3 };
      x.swarm = { inspect: {}, nodes: [], services: [], secretCount: 0, autoLockEnabled: false };
    });
    assert.equal(run('cis-7.5', loaded(swarm))[0].outcome, 'fail');
    assert.equal(run('cis-7.1', loaded(swarm))[0].outcome, 'warn', 'two managers add no fault tolerance');
    assert.equal(run('cis-5.1', loaded(swarm))[0].outcome, 'fail', 'swarm on with no services');
    const listeners = hostEvidence((h) => (h.tcpListeners = [{ address: '::', port: 2377, family: 6 }]));
    assert.equal(run('cis-7.2', loaded(swarm, listeners))[0].outcome, 'fail');
  });
});
