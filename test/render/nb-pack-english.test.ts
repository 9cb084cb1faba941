/**
 * Issue #13.2: the Norwegian pack is Norwegian. Renders evidence/sample with `report` into a temp
 * copy in English and in bokmål, reads both PDFs back with pdftotext and counts English function
 * words outside the values the evidence, the config and the findings' machine fields carry
 * (test/support/english-words.ts): the Norwegian count is at most 1 % of the English one. `for` and
 * `to` are Norwegian words too, so the ratio is taken on the other fourteen (both counts printed).
 * Needs poppler-utils (pdftotext).
 */
import { pdfText, requirePdftotext } from '../support/pdf-text';
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportFromDir } from '../../src/pipeline/report';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';
import { countWords, evidenceValues, FUNCTION_WORDS, total, UNAMBIGUOUS, withoutValues } from '../support/english-words';


describe('the Norwegian sample pack has (almost) no English left', function () {
  this.timeout(180000);
  let dir: string;
  const text: Record<'en' | 'nb', string> = { en: '', nb: '' };

  before(async function () {
    await requirePdftotext(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-nb-pack-'));
    cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
    await reportFromDir({ dir, langs: ['en', 'nb'], formats: ['html', 'pdf'], toolVersion: TOOL_VERSION, now: '2026-12-01T12:00:00.000Z' });
    const values = evidenceValues(dir);
    for (const [lang, file] of [['en', 'audit-pack.pdf'], ['nb', 'audit-pack.nb.pdf']] as const) {
      const raw = await pdfText(path.join(dir, file));
      text[lang] = withoutValues(raw, values);
    }
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('counts English function words in the Norwegian pack at no more than 1 % of the English pack', () => {
    const en = countWords(text.en);
    const nb = countWords(text.nb);
    const [e, n] = [total(en, UNAMBIGUOUS), total(nb, UNAMBIGUOUS)];
    console.log(`      English function words outside evidence values: en ${e} (${total(en, FUNCTION_WORDS)} with for/to), nb ${n} (${total(nb, FUNCTION_WORDS)} with for/to): ${((100 * n) / e).toFixed(2)} %`);
    assert.ok(e > 1000, `the English pack should be full of them: ${e}`);
    const left = text.nb.match(new RegExp(`.{0,60}\\b(${UNAMBIGUOUS.join('|')})\\b.{0,40}`, 'gi')) ?? [];
    assert.ok(n <= e / 100, `nb ${n} > 1 % of en ${e}:\n${left.join('\n')}`);
  });

  it('names container states and the virtualization reasoning in Norwegian on the summary pages', () => {
    // The sample has created (never started) containers; their state follows the name in both packs.
    assert.match(text.en, /\(created\)/);
    assert.doesNotMatch(text.nb, /\((created|exited|paused|restarting|dead)\)/);
    assert.match(text.nb, /\(opprettet\)/);
    // The collector's English reasoning (an evidence value) is quoted in the part, not in the nb summary.
    assert.match(text.nb, /Grunnlaget,\s+slik\s+innsamlingen\s+registrerte\s+det\s+\(på\s+engelsk\),\s+står\s+i\s+delen/);
  });

  it('does not hide English by counting: the measure finds an English sentence put into the Norwegian text', () => {
    const planted = `${text.nb} The data is sent to a third country and this must be documented.`;
    assert.equal(total(countWords(planted), UNAMBIGUOUS) - total(countWords(text.nb), UNAMBIGUOUS), 5);
  });
});
