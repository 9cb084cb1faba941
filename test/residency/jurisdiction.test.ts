import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultResidencyConfig } from '../../src/residency/config';
import { outcomeFor } from '../../src/residency/decide';
import { locateGeoipLite } from '../../src/residency/geo';
import { classifyCountry, JURISDICTION_TABLE, lookupCountry, TABLE_REVIEWED } from '../../src/residency/jurisdiction';
import { SOURCES } from '../../src/residency/sources';

const EU_27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EEA_EFTA = ['IS', 'LI', 'NO'];

describe('residency/jurisdiction table', () => {
  it('puts every EU member and Norway, Iceland and Liechtenstein in the EEA (not what geoip’s eu flag says for NO/IS/LI)', () => {
    assert.equal(EU_27.length, 27);
    for (const c of [...EU_27, ...EEA_EFTA]) {
      const v = classifyCountry(c);
      assert.equal(v.jurisdiction, 'eea', c);
      assert.equal(v.entry!.withinEea, true, c);
    }
    assert.equal([...JURISDICTION_TABLE.values()].filter((e) => e.jurisdiction === 'eea').length, 30, 'exactly 30 EEA states');
  });

  it('pins every adequacy decision with its act and adoption date', () => {
    const full: Record<string, [string, string]> = {
      AD: ['2010/625/EU', '2010-10-19'],
      AR: ['2003/490/EC', '2003-06-30'],
      BR: ['(EU) 2026/179', '2026-01-26'],
      CH: ['2000/518/EC', '2000-07-26'],
      FO: ['2010/146/EU', '2010-03-05'],
      GB: ['(EU) 2021/1772', '2021-06-28'],
      GG: ['2003/821/EC', '2003-11-21'],
      IL: ['2011/61/EU', '2011-01-31'],
      IM: ['2004/411/EC', '2004-04-28'],
      JE: ['2008/393/EC', '2008-05-08'],
      KR: ['(EU) 2022/254', '2021-12-17'],
      NZ: ['2013/65/EU', '2012-12-19'],
      UY: ['2012/484/EU', '2012-08-21'],
    };
    for (const [c, [act, date]] of Object.entries(full)) {
      const e = lookupCountry(c)!;
      assert.equal(e.jurisdiction, 'adequate', c);
      assert.ok(e.decision!.act.includes(act), `${c}: ${e.decision!.act}`);
      assert.equal(e.decision!.adopted, date, c);
      assert.match(classifyCountry(c).decision, new RegExp(date), c);
    }
    assert.equal(lookupCountry('GB')!.decision!.validUntil, '2031-12-27');
    const partial: Record<string, RegExp> = { US: /Data Privacy Framework/, CA: /PIPEDA/, JP: /APPI/ };
    for (const [c, condition] of Object.entries(partial)) {
      const e = lookupCountry(c)!;
      assert.equal(e.jurisdiction, 'adequate-partial', c);
      assert.match(e.decision!.condition!, condition, c);
    }
    assert.equal(lookupCountry('US')!.decision!.adopted, '2023-07-10');
    for (const c of ['AS', 'GU', 'MP', 'PR', 'UM', 'VI']) {
      assert.equal(lookupCountry(c)!.jurisdiction, 'adequate-partial', c);
      assert.equal(lookupCountry(c)!.parent, 'US', c);
      assert.ok(lookupCountry(c)!.unverified, `${c} carries its open question`);
    }
    const adequate = [...JURISDICTION_TABLE.values()].filter((e) => e.jurisdiction === 'adequate').map((e) => e.code).sort();
    assert.deepEqual(adequate, Object.keys(full).sort(), 'no other country is adequate');
  });

  it('gets the special territories right: outermost regions and Åland in, Svalbard for review, Greenland, Gibraltar and OCTs out', () => {
    for (const c of ['AX', 'GF', 'GP', 'MQ', 'RE', 'YT', 'MF']) {
      const e = lookupCountry(c)!;
      assert.equal(e.jurisdiction, 'eea-special', c);
      assert.equal(e.withinEea, true, c);
      assert.equal(outcomeFor(classifyCountry(c), defaultResidencyConfig()).outcome, 'pass', c);
    }
    const sj = lookupCountry('SJ')!;
    assert.equal(sj.jurisdiction, 'eea-special');
    assert.equal(sj.withinEea, null, 'Svalbard is not simply Norway');
    assert.equal(sj.parent, 'NO');
    assert.equal(outcomeFor(classifyCountry('SJ'), defaultResidencyConfig()).outcome, 'manual');
    for (const c of ['GL', 'GI', 'BV', 'BL', 'PM', 'PF', 'NC', 'WF', 'TF', 'AW', 'CW', 'SX', 'BQ', 'BM', 'KY', 'VG', 'FK']) {
      assert.equal(lookupCountry(c)!.jurisdiction, 'third-country', c);
      assert.equal(outcomeFor(classifyCountry(c), defaultResidencyConfig()).outcome, 'fail', c);
    }
    assert.equal(lookupCountry('GL')!.parent, 'DK');
    assert.equal(lookupCountry('GI')!.parent, 'GB');
    assert.match(lookupCountry('GI')!.note, /not cover/i);
    assert.equal(lookupCountry('FO')!.jurisdiction, 'adequate', 'Faroe Islands: adequacy, not EEA');
    assert.equal(lookupCountry('CH')!.jurisdiction, 'adequate', 'Switzerland: EFTA but not EEA');
  });

  it('asks a person before a Norwegian exporter relies on an adequacy decision not yet in the EEA Agreement (Brazil)', () => {
    const br = classifyCountry('BR');
    assert.equal(outcomeFor(br, defaultResidencyConfig()).outcome, 'pass', 'for an EU exporter the decision applies');
    const fromNorway = outcomeFor(br, { ...defaultResidencyConfig(), exporter: 'NO' });
    assert.equal(fromNorway.outcome, 'manual');
    assert.match(fromNorway.why, /exporter in Norway .* incorporated into the EEA Agreement/);
    assert.equal(outcomeFor(classifyCountry('GB'), { ...defaultResidencyConfig(), exporter: 'NO' }).outcome, 'pass');
    assert.equal(outcomeFor(br, { ...defaultResidencyConfig(), exporter: 'SE' }).outcome, 'pass');
  });

  it('classifies well-known third countries as such, with the Chapter V tools named', () => {
    const third = ['CN', 'RU', 'IN', 'SG', 'AU', 'ZA', 'AE', 'TR', 'UA', 'KE', 'MC', 'SM', 'VA', 'XK', 'HK', 'MX'];
    assert.ok(third.length >= 10);
    for (const c of third) {
      const v = classifyCountry(c);
      assert.equal(v.jurisdiction, 'third-country', c);
      assert.match(v.decision, /Art\. 46/, c);
      assert.match(v.decision, /Art\. 49/, c);
    }
  });

  it('treats a missing country as unknown and rejects codes it does not know instead of guessing', () => {
    assert.equal(classifyCountry('').jurisdiction, 'unknown');
    assert.equal(classifyCountry(null).jurisdiction, 'unknown');
    const zz = classifyCountry('ZZ');
    assert.equal(zz.jurisdiction, 'unknown');
    assert.match(zz.decision, /not in the jurisdiction table/);
    assert.equal(classifyCountry('no').jurisdiction, 'eea', 'codes are case-insensitive');
  });

  it('gives every entry sources that exist, a review date and a decision where it claims adequacy', () => {
    for (const e of JURISDICTION_TABLE.values()) {
      assert.ok(e.sources.length > 0, e.code);
      for (const s of e.sources) assert.ok(SOURCES[s], `${e.code}: source ${s}`);
      assert.match(e.lastReviewed, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(e.lastReviewed <= TABLE_REVIEWED);
      if (e.jurisdiction === 'adequate' || e.jurisdiction === 'adequate-partial') assert.ok(e.decision, e.code);
      if (e.jurisdiction === 'adequate-partial') assert.ok(e.decision!.condition, `${e.code} names what to verify`);
      assert.ok(e.note.length > 20, e.code);
    }
  });

  it('covers every country code in geoip-lite’s bundled country data', () => {
    const { dataDir } = locateGeoipLite();
    const buf = readFileSync(join(dataDir, 'geoip-country.dat'));
    const codes = new Set<string>();
    for (let off = 8; off < buf.length; off += 10) codes.add(buf.toString('latin1', off, off + 2));
    const buf6 = readFileSync(join(dataDir, 'geoip-country6.dat'));
    for (let off = 32; off < buf6.length; off += 34) codes.add(buf6.toString('latin1', off, off + 2));
    assert.ok(codes.size > 200, `${codes.size} codes`);
    const missing = [...codes].filter((c) => !lookupCountry(c));
    assert.deepEqual(missing, []);
  });
});
