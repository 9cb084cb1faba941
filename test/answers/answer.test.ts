import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answerQuestions, answersCsv, csvCell, type Answer } from '../../src/answers/answer';
import { QUESTIONS } from '../../src/answers/caiq';
import { answerCommand } from '../../src/cli/commands/answer';
import { document, finding as makeFinding } from '../support/findings';
import type { Finding, FindingsDocument, Outcome, Section } from '../../src/findings/types';

const NOW = '2026-11-23T12:00:00Z';

function finding(control: string, section: Section, outcome: Outcome, name: string, evidence = 'evidence/docker.json'): Finding {
  return makeFinding(control, section, outcome, { kind: 'container', id: name, name }, {}, evidence);
}

function doc(findings: Finding[], collectedAt = '2026-11-20T10:00:00Z', collectors?: FindingsDocument['run']['collectors']): FindingsDocument {
  return document(findings, { evaluatedAt: NOW, collectedAt, ...(collectors?.length ? { collectors } : {}) });
}

const ep = (outcome: Outcome, name: string) => finding('residency-endpoint-jurisdiction', 'residency', outcome, name, 'evidence/residency.json');
const byId = (answers: Answer[], id: string) => answers.find((a) => a.id === id)!;

describe('questionnaire answers', () => {
  it('says Yes only when every related finding passes on current evidence, and names the findings', () => {
    const d = doc([ep('pass', 'a'), ep('pass', 'b'), finding('cis-5.5', 'containers', 'fail', 'web')]);
    const a = byId(answerQuestions(d, { lang: 'en', now: NOW }), 'DSP-19.1');
    assert.equal(a.answer, 'yes');
    assert.deepEqual(a.findings, [d.findings[0].fingerprint, d.findings[1].fingerprint]);
    assert.match(a.basis, /All 2 related finding\(s\) pass/);
  });

  it('gives No when all fail and Partial when some fail', () => {
    assert.equal(byId(answerQuestions(doc([ep('fail', 'a')]), { lang: 'en', now: NOW }), 'DSP-10.1').answer, 'no');
    assert.equal(byId(answerQuestions(doc([ep('pass', 'a'), ep('fail', 'b')]), { lang: 'en', now: NOW }), 'DSP-10.1').answer, 'partial');
  });

  it('needs review when anything related is error, manual or waived', () => {
    for (const o of ['error', 'manual', 'waived'] as const) {
      const a = byId(answerQuestions(doc([ep('pass', 'a'), ep(o, 'b')]), { lang: 'en', now: NOW }), 'DSP-19.1');
      assert.equal(a.answer, 'needs-review', o);
    }
  });

  it('needs review on stale evidence, on a failed collector and without evidence', () => {
    const stale = answerQuestions(doc([ep('pass', 'a')], '2026-06-01T00:00:00Z'), { lang: 'en', now: NOW, maxAgeDays: 92 });
    assert.equal(byId(stale, 'DSP-19.1').answer, 'needs-review');
    assert.match(byId(stale, 'DSP-19.1').basis, /2026-06-01/);
    const failed = answerQuestions(doc([ep('pass', 'a')], undefined, [{ name: 'residency', version: '1', status: 'failed', error: 'x' }]), { lang: 'en', now: NOW });
    assert.equal(byId(failed, 'DSP-19.1').answer, 'needs-review');
    const none = answerQuestions(doc([]), { lang: 'en', now: NOW });
    assert.ok(none.every((a) => a.answer === 'needs-review'));
    assert.equal(none.length, QUESTIONS.length);
  });

  it('never answers a procedural question, even with passing evidence behind it', () => {
    const a = byId(answerQuestions(doc([ep('pass', 'a')]), { lang: 'en', now: NOW }), 'DSP-05.1');
    assert.equal(a.answer, 'needs-review');
    assert.equal(a.findings.length, 1);
  });

  it('counts the CAIQ references on findings, e.g. a virt finding referencing IVS-06', () => {
    const f = { ...finding('virt-shared-kernel', 'virtualization', 'pass', 'host', 'evidence/virt.json'), references: [{ framework: 'CSA CAIQ v4' as const, id: 'IVS-06' }] };
    assert.equal(byId(answerQuestions(doc([f]), { lang: 'en', now: NOW }), 'IVS-06.1').answer, 'yes');
  });

  it('writes CSV with a BOM, CRLF, quoted cells, Norwegian text and no formula injection', () => {
    const d = doc([ep('pass', '=cmd|calc')]);
    const csv = answersCsv(answerQuestions(d, { lang: 'nb', now: NOW }), 'nb');
    assert.ok(csv.startsWith('\ufeffSpørsmåls-ID,'));
    assert.ok(csv.includes('\r\n'));
    const lines = csv.slice(1).trim().split('\r\n');
    assert.equal(lines.length, QUESTIONS.length + 1);
    assert.match(csv, /DSP-19\.1,DSP-19 Data Location,"?Finnes det rutiner/);
    assert.match(csv, /,Ja,/);
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('-1+2'), "'-1+2");
    assert.equal(csvCell('a,b'), '"a,b"');
  });

  it('the answer command reads DIR/findings.json, writes JSON, and names a missing file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-answer-'));
    await fs.writeFile(path.join(dir, 'findings.json'), JSON.stringify(doc([ep('pass', 'a')], new Date().toISOString())));
    const out = path.join(dir, 'answers.json');
    const silence = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      assert.equal(await answerCommand([dir, '--format', 'json', '--out', out]), 0);
    } finally {
      process.stderr.write = silence;
    }
    const parsed = JSON.parse(await fs.readFile(out, 'utf8')) as { answers: Answer[] };
    assert.equal(byId(parsed.answers, 'DSP-19.1').answer, 'yes');
    await assert.rejects(answerCommand([path.join(dir, 'nope')]), /no findings\.json in .*nope/);
    await assert.rejects(answerCommand([dir, '--format', 'xml']), /--format takes csv or json/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
