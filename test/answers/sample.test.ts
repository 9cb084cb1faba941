/**
 * Answers from the sample evidence (evidence/sample, collected from a real engine), evaluated the way
 * `report` does: DSP-10.1 names the failing third-country transfers, declared transfer bases change
 * the answer, the Norwegian drafts are Norwegian, and the files read back as spreadsheets.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { answerQuestions, type Answer } from '../../src/answers/answer';
import { QUESTIONS } from '../../src/answers/caiq';
import { answersCsv } from '../../src/answers/csv';
import { readVerifiedFindings } from '../../src/answers/pack';
import { parseConfig } from '../../src/config/load';
import type { FindingsDocument } from '../../src/findings/types';
import { reportFromDir } from '../../src/pipeline/report';
import { PROJECT_ROOT } from '../../src/version';

const NOW = '2026-12-02T09:00:00Z';

async function samplePack(label: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `ra-answers-${label}-`));
  await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
  return dir;
}

/** Evaluate the copy as `report` does, writing only the answers (no HTML/PDF rendering). */
async function report(dir: string, configYaml?: string): Promise<FindingsDocument> {
  const config = configYaml ? parseConfig(configYaml, 'test config') : undefined;
  const r = await reportFromDir({ dir, config, langs: ['en', 'nb'], formats: ['answers'], now: NOW, toolVersion: '0.0.0-test' });
  return r.findings;
}

const byId = (answers: readonly Answer[], id: string) => answers.find((a) => a.id === id)!;

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** English words and phrases that must not appear in a Norwegian draft. */
const ENGLISH = /\b(the|and|with|without|are|is|not|for all|Transfers|Containers run|Based on|yes|no)\b/;

