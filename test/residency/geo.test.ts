import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  combineAnswers,
  geoipCountryBuildDate,
  geoipLiteBuildDate,
  geoSources,
  loadDbipCountryLite,
  loadedDatabaseCount,
  loadGeoipCountry,
  loadGeoipLiteCountry,
  loadMmdb,
  locateGeoipLite,
  lookupAll,
  MmdbError,
  newestSource,
  openMmdb,
} from '../../src/residency/geo';
import { parseGeoipDbArg } from '../../src/residency/geo';
import { parseIp } from '../../src/residency/ip-address';
import { buildMmdb, countryCodeRecord, countryRecord } from './support/mmdb-writer';

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

  it('records the licence and the attribution the pack must print', () => {
    const info = loadGeoipLiteCountry().info;
    assert.equal(info.id, 'geoip-lite');
    assert.equal(info.licenceId, 'GeoLite2-EULA');
    assert.equal(info.attribution, 'This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com');
    assert.ok(info.licenceFiles!.every((f) => existsSync(f)));
  });
});

/** A deterministic spread over IPv4 and announced IPv6 space, plus well-known addresses. */
function sampleAddresses(): string[] {
  const sample: string[] = ['8.8.8.8', '1.0.0.1', '1.1.1.1', '13.48.0.1', '20.100.0.1', '51.120.0.1', '193.0.6.139', '2001:4860:4860::8888', '2a01:4f8::1', '2606:4700:4700::1111'];
  let x = 4242;
  for (let i = 0; i < 3000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    sample.push([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.'));
  }
  for (let i = 0; i < 500; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    sample.push(`2${(x & 0xfff).toString(16).padStart(3, '0')}:${((x >>> 12) & 0xffff).toString(16)}::1`);
  }
  return sample;
}

describe('residency/geo: geoip-country (current GeoLite2 data)', function () {
  this.timeout(30_000);

  it('answers exactly as geoip-country’s own lookup() (its v5 files: 18-byte IPv6 records)', () => {
    const ours = loadGeoipCountry();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const theirs = require('geoip-country') as { lookup(ip: string): { country: string } | null };
    let located = 0;
    for (const s of sampleAddresses()) {
      const mine = ours.lookup(ip(s));
      assert.equal(mine?.country ?? null, theirs.lookup(s)?.country || null, s);
      if (mine) located++;
    }
    assert.ok(located > 2000, `${located} located`);
    assert.match(ours.info.description, /country files/);
  });

  it('dates its data by the package version stamp, and records its EULA', () => {
    assert.equal(geoipCountryBuildDate('5.0.202609260156'), '2026-09-26');
    assert.equal(geoipCountryBuildDate('5.0.1'), null);
    const info = loadGeoipCountry().info;
    assert.deepEqual([info.id, info.kind, info.vendor, info.buildDate, info.buildDateSource], ['geoip-country', 'geoip-country', 'MaxMind', '2026-09-26', 'package-version']);
    assert.equal(info.package?.version, '5.0.202609260156');
    assert.equal(info.licenceId, 'GeoLite2-EULA');
    assert.match(info.attribution!, /GeoLite2 data created by MaxMind/);
    assert.ok(info.licenceFiles!.some((f) => f.endsWith('EULA') && existsSync(f)));
  });
});

describe('residency/geo: DB-IP IP to Country Lite (country_code records)', function () {
  this.timeout(30_000);

  it('reads the package’s MaxMind DB, dated by its build_epoch, with DB-IP’s attribution', () => {
    const g = loadDbipCountryLite();
    assert.deepEqual([g.info.id, g.info.kind, g.info.vendor, g.info.buildDate, g.info.buildDateSource], ['dbip-country-lite', 'mmdb', 'DB-IP', '2026-06-01', 'mmdb-build-epoch']);
    assert.deepEqual([g.info.licenceId, g.info.attribution, g.info.attributionUrl], ['CC-BY-4.0', 'IP Geolocation by DB-IP', 'https://db-ip.com']);
    assert.ok(g.info.licenceFiles!.every((f) => f.endsWith('DBIP-LICENSE') && existsSync(f)));
    assert.equal(g.lookup(ip('8.8.8.8'))?.country, 'US');
    assert.equal(g.lookup(ip('2a01:4f8::1'))?.country, 'DE', 'IPv6 from the same file');
  });

  it('answers the same as the generic --geoip-db reader, which used to read nothing from this file', () => {
    const bundled = loadDbipCountryLite();
    const asFile = loadMmdb(bundled.info.files[0]);
    let located = 0;
    for (const s of sampleAddresses()) {
      const a = bundled.lookup(ip(s))?.country ?? null;
      assert.equal(asFile.lookup(ip(s))?.country ?? null, a, s);
      if (a) located++;
    }
    assert.ok(located > 2000, `${located} located`);
  });
});

describe('residency/geo: every source, real data, offline', function () {
  this.timeout(30_000);

  it('looks well-known public addresses up in geoip-lite, geoip-country and DB-IP Lite and records agreement', () => {
    const set = geoSources();
    assert.deepEqual(set.infos.map((i) => i.id), ['geoip-lite', 'geoip-country', 'dbip-country-lite']);
    assert.equal(set.sourceIds, 'geoip-lite+geoip-country+dbip-country-lite');
    const at = (a: string) => set.lookup(ip(a));
    for (const [a, c] of [['8.8.8.8', 'US'], ['51.120.0.1', 'NO'], ['13.48.0.1', 'SE'], ['193.0.6.139', 'NL'], ['2a01:4f8::1', 'DE']] as const) {
      const r = at(a);
      assert.deepEqual([r.status, r.country], ['agreed', c], a);
      assert.deepEqual(r.answers.map((x) => x.country), [c, c, c], a);
    }
    // Google's public DNS over IPv6: GeoLite2 says US, DB-IP Lite says CA — a real disagreement.
    const g6 = at('2001:4860:4860::8888');
    assert.equal(g6.status, 'disputed');
    assert.equal(g6.country, null);
    assert.deepEqual(g6.answers, [{ source: 'geoip-lite', country: 'US' }, { source: 'geoip-country', country: 'US' }, { source: 'dbip-country-lite', country: 'CA' }]);
    // Anycast 1.1.1.1: no country in GeoLite2, AU in DB-IP: one source located it.
    assert.deepEqual([at('1.1.1.1').status, at('1.1.1.1').country], ['single', 'AU']);
    for (const doc of ['192.0.2.1', '198.51.100.7', '2001:db8::1']) assert.equal(at(doc).status, 'not-located', doc);
  });

  it('takes the newest source for freshness: geoip-country’s 2026-09-26 data', () => {
    assert.equal(geoSources().newest.id, 'geoip-country');
    const fake = (id: string, buildDate: string | null, buildDateSource: 'file-mtime' | 'mmdb-build-epoch') => ({ ...geoSources().newest, id, buildDate, buildDateSource });
    assert.equal(newestSource([fake('a', '2026-01-01', 'mmdb-build-epoch'), fake('b', '2026-12-01', 'file-mtime')]).id, 'a', 'a file time never wins over a date in the data');
  });

  it('loads each source once per process, only when asked', () => {
    const a = geoSources();
    const count = loadedDatabaseCount();
    assert.equal(geoSources(), a);
    assert.equal(geoSources([]), a);
    assert.equal(loadedDatabaseCount(), count);
  });
});

describe('residency/geo: combining answers', () => {
  it('agrees, abstains, disputes', () => {
    const a = (...cs: (string | null)[]) => cs.map((country, i) => ({ source: `s${i}`, country }));
    assert.deepEqual([combineAnswers(a('NO', 'NO')).status, combineAnswers(a('NO', 'NO')).country], ['agreed', 'NO']);
    assert.deepEqual([combineAnswers(a('NO', null)).status, combineAnswers(a('NO', null)).country], ['single', 'NO']);
    assert.deepEqual([combineAnswers(a('NO', 'SE', 'NO')).status, combineAnswers(a('NO', 'SE', 'NO')).country], ['disputed', null]);
    assert.deepEqual([combineAnswers(a(null, null)).status, combineAnswers(a(null, null)).country], ['not-located', null]);
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

  it('reads the country_code layout (ip-location-db), and treats an empty code as no country', () => {
    const file = join(dir, 'cc.mmdb');
    writeFileSync(file, buildMmdb({ networks: [{ cidr: '51.120.0.0/16', data: countryCodeRecord('NO') }, { cidr: '2a01:4f8::/29', data: countryCodeRecord('de') }, { cidr: '8.8.8.0/24', data: countryCodeRecord('') }] }));
    const g = loadMmdb(file);
    assert.deepEqual(g.lookup(ip('51.120.9.9')), { country: 'NO' });
    assert.deepEqual(g.lookup(ip('2a01:4f8::2')), { country: 'DE' });
    assert.deepEqual(g.lookup(ip('8.8.8.8')), { country: null });
    assert.equal(g.lookup(ip('9.9.9.9')), null);
  });

  it('gives two stub databases that disagree a disputed location, showing every answer', () => {
    const a = join(dir, 'stub-a.mmdb');
    const b = join(dir, 'stub-b.mmdb');
    writeFileSync(a, buildMmdb({ networks: [{ cidr: '51.120.0.0/16', data: countryRecord('NO') }, { cidr: '13.48.0.0/16', data: countryRecord('SE') }] }));
    writeFileSync(b, buildMmdb({ networks: [{ cidr: '51.120.0.0/16', data: countryCodeRecord('SE') }, { cidr: '13.48.0.0/16', data: countryCodeRecord('SE') }] }));
    const stubs = [loadMmdb(a), loadMmdb(b)];
    const d = lookupAll(stubs, ip('51.120.0.1'));
    assert.equal(d.status, 'disputed');
    assert.equal(d.country, null);
    assert.deepEqual(d.answers, [{ source: 'mmdb:stub-a.mmdb', country: 'NO' }, { source: 'mmdb:stub-b.mmdb', country: 'SE' }]);
    assert.deepEqual([lookupAll(stubs, ip('13.48.0.1')).status, lookupAll(stubs, ip('13.48.0.1')).country], ['agreed', 'SE']);
  });

  it('--geoip-db adds a source, or replaces the bundled one of its kind (by metadata or ID=FILE); never geoip-lite', () => {
    const geolite = join(dir, 'GeoLite2-Country.mmdb');
    writeFileSync(geolite, buildMmdb({ databaseType: 'GeoLite2-Country', networks: [{ cidr: '51.120.0.0/16', data: countryRecord('NO') }] }));
    const dbip = join(dir, 'dbip-country-lite-2026-11.mmdb');
    writeFileSync(dbip, buildMmdb({ databaseType: 'DBIP-Country-Lite', description: 'DB-IP IP to Country Lite', networks: [{ cidr: '51.120.0.0/16', data: countryRecord('NO') }] }));
    const other = join(dir, 'ipinfo-country.mmdb');
    writeFileSync(other, buildMmdb({ databaseType: 'ipinfo country.mmdb', networks: [{ cidr: '51.120.0.0/16', data: countryCodeRecord('NO') }] }));

    const ids = (args: string[]) => geoSources(args).infos.map((i) => `${i.id}${i.overrides ? `>${i.overrides}` : ''}`);
    assert.deepEqual(ids([geolite]), ['geoip-lite', 'mmdb:GeoLite2-Country.mmdb>geoip-country', 'dbip-country-lite']);
    assert.deepEqual(ids([dbip]), ['geoip-lite', 'geoip-country', 'mmdb:dbip-country-lite-2026-11.mmdb>dbip-country-lite']);
    assert.deepEqual(ids([other]), ['geoip-lite', 'geoip-country', 'dbip-country-lite', 'mmdb:ipinfo-country.mmdb']);
    assert.deepEqual(ids([`dbip-country-lite=${other}`]), ['geoip-lite', 'geoip-country', 'mmdb:ipinfo-country.mmdb>dbip-country-lite']);
    const withFile = geoSources([other]);
    assert.equal(withFile.infos[3].origin, 'geoip-db');
    assert.equal(withFile.infos[3].attribution, null, 'an unknown vendor: no attribution is invented');
    assert.match(withFile.infos[3].licence, /not known to the tool/);
    assert.throws(() => parseGeoipDbArg(`geoip-lite=${other}`), /geoip-lite cannot be replaced/);
    assert.deepEqual(parseGeoipDbArg('/tmp/a=b.mmdb'), { file: '/tmp/a=b.mmdb', replaces: null });
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
