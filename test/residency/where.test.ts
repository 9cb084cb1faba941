import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whereCommand } from '../../src/cli/commands/where';
import { UsageError } from '../../src/cli/args';
import { staticResolver } from '../../src/residency/resolver';

async function run(argv: string[], resolver = staticResolver({ 'vendor.example': ['8.8.8.8'], 'multi.example': ['51.120.0.1', '1.80.0.1'], 'lan.example': ['10.1.2.3'] })) {
  let stdout = '';
  let stderr = '';
  const code = await whereCommand(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), resolver, now: '2026-11-23T00:00:00Z' });
  return { code, stdout, stderr };
}

describe('cli where', () => {
  it('answers IPs, host names and country codes as a JSON array of { input, country, jurisdiction, outcome, decision, geolocation? }', async () => {
    const r = await run(['51.120.0.1', 'vendor.example', 'gb', '10.0.0.8', '::ffff:13.48.0.1', 'multi.example', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    const keys = ['country', 'decision', 'input', 'jurisdiction', 'outcome'];
    assert.deepEqual(out.map((a) => Object.keys(a).sort()), [[...keys, 'geolocation'].sort(), [...keys, 'geolocation'].sort(), keys, keys, [...keys, 'geolocation'].sort(), [...keys, 'geolocation'].sort()]);
    assert.deepEqual(out.map((a) => [a.input, a.country, a.jurisdiction, a.outcome]), [
      ['51.120.0.1', 'NO', 'eea', 'pass'],
      ['vendor.example', 'US', 'adequate-partial', 'manual'],
      ['gb', 'GB', 'adequate', 'pass'],
      ['10.0.0.8', null, 'internal', 'info'],
      ['::ffff:13.48.0.1', 'SE', 'eea', 'pass'],
      ['multi.example', 'CN', 'third-country', 'fail'],
    ]);
    assert.match(String(out[1].decision), /Data Privacy Framework/);
    assert.match(String(out[2].decision), /2021\/1772 .* 2021-06-28, renewed 2025-12-19, valid until 2031-12-27/);
    assert.match(String(out[5].decision), /Norway \(NO\), China \(CN\); the most restrictive is shown/);
    assert.deepEqual(out[0].geolocation, [{ ip: '51.120.0.1', status: 'agreed', answers: [{ source: 'geoip-lite', country: 'NO' }, { source: 'geoip-country', country: 'NO' }, { source: 'dbip-country-lite', country: 'NO' }] }]);
  });

  it('answers disputed, showing every source, when the geolocation sources disagree', async () => {
    const r = await run(['2001:4860:4860::8888', '--json']);
    const [a] = JSON.parse(r.stdout) as { country: null; jurisdiction: string; outcome: string; decision: string; geolocation: { status: string }[] }[];
    assert.deepEqual([a.country, a.jurisdiction, a.outcome, a.geolocation[0].status], [null, 'disputed', 'manual', 'disputed']);
    assert.match(a.decision, /geoip-lite: US; geoip-country: US; dbip-country-lite: CA/);
    const text = await run(['2001:4860:4860::8888']);
    assert.match(text.stdout, /location disputed · disputed · manual/);
    assert.match(text.stdout, /2001:4860:4860::8888: geoip-lite US · geoip-country US · dbip-country-lite CA \(disputed\)/);
  });

  it('answers where EPO, where SJ and where BR --exporter NO', async () => {
    const [epo, sj, br] = JSON.parse((await run(['EPO', 'SJ', 'BR', '--json'])).stdout) as { input: string; country: string; jurisdiction: string; outcome: string; decision: string }[];
    assert.deepEqual([epo.country, epo.jurisdiction, epo.outcome], ['EPO', 'adequate', 'pass']);
    assert.match(epo.decision, /European Patent Organisation: adequacy decision .*\(EU\) 2025\/1382.* of 2025-07-15/);
    assert.deepEqual([sj.country, sj.jurisdiction, sj.outcome], ['SJ', 'outside-eea-agreement', 'manual']);
    assert.match(sj.decision, /outside the scope of the EEA Agreement \(Protocol 40/);
    assert.doesNotMatch(sj.decision, /EEA special territory/);
    assert.deepEqual([br.jurisdiction, br.outcome], ['adequate', 'pass'], 'for an EU exporter Brazil is adequate');

    const fromNorway = JSON.parse((await run(['BR', 'GB', 'EPO', 'CH', 'SJ', '--exporter', 'no', '--json'])).stdout) as { input: string; jurisdiction: string; outcome: string; decision: string }[];
    assert.deepEqual(fromNorway.map((a) => [a.input, a.jurisdiction, a.outcome]), [
      ['BR', 'adequate', 'manual'],
      ['GB', 'adequate', 'manual'],
      ['EPO', 'adequate', 'manual'],
      ['CH', 'adequate', 'pass'],
      ['SJ', 'outside-eea-agreement', 'manual'],
    ]);
    for (const a of fromNorway.slice(0, 3)) assert.match(a.decision, /For an exporter in Norway \(EEA EFTA\) .* not confirmed as of 2026-12-01/, a.input);
    const text = await run(['BR', '--exporter', 'NO']);
    assert.match(text.stdout, /Brazil \(BR\) · adequate · manual/);
    assert.match(text.stdout, /Exporter: Norway \(NO\)/);
    await assert.rejects(() => run(['BR', '--exporter', 'XX']), /--exporter takes a country code/);
  });

  it('prints a readable answer with the addresses, the table date and the geolocation caveat', async () => {
    const r = await run(['vendor.example']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^vendor\.example → 8\.8\.8\.8 \(US\)\n {2}United States \(US\) · adequate-partial · manual\n/);
    assert.match(r.stdout, /\n {2}8\.8\.8\.8: geoip-lite US · geoip-country US · dbip-country-lite US \(agreed\)\n/);
    assert.match(r.stdout, /Jurisdiction table reviewed 2026-12-01/);
    assert.match(r.stdout, /Geolocation sources: geoip-lite: geoip-lite 1\.4\.10 \(GeoLite2-Country 2023-11-15\).*; geoip-country: .*2026-09-26.*; dbip-country-lite: DB-IP IP to Country Lite 2026-06-01/);
    assert.doesNotMatch(r.stdout, /months old/, 'the newest source (2026-09-26) is fresh on 2026-11-23');
    assert.match(r.stdout, /This product includes GeoLite2 data created by MaxMind, available from https:\/\/www\.maxmind\.com\. IP Geolocation by DB-IP \(https:\/\/db-ip\.com\)/);
    assert.match(r.stdout, /corroborating evidence/);
    let later = '';
    await whereCommand(['8.8.8.8'], { stdout: (t) => (later += t), stderr: () => undefined, now: '2027-06-01T00:00:00Z' });
    assert.match(later, /The newest source \(geoip-country .*\) is 8 months old: pass a newer one with --geoip-db/);
  });

  it('rejects what is not an address, a name or a known code, but still answers the rest', async () => {
    const r = await run(['ZZ', 'NO', 'not a host!', '--json']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
    assert.match(r.stderr, /"ZZ" is not a country code/);
    assert.match(r.stderr, /"not a host!" is not an IP address, a host name, a country code or an organisation/);
    await assert.rejects(() => run([]), UsageError);
    await assert.rejects(() => run(['NO', '--bogus']), UsageError);
  });

  it('answers unknown for names it may not resolve (--no-dns) and uses --hosts-file first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-where-'));
    try {
      const hosts = join(dir, 'hosts');
      writeFileSync(hosts, '13.48.0.1 vendor.example\n');
      const viaFile = JSON.parse((await run(['vendor.example', '--hosts-file', hosts, '--json'])).stdout) as { country: string }[];
      assert.equal(viaFile[0].country, 'SE');
      const noDns = await whereCommand(['api.example', '--no-dns', '--json'], { stdout: (t) => assert.match(t, /"jurisdiction": "unknown"[\s\S]*--no-dns/), stderr: () => undefined });
      assert.equal(noDns, 0);
      await assert.rejects(() => run(['x.example', '--hosts-file', join(dir, 'missing')]), /cannot read --hosts-file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its help', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: residency-audit where ARG\.\.\./);
  });
});
