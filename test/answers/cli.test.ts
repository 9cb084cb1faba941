/** `residency-audit answer` as a person runs it: --list, the formats, and refusing packs it cannot vouch for. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Answer } from '../../src/answers/answer';
import type { CatalogRow } from '../../src/answers/list';
import { QUESTIONS } from '../../src/answers/caiq';
import { writeManifest } from '../../src/evidence/manifest';
import type { FindingsDocument } from '../../src/findings/types';
import { reportFromDir } from '../../src/pipeline/report';
import { PROJECT_ROOT } from '../../src/version';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A copy of the sample pack with findings evaluated now (so the evidence is current for --max-age 3650). */
async function pack(label: string, parent: string): Promise<string> {
  const dir = path.join(parent, label);
  await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
  await reportFromDir({ dir, langs: ['en'], formats: ['answers'], toolVersion: '0.0.0-test' });
  return dir;
}

describe('CLI answer', function () {
  this.timeout(120_000);
  let tmp: string;
  let dir: string;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-answer-cli-'));
    dir = await pack('pack', tmp);
  });

  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('--list shows at least 30 CAIQ ids, each with our paraphrase, its deciding checks and the source of the id', async () => {
    const r = await cli(['answer', '--list']);
    assert.equal(r.code, 0, r.stderr);
    const ids = [...r.stdout.matchAll(/^([A-Z&]{3}-\d{2}\.\d+)  /gm)].map((m) => m[1]);
    assert.ok(ids.length >= 30, `${ids.length} ids`);
    assert.equal(new Set(ids).size, ids.length);
    assert.match(r.stdout, /^IVS-06\.1  IVS-06 Segmentation and Segregation  \[evidence decides\]$/m);
    assert.match(r.stdout, /Deciding checks: virt-shared-kernel, cis\.privileged \(cis-5\.5\), /);
    assert.match(r.stdout, /Question id from: CAIQ v4\.0\.2 question table/);
    assert.match(r.stdout, new RegExp(`^${QUESTIONS.length} questions$`, 'm'));

    const j = await cli(['answer', '--list', '--json', '--lang', 'nb']);
    assert.equal(j.code, 0, j.stderr);
    const rows = JSON.parse(j.stdout) as CatalogRow[];
    assert.ok(rows.length >= 30);
    for (const row of rows) {
      assert.ok(row.checks.length > 0, row.id);
      assert.ok(row.checks.every((c) => c.control !== null), `${row.id}: a check id the catalog does not know`);
      assert.ok(row.source.length > 10, row.id);
    }
    assert.match(rows.find((x) => x.id === 'DSP-19.1')!.question, /sikkerhetskopieres/);
  });

  it('writes csv to standard output, json and xlsx to --out', async () => {
    const csv = await cli(['answer', dir, '--max-age', '3650']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.ok(csv.stdout.startsWith('\ufeffQuestion id,'));

    const jsonFile = path.join(tmp, 'a.json');
    const j = await cli(['answer', dir, '--format', 'json', '--lang', 'nb', '-o', jsonFile, '--max-age', '3650']);
    assert.equal(j.code, 0, j.stderr);
    assert.match(j.stderr, new RegExp(`${QUESTIONS.length} answers \\(\\d+ No, \\d+ Needs review\\) written to `));
    const parsed = JSON.parse(await fs.readFile(jsonFile, 'utf8')) as { language: string; answers: Answer[] };
    assert.equal(parsed.language, 'nb');
    const dsp10 = parsed.answers.find((a) => a.id === 'DSP-10.1')!;
    assert.equal(dsp10.answer, 'No');
    assert.equal(dsp10.answerLabel, 'Nei');

    const xlsx = path.join(tmp, 'a.xlsx');
    const x = await cli(['answer', dir, '--format', 'xlsx', '--lang', 'en,nb', '--out', xlsx, '--max-age', '3650']);
    assert.equal(x.code, 0, x.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Answers (English)', 'Svar (norsk)']);
    assert.equal(wb.worksheets[1].rowCount, QUESTIONS.length + 1);
  });

  it('bad usage is exit 2 with a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['answer', dir, '--format', 'xml'], /--format takes csv, json or xlsx; got "xml"/],
      [['answer', dir, '--format', 'xlsx'], /--format xlsx needs --out FILE\.xlsx/],
      [['answer', dir, '--lang', 'en,nb'], /--format csv takes one language/],
      [['answer', dir, '--max-age', '0'], /--max-age takes a number of days above 0/],
      [['answer', '--list', dir], /answer --list takes no folder/],
      [['answer', path.join(tmp, 'nope')], /no findings\.json in .*nope/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  it('refuses (exit 2) a pack whose findings.json was edited, whose evidence changed, or that has no manifest', async () => {
    const edited = await pack('edited', tmp);
    const file = path.join(edited, 'findings.json');
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as FindingsDocument;
    for (const f of doc.findings) if (f.outcome === 'fail') f.outcome = 'pass';
    await fs.writeFile(file, JSON.stringify(doc));
    const r = await cli(['answer', edited, '--format', 'json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '', 'no answers at all');
    assert.match(r.stderr, /does not match its manifest\.json \(findings\.json changed\): no answers are given from a changed pack/);

    const evidence = await pack('evidence', tmp);
    await fs.appendFile(path.join(evidence, 'evidence/docker.json'), ' ');
    const e = await cli(['answer', evidence]);
    assert.equal(e.code, 2);
    assert.match(e.stderr, /evidence\/docker\.json changed/);

    const added = await pack('added', tmp);
    await fs.writeFile(path.join(added, 'evidence/extra.json'), '{}');
    assert.match((await cli(['answer', added])).stderr, /evidence\/extra\.json not in the manifest/);

    const bare = await pack('bare', tmp);
    await fs.rm(path.join(bare, 'manifest.json'));
    const b = await cli(['answer', bare]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /no manifest\.json in .*: the pack cannot be verified/);
  });

  it('refuses findings that were not evaluated from the pack\'s evidence, even under a recomputed manifest', async () => {
    const forged = await pack('forged', tmp);
    const file = path.join(forged, 'findings.json');
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as FindingsDocument;
    doc.run.evidence[0].sha256 = '0'.repeat(64);
    await fs.writeFile(file, JSON.stringify(doc));
    await writeManifest(forged, '0.0.0-test');
    const r = await cli(['answer', forged]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /findings\.json does not belong to the evidence in .* \(evidence\/docker\.json differs from what it was evaluated from\)/);
  });

  it('with --key, a signed pack answers; one edited and re-manifested after signing is refused', async () => {
    const keyFile = path.join(tmp, 'audit.key');
    assert.equal((await cli(['keygen', '--out', keyFile])).code, 0);
    const signed = path.join(tmp, 'signed');
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), signed, { recursive: true });
    const rep = await cli(['report', signed, '--sign-key', keyFile, '--format', 'answers']);
    assert.equal(rep.code, 0, rep.stderr);
    const ok = await cli(['answer', signed, '--key', `${keyFile}.pub`, '--max-age', '3650']);
    assert.equal(ok.code, 0, ok.stderr);

    const file = path.join(signed, 'findings.json');
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as FindingsDocument;
    for (const f of doc.findings) if (f.outcome === 'fail') f.outcome = 'pass';
    await fs.writeFile(file, JSON.stringify(doc, null, 2));
    await writeManifest(signed, '0.0.0-test');
    // Without the key the manifest alone cannot tell: that is what --key is for.
    assert.equal((await cli(['answer', signed, '--max-age', '3650'])).code, 0);
    const r = await cli(['answer', signed, '--key', `${keyFile}.pub`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the signature does not verify with the given key \(.*findings\.json/);
  });
});
