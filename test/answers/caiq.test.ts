import { strict as assert } from 'node:assert';
import { QUESTIONS, SOURCES } from '../../src/answers/caiq';
import { findCheck } from '../../src/checks/registry';
import { en } from '../../src/i18n/en';
import { nb } from '../../src/i18n/nb';

describe('the CAIQ question catalog', () => {
  it('has at least 30 questions with well-formed, unique CAIQ v4 ids, each under its CCM control', () => {
    assert.ok(QUESTIONS.length >= 30, String(QUESTIONS.length));
    const ids = QUESTIONS.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const q of QUESTIONS) {
      assert.match(q.id, /^(A&A|AIS|BCR|CCC|CEK|DCS|DSP|GRC|HRS|IAM|IPY|IVS|LOG|SEF|STA|TVM|UEM)-\d{2}\.\d+$/, q.id);
      assert.equal(q.control, q.id.split('.')[0]);
      assert.ok(q.controlName.length > 3, q.id);
      assert.ok(q.source in SOURCES, `${q.id}: source ${q.source}`);
    }
    // The data questions customers ask first, and every family the brief names.
    for (const id of ['DSP-19.1', 'DSP-10.1', 'IVS-06.1', 'IVS-04.1', 'TVM-07.1', 'LOG-08.1', 'CEK-03.1', 'IAM-05.1']) assert.ok(ids.includes(id), id);
  });

  it('ties every question to checks that exist in the catalog (stable ids)', () => {
    for (const q of QUESTIONS) {
      assert.ok(q.checks.length > 0, q.id);
      for (const c of q.checks) assert.ok(findCheck(c), `${q.id}: unknown check ${c}`);
    }
  });

  it('has our paraphrase, a draft lead and a scope note in both languages, written anew for Norwegian', () => {
    for (const q of QUESTIONS) {
      for (const part of ['q', 'lead', 'scope']) {
        const key = `caiq.${q.id}.${part}` as keyof typeof en;
        assert.ok(en[key], `en ${key}`);
        assert.ok(nb[key], `nb ${key}`);
        assert.notEqual(nb[key], en[key], `nb ${key} is English`);
      }
      assert.match(en[`caiq.${q.id}.q` as keyof typeof en], /\?$/, q.id);
    }
  });
});
