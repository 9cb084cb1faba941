/**
 * Residency against the real engine: containers created (never started: they point at outside
 * addresses) with credentials in env URLs, an NFS and a CIFS volume, a syslog log driver and published
 * ports. Names resolve only through a static resolver; nothing is sent anywhere.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residencyChecks } from '../../../src/checks/residency';
import { dockerCollector } from '../../../src/collectors/docker';
import { residencyCollector } from '../../../src/collectors/residency';
import { hashEntries } from '../../../src/evidence/manifest';
import { toJson, writeFileAtomic } from '../../../src/evidence/store';
import type { ResidencyEvidence } from '../../../src/evidence/types/residency';
import { collectAll } from '../../../src/pipeline/collect';
import { buildFindings } from '../../../src/pipeline/evaluate';
import { renderPack } from '../../../src/render';
import { staticResolver } from '../../../src/residency/resolver';
import { createTestContainer, requireEngine, TEST_LABEL, type TestEngine } from '../../support/engine';

/** Every credential the test puts into the engine; none may reach any output file. */
const SECRETS = ['S3cr3t-Db-Pass', 'dbadmin', 'tok_live_9f8e7d6c5b4a', 'payuser', 'ghp_AbCdEf0123456789', 'nfsPa55word', 'nfsuser', 'Cifs-Pa55', 'cifsuser', 'ssh-key-material'];