describe('answers from the sample evidence', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  let dir: string;
  let doc: FindingsDocument;
  let en: Answer[];
  let nb: Answer[];

  before(async () => {
    dir = await samplePack('plain');
    dirs.push(dir);
    doc = await report(dir);
    en = answerQuestions(doc, { lang: 'en', now: NOW });
    nb = answerQuestions(doc, { lang: 'nb', now: NOW });
  });

  after(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  it('DSP-10.1 is No, and the draft names the failing third-country transfers and their countries', () => {
    const a = byId(en, 'DSP-10.1');
    assert.equal(a.answer, 'No');
    assert.match(a.draft, /Transfers to third countries without an adequacy decision, with no transfer basis in place: search\.example\.in \(environment setting, India\)\./);
    // The sample's config declares SCCs with a TIA for the Chinese log destination: covered, and said so.
    assert.match(a.draft, /Transfers to third countries on a transfer basis we have declared: logs\.example\.cn:514 \(log destination, China\) on the declared basis “SCCs \(EU\) 2021\/914, module 2 \(controller to processor\), DPA Nordlys–LogCloud 2026-03, annex III, TIA 2026-09-01”\./);
    assert.match(a.draft, /Within the EEA, so no transfer under GDPR Chapter V: .*nfs\.stockholm\.example \(volume storage, Sweden\)/);
    const failing = doc.findings.filter((f) => a.failing.includes(f.id));
    assert.deepEqual(failing.map((f) => f.target.id).sort(), ['search.example.in']);
    assert.ok(failing.every((f) => f.outcome === 'fail' && f.check === 'residency-endpoint-jurisdiction'));
    // The HTML links answers by finding id: every id is a finding of this pack.
    const ids = new Set(doc.findings.map((f) => f.id));
    for (const x of en) for (const id of x.findings) assert.ok(ids.has(id), `${x.id}: ${id}`);
    assert.deepEqual(a.evidence, ['evidence/residency.json']);
    assert.ok(a.confirm.some((c) => /api\.payments\.example .*“EU–US Data Privacy Framework \(certified organisations\), DPF List: Payments Example Inc\./.test(c)), a.confirm.join('\n'));
    assert.ok(a.confirm.some((c) => /remote access by administrators/.test(c)));
  });

  it('DSP-19.1 lists every location by country and asks for what geolocation alone cannot establish', () => {
    const a = byId(en, 'DSP-19.1');
    assert.equal(a.answer, 'Needs review');
    assert.match(a.draft, /^Our Docker host nordlys-node-1 is located in Norway\./);
    assert.match(a.draft, /China \(third country without an adequacy decision\): logs\.example\.cn:514 \(log destination\)/);
    assert.match(a.draft, /Location not established: registry-1\.docker\.io:443 \(image registry\)/);
    assert.ok(a.confirm.some((c) => c.startsWith('Establish where registry-1.docker.io:443 is located')));
    assert.ok(a.confirm.some((c) => /located by IP geolocation only/.test(c)));
  });

  it('a failing check named in the draft: container isolation is No, naming the privileged container', () => {
    const a = byId(en, 'IVS-06.1');
    assert.equal(a.answer, 'No');
    assert.match(a.draft, /Containers run unprivileged: no for admin-tools \(1 of 9 containers\)\./);
    assert.match(a.draft, /Containers do not share the host's IPC namespace: yes, all 9 containers\./);
  });

  it('covers at least 30 questions, and says something for most of them', () => {
    assert.ok(en.length >= 30, String(en.length));
    assert.equal(en.length, QUESTIONS.length);
    const drafted = en.filter((a) => a.draft.length > 0);
    assert.ok(drafted.length >= 28, `only ${drafted.length} drafts`);
    const values = new Set(en.map((a) => a.answer));
    assert.ok(values.has('No') && values.has('Needs review'), [...values].join(','));
  });

  it('Norwegian drafts are Norwegian', () => {
    const a = byId(nb, 'DSP-10.1');
    assert.equal(a.answerLabel, 'Nei');
    assert.match(a.draft, /Overføringer til tredjeland uten adekvansbeslutning og uten overføringsgrunnlag på plass: search\.example\.in \(miljøvariabel, land: India\)/);
    assert.match(a.draft, /Basert på revisjonsbevis innhentet 2026-12-01 fra verten nordlys-node-1\./);
    for (const x of nb) {
      // Names from the evidence (hosts, images, containers, paths) and documents quoted from the config («…») are not words of either language.
      const words = x.draft.replace(/«[^»]*»/g, ' ').replace(/[\w.:/[\]-]*[.:/-][\w.:/[\]-]*/g, ' ').replace(/\b(vm|debug-shell|admin-tools|checkout|legacy-reports|worker-defaults|web-hardened|Docker|CIS|Benchmark|auditd|docker|swarm|overlay|DNS|API|TLS|IPC|UTS|PID)\b/g, ' ');
      assert.doesNotMatch(words, ENGLISH, `${x.id}: ${x.draft}`);
    }
    assert.match(byId(nb, 'IVS-06.1').draft, /Containere kjører uten privilegier – nei for admin-tools \(1 av 9 containere\)\./);
  });

  it('declared transfer bases: DSP-10.1 is no longer No; the bases are in the draft and in what to confirm', async () => {
    const d = await samplePack('bases');
    dirs.push(d);
    const declared = await report(
      d,
      [
        'residency:',
        '  exporter: NO',
        '  host: { country: NO }',
        '  endpoints:',
        '    - { match: logs.example.cn, country: CN, transferBasis: "SCCs (EU) 2021/914 module 2, TIA 2026-10-01" }',
        '    - { match: search.example.in, country: IN, transferBasis: "SCCs (EU) 2021/914 module 3, TIA 2026-09-15" }',
      ].join('\n'),
    );
    const a = byId(answerQuestions(declared, { lang: 'en', now: NOW }), 'DSP-10.1');
    assert.equal(a.answer, 'Needs review');
    assert.deepEqual(a.failing, []);
    assert.match(a.draft, /Transfers to third countries on a transfer basis we have declared: logs\.example\.cn:514 \(log destination, China\) on the declared basis “SCCs \(EU\) 2021\/914 module 2, TIA 2026-10-01”/);
    assert.ok(!/no transfer basis in place/.test(a.draft), a.draft);
    assert.ok(a.confirm.some((c) => /search\.example\.in .*“SCCs \(EU\) 2021\/914 module 3, TIA 2026-09-15” must be signed, current/.test(c)), a.confirm.join('\n'));
  });

  it('every location declared and no transfer: DSP-19.1 and DSP-10.1 are Yes', async () => {
    const d = await samplePack('declared');
    dirs.push(d);
    const endpoints = ['registry.nordlys.example', 'api.payments.example', 'hooks.partner.example.de', 'logs.example.cn', 'search.example.in', 'translate.example.jp', 'nfs.stockholm.example', 'registry-1.docker.io'];
    const declared = await report(d, ['residency:', '  exporter: NO', '  host: { country: NO, note: Oslo DC per contract }', '  endpoints:', ...endpoints.map((m) => `    - { match: ${m}, country: SE, note: contract }`)].join('\n'));
    const answers = answerQuestions(declared, { lang: 'en', now: NOW });
    const loc = byId(answers, 'DSP-19.1');
    assert.equal(loc.answer, 'Yes', `${loc.reason}\n${loc.confirm.join('\n')}`);
    assert.match(loc.draft, /Sweden \(EEA\): /);
    assert.match(loc.draft, /Of these locations, 8 are declared by us, 0 stated by a provider region and 0 from IP geolocation\./);
    assert.equal(byId(answers, 'DSP-10.1').answer, 'Yes', byId(answers, 'DSP-10.1').reason);
  });

  it('writes answers.csv, answers.nb.csv, answers.json, answers.nb.json and one answers.xlsx; the CSV opens with æøå right', async () => {
    for (const f of ['answers.csv', 'answers.nb.csv', 'answers.json', 'answers.nb.json', 'answers.xlsx']) await fs.access(path.join(dir, f));
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    assert.ok(manifest.files.some((f) => f.path === 'answers.xlsx'), 'answers.xlsx is in the manifest');
    const bytes = await fs.readFile(path.join(dir, 'answers.nb.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    assert.equal(rows.length, QUESTIONS.length + 1);
    assert.deepEqual(rows[0].slice(0, 4), ['Spørsmåls-ID', 'Spørsmål (vår omskrivning)', 'Svar', 'Utkast til svartekst']);
    assert.ok(rows.every((r) => r.length === rows[0].length));
    const dsp10 = rows.find((r) => r[0] === 'DSP-10.1')!;
    assert.equal(dsp10[2], 'Nei');
    assert.match(dsp10[3], /Kina/);
    // æ ø å survive the round trip through the file (decoded as UTF-8 after the BOM).
    assert.match(rows.find((r) => r[0] === 'DSP-19.1')![4], /ikke kan være bevis i seg selv/);
    assert.match(dsp10[3], /tredjeland uten adekvansbeslutning og uten overføringsgrunnlag på plass/);
    const json = JSON.parse(await fs.readFile(path.join(dir, 'answers.nb.json'), 'utf8')) as { language: string; answers: Answer[] };
    assert.equal(json.language, 'nb');
    assert.equal(byId(json.answers, 'DSP-10.1').answer, 'No');
  });

  it('answers.xlsx reads back: a sheet per language, frozen wrapped header, one row per question, æøå', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'answers.xlsx'));
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Answers (English)', 'Svar (norsk)']);
    const [wsEn, wsNb] = wb.worksheets;
    for (const ws of [wsEn, wsNb]) {
      assert.equal(ws.rowCount, QUESTIONS.length + 1);
      const view = ws.views[0] as { state?: string; ySplit?: number };
      assert.equal(view.state, 'frozen');
      assert.equal(view.ySplit, 1);
      assert.equal(ws.getRow(2).getCell(4).alignment?.wrapText, true);
      assert.ok((ws.getColumn(4).width ?? 0) >= 60, 'the draft column is wide');
    }
    assert.deepEqual((wsEn.getRow(1).values as unknown[]).slice(1, 4), ['Question id', 'Question (our paraphrase)', 'Answer']);
    assert.deepEqual((wsNb.getRow(1).values as unknown[]).slice(1, 4), ['Spørsmåls-ID', 'Spørsmål (vår omskrivning)', 'Svar']);
    const nbText = JSON.stringify(wsNb.getSheetValues());
    for (const phrase of ['ikke kan være bevis', 'Spørsmåls-ID', 'Må vurderes']) assert.ok(nbText.includes(phrase), phrase);
    const row = wsNb.getColumn(1).values.findIndex((v) => v === 'DSP-10.1');
    assert.equal(wsNb.getRow(row).getCell(3).value, 'Nei');
    assert.match(String(wsNb.getRow(row).getCell(4).value), /Kina/);
    const validation = wsNb.getRow(row).getCell(3).dataValidation as { type?: string; formulae?: string[] };
    assert.equal(validation.type, 'list');
    assert.match(validation.formulae?.[0] ?? '', /Ja,Nei,Ikke relevant,Må vurderes/);
  });

  it('answers.csv of the sample has no formula-looking cell', () => {
    const rows = parseCsv(answersCsv(en, 'en').slice(1));
    assert.equal(rows.length, QUESTIONS.length + 1);
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@]/);
  });

  it('the pack verifies before answering: an edited findings.json (fail → pass) is refused', async () => {
    assert.equal((await readVerifiedFindings(dir)).findings.length, doc.findings.length);
    const copy = await samplePack('tamper');
    dirs.push(copy);
    await fs.cp(dir, copy, { recursive: true });
    const file = path.join(copy, 'findings.json');
    const forged = JSON.parse(await fs.readFile(file, 'utf8')) as FindingsDocument;
    for (const f of forged.findings) if (f.outcome === 'fail') f.outcome = 'pass';
    await fs.writeFile(file, JSON.stringify(forged));
    await assert.rejects(readVerifiedFindings(copy), (e: Error) => e.name === 'PackIntegrityError' && /does not match its manifest\.json \(findings\.json changed\)/.test(e.message));
  });
});
