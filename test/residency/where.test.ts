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
  it('answers IPs, host names and country codes as a JSON array of { input, country, jurisdiction, decision }', async () => {
    const r = await run(['51.120.0.1', 'vendor.example', 'gb', '10.0.0.8', '::ffff:13.48.0.1', 'multi.example', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(out.map((a) => Object.keys(a).sort()), out.map(() => ['country', 'decision', 'input', 'jurisdiction']));
    assert.deepEqual(out.map((a) => [a.input, a.country, a.jurisdiction]), [
      ['51.120.0.1', 'NO', 'eea'],
      ['vendor.example', 'US', 'adequate-partial'],
      ['gb', 'GB', 'adequate'],
      ['10.0.0.8', null, 'internal'],
      ['::ffff:13.48.0.1', 'SE', 'eea'],
      ['multi.example', 'CN', 'third-country'],
    ]);
    assert.match(String(out[1].decision), /Data Privacy Framework/);
    assert.match(String(out[2].decision), /2021\/1772 .* 2021-06-28, valid until 2031-12-27/);
    assert.match(String(out[5].decision), /Norway \(NO\), China \(CN\); the most restrictive is shown/);
  });

  it('prints a readable answer with the addresses, the table date and the geolocation caveat', async () => {
    const r = await run(['vendor.example']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^vendor\.example → 8\.8\.8\.8 \(US\)\n {2}United States \(US\) · adequate-partial\n/);
    assert.match(r.stdout, /Jurisdiction table reviewed \d{4}-\d{2}-\d{2}/);
    assert.match(r.stdout, /GeoLite2-Country 2023-11-15.*36 months old.*--geoip-db/);
    assert.match(r.stdout, /corroborating evidence/);
  });

  it('rejects what is not an address, a name or a known code, but still answers the rest', async () => {
    const r = await run(['ZZ', 'NO', 'not a host!', '--json']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
    assert.match(r.stderr, /"ZZ" is not a country code/);
    assert.match(r.stderr, /"not a host!" is not an IP address, a host name or a country code/);
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
