import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geoipLiteBuildDate, geoLocator, loadGeoipLiteCountry, loadMmdb, locateGeoipLite, MmdbError, openMmdb } from '../../src/residency/geo';
import { parseIp } from '../../src/residency/ip-address';
import { buildMmdb, countryRecord } from './support/mmdb-writer';

const ip = (t: string) => parseIp(t)!;

describe('residency/geo: geoip-lite country data', function () {
  this.timeout(30_000);

  it('answers exactly as geoip-lite’s own lookup() on addresses across the whole space', () => {
    const ours = loadGeoipLiteCountry();
    // geoip-lite itself, loaded once here to compare (its city data: ~0.6 s, ~150 MB).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const geoip = require('geoip-lite') as { lookup(ip: string): { country: string } | null };
    const sample: string[] = ['8.8.8.8', '1.0.0.1', '1.1.1.1', '13.48.0.1', '20.100.0.1', '51.120.0.1', '193.0.6.139', '2001:4860:4860::8888', '2a01:4f8::1', '2606:4700:4700::1111'];
    // A deterministic spread over IPv4 (LCG) and over announced IPv6 space.
    let x = 12345;
    for (let i = 0; i < 3000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      sample.push([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.'));
    }
    for (let i = 0; i < 500; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      sample.push(`2${(x & 0xfff).toString(16).padStart(3, '0')}:${((x >>> 12) & 0xffff).toString(16)}::1`);
    }
    let located = 0;
    for (const s of sample) {
      const theirs = geoip.lookup(s);
      const mine = ours.lookup(ip(s));
      // geoip-lite's city data returns a record with country '' where the country data has no block: both mean "not located".
      assert.equal(mine?.country ?? null, theirs?.country || null, s);
      if (mine) located++;
    }
    assert.ok(located > 2000, `${located} of ${sample.length} located`);
  });

  it('places well-known addresses (2023 GeoLite2 data)', () => {
    const g = loadGeoipLiteCountry();
    assert.equal(g.lookup(ip('51.120.0.1'))?.country, 'NO');
    assert.equal(g.lookup(ip('13.48.0.1'))?.country, 'SE');
    assert.equal(g.lookup(ip('8.8.8.8'))?.country, 'US');
    assert.equal(g.lookup(ip('2001:4860:4860::8888'))?.country, 'US');
    assert.equal(g.lookup(ip('10.0.0.1')), null, 'private ranges have no block');
  });

  it('records the data’s build date from geoip-lite’s checksum file, and the package version', () => {
    const paths = locateGeoipLite();
    const d = geoipLiteBuildDate(paths.dataDir);
    assert.deepEqual(d, { date: '2023-11-15', source: 'checksum-file' });
    const info = loadGeoipLiteCountry(paths).info;
    assert.equal(info.kind, 'geoip-lite');
    assert.equal(info.version, '1.4.10');
    assert.equal(info.buildDate, '2023-11-15');
    assert.match(info.description, /GeoLite2-Country 2023-11-15/);
    assert.match(info.licence, /MaxMind/);
    assert.ok(info.files.every((f) => f.endsWith('.dat')));
  });

  it('dates data without a checksum file by its modification time, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-geo-'));
    try {
      writeFileSync(join(dir, 'geoip-country.dat'), Buffer.alloc(10));
      const d = geoipLiteBuildDate(dir);
      assert.equal(d.source, 'file-mtime');
      assert.equal(d.date, new Date().toISOString().slice(0, 10));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to geoip-lite’s own module when its country files do not have the expected shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-geo-bad-'));
    try {
      writeFileSync(join(dir, 'geoip-country.dat'), Buffer.alloc(15));
      writeFileSync(join(dir, 'geoip-country6.dat'), Buffer.alloc(34));
      const g = loadGeoipLiteCountry({ ...locateGeoipLite(), dataDir: dir });
      assert.match(g.info.description, /geoip-lite module/);
      assert.equal(g.lookup(ip('8.8.8.8'))?.country, 'US');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a database once per process, only when asked', () => {
    const a = geoLocator();
    const b = geoLocator();
    assert.equal(a, b);
  });
});

describe('residency/geo: MaxMind DB reader (--geoip-db)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ra-mmdb-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const networks = [
    { cidr: '51.120.0.0/16', data: countryRecord('NO') },
    { cidr: '8.8.8.0/24', data: countryRecord('US') },
    { cidr: '193.0.0.0/21', data: countryRecord('NL', 'DE') },
    { cidr: '2001:4860::/32', data: countryRecord('US') },
    { cidr: '2a01:4f8::/29', data: countryRecord('DE') },
  ];

  for (const recordSize of [24, 28, 32] as const) {
    it(`reads a ${recordSize}-bit IPv6 tree: IPv4 under ::/96, IPv6, registered country, misses`, () => {
      const file = join(dir, `c${recordSize}.mmdb`);
      writeFileSync(file, buildMmdb({ recordSize, networks, buildEpoch: Date.parse('2026-10-01T00:00:00Z') / 1000 }));
      const g = loadMmdb(file);
      assert.deepEqual(g.lookup(ip('51.120.3.4')), { country: 'NO', registeredCountry: 'NO' });
      assert.deepEqual(g.lookup(ip('193.0.6.139')), { country: 'NL', registeredCountry: 'DE' });
      assert.equal(g.lookup(ip('2001:4860:4860::8888'))?.country, 'US');
      assert.equal(g.lookup(ip('2a01:4f8:1:2::3'))?.country, 'DE');
      assert.equal(g.lookup(ip('8.8.9.9')), null);
      assert.equal(g.lookup(ip('2a02::1')), null);
      assert.equal(g.info.kind, 'mmdb');
      assert.equal(g.info.buildDate, '2026-10-01');
      assert.equal(g.info.buildDateSource, 'mmdb-build-epoch');
      assert.match(g.info.description, /RA-Test-Country built 2026-10-01/);
    });
  }

  it('reads an IPv4-only tree and answers no IPv6 address', () => {
    const file = join(dir, 'v4.mmdb');
    writeFileSync(file, buildMmdb({ ipVersion: 4, networks: networks.slice(0, 3), pointers: false }));
    const g = loadMmdb(file);
    assert.equal(g.lookup(ip('8.8.8.8'))?.country, 'US');
    assert.equal(g.lookup(ip('2001:4860::1')), null);
  });

  it('rejects files that are not MaxMind DBs with the reason', () => {
    const junk = join(dir, 'junk.mmdb');
    writeFileSync(junk, 'this is not a database');
    assert.throws(() => loadMmdb(junk), (e: Error) => e instanceof MmdbError && /--geoip-db .*junk\.mmdb.*metadata marker/.test(e.message));
    assert.throws(() => loadMmdb(join(dir, 'missing.mmdb')), /cannot read --geoip-db .*ENOENT/);
    const truncated = buildMmdb({ networks });
    // Keep the metadata but claim far more nodes than the file holds.
    const bad = Buffer.concat([Buffer.alloc(32), truncated.subarray(truncated.lastIndexOf(Buffer.from('MaxMind.com')) - 3)]);
    assert.throws(() => openMmdb(bad), /search tree .* is larger than the file/);
  });
});
