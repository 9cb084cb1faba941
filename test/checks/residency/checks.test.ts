import { strict as assert } from 'node:assert';
import { runCheck } from '../../../src/checks/evaluate';
import { residencyChecks } from '../../../src/checks/residency';
import type { LoadedEvidence } from '../../../src/checks/evaluate';
import { residencyCollector } from '../../../src/collectors/residency';
import type { EvidenceFile } from '../../../src/evidence/types';
import type { ResidencyEvidence } from '../../../src/evidence/types/residency';
import type { Finding } from '../../../src/findings/types';
import { dockerFile, residencyCtx, sampleDocker, sampleResolver } from '../../residency/support/fixtures';

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

  it('warns when the geolocation data is older than six months, passes fresh data, and is not applicable without lookups', () => {
    const old = runCheck(check('residency-geolocation-freshness'), evidenceOf(data), { now: NOW });
    assert.equal(old[0].outcome, 'warn');
    assert.match(old[0].message.en, /built 2023-11-15, 36 months before/);
    const fresh = { ...data, geolocation: { ...data.geolocation!, buildDate: '2026-10-01' } };
    assert.equal(runCheck(check('residency-geolocation-freshness'), evidenceOf(fresh), { now: NOW })[0].outcome, 'pass');
    const none = runCheck(check('residency-geolocation-freshness'), evidenceOf({ ...data, geolocation: null }), { now: NOW });
    assert.equal(none[0].outcome, 'not-applicable');
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
