import { strict as assert } from 'node:assert';
import { applyFix, dockerRunLine, formatRun, runSpecOf, shellQuote } from '../../../src/checks/docker/run-line';
import { bindToLoopback } from '../../../src/checks/cis/5.14-bind-interface';
import { runCheck } from '../../../src/checks/evaluate';
import { containerRemediations } from '../../../src/checks/docker/remediation';
import { check, container, dockerEvidence, loaded, NOW } from './fixtures';

describe('docker run line reconstruction', () => {
  it('rebuilds the hardened container from its inspect', () => {
    const line = dockerRunLine(container('hardened'));
    for (const part of [
      'docker run -d --name cis-fx-hardened', '--user 1000:1000', '--restart on-failure:3', '--cap-drop ALL', '--cap-add NET_BIND_SERVICE',
      '--security-opt no-new-privileges', '--read-only', '--tmpfs /run', '--tmpfs /tmp', '-p 127.0.0.1:18080:8080', '--memory 64m',
      '--memory-swap 64m', '--cpus 0.5', '--pids-limit 64', '--ulimit nofile=1024:1024', '--health-cmd true', 'ra-test/busybox sleep 3600',
    ]) assert.ok(line.includes(part), `${part} missing from: ${line}`);
  });

  it('rebuilds the weak one, without the engine-added label=disable, and the legacy link', () => {
    const line = dockerRunLine(container('weak'));
    for (const part of ['--privileged', '--network host', '--pid host', '--ipc host', '--uts host', '--userns host', '-v /var/run/docker.sock:/var/run/docker.sock', '--mount type=bind,source=/srv/cis-fx,target=/hostsrv,bind-propagation=shared', '--device /dev/null:/dev/xnull', '--cgroup-parent /custom', '--security-opt seccomp=unconfined']) {
      assert.ok(line.includes(part), `${part} missing from: ${line}`);
    }
    assert.ok(!line.includes('label=disable'));
    assert.match(dockerRunLine(container('linked')), /--link cis-fx-default:web/);
  });

  it('applies fixes: drop, map, add without duplicates, and a command to run first', () => {
    const spec = runSpecOf(container('default'));
    const fixed = applyFix(spec, { map: { flag: '-p', to: (v) => (v.startsWith('80:') ? null : v) }, add: [{ flag: '--read-only' }, { flag: '--read-only' }] });
    assert.ok(!formatRun(fixed).includes('-p 80:8000'));
    assert.equal(formatRun(fixed).split('--read-only').length, 2);
    assert.match(dockerRunLine(container('default'), { before: 'docker network create app-net', add: [{ flag: '--network', value: 'app-net' }] }), /^docker network create app-net && docker run -d .*--network app-net/);
  });

  it('binds every published port to loopback for 5.14, a random-port one included', () => {
    assert.equal(bindToLoopback('8081:80'), '127.0.0.1:8081:80');
    assert.equal(bindToLoopback('[::]:8082:80'), '127.0.0.1:8082:80');
    assert.equal(bindToLoopback('0.0.0.0::80/udp'), '127.0.0.1::80/udp');
    assert.equal(bindToLoopback('80'), '127.0.0.1::80');
    assert.equal(bindToLoopback('10.0.0.5:8080:80'), '10.0.0.5:8080:80');
    assert.equal(bindToLoopback('[fd00::5]:8080:80'), '[fd00::5]:8080:80');
  });

  it('makes sensitive mounts read-only for 5.6, -v and --mount alike', () => {
    const c = container('weak', (x) => {
      x.HostConfig.Mounts = [{ Type: 'bind', Source: '/etc/ssl', Target: '/ssl' }];
      x.Mounts = [...(x.Mounts ?? []), { Type: 'bind', Source: '/etc/ssl', Destination: '/ssl', RW: true }];
    });
    const e = loaded(dockerEvidence([c]));
    const f = runCheck(check('cis-5.6'), e, { now: NOW })[0];
    assert.equal(f.outcome, 'fail');
    const line = `${containerRemediations(e.docker!.data!, undefined, [f], { now: NOW })[0].command} `;
    assert.match(line, /-v \/etc:\/host-etc:ro /);
    assert.match(line, /--mount type=bind,source=\/etc\/ssl,target=\/ssl,readonly /);
    assert.match(line, /-v \/var\/run\/docker\.sock:\/var\/run\/docker\.sock /, 'not a host system directory: left to 5.32');
  });

  it('quotes for the shell only when needed and never shows environment values', () => {
    assert.equal(shellQuote('a:b/c'), 'a:b/c');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('[::]:80'), `'[::]:80'`);
    const c = container('default', (x) => (x.Config.Env = ['DB_PASSWORD=hunter2']));
    assert.ok(!dockerRunLine(c).includes('hunter2'));
  });
});
