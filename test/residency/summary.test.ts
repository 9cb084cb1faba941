import { strict as assert } from 'node:assert';
import { residencyCollector } from '../../src/collectors/residency';
import type { ResidencyEvidence } from '../../src/evidence/types/residency';
import { normalizeResidencyConfig } from '../../src/residency/config';
import { residencySummary } from '../../src/residency/summary';
import { dockerFile, residencyCtx, sampleDocker, sampleResolver } from './support/fixtures';

describe('residency/summary', () => {
  let data: ResidencyEvidence;
  before(async () => {
    data = (await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [] }, dockerFile(sampleDocker())))).data!;
  });

  it('says in plain English where data goes, per jurisdiction, with what Chapter V requires', () => {
    const config = normalizeResidencyConfig({ host: { country: 'NO', provider: 'x' }, providers: { x: { name: 'X Cloud', parent: 'X Corp', parentCountry: 'US' } } });
    const s = residencySummary(data, config, 'en');
    const text = s.paragraphs.join('\n');
    assert.match(s.paragraphs[0], /Docker host itself is in Norway, as declared/);
    assert.match(text, /are in the EEA: .*Sweden \([^)]*nfs\.example\.se\)/);
    const third = /third countries without an adequacy decision: (.*?)\. Each/.exec(text)?.[1] ?? '';
    assert.ok(third.includes('China (logs.example.cn:514)') && third.includes('India (search.example.in)'), third);
    assert.match(text, /standard contractual clauses \(EU\) 2021\/914/);
    assert.match(text, /Data Privacy Framework/);
    assert.match(text, /\b1 could not be located: 198\.51\.100\.20:9100\./);
    assert.ok(!/\b1 are\b/.test(text), 'singular agreement');
    assert.match(text, /X Corp \(United States\).*CLOUD Act/);
    assert.match(text, /remote access/);
    // Every source with its data date, the newest included.
    for (const src of data.geolocationSources ?? []) assert.ok(text.includes(`${src.name}, data of ${src.buildDate}`), `names ${src.name} with its data date: ${text}`);
    assert.ok((data.geolocationSources ?? []).some((src) => src.buildDate === '2026-09-26'), 'the newest geolocation source is one of them');
    assert.deepEqual(s.groups.find((g) => g.jurisdiction === 'third-country')!.countries.sort(), ['CN', 'IN']);
    assert.ok(s.groups.find((g) => g.jurisdiction === 'internal')!.endpoints.includes('0.0.0.0:8080'));
  });

  it('says the same in Norwegian', () => {
    const s = residencySummary(data, normalizeResidencyConfig(null), 'nb');
    const text = s.paragraphs.join('\n');
    assert.match(text, /ikke er fastslått/);
    assert.match(text, /er i tredjeland uten beslutning om tilstrekkelig beskyttelsesnivå: .*Kina/);
    assert.match(text, /er i EØS: .*Sverige/);
    assert.match(text, /fjerntilgang/);
  });
});
