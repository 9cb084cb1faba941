import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../../src/checks/evaluate';
import { residencyChecks } from '../../../src/checks/residency';
import type { LoadedEvidence } from '../../../src/checks/evaluate';
import { residencyCollector } from '../../../src/collectors/residency';
import type { EvidenceFile } from '../../../src/evidence/types';
import type { ResidencyEvidence } from '../../../src/evidence/types/residency';
import type { Finding } from '../../../src/findings/types';
import { container, dockerEvidence, dockerFile, residencyCtx, sampleDocker, sampleResolver } from '../../residency/support/fixtures';
import { buildMmdb, countryCodeRecord, countryRecord } from '../../residency/support/mmdb-writer';
import { staticResolver } from '../../../src/residency/resolver';

const check = (id: string) => residencyChecks.find((c) => c.id === id)!;
const NOW = '2026-11-23T12:00:00Z';

function evidenceOf(data: ResidencyEvidence): LoadedEvidence {
  const file: EvidenceFile<ResidencyEvidence> = { schemaVersion: '1.0.0', collector: 'residency', collectorVersion: '1.0.0', startedAt: NOW, endedAt: NOW, host: { hostname: 'h', engineId: null }, status: 'ok', data };
  return { residency: file };
}

describe('checks/residency', () => {
  let data: ResidencyEvidence;
  before(async () => {
    const out = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [{ interface: 'eth0', address: '192.168.1.10' }] }, dockerFile(sampleDocker())));
    data = out.data!;
  });

  const outcomes = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.target.id, f.outcome]));

  it('decides every endpoint: EEA passes, adequate-in-part and unknown need a person, third countries fail with the transfer tools', () => {
    const fs = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW });
    const o = outcomes(fs);
    assert.equal(o['db.eu.example:5432'], 'pass'); // NO
    assert.equal(o['nfs.example.se'], 'pass'); // SE
    assert.equal(o['registry.example.de:443'], 'pass'); // DE
    assert.equal(o['shop.example.no'], 'pass');
    assert.equal(o['logs.eu-north-1.amazonaws.com:443'], 'pass'); // provider region
    assert.equal(o['api.payments.example:443'], 'manual'); // US: DPF only
    assert.equal(o['files.example.us'], 'manual');
    assert.equal(o['8.8.8.8:53'], 'manual');
    assert.equal(o['logs.example.cn:514'], 'fail');
    assert.equal(o['search.example.in'], 'fail');
    assert.equal(o['198.51.100.20:9100'], 'manual', 'an unroutable address is unknown, not a pass');
    assert.equal(o['0.0.0.0:8080'], 'info', 'internal: follows the host, whose location is not established');
    assert.equal(o['cache:6379'], 'info');
    assert.ok(!('192.168.1.10' in o), 'host addresses are judged by residency-host-location');

    const cn = fs.find((f) => f.target.id === 'logs.example.cn:514')!;
    assert.equal(cn.section, 'residency');
    assert.equal(cn.target.kind, 'endpoint');
    assert.match(cn.message.en, /China \(CN\) is a third country/);
    assert.match(cn.message.en, /Art\. 46/);
    assert.match(cn.message.en, /Art\. 49/);
    assert.equal((cn.observed as { jurisdiction: string }).jurisdiction, 'third-country');
    assert.ok(cn.references.some((r) => r.framework === 'GDPR' && r.id === 'Art. 44'));
    assert.ok(cn.references.some((r) => r.framework === 'CSA CAIQ v4' && r.id === 'DSP-19'));
    const us = fs.find((f) => f.target.id === 'api.payments.example:443')!;
    assert.match(us.message.en, /Data Privacy Framework/);
    assert.match(us.remediation.en, /Data Privacy Framework List/);
    const se = fs.find((f) => f.target.id === 'nfs.example.se')!;
    assert.match(se.message.en, /Sweden is in the EEA/);
  });

  it('lets declared locations take precedence, shows them as declared, and notes disagreeing geolocation', () => {
    const config = {
      host: { country: 'NO', provider: 'acme' },
      endpoints: [
        { match: 'api.payments.example:443', country: 'IE', note: 'EU region per DPA' },
        { match: '*.example.cn', country: 'CN', transferBasis: 'SCCs (EU) 2021/914 module 2, TIA 2025-03-01' },
      ],
      providers: { acme: { name: 'Acme Hosting AS', parent: 'Acme Holding Inc.', parentCountry: 'US' } },
    };
    const fs = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW, residency: config });
    const o = outcomes(fs);
    const api = fs.find((f) => f.target.id === 'api.payments.example:443')!;
    assert.equal(api.outcome, 'pass');
    assert.match(api.message.en, /declared in Ireland \(EU region per DPA\)/);
    assert.match(api.message.en, /Geolocation disagrees \(US\)/);
    assert.equal((api.observed as { basis: string }).basis, 'declared');
    assert.equal(o['logs.example.cn:514'], 'manual', 'a declared transfer basis turns a fail into something to verify');
    assert.equal(o['0.0.0.0:8080'], 'pass', 'internal endpoints follow the declared host location');
    assert.equal(o['cache:6379'], 'pass');

    const host = runCheck(check('residency-host-location'), evidenceOf(data), { now: NOW, residency: config });
    assert.equal(host.length, 1);
    assert.equal(host[0].outcome, 'pass');
    assert.match(host[0].message.en, /Norway \(declared/);

    const foreign = runCheck(check('residency-foreign-control'), evidenceOf(data), { now: NOW, residency: config });
    assert.equal(foreign[0].outcome, 'manual');
    assert.match(foreign[0].message.en, /CLOUD Act/);
  });

  it('narrows with allowed: a Norwegian-only policy fails Sweden and the UK, never lets a third country pass', () => {
    const fs = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW, residency: { allowed: ['NO'] } });
    const o = outcomes(fs);
    assert.equal(o['db.eu.example:5432'], 'pass');
    assert.equal(o['nfs.example.se'], 'fail');
    assert.match(fs.find((f) => f.target.id === 'nfs.example.se')!.message.en, /allows only NO/);
    assert.equal(o['logs.example.cn:514'], 'fail');
    const bad = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW, residency: { allowed: ['third-country'] } });
    assert.equal(bad.length, 1);
    assert.equal(bad[0].outcome, 'error', 'a bad config is an error finding, not a silent default');
    assert.match(bad[0].message.en, /third-country cannot be allowed wholesale/);
  });

  it('needs a person for the host location when it has only private addresses and nothing is declared', () => {
    const fs = runCheck(check('residency-host-location'), evidenceOf(data), { now: NOW });
    assert.equal(fs[0].outcome, 'manual');
    assert.match(fs[0].message.en, /no public interface address/);
  });

  it('judges the newest geolocation source: passes current data, warns past six months or on an untrustworthy date, not applicable without lookups', () => {
    const fresh = runCheck(check('residency-geolocation-freshness'), evidenceOf(data), { now: NOW });
    assert.equal(fresh[0].outcome, 'pass');
    assert.match(fresh[0].message.en, /newest geolocation source, geoip-country .* was built 2026-09-26 \(58 days before/);
    assert.match(fresh[0].message.en, /Also looked up, to corroborate: geoip-lite 1\.4\.10 .*\(2023-11-15\); DB-IP IP to Country Lite .*\(2026-06-01\)/);
    const obs = fresh[0].observed as { source: string; sources: { id: string; buildDate: string; ageDays: number; licence: string; attribution: string }[] };
    assert.equal(obs.source, 'geoip-country');
    assert.deepEqual(obs.sources.map((x) => [x.id, x.buildDate, x.licence]), [['geoip-lite', '2023-11-15', 'GeoLite2-EULA'], ['geoip-country', '2026-09-26', 'GeoLite2-EULA'], ['dbip-country-lite', '2026-06-01', 'CC-BY-4.0']]);
    assert.equal(obs.sources[2].attribution, 'IP Geolocation by DB-IP');

    const old = runCheck(check('residency-geolocation-freshness'), evidenceOf(data), { now: '2027-05-01T00:00:00Z' });
    assert.equal(old[0].outcome, 'warn');
    assert.match(old[0].message.en, /built 2026-09-26, 7 months before this evaluation/);
    const mtime = { ...data, geolocationSources: [{ ...data.geolocationSources![0], buildDate: '2026-11-20', buildDateSource: 'file-mtime' as const }] };
    const untrusted = runCheck(check('residency-geolocation-freshness'), evidenceOf(mtime), { now: NOW });
    assert.equal(untrusted[0].outcome, 'warn', 'a file time is not the age of the data');
    assert.match(untrusted[0].message.en, /only the data file’s modification time/);
    const legacy = { ...data, geolocationSources: undefined, geolocation: data.geolocationSources![0] };
    assert.equal(runCheck(check('residency-geolocation-freshness'), evidenceOf(legacy), { now: NOW })[0].outcome, 'warn', 'evidence of one source (geoip-lite 2023) is judged by it');
    const none = runCheck(check('residency-geolocation-freshness'), evidenceOf({ ...data, geolocation: null, geolocationSources: [] }), { now: NOW });
    assert.equal(none[0].outcome, 'not-applicable');
  });

  it('makes the location disputed (manual, every answer shown) when two geolocation sources disagree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-dispute-'));
    try {
      // Two stub databases in place of geoip-country and DB-IP: they agree on 13.48/16 and disagree on 51.120/16.
      const a = join(dir, 'a.mmdb');
      const b = join(dir, 'b.mmdb');
      writeFileSync(a, buildMmdb({ networks: [{ cidr: '51.120.0.0/16', data: countryRecord('NO') }, { cidr: '13.48.0.0/16', data: countryRecord('SE') }] }));
      writeFileSync(b, buildMmdb({ networks: [{ cidr: '51.120.0.0/16', data: countryCodeRecord('RU') }, { cidr: '13.48.0.0/16', data: countryCodeRecord('SE') }] }));
      const docker = dockerEvidence([container('app', { Env: ['DB=postgres://db.example.net:5432', 'FILES=https://files.example.net'] })]);
      const resolver = staticResolver({ 'db.example.net': ['51.120.0.1'], 'files.example.net': ['13.48.0.1'] });
      const out = await residencyCollector.collect(residencyCtx({ resolver, hostAddresses: [{ interface: 'eth0', address: '51.120.0.9' }], geoipDb: [`geoip-country=${a}`, `dbip-country-lite=${b}`] }, dockerFile(docker)));
      assert.equal(out.status, 'ok', JSON.stringify(out));
      const ev = out.data!;
      assert.deepEqual(ev.geolocationSources!.map((x) => x.id), ['geoip-lite', 'mmdb:a.mmdb', 'mmdb:b.mmdb']);
      const db = ev.endpoints.find((e) => e.id === 'db.example.net:5432')!.addresses[0];
      assert.deepEqual([db.country, db.geoStatus], [null, 'disputed']);
      assert.deepEqual(db.geo, [{ source: 'geoip-lite', country: 'NO' }, { source: 'mmdb:a.mmdb', country: 'NO' }, { source: 'mmdb:b.mmdb', country: 'RU' }]);

      const fs = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(ev), { now: NOW });
      const f = fs.find((x) => x.target.id === 'db.example.net:5432')!;
      assert.equal(f.outcome, 'manual');
      const o = f.observed as { jurisdiction: string; country: null; addresses: { geoStatus: string; geo: unknown[] }[]; geolocationDisputed: { ip: string }[] };
      assert.deepEqual([o.jurisdiction, o.country, o.addresses[0].geoStatus, o.addresses[0].geo.length], ['disputed', null, 'disputed', 3]);
      assert.equal(o.geolocationDisputed[0].ip, '51.120.0.1');
      assert.match(f.message.en, /Location disputed: the geolocation sources disagree on 51\.120\.0\.1: geoip-lite: NO; mmdb:a\.mmdb: NO; mmdb:b\.mmdb: RU/);
      assert.match(f.remediation.en, /declare it under endpoints\[\]/);
      const agreed = fs.find((x) => x.target.id === 'files.example.net')!;
      assert.deepEqual([agreed.outcome, (agreed.observed as { addresses: { geoStatus: string }[] }).addresses[0].geoStatus], ['pass', 'agreed']);

      // The host's own address is disputed too: its location is not established by geolocation.
      const host = runCheck(check('residency-host-location'), evidenceOf(ev), { now: NOW });
      assert.equal(host[0].outcome, 'manual');
      assert.match(host[0].message.en, /the geolocation sources disagree on its public address\(es\): 51\.120\.0\.9/);
      // A declaration settles it, and the disagreeing source is named.
      const declared = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(ev), { now: NOW, residency: { endpoints: [{ match: 'db.example.net', country: 'NO', note: 'contract' }] } });
      const d = declared.find((x) => x.target.id === 'db.example.net:5432')!;
      assert.equal(d.outcome, 'pass');
      assert.match(d.message.en, /Geolocation disagrees \(RU\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges an endpoint declared as the EPO by Decision (EU) 2025/1382, and asks a person for a Norwegian exporter', () => {
    const config = { endpoints: [{ match: 'api.payments.example:443', recipient: 'EPO', country: 'DE', note: 'EPO filing API' }] };
    const eu = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW, residency: config }).find((f) => f.target.id === 'api.payments.example:443')!;
    assert.equal(eu.outcome, 'pass');
    assert.match(eu.message.en, /declared recipient European Patent Organisation, in Germany \(EPO filing API\)\. European Patent Organisation: adequacy decision .*2025\/1382/);
    const obs = eu.observed as { country: string; jurisdiction: string; recipient: { id: string; kind: string }; geolocationDisagrees: string[] };
    assert.deepEqual([obs.country, obs.jurisdiction, obs.recipient.id, obs.recipient.kind], ['EPO', 'adequate', 'EPO', 'international-organisation']);
    assert.deepEqual(obs.geolocationDisagrees, ['US'], 'geolocation is compared with the declared country, not the organisation');
    const no = runCheck(check('residency-endpoint-jurisdiction'), evidenceOf(data), { now: NOW, residency: { ...config, exporter: 'NO' } }).find((f) => f.target.id === 'api.payments.example:443')!;
    assert.equal(no.outcome, 'manual');
    assert.match(no.message.en, /For an exporter in Norway \(EEA EFTA\).*2025\/1382 \(C\(2025\) 4626\) of 2025-07-15 this was not confirmed as of 2026-12-01/);
    assert.deepEqual((no.observed as { eeaEfta: { status: string; exporter: string } }).eeaEfta, { exporter: 'NO', act: 'Commission Implementing Decision (EU) 2025/1382 (C(2025) 4626)', status: 'not-confirmed', date: '2025-07-15', text: (no.observed as { eeaEfta: { text: string } }).eeaEfta.text });
  });

  it('applies the EEA EFTA rule to the host too: a Norwegian exporter on a UK host needs a person (2025 renewal)', () => {
    const fs = runCheck(check('residency-host-location'), evidenceOf(data), { now: NOW, residency: { exporter: 'NO', host: { country: 'GB' } } });
    assert.equal(fs[0].outcome, 'manual');
    assert.match(fs[0].message.en, /renewal of 2025-12-19/);
    assert.equal((fs[0].observed as { eeaEfta: { status: string } }).eeaEfta.status, 'not-confirmed');
    assert.equal(runCheck(check('residency-host-location'), evidenceOf(data), { now: NOW, residency: { exporter: 'SE', host: { country: 'GB' } } })[0].outcome, 'pass');
  });

  it('re-decides from evidence alone: the config recorded at collection is used when the run gives none', () => {
    const withDeclared: ResidencyEvidence = { ...data, declared: { file: 'residency.yaml', sha256: 'x'.repeat(64), config: { host: { country: 'US' } } } };
    const fs = runCheck(check('residency-host-location'), evidenceOf(withDeclared), { now: NOW });
    assert.equal(fs[0].outcome, 'manual');
    assert.match(fs[0].message.en, /United States/);
  });

  it('turns missing residency evidence into an error finding, never a pass', () => {
    for (const c of residencyChecks) {
      const fs = runCheck(c, {}, { now: NOW });
      assert.equal(fs[0].outcome, 'error', c.id);
    }
  });
});
