import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATALOGS, placeholders, translator, type MessageKey } from '../../src/i18n';
import { ALL_CHECKS } from '../../src/checks/registry';
import { controlRecords } from '../../src/checks/catalog';
import { benchmarkById, DEFAULT_BENCHMARK } from '../../src/frameworks/benchmarks';
import { en } from '../../src/i18n/en';
import { nb } from '../../src/i18n/nb';
import { PROJECT_ROOT } from '../../src/version';

describe('i18n catalogs', () => {
  it('en and nb have exactly the same keys', () => {
    const a = Object.keys(en).sort();
    const b = Object.keys(nb).sort();
    assert.deepEqual(b.filter((k) => !a.includes(k)), [], 'keys only in nb');
    assert.deepEqual(a.filter((k) => !b.includes(k)), [], 'keys only in en');
  });

  it('every message has the same placeholders in both languages and none is empty', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      assert.deepEqual(placeholders(nb[key]), placeholders(en[key]), `placeholders of ${key}`);
      assert.ok(en[key].trim() && nb[key].trim(), `${key} is empty`);
    }
  });

  it('the Norwegian catalog is translated (not English copied over) and uses æ ø å', () => {
    const keys = Object.keys(en) as MessageKey[];
    const same = keys.filter((k) => en[k] === nb[k] && en[k].length > 12);
    assert.ok(same.length < keys.length * 0.05, `untranslated: ${same.join(', ')}`);
    assert.match(Object.values(nb).join(' '), /æ/);
    assert.match(Object.values(nb).join(' '), /ø/);
    assert.match(Object.values(nb).join(' '), /å/);
  });

  it('every key the templates ask for exists', () => {
    const dir = path.join(PROJECT_ROOT, 'templates');
    const files = ['pack.hbs', ...readdirSync(path.join(dir, 'partials')).map((f) => `partials/${f}`)];
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\{\{t "([^"]+)"/g)) used.add(m[1]);
    assert.ok(used.size > 40, `only ${used.size} keys found in templates`);
    for (const k of used) assert.ok(k in en, `template uses unknown key ${k}`);
  });

  it('the translator fills placeholders and keeps an unfilled one visible', () => {
    const t = translator('nb');
    assert.equal(t('pdf.page', { page: 3, pages: 12 }), 'Side 3 av 12');
    assert.equal(translator('en')('pdf.page', { page: 3 }), 'Page 3 of {pages}');
    assert.equal(CATALOGS.en['outcome.fail'], 'fail');
  });

  it('check titles come from the check itself, in both languages', () => {
    const privileged = controlRecords(ALL_CHECKS, benchmarkById(DEFAULT_BENCHMARK))['cis-5.5'];
    assert.deepEqual(privileged.title, { en: 'Containers run unprivileged', nb: 'Containere kjører uten privilegier' });
  });
});
