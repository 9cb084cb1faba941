/**
 * The interop exports of the sample pack (evidence/sample, collected from a real engine), written by
 * the CLI as a user would: `report DIR --format oscal,hdf,csv,xlsx,transfers --lang en,nb`. Each file is checked
 * with its users' reader, and re-exported from the written findings.json to the same bytes.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { contextualizeEvaluation, convertFile } from 'inspecjs';
import { QUESTIONS } from '../../../src/answers/caiq';
import type { FindingsDocument } from '../../../src/findings/types';
import { renderPack, type PackFormat } from '../../../src/render';
import { uuidV5 } from '../../../src/render/interop/uuid';
import { PROJECT_ROOT } from '../../../src/version';
import { cli, hdfErrors, oscalErrors, parseCsv } from './support';

interface OscalFinding {
  uuid: string;
  props: { name: string; value: string }[];
  target: { 'target-id': string; status: { state: string } };
  'related-observations'?: { 'observation-uuid': string }[];
}

describe('interop exports of the sample pack (CLI report)', function () {
  this.timeout(120_000);
  let dir: string;
  let doc: FindingsDocument;
  const read = (f: string) => fs.readFile(path.join(dir, f));

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-interop-sample-'));
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
    const r = await cli(['report', dir, '--format', 'oscal,hdf,csv,xlsx,transfers', '--lang', 'en,nb']);
    assert.equal(r.code, 0, r.stderr);
    doc = JSON.parse((await read('findings.json')).toString('utf8')) as FindingsDocument;
  });
  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the four exports (csv and xlsx per language), lists them in the manifest, and the pack verifies', async () => {
    const manifest = JSON.parse((await read('manifest.json')).toString('utf8')) as { files: { path: string }[] };
    for (const f of ['findings.oscal.json', 'findings.hdf.json', 'findings.csv', 'findings.nb.csv', 'findings.xlsx', 'findings.nb.xlsx']) {
      await fs.access(path.join(dir, f));
      assert.ok(manifest.files.some((m) => m.path === f), `${f} is in the manifest`);
    }
    for (const f of ['findings.nb.oscal.json', 'findings.nb.hdf.json']) await assert.rejects(fs.access(path.join(dir, f)), `${f}: machine formats are written once`);
    const v = await cli(['verify', dir]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  it('findings.oscal.json is valid OSCAL 1.2.1 assessment results with an observation per evidence file and a finding per finding', async () => {
    const oscal = JSON.parse((await read('findings.oscal.json')).toString('utf8')) as { 'assessment-results': { metadata: { 'oscal-version': string; 'last-modified': string }; results: { observations: { uuid: string; collected: string; 'relevant-evidence': { props: { name: string; value: string }[] }[] }[]; findings: OscalFinding[] }[] } };
    assert.deepEqual(oscalErrors(oscal), []);
    const ar = oscal['assessment-results'];
    assert.equal(ar.metadata['oscal-version'], '1.2.1');
    assert.equal(ar.metadata['last-modified'], doc.run.evaluatedAt);
    const [result] = ar.results;
    assert.equal(result.observations.length, doc.run.evidence.length);
    for (const [i, e] of doc.run.evidence.entries()) {
      assert.equal(result.observations[i].collected, e.endedAt);
      assert.ok(result.observations[i]['relevant-evidence'][0].props.some((p) => p.name === 'sha256' && p.value === e.sha256), `${e.file} SHA-256`);
    }
    assert.equal(result.findings.length, doc.findings.length);
    const observations = new Set(result.observations.map((o) => o.uuid));
    for (const [i, f] of doc.findings.entries()) {
      const o = result.findings[i];
      assert.equal(o.uuid, uuidV5(`finding:${f.id}`));
      assert.equal(o.target['target-id'], f.control);
      for (const r of o['related-observations'] ?? []) assert.ok(observations.has(r['observation-uuid']), `finding ${f.id} links an observation of this result`);
      const c = doc.controls[f.control];
      if (c?.benchmark) assert.deepEqual(o.props.filter((p) => p.name.startsWith('benchmark-')).map((p) => p.value), [c.benchmark.version, c.benchmark.id]);
      for (const ref of f.references.filter((r) => r.framework === 'GDPR')) assert.ok(o.props.some((p) => p.name === 'gdpr-article' && p.value === ref.id), `${f.id} names ${ref.id}`);
    }
    const fail = doc.findings.findIndex((f) => f.outcome === 'fail');
    assert.equal(result.findings[fail].target.status.state, 'not-satisfied');
  });

  it('findings.hdf.json is valid HDF, and inspecjs (Heimdall\'s parser) reads it with a status for every control', async () => {
    const text = (await read('findings.hdf.json')).toString('utf8');
    assert.deepEqual(hdfErrors(JSON.parse(text)), []);
    const exec = convertFile(text, true)['1_0_ExecJson'];
    assert.ok(exec, 'inspecjs reads it as exec-json 1.0');
    const controls = contextualizeEvaluation(exec).contains.flatMap((p) => p.contains);
    assert.equal(controls.reduce((n, c) => n + (c.root.hdf.segments?.length ?? 0), 0), doc.findings.length, 'one result per finding');
    // One control per control with findings, and one more for each whose passes sit beside targets left to a manual check.
    const ids = new Set(doc.findings.map((f) => f.control));
    const of = (id: string) => doc.findings.filter((f) => f.control === id).map((f) => f.outcome);
    const split = [...ids].filter((id) => of(id).includes('manual') && of(id).includes('pass') && !of(id).some((o) => o === 'fail' || o === 'warn' || o === 'error'));
    assert.ok(split.length > 0, 'the sample has controls with passes and manual targets');
    assert.deepEqual(controls.map((c) => c.data.id).sort(), [...ids, ...split.map((id) => `${id} (manual review)`)].sort());
    const status = new Map(controls.map((c) => [c.data.id, c.root.hdf.status]));
    for (const id of split) assert.equal(status.get(`${id} (manual review)`), 'Not Reviewed', id);
    const failing = doc.findings.find((f) => f.outcome === 'fail' && doc.controls[f.control]?.severity !== 'info')!;
    assert.equal(status.get(failing.control), 'Failed');
    // Could not check is never shown as passed: a control only a person can decide is Not Reviewed (error: formats.test.ts).
    const manualOnly = [...status.keys()].filter((id) => doc.controls[id]?.severity !== 'info' && doc.findings.every((f) => f.control !== id || f.outcome === 'manual'));
    assert.ok(manualOnly.length > 0, 'the sample has manual controls');
    for (const id of manualOnly) assert.equal(status.get(id), 'Not Reviewed', id);
  });

  it('re-exports the same bytes from the written findings.json', async () => {
    const again = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-interop-again-'));
    try {
      for (const [lang, suffix] of [['en', ''], ['nb', '.nb']] as const) {
        const formats: PackFormat[] = lang === 'en' ? ['oscal', 'hdf', 'csv', 'xlsx'] : ['csv', 'xlsx'];
        const written = await renderPack({ findings: doc, evidence: {}, manifest: [], lang }, again, formats);
        for (const f of written) {
          const name = f.replace(/^findings\./, `findings${suffix}.`);
          assert.ok((await fs.readFile(path.join(again, f))).equals(await read(name)), `${name} differs on re-export`);
        }
      }
    } finally {
      await fs.rm(again, { recursive: true, force: true });
    }
  });

  it('findings.nb.csv round-trips: BOM, CRLF, Norwegian headers, every message with æøå as in findings.json', async () => {
    const text = (await read('findings.nb.csv')).toString('utf8');
    assert.ok(text.startsWith('\ufeff'));
    const rows = parseCsv(text.slice(1));
    assert.equal(rows.length, doc.findings.length + 1);
    assert.ok(rows[0].includes('Alvorlighet') && rows[0].includes('Utbedring'), rows[0].join(','));
    const id = rows[0].indexOf('Funn-ID');
    const message = rows[0].indexOf('Funn');
    const byId = new Map(doc.findings.map((f) => [f.id, f]));
    for (const row of rows.slice(1)) {
      const f = byId.get(row[id])!;
      assert.equal(row[message], /^[=+\-@\t\r]/.test(f.message.nb) ? `'${f.message.nb}` : f.message.nb);
    }
    assert.match(text, /[æøå]/);
    assert.ok(rows.some((r) => r.includes('høy')), 'severity in Norwegian');
  });

  it('findings.xlsx opens with exceljs: sheet names, header row, one row per finding, the transfer register and the answers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read('findings.xlsx')) as unknown as ExcelJS.Buffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Findings', 'Transfer register', 'Questionnaire answers']);
    const [findings, transfers, answers] = wb.worksheets;
    assert.deepEqual((findings.getRow(1).values as unknown[]).slice(1, 8), ['Finding id', 'Check', 'Control', 'Title', 'Section', 'Severity', 'Outcome']);
    assert.equal(findings.rowCount - 1, doc.findings.length);
    assert.equal(findings.getRow(2).getCell(1).value, doc.findings[0].id);
    assert.ok((doc.residency?.transfers.length ?? 0) > 0, 'the sample sends data outside the EEA');
    assert.equal(transfers.rowCount - 1, doc.residency!.transfers.length);
    const csv = parseCsv((await read('transfers.csv')).toString('utf8').slice(1));
    assert.deepEqual((transfers.getRow(1).values as unknown[]).slice(1), csv[0], 'the transfer sheet has the columns of transfers.csv');
    assert.equal(answers.rowCount - 1, QUESTIONS.length, 'one row per CAIQ question');
    const nb = new ExcelJS.Workbook();
    await nb.xlsx.load((await read('findings.nb.xlsx')) as unknown as ExcelJS.Buffer);
    assert.deepEqual(nb.worksheets.map((w) => w.name), ['Funn', 'Overføringsregister', 'Svar på spørreskjema']);
    assert.equal(nb.worksheets[0].rowCount - 1, doc.findings.length);
  });
});
