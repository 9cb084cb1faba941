import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residencyCollector } from '../../../src/collectors/residency';
import type { ResidencyEndpoint } from '../../../src/evidence/types/residency';
import { dockerFile, residencyCtx, sampleDocker, sampleResolver } from '../../residency/support/fixtures';

const byId = (eps: ResidencyEndpoint[], id: string) => {
  const e = eps.find((x) => x.id === id);
  assert.ok(e, `endpoint ${id} in ${eps.map((x) => x.id).join(', ')}`);
  return e;
};

describe('collectors/residency (unit, injected resolver)', () => {
  it('records every endpoint with where it was found, its resolution and country', async () => {
    const out = await residencyCollector.collect(
      residencyCtx({ resolver: sampleResolver(), hostAddresses: [{ interface: 'eth0', address: '192.168.1.10' }, { interface: 'docker0', address: '172.17.0.1' }] }, dockerFile(sampleDocker())),
    );
    assert.equal(out.status, 'ok', JSON.stringify(out.warnings));
    const d = out.data!;
    const eps = d.endpoints;

    const db = byId(eps, 'db.eu.example:5432');
    assert.deepEqual(db.kinds, ['env']);
    assert.equal(db.foundIn[0].field, 'Env DATABASE_URL');
    assert.equal(db.foundIn[0].object?.name, 'api');
    assert.deepEqual(db.resolution, { method: 'dns', addresses: ['51.120.0.1'], durationMs: db.resolution.durationMs });
    assert.equal(db.addresses[0].country, 'NO');
    assert.equal(db.addresses[0].geoSource, 'geoip-lite+geoip-country+dbip-country-lite');
    assert.equal(db.addresses[0].geoStatus, 'agreed');
    assert.deepEqual(db.addresses[0].geo!.map((g) => [g.source, g.country]), [['geoip-lite', 'NO'], ['geoip-country', 'NO'], ['dbip-country-lite', 'NO']]);

    assert.equal(byId(eps, 'logs.example.cn:514').addresses[0].country, 'CN');
    assert.equal(byId(eps, 'logs.example.cn:514').foundIn[0].field, 'HostConfig.LogConfig syslog syslog-address');
    const nfs = byId(eps, 'nfs.example.se');
    assert.deepEqual([nfs.kinds[0], nfs.scheme, nfs.addresses[0].country], ['volume', 'nfs', 'SE']);
    assert.match(nfs.foundIn[0].field, /mounted by api/);
    const cifs = byId(eps, 'files.example.us');
    assert.deepEqual([cifs.scheme, cifs.addresses[0].country], ['cifs', 'US']);
    assert.deepEqual(byId(eps, 'logs.eu-north-1.amazonaws.com:443').providerRegion, { provider: 'Amazon Web Services', region: 'eu-north-1', country: 'SE' });
    assert.equal(byId(eps, 'registry.example.de:443').addresses[0].country, 'DE');
    assert.equal(byId(eps, '8.8.8.8:53').kinds[0], 'dns-server');

    // Internal and unroutable: recorded, never geolocated.
    const port = byId(eps, '0.0.0.0:8080');
    assert.deepEqual([port.kinds[0], port.addresses[0].internal, port.addresses[0].geoSource, port.addresses[0].geo], ['published-port', true, null, undefined]);
    const cache = byId(eps, 'cache:6379');
    assert.equal(cache.resolution.method, 'container');
    const doc = byId(eps, '198.51.100.20:9100');
    assert.deepEqual([doc.addresses[0].range, doc.addresses[0].country], ['documentation', null]);
    assert.equal(byId(eps, '192.168.1.10').kinds[0], 'host-address');
    assert.ok(!eps.some((e) => e.host === '172.17.0.1'), "Docker's own bridge is not a host address");
    assert.ok(!eps.some((e) => e.host === 'github.com'), 'descriptive OCI labels are not data flows');

    // Every source is recorded with its build date, licence and attribution; `geolocation` is the newest.
    assert.deepEqual(d.geolocationSources!.map((g) => [g.id, g.buildDate, g.buildDateSource, g.licenceId]), [
      ['geoip-lite', '2023-11-15', 'checksum-file', 'GeoLite2-EULA'],
      ['geoip-country', '2026-09-26', 'package-version', 'GeoLite2-EULA'],
      ['dbip-country-lite', '2026-06-01', 'mmdb-build-epoch', 'CC-BY-4.0'],
    ]);
    assert.equal(d.geolocation?.id, 'geoip-country');
    assert.deepEqual([d.geolocationSources![2].attribution, d.geolocationSources![2].attributionUrl], ['IP Geolocation by DB-IP', 'https://db-ip.com']);
    assert.equal(d.resolver.mode, 'injected');
    assert.equal(d.declared, null);
  });

  it('leaves names unresolved under --no-dns, and never loads geolocation when nothing public needs it', async () => {
    const docker = sampleDocker();
    const out = await residencyCollector.collect(residencyCtx({ noDns: true, hostAddresses: [] }, dockerFile(docker)));
    const d = out.data!;
    assert.equal(d.resolver.mode, 'none');
    const db = byId(d.endpoints, 'db.eu.example:5432');
    assert.deepEqual([db.resolution.method, db.resolution.error, db.addresses.length], ['none', 'not resolved: --no-dns', 0]);
    // 8.8.8.8 (a literal DNS server) still needs the database.
    assert.equal(d.geolocation?.id, 'geoip-country');
    const internalOnly = await residencyCollector.collect(residencyCtx({ noDns: true, hostAddresses: [] }, dockerFile({ ...docker, containers: [], volumes: [], images: [] })));
    assert.equal(internalOnly.data!.geolocation, null);
    assert.deepEqual(internalOnly.data!.geolocationSources, []);
  });

  it('uses --hosts-file before DNS and fails clearly on a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-hosts-'));
    try {
      const good = join(dir, 'hosts');
      writeFileSync(good, '# static map\n13.48.0.9   db.eu.example\n');
      const out = await residencyCollector.collect(residencyCtx({ hostsFile: good, resolver: sampleResolver(), hostAddresses: [] }, dockerFile(sampleDocker())));
      const db = byId(out.data!.endpoints, 'db.eu.example:5432');
      assert.deepEqual([db.resolution.method, db.addresses[0].country], ['hosts-file', 'SE']);
      const bad = join(dir, 'bad');
      writeFileSync(bad, '1.2.3.4 ok.example\nnot-an-ip name\n');
      const failed = await residencyCollector.collect(residencyCtx({ hostsFile: bad, resolver: sampleResolver() }, dockerFile(sampleDocker())));
      assert.equal(failed.status, 'failed');
      assert.match(failed.error!, /bad line 2: "not-an-ip" is not an IP address/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still reports the host’s own addresses and DNS servers when docker evidence is missing (partial, with the reason)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ra-root-'));
    try {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(root, 'etc'));
      mkdirSync(join(root, 'run/systemd/resolve'), { recursive: true });
      writeFileSync(join(root, 'etc/resolv.conf'), 'nameserver 127.0.0.53\noptions edns0\n');
      writeFileSync(join(root, 'run/systemd/resolve/resolv.conf'), 'nameserver 9.9.9.9\n');
      const out = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [{ interface: 'eth0', address: '51.120.0.7' }] }, dockerFile(null, 'failed'), root));
      assert.equal(out.status, 'partial');
      assert.match(out.warnings![0], /docker evidence unavailable \(failed/);
      const ids = out.data!.endpoints.map((e) => e.id);
      assert.deepEqual(ids, ['51.120.0.7', '127.0.0.53:53', '9.9.9.9:53']);
      assert.equal(out.data!.endpoints[0].addresses[0].country, 'NO');
      assert.equal(out.data!.endpoints[2].foundIn[0].field, '/run/systemd/resolve/resolv.conf nameserver');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('records the declared config with its hash, and keeps collecting (partial) when the config is invalid', async () => {
    const ok = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [], config: { host: { country: 'no' } } }, dockerFile(sampleDocker())));
    assert.equal((ok.data!.declared!.config as { host: { country: string } }).host.country, 'NO');
    assert.match(ok.data!.declared!.sha256, /^[0-9a-f]{64}$/);
    const bad = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [], config: { host: { country: 'XX' } } }, dockerFile(sampleDocker())));
    assert.equal(bad.status, 'partial');
    assert.match(bad.warnings!.join(' '), /host\.country: "XX" is not a country code/);
    assert.equal(bad.data!.declared, null);
    assert.ok(bad.data!.endpoints.length > 5);
  });

  it('fails with the reason when --geoip-db is not a usable database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-geodb-'));
    try {
      writeFileSync(join(dir, 'x.mmdb'), 'nope');
      const out = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [], geoipDb: join(dir, 'x.mmdb') }, dockerFile(sampleDocker())));
      assert.equal(out.status, 'failed');
      assert.match(out.error!, /--geoip-db .*x\.mmdb is not a usable MaxMind DB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
