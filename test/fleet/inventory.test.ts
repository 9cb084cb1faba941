/**
 * Fleets without a Swarm: the inventory file and its Engine API options (unit), a real run over the
 * test engine's unix socket next to an engine that is not there, `report` and `verify` on the fleet
 * folder, and ssh with a pinned host key against an sshd this test starts on 127.0.0.1 (openssh-server;
 * skipped without it, a failure under CI=true): the right key is collected over one ssh connection
 * (sshd's log counts the logins), a wrong pin is refused before anything is sent.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { FleetCollection, FleetSummary } from '../../src/findings/fleet';
import { hostOptions, parseInventory, pinnedHostVerifier, sshFingerprint } from '../../src/fleet/inventory';
import { PROJECT_ROOT } from '../../src/version';
import { collectEngine, INSPECT_CONCURRENCY } from '../../src/collectors/docker/collect';
import { engineClientFor } from '../../src/collectors/docker/request';
import { mapLimit } from '../../src/util/map-limit';
import { createTestContainer, requireEngine } from '../support/engine';
import { sshdMissing, startSshd, type TestSshd } from '../support/sshd';

const exec = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin/residency-audit');

async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec('node', [CLI, ...args], { env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}

function json<T>(...p: string[]): T {
  return JSON.parse(readFileSync(path.join(...p), 'utf8')) as T;
}

describe('fleet inventory: engine options', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ra-inv-'));
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  it('builds unix, tcp+TLS and ssh options, and refuses unsafe or incomplete entries with the entry named', () => {
    for (const f of ['ca.pem', 'cert.pem', 'key.pem', 'id']) writeFileSync(path.join(tmp, f), `${f}\n`);
    const hosts = parseInventory(
      `hosts:\n  - { name: a, engine: "unix:///var/run/docker.sock" }\n  - { name: b, engine: "tcp://db.example.net:2376", tls: { certPath: "." } }\n  - { name: c, engine: "ssh://audit@edge.example.net", hostKey: "SHA256:${'A'.repeat(43)}", identityFile: id }\n`,
      path.join(tmp, 'hosts.yaml'),
      {},
    );
    assert.deepEqual(hosts.map((h) => [h.name, h.kind, h.display]), [['a', 'unix', 'unix:///var/run/docker.sock'], ['b', 'tcp', 'tcp://db.example.net:2376'], ['c', 'ssh', 'ssh://audit@edge.example.net:22']]);
    const b = hosts[1].options as { protocol: string; ca: Buffer };
    assert.equal(b.protocol, 'https');
    assert.equal(b.ca.toString(), 'ca.pem\n');
    const c = hosts[2].options as unknown as { protocol: string; username: string; sshOptions: { hostVerifier: unknown; privateKey: Buffer } };
    assert.equal(c.protocol, 'ssh');
    assert.equal(c.username, 'audit');
    assert.equal(typeof c.sshOptions.hostVerifier, 'function');
    assert.equal(c.sshOptions.privateKey.toString(), 'id\n');
    const where = 'f: hosts[0]';
    assert.throws(() => hostOptions({ name: 'x', engine: 'tcp://db.example.net:2375' }, where, tmp, {}), /without "tls" would send root access to the engine unencrypted/);
    assert.ok(hostOptions({ name: 'x', engine: 'tcp://127.0.0.1:2375' }, where, tmp, {}), 'plain tcp to loopback is allowed');
    assert.throws(() => hostOptions({ name: 'x', engine: 'tcp://admin:pw@127.0.0.1:2375' }, where, tmp, {}), (e: Error) => /takes no user name or password/.test(e.message) && !e.message.includes('pw'));
    assert.throws(() => hostOptions({ name: 'x', engine: 'ssh://audit@h' }, where, tmp, { SSH_AUTH_SOCK: '/a' }), /need "hostKey: SHA256:…".*never trusted on first use/);
    assert.throws(() => hostOptions({ name: 'x', engine: 'ssh://audit:pw@h', hostKey: `SHA256:${'A'.repeat(43)}` }, where, tmp, {}), /do not put a password/);
    assert.throws(() => hostOptions({ name: 'x', engine: 'ssh://h', hostKey: `SHA256:${'A'.repeat(43)}` }, where, tmp, {}), /need a user/);
    assert.throws(() => hostOptions({ name: 'x', engine: 'ssh://a@h', hostKey: `SHA256:${'A'.repeat(43)}` }, where, tmp, {}), /identityFile.*ssh agent/);
    assert.throws(() => hostOptions({ name: 'x', engine: 'npipe:////./pipe/docker' }, where, tmp, {}), /unsupported engine scheme "npipe:\/\/"/);
    assert.throws(() => parseInventory('hosts: []', 'f.yaml', {}), /at least one entry/);
    assert.throws(() => parseInventory('hosts:\n  - { name: a, engine: "unix:///s" }\n  - { name: a, engine: "unix:///t" }\n', 'f.yaml', {}), /"a" appears twice/);
  });

  it('pins an ssh host key by its OpenSSH SHA256 fingerprint', async () => {
    await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(tmp, 'hk')]);
    const pub = readFileSync(path.join(tmp, 'hk.pub'), 'utf8').trim().split(/\s+/)[1];
    const printed = (await exec('ssh-keygen', ['-lf', path.join(tmp, 'hk.pub')])).stdout.split(/\s+/)[1];
    const raw = Buffer.from(pub, 'base64');
    assert.equal(sshFingerprint(raw), printed, 'the same fingerprint ssh-keygen prints');
    const seen: string[] = [];
    assert.equal(pinnedHostVerifier(printed, (f) => seen.push(f))(raw), true);
    assert.equal(pinnedHostVerifier(`SHA256:${'B'.repeat(43)}`)(raw), false);
    assert.deepEqual(seen, [printed]);
  });
});

describe('fleet inventory against real engines', function () {
  this.timeout(300_000);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ra-invrun-'));
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  it('collects the engine that answers, records the one that does not, marks host-side evidence "not assessed (engine API only)"; report and verify work on the folder', async function () {
    const engine = await requireEngine(this);
    const inv = path.join(tmp, 'hosts.yaml');
    writeFileSync(inv, `hosts:\n  - name: here\n    engine: ${engine.host}\n  - name: gone\n    engine: unix://${tmp}/no-such.sock\n`);
    const dir = path.join(tmp, 'out');
    const r = await cli(['fleet', '--inventory', inv, '--out', dir, '--node-timeout', '120', '--no-dns', '--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const c = json<FleetCollection>(dir, 'fleet.json');
    assert.equal(c.mode, 'inventory');
    const [here, gone] = c.hosts;
    assert.equal(here.status, 'collected');
    assert.equal(here.scope, 'engine-api-only');
    assert.equal(gone.status, 'not-collected');
    assert.match(gone.reason ?? '', /unreachable.*ENOENT/);
    for (const col of ['host', 'virt', 'storage', 'network']) {
      const ev = json<{ status: string; error: string }>(dir, 'hosts', 'here', 'evidence', `${col}.json`);
      assert.equal(ev.status, 'skipped');
      assert.match(ev.error, /^not assessed \(engine API only\)/);
    }
    const docker = json<{ status: string; host: { hostname: string }; data: { info: { Name: string } } }>(dir, 'hosts', 'here', 'evidence', 'docker.json');
    assert.notEqual(docker.status, 'failed');
    assert.equal(docker.host.hostname, docker.data.info.Name, 'the envelope names the engine\'s host');
    const s = json<FleetSummary>(dir, 'fleet-summary.json');
    assert.equal(s.hosts[0].virt.notAssessed?.startsWith('skipped: not assessed (engine API only)'), true);
    assert.match(readFileSync(path.join(dir, 'fleet-pack.html'), 'utf8'), /engine API only/);

    const v = await cli(['verify', dir]);
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /host here: \d+ files match its own manifest\.json/);
    assert.match(v.stdout, /host gone: not collected/);
    const again = await cli(['report', dir, '--format', 'sarif']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await cli(['verify', dir])).code, 0);

    // A changed evidence file: verify names it, report refuses to re-render.
    const ev = path.join(dir, 'hosts', 'here', 'evidence', 'docker.json');
    await fs.appendFile(ev, ' ');
    const bad = await cli(['verify', dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /changed: hosts\/here\/evidence\/docker\.json/);
    const refused = await cli(['report', dir]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /does not match its manifest \(hosts\/here\/evidence\/docker\.json\)/);
  });

  it('refuses an engine that is no Swarm manager, and bad usage, with exit 2 and what to do', async function () {
    const engine = await requireEngine(this);
    const info = (await engine.docker.info()) as { Swarm?: { LocalNodeState?: string } };
    if (info.Swarm?.LocalNodeState === 'active') this.skip();
    const r = await cli(['fleet', '--out', path.join(tmp, 'nomgr'), '--docker-host', engine.host]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not part of a Swarm.*--inventory FILE/);
    assert.equal((await cli(['fleet'])).code, 2);
    const bad = await cli(['fleet', '--out', path.join(tmp, 'x'), '--node-timeout', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--node-timeout takes seconds/);
  });

  describe('over ssh with a pinned host key (sshd on 127.0.0.1)', function () {
    let sshd: TestSshd | undefined;
    const dir = path.join(tmp, 'ssh');

    before(async function () {
      const missing = sshdMissing();
      if (missing) {
        if (process.env.CI === 'true') throw new Error(`${missing} (needed under CI=true)`);
        this.skip();
      }
      // The remote side runs `docker system dial-stdio`, which dials its default DOCKER_HOST: point it at
      // the test engine, which under CI is a private dockerd with its own socket, not /var/run/docker.sock.
      const engine = await requireEngine(this);
      sshd = await startSshd(dir, engine.host);
    });

    after(async () => {
      await sshd?.stop();
    });

    const inventory = (file: string, entries: Array<[string, string]>): string => {
      writeFileSync(file, `hosts:\n${entries.map(([name, key]) => `  - { name: ${name}, engine: "ssh://root@127.0.0.1:${sshd!.port}", hostKey: "${key}", identityFile: ${sshd!.clientKey} }\n`).join('')}`);
      return file;
    };

    it('collects the engine through `docker system dial-stdio` with the right key, and refuses a host whose key does not match the pin', async function () {
      await requireEngine(this);
      const { port } = sshd!;
      const inv = inventory(path.join(dir, 'hosts.yaml'), [['pinned', sshd!.hostKey], ['impostor', `SHA256:${'A'.repeat(43)}`]]);
      const out = path.join(dir, 'out');
      const env = { ...process.env };
      delete env.SSH_AUTH_SOCK;
      delete env.DOCKER_HOST;
      const r = await cli(['fleet', '--inventory', inv, '--out', out, '--node-timeout', '120', '--no-dns', '--format', 'sarif'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /DeprecationWarning|is invalid/, 'no warning from URL building');
      const c = json<FleetCollection>(out, 'fleet.json');
      const pinned = c.hosts.find((h) => h.name === 'pinned')!;
      const impostor = c.hosts.find((h) => h.name === 'impostor')!;
      assert.equal(pinned.status, 'collected', pinned.reason ?? '');
      assert.equal(pinned.endpoint, `ssh://127.0.0.1:${port}`, 'the user name is dropped like any user-info');
      const docker = json<{ status: string; data: { endpoint: string; containers: unknown[] } }>(out, 'hosts', 'pinned', 'evidence', 'docker.json');
      assert.notEqual(docker.status, 'failed');
      assert.equal(docker.data.endpoint, `ssh://127.0.0.1:${port}`);
      assert.equal(impostor.status, 'not-collected');
      assert.equal(impostor.reason, `engine unreachable at ssh://127.0.0.1:${port}: Host denied (verification failed)`);
    });

    it('reads an engine of many containers over one ssh connection (not one per request), and sends nothing to a host whose key does not match', async function () {
      const engine = await requireEngine(this);
      const N = 40;
      const made = await mapLimit(Array.from({ length: N }, (_, i) => i), 8, (i) => createTestContainer(engine, `ssh-${i}`));
      try {
        const ours = new Set(made.map((m) => m.id));
        const [pinned, impostor] = parseInventory(readFileSync(inventory(path.join(dir, 'count.yaml'), [['pinned', sshd!.hostKey], ['impostor', `SHA256:${'A'.repeat(43)}`]]), 'utf8'), path.join(dir, 'count.yaml'), {});

        const before = sshd!.accepted();
        const client = await engineClientFor(pinned.options, INSPECT_CONCURRENCY);
        let out;
        try {
          out = await collectEngine(client, `ssh://127.0.0.1:${sshd!.port}`);
        } finally {
          client.close();
        }
        const logins = sshd!.accepted() - before;
        assert.notEqual(out.status, 'failed', out.error);
        const seen = out.data!.containers.filter((c) => ours.has(c.Id));
        assert.equal(seen.length, N, 'every container of ours inspected (one request each, plus the lists)');
        assert.ok(logins >= 1 && logins <= 2, `${logins} ssh logins for ${out.data!.containers.length + 7} requests or more`);

        const wrong = await engineClientFor(impostor.options, INSPECT_CONCURRENCY);
        let refused;
        try {
          refused = await collectEngine(wrong, `ssh://127.0.0.1:${sshd!.port}`);
        } finally {
          wrong.close();
        }
        assert.equal(refused.status, 'failed');
        assert.equal(refused.error, `engine unreachable at ssh://127.0.0.1:${sshd!.port}: Host denied (verification failed)`);
        assert.equal(sshd!.accepted() - before, logins, 'no login (so no request) to a host whose key does not match the pin');
      } finally {
        await Promise.all(made.map((m) => m.remove({ force: true }).catch(() => undefined)));
      }
    });
  });
});
