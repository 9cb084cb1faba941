import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResidencyConfig, matchDeclared, normalizeResidencyConfig, parseResidencyConfig, ResidencyConfigError } from '../../src/residency/config';
import { discoverEndpoints } from '../../src/residency/discover';
import { geoSources } from '../../src/residency/geo';
import { locateEndpoints } from '../../src/residency/locate';
import { noDnsResolver, parseHostsFile, staticResolver } from '../../src/residency/resolver';
import { container, dockerEvidence } from './support/fixtures';

const YAML = `
allowed: [eea, NO]
host:
  country: no
  provider: hetzner
  note: Falkenstein per contract
endpoints:
  - match: "*.s3.eu-north-1.amazonaws.com"
    country: SE
    provider: aws
  - match: 10.20.0.0/16
    country: NO
  - match: db.example.com:5432
    country: IE
  - match: api.vendor.example
    country: US
    transferBasis: SCCs (EU) 2021/914 module 2, TIA 2025-03-01
providers:
  hetzner: { name: Hetzner Online GmbH, parentCountry: DE }
  aws: { name: Amazon Web Services EMEA SARL, parent: "Amazon.com, Inc.", parentCountry: us }
`;

describe('residency/config', () => {
  it('parses residency.yaml into the typed config, upper-casing codes', () => {
    const c = parseResidencyConfig(YAML);
    assert.deepEqual(c.allowed, { jurisdictions: ['eea'], countries: ['NO'] });
    assert.deepEqual(c.host, { country: 'NO', provider: 'hetzner', note: 'Falkenstein per contract' });
    assert.equal(c.providers.aws.parentCountry, 'US');
    assert.equal(c.endpoints.length, 4);
    assert.deepEqual(normalizeResidencyConfig(c), c, 'normalising twice changes nothing');
    assert.deepEqual(normalizeResidencyConfig(null).allowed.jurisdictions, ['eea', 'eea-special', 'adequate']);
  });

  it('matches declared endpoints by glob, CIDR, host:port and exact name', () => {
    const c = parseResidencyConfig(YAML);
    assert.equal(matchDeclared(c, 'bucket.s3.eu-north-1.amazonaws.com', 443, [])?.country, 'SE');
    assert.equal(matchDeclared(c, 's3.eu-north-1.amazonaws.com', 443, []), null, 'a *.glob does not match the apex');
    assert.equal(matchDeclared(c, 'nfs.corp', null, ['10.20.3.4'])?.country, 'NO');
    assert.equal(matchDeclared(c, '10.20.9.9', null, ['10.20.9.9'])?.country, 'NO');
    assert.equal(matchDeclared(c, 'db.example.com', 5432, [])?.country, 'IE');
    assert.equal(matchDeclared(c, 'db.example.com', 6432, []), null);
    assert.equal(matchDeclared(c, 'api.vendor.example', 443, [])?.transferBasis, 'SCCs (EU) 2021/914 module 2, TIA 2025-03-01');
  });

  it('names the file, the key and the problem for bad input', () => {
    const bad: [string, RegExp][] = [
      ['host: { country: XX }', /residency\.yaml: host\.country: "XX" is not a country code/],
      ['allowed: [third-country]', /allowed\[0\]: third-country cannot be allowed wholesale/],
      ['allowed: [US]', /allowed\[0\]: US is adequate-partial: a transfer there cannot be allowed wholesale/],
      ['allowed: [cloud]', /allowed\[0\]: "cloud" is not a jurisdiction/],
      ['allowed: []', /allowed: is empty/],
      ['endpoints: [{ country: NO }]', /endpoints\[0\]\.match: is required/],
      ['endpoints: [{ match: "a b", country: NO }]', /endpoints\[0\]\.match: "a b" is not a host name/],
      ['endpoints: [{ match: x.example, country: NO, provider: nope }]', /endpoints\[0\]\.provider: "nope" is not defined under providers/],
      ['host: { country: NO, colour: blue }', /host\.colour: unknown key/],
      ['host: { recipient: EPO }', /host\.recipient: unknown key/],
      ['endpoints: [{ match: x.example, recipient: WHO }]', /endpoints\[0\]\.recipient: "WHO" is not an international organisation in the jurisdiction table \(known: EPO\)/],
      ['endpoints: [{ match: x.example }]', /endpoints\[0\]\.country: is required/],
      ['allowed: [SJ]', /allowed\[0\]: SJ is outside-eea-agreement: a transfer there cannot be allowed wholesale/],
      ['allowed: [outside-eea-agreement]', /outside-eea-agreement cannot be allowed wholesale/],
      ['regions: []', /regions: unknown key/],
      ['providers: { a: { parent: X } }', /providers\.a\.name: is required/],
      ['host: [', /not valid YAML/],
    ];
    for (const [text, re] of bad) assert.throws(() => parseResidencyConfig(text), (e: Error) => e instanceof ResidencyConfigError && re.test(e.message), text);
  });

  it('declares an international organisation as an endpoint’s recipient (the EPO), with or without a country', () => {
    const c = parseResidencyConfig('allowed: [eea, EPO]\nendpoints:\n  - { match: "*.epo.org", recipient: epo }\n  - { match: "filing.example", recipient: EPO, country: de, note: online filing }\n');
    assert.deepEqual(c.endpoints, [
      { match: '*.epo.org', recipient: 'EPO' },
      { match: 'filing.example', recipient: 'EPO', country: 'DE', note: 'online filing' },
    ]);
    assert.deepEqual(c.allowed.countries, ['EPO']);
    assert.deepEqual(matchDeclared(c, 'data.epo.org', 443, []), { match: '*.epo.org', recipient: 'EPO' });
    assert.deepEqual(normalizeResidencyConfig(c), c, 'normalising twice is harmless');
  });

  it('loads a file with the SHA-256 of its bytes, and says when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-cfg-'));
    try {
      const f = join(dir, 'residency.yaml');
      writeFileSync(f, 'host: { country: SE }\n');
      const l = await loadResidencyConfig(f);
      assert.equal(l.config.host?.country, 'SE');
      assert.equal(l.sha256, createHash('sha256').update('host: { country: SE }\n').digest('hex'));
      assert.match(l.sha256, /^[0-9a-f]{64}$/);
      await assert.rejects(() => loadResidencyConfig(join(dir, 'none.yaml')), /cannot read .*none\.yaml: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('residency/resolver', () => {
  it('parses hosts(5) text with comments, aliases and IPv6', () => {
    const m = parseHostsFile('# comment\n51.120.0.1 db.example.com db\n\n2a01:4f8::1  registry.example.de # trailing\n51.120.0.2 DB.example.com\n');
    assert.deepEqual(m.get('db.example.com'), ['51.120.0.1', '51.120.0.2']);
    assert.deepEqual(m.get('db'), ['51.120.0.1']);
    assert.deepEqual(m.get('registry.example.de'), ['2a01:4f8::1']);
    assert.throws(() => parseHostsFile('51.120.0.1\n', 'hosts'), /hosts line 1: no host name after 51\.120\.0\.1/);
  });

  it('answers from a static map and refuses everything under --no-dns', async () => {
    const r = staticResolver({ 'A.example': ['192.0.2.1'] });
    assert.deepEqual(await r.resolve('a.example'), ['192.0.2.1']);
    await assert.rejects(() => r.resolve('b.example'), /NXDOMAIN/);
    await assert.rejects(() => noDnsResolver.resolve('a.example'), /--no-dns/);
  });
});

describe('residency/locate', () => {
  it('resolves each name once however often it appears, and stops resolving when interrupted', async () => {
    const docker = dockerEvidence([
      container('a', { Env: ['X=https://svc.example.net', 'Y=svc.example.net:8443'] }),
      container('b', { Env: ['X=https://svc.example.net', 'Z=https://other.example.net'] }),
    ]);
    const asked: string[] = [];
    const resolver = { resolve: async (n: string) => (asked.push(n), ['51.120.0.1']) };
    const eps = discoverEndpoints({ docker });
    const r = await locateEndpoints(eps, docker, { resolver, geo: () => geoSources() });
    assert.deepEqual(asked.filter((n) => n === 'svc.example.net'), ['svc.example.net']);
    assert.ok(r.endpoints.filter((e) => e.host === 'svc.example.net').every((e) => e.addresses[0].country === 'NO'));
    const ac = new AbortController();
    ac.abort();
    const stopped = await locateEndpoints(eps, docker, { resolver, geo: () => geoSources(), signal: ac.signal });
    assert.ok(stopped.endpoints.filter((e) => e.host.endsWith('.example.net')).every((e) => e.resolution.error === 'not resolved: the run was interrupted'));
  });
});