const HOSTS = {
  'db.eu.example': ['51.120.0.1'], // NO
  'api.payments.example': ['8.8.8.8'], // US
  'logs.example.cn': ['1.80.0.1'], // CN
  'nfs.example.se': ['13.48.0.1'], // SE
  'files.example.in': ['14.139.0.1'], // IN
  'hooks.example.de': ['2a01:4f8::1'], // DE
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('residency against a real engine', function () {
  let engine: TestEngine;
  let out: string;
  let suffix: string;
  let residency: ResidencyEvidence;

  before(async function () {
    engine = await requireEngine(this);
    suffix = engine.runId.slice(-6);
    const labels = { [TEST_LABEL]: engine.runId };
    await engine.docker.createVolume({
      Name: `ra-t-res-nfs-${suffix}`,
      Driver: 'local',
      DriverOpts: { type: 'nfs', o: 'addr=nfs.example.se,username=nfsuser,password=nfsPa55word,rw,nfsvers=4', device: ':/export/data' },
      Labels: labels,
    });
    await engine.docker.createVolume({
      Name: `ra-t-res-cifs-${suffix}`,
      Driver: 'local',
      DriverOpts: { type: 'cifs', o: 'username=cifsuser,password=Cifs-Pa55,vers=3.0', device: '//files.example.in/share' },
      Labels: labels,
    });
    const app = await createTestContainer(engine, 'res-app', {
      Env: [
        'DATABASE_URL=postgres://dbadmin:S3cr3t-Db-Pass@db.eu.example:5432/app',
        'PAYMENTS_URL=https://payuser:tok_live_9f8e7d6c5b4a@api.payments.example/v1/charges',
        'GITHUB_TOKEN=ghp_AbCdEf0123456789',
        'SSH_PRIVATE_KEY=ssh-key-material',
      ],
      Cmd: ['sh', '-c', 'wget -q https://hooks.example.de/notify'],
      ExposedPorts: { '8080/tcp': {}, '9090/tcp': {} },
      HostConfig: {
        PortBindings: { '8080/tcp': [{ HostIp: '', HostPort: '18080' }], '9090/tcp': [{ HostIp: '127.0.0.1', HostPort: '19090' }] },
        LogConfig: { Type: 'syslog', Config: { 'syslog-address': 'tcp://logs.example.cn:514', tag: 'app' } },
        Mounts: [
          { Type: 'volume', Source: `ra-t-res-nfs-${suffix}`, Target: '/data' },
          { Type: 'volume', Source: `ra-t-res-cifs-${suffix}`, Target: '/share' },
        ],
      },
    });

    // The engine itself holds the credentials (so the redaction below is what keeps them out), and the container never ran.
    const raw = JSON.stringify(await app.inspect()) + JSON.stringify(await engine.docker.getVolume(`ra-t-res-nfs-${suffix}`).inspect());
    for (const s of ['S3cr3t-Db-Pass', 'tok_live_9f8e7d6c5b4a', 'nfsPa55word']) assert.ok(raw.includes(s), `engine returns ${s}`);
    assert.equal((await app.inspect()).State.Status, 'created');

    out = mkdtempSync(join(tmpdir(), 'ra-res-pack-'));
    const collected = await collectAll({
      outDir: out,
      hostRoot: '/nonexistent-host-root',
      dockerHost: engine.host,
      collectors: [dockerCollector, residencyCollector],
      options: { residency: { resolver: staticResolver(HOSTS), hostAddresses: [{ interface: 'eth0', address: '192.168.50.10' }], config: { host: { country: 'NO' } } } },
    });
    assert.equal(collected.evidence.docker?.status === 'failed', false, collected.evidence.docker?.error);
    const file = collected.evidence.residency!;
    assert.ok(file.status === 'ok' || file.status === 'partial', file.error);
    residency = file.data as ResidencyEvidence;

    const findings = buildFindings(collected.evidence, { config: { residency: { host: { country: 'NO' } } }, checks: residencyChecks, now: '2026-11-23T12:00:00Z' });
    await writeFileAtomic(join(out, 'findings.json'), toJson(findings));
    const manifest = await hashEntries(out, ['evidence/docker.json', 'evidence/residency.json', 'findings.json']);
    await renderPack({ findings, evidence: collected.evidence, manifest, lang: 'en' }, out, ['html', 'pdf', 'sarif', 'junit']);
  });

  after(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const ep = (id: string) => {
    const e = residency.endpoints.find((x) => x.id === id);
    assert.ok(e, `${id} not among ${residency.endpoints.map((x) => x.id).join(', ')}`);
    return e;
  };

  it('finds env URLs, the command line, both volume backends, the syslog destination and the published ports', () => {
    const app = `ra-t-res-app-${suffix}`;
    // The engine is shared with other test runs: pick this run's container among the places an endpoint was found.
    const db = ep('db.eu.example:5432');
    const dbHere = db.foundIn.find((f) => f.object?.name === app);
    assert.deepEqual([db.kinds, dbHere?.field, db.addresses[0].country], [['env'], 'Env DATABASE_URL', 'NO']);
    assert.equal(ep('api.payments.example').addresses[0].country, 'US');
    assert.equal(ep('hooks.example.de').kinds[0], 'command');
    assert.equal(ep('hooks.example.de').addresses[0].country, 'DE');
    const nfs = ep('nfs.example.se');
    assert.deepEqual([nfs.kinds[0], nfs.scheme, nfs.addresses[0].country], ['volume', 'nfs', 'SE']);
    assert.ok(nfs.foundIn.some((f) => f.field.includes(`mounted by ${app}`)), JSON.stringify(nfs.foundIn));
    const cifs = ep('files.example.in');
    assert.deepEqual([cifs.kinds[0], cifs.scheme, cifs.addresses[0].country], ['volume', 'cifs', 'IN']);
    const syslog = ep('logs.example.cn:514');
    assert.deepEqual([syslog.kinds[0], syslog.scheme, syslog.addresses[0].country], ['logging', 'tcp', 'CN']);
    const pub = ep('0.0.0.0:18080');
    assert.deepEqual([pub.kinds[0], pub.addresses[0].internal], ['published-port', true]);
    assert.equal(ep('127.0.0.1:19090').addresses[0].range, 'loopback');
    assert.equal(residency.geolocation?.buildDate, '2026-09-26', 'the newest source: geoip-country');
    assert.deepEqual(residency.geolocationSources?.map((g) => g.id), ['geoip-lite', 'geoip-country', 'dbip-country-lite']);
  });

  it('decides the outcomes: EEA and internal pass, the US needs DPF verification, China and India fail', () => {
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { findings: { control: string; target: { id: string }; outcome: string; message: string }[] };
    const o = (id: string) => findings.findings.find((f) => f.control === 'residency-endpoint-jurisdiction' && f.target.id === id)?.outcome;
    assert.equal(o('db.eu.example:5432'), 'pass');
    assert.equal(o('nfs.example.se'), 'pass');
    assert.equal(o('hooks.example.de'), 'pass');
    assert.equal(o('0.0.0.0:18080'), 'pass', 'internal: with the host, declared in Norway');
    assert.equal(o('api.payments.example'), 'manual');
    assert.equal(o('logs.example.cn:514'), 'fail');
    assert.equal(o('files.example.in'), 'fail');
    const host = findings.findings.find((f) => f.control === 'residency-host-location')!;
    assert.equal(host.outcome, 'pass');
  });

  it('writes no password, user name or token from the engine into any output file', () => {
    const files = filesUnder(out);
    const names = files.map((f) => f.slice(out.length + 1)).sort();
    for (const expected of ['audit-pack.html', 'audit-pack.pdf', 'evidence/docker.json', 'evidence/residency.json', 'findings.json', 'findings.junit.xml', 'findings.sarif']) {
      assert.ok(names.includes(expected), `${expected} written (have ${names.join(', ')})`);
    }
    // The PDF's text is the same view model as the HTML, drawn with embedded fonts (glyph ids, not text), so the HTML stands for it.
    for (const f of files.filter((p) => !p.endsWith('.pdf'))) {
      const text = readFileSync(f, 'utf8');
      for (const s of SECRETS) assert.ok(!text.includes(s), `${s} found in ${f.slice(out.length + 1)}`);
    }
    const html = readFileSync(join(out, 'audit-pack.html'), 'utf8');
    assert.match(html, /logs\.example\.cn/, 'the pack shows the endpoints themselves');
    assert.match(html, /nfs\.example\.se/);
  });
});
