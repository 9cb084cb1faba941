import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultResidencyConfig } from '../../src/residency/config';
import { outcomeFor } from '../../src/residency/decide';
import { locateGeoipCountry, locateGeoipLite, openMmdb, locateDbip } from '../../src/residency/geo';
import { classifyCountry, EEA_EFTA_CONFIRMED_THROUGH, eeaEftaStatus, JURISDICTION_TABLE, lookupCountry, lookupOrganisation, lookupRecipient, ORGANISATION_TABLE, TABLE_REVIEWED } from '../../src/residency/jurisdiction';
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
    assert.equal(lookupCountry('GB')!.decision!.renewed, '2025-12-19');
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
    assert.equal(sj.jurisdiction, 'outside-eea-agreement', 'Svalbard is outside the EEA Agreement, not an EEA special territory');
    assert.equal(sj.withinEea, false, 'Svalbard is not simply Norway');
    assert.equal(sj.parent, 'NO');
    assert.match(sj.outsideBasis!, /Protocol 40/);
    assert.match(classifyCountry('SJ').decision, /outside the scope of the EEA Agreement \(Protocol 40/);
    assert.ok(sj.sources.includes('eea-protocol-40'));
    assert.equal(outcomeFor(classifyCountry('SJ'), defaultResidencyConfig()).outcome, 'manual');
    assert.equal(outcomeFor(classifyCountry('SJ'), { ...defaultResidencyConfig(), exporter: 'NO' }).outcome, 'manual');
    assert.ok(![...JURISDICTION_TABLE.values()].some((e) => e.jurisdiction === 'eea-special' && !e.withinEea), 'every eea-special territory is inside the EEA');
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

  it('applies one rule to every adequacy decision adopted or renewed after the last confirmed EEA incorporation (Brazil, the 2025 UK renewal, the EPO)', () => {
    const eu = defaultResidencyConfig();
    const no = { ...defaultResidencyConfig(), exporter: 'NO' };
    const later = [...JURISDICTION_TABLE.values(), ...ORGANISATION_TABLE.values()].filter((e) => e.decision && (e.decision.renewed ?? e.decision.adopted) > EEA_EFTA_CONFIRMED_THROUGH).map((e) => e.code).sort();
    assert.deepEqual(later, ['BR', 'EPO', 'GB'], 'the decisions the rule catches');
    for (const code of later) {
      const v = classifyCountry(code);
      assert.equal(eeaEftaStatus(v.entry!.decision!).status, 'not-confirmed', code);
      assert.equal(outcomeFor(v, eu).outcome, 'pass', `${code}: for an EU exporter the decision applies`);
      assert.equal(outcomeFor(v, { ...eu, exporter: 'SE' }).outcome, 'pass', code);
      for (const exporter of ['NO', 'IS', 'LI']) {
        const o = outcomeFor(v, { ...eu, exporter });
        assert.equal(o.outcome, 'manual', `${code} from ${exporter}`);
        assert.match(o.why.en, /\(EEA EFTA\) an adequacy decision applies only once an EEA Joint Committee Decision incorporates it into the EEA Agreement: for .* this was not confirmed as of 2026-12-01/, code);
        assert.equal(o.eeaEfta?.status, 'not-confirmed');
        assert.match(o.remediation!.en, /europalov\.no/);
      }
    }
    assert.match(outcomeFor(classifyCountry('GB'), no).why.en, /the renewal of 2025-12-19 of .*2021\/1772/);
    assert.match(outcomeFor(classifyCountry('BR'), no).why.en, /draft Joint Committee Decision was sent to the Commission on 6 May 2026/);
    // Decisions up to the DPF apply to EEA EFTA exporters; the US stays manual for its own condition only.
    for (const code of ['CH', 'JP', 'KR', 'FO']) assert.notEqual(outcomeFor(classifyCountry(code), no).eeaEfta?.status, 'not-confirmed', code);
    assert.equal(outcomeFor(classifyCountry('CH'), no).outcome, 'pass');
    const us = outcomeFor(classifyCountry('US'), no);
    assert.equal(us.outcome, 'manual');
    assert.equal(us.eeaEfta?.status, 'applies');
    assert.doesNotMatch(us.why.en, /not confirmed as of/);
  });

  it('answers the European Patent Organisation: Decision (EU) 2025/1382, an international organisation', () => {
    const epo = lookupOrganisation('epo')!;
    assert.equal(epo.kind, 'international-organisation');
    assert.equal(epo.jurisdiction, 'adequate');
    assert.equal(epo.decision!.adopted, '2025-07-15');
    assert.equal(lookupCountry('EPO'), undefined, 'not a country');
    assert.equal(lookupRecipient('EPO'), epo);
    const v = classifyCountry('EPO');
    assert.equal(v.countryName, 'European Patent Organisation');
    assert.match(v.decision, /^European Patent Organisation: adequacy decision Commission Implementing Decision \(EU\) 2025\/1382 .* of 2025-07-15/);
    for (const s of epo.sources) assert.ok(SOURCES[s], s);
  });

  it('states the DPF litigation with its dates in the US decision text', () => {
    const d = classifyCountry('US').decision;
    assert.match(d, /General Court dismissed .*T-553\/23 Latombe.* on 3 Sep 2025/);
    assert.match(d, /appeal C-703\/25 P, lodged on 31 Oct 2025, is pending/);
    assert.match(classifyCountry('PR').decision, /T-553\/23/, 'US territories carry the same decision');
    assert.equal(lookupCountry('US')!.lastReviewed, TABLE_REVIEWED);
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

  it('reviewed the table on 2026-12-01, dating each entry by its own last review', () => {
    assert.equal(TABLE_REVIEWED, '2026-12-01');
    for (const c of ['BR', 'GB', 'US', 'SJ']) assert.equal(lookupCountry(c)!.lastReviewed, '2026-12-01', c);
    assert.equal(lookupCountry('DE')!.lastReviewed, '2026-11-23', 'untouched entries keep their date');
  });

  it('covers every country code in geoip-country’s and DB-IP Lite’s data too', () => {
    const { dataDir } = locateGeoipCountry();
    const codes = new Set<string>();
    const buf = readFileSync(join(dataDir, 'geoip-country.dat'));
    for (let off = 8; off < buf.length; off += 10) codes.add(buf.toString('latin1', off, off + 2));
    const buf6 = readFileSync(join(dataDir, 'geoip-country6.dat'));
    for (let off = 16; off < buf6.length; off += 18) codes.add(buf6.toString('latin1', off, off + 2));
    for (const r of openMmdb(readFileSync(locateDbip().file)).distinctRecords()) codes.add(String((r as { country_code: unknown }).country_code));
    assert.ok(codes.size > 200, `${codes.size} codes`);
    assert.deepEqual([...codes].filter((c) => !lookupCountry(c)), []);
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
