import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { buildModel, renderPack } from '../../src/render';
import { visible } from '../../src/render/format';
import { contentSecurityPolicy } from '../../src/render/html';
import { PROJECT_ROOT } from '../../src/version';
import { BIDI_NAME, evidence, findingsDocument, HOSTILE_LABEL, renderInput } from './fixture';

describe('audit pack rendering', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-render-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the four files atomically and leaves no temp file', async () => {
    const written = await renderPack(renderInput('en'), dir, ['html', 'pdf', 'sarif', 'junit']);
    assert.deepEqual(written, ['audit-pack.html', 'audit-pack.pdf', 'findings.sarif', 'findings.junit.xml']);
    const names = await fs.readdir(dir);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), []);
    assert.equal((await fs.readFile(path.join(dir, 'audit-pack.pdf'))).subarray(0, 5).toString(), '%PDF-');
  });

  it('refuses an unknown format without writing anything', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'ra-render-bad-'));
    await assert.rejects(renderPack(renderInput('en'), other, ['html', 'docx' as never]), /unknown pack format "docx"/);
    assert.deepEqual(await fs.readdir(other), []);
    await fs.rm(other, { recursive: true, force: true });
  });

  it('escapes everything from the engine and pins its own script and style with a CSP', async () => {
    const html = readFileSync(path.join(dir, 'audit-pack.html'), 'utf8');
    assert.ok(!html.includes(HOSTILE_LABEL), 'the raw label must not appear');
    assert.ok(html.includes('&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;'), 'the label is shown as text');
    assert.equal((html.match(/<script>/g) ?? []).length, 1, 'exactly one script: the pack’s own');
    const css = readFileSync(path.join(PROJECT_ROOT, 'templates/pack.css'), 'utf8');
    const js = readFileSync(path.join(PROJECT_ROOT, 'templates/pack.js'), 'utf8');
    const attr = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1].replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
    assert.equal(attr, contentSecurityPolicy(css, js));
    assert.match(attr, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
    assert.ok(!/\s(src|href)="(https?:)?\/\//i.test(html), 'no external resource');
    assert.ok(!/ style="/.test(html), 'no inline style attributes (the CSP would block them)');
  });

  it('shows invisible and direction-changing characters instead of obeying them', () => {
    assert.equal(visible(BIDI_NAME), 'invoice\\u{202E}fdp.exe');
    const html = readFileSync(path.join(dir, 'audit-pack.html'), 'utf8');
    assert.ok(!html.includes('\u202e'));
    assert.ok(html.includes('invoice\\u{202E}fdp.exe'));
  });

  it('has the pack structure: cover, scope, summary with verdict and score formula, four parts, waivers, manifest, glossary', () => {
    const m = buildModel(renderInput('en'));
    assert.deepEqual(m.parts.map((p) => p.id), ['residency', 'host', 'network', 'containers', 'storage']);
    assert.match(m.summary.verdict, /\b5 data flow\(s\) found/);
    assert.equal(m.verdict.residency.question, 'Where is the data, and where does it flow?');
    assert.deepEqual(m.verdict.frameworks.map((f) => f.key), ['residency', 'cis', 'network', 'platform'].filter((k) => m.verdict.frameworks.some((f) => f.key === k)));
    assert.match(m.summary.formula, /critical 10, high 5, medium 3, low 1/);
    assert.ok(m.cover.some((c) => c.label === 'Geolocation data' && c.value.includes('2023-11-15')));
    assert.equal(m.waivers.length, 1);
    assert.ok(m.manifest.some((x) => x.path === 'findings.json'));
    const host = m.parts.find((p) => p.id === 'host')!;
    assert.deepEqual(host.virt!.layers.map((l) => l.layer), ['Hardware', 'Hypervisor', 'Kernel', 'Container runtime']);
    const residency = m.parts[0].residency!;
    const rank = ['fail', 'error', 'warn', 'manual', 'waived', 'info', 'not-applicable', 'pass'];
    const ranks = residency.rows.map((r) => rank.indexOf(r.outcome ?? 'pass'));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'endpoints needing attention are listed first');
    assert.ok(residency.rows.every((r) => r.jurisdiction !== null), 'every endpoint has the jurisdiction its check decided');
    assert.ok(residency.warnings.some((w) => /36 months old/.test(w)));
    const storage = m.parts.find((p) => p.id === 'storage')!.storage!;
    assert.equal(storage.chart?.markers[0].value, 18200);
    assert.ok(storage.statements.some((s) => s.includes('/dev/shm: refused')));
  });

  it('says "not assessed" with the reason for a collector that failed or did not run', () => {
    const ev = evidence();
    delete ev.residency;
    ev.storage = { ...ev.storage!, status: 'failed', data: null, error: 'fio exited 1: no space left on device' };
    const m = buildModel({ ...renderInput('en', ev), findings: { ...findingsDocument(ev), findings: findingsDocument(ev).findings.filter((f) => f.section !== 'residency' && f.section !== 'storage') } });
    assert.match(m.summary.verdict, /not assessed in this pack/);
    assert.match(m.parts.find((p) => p.id === 'storage')!.notAssessed!, /no space left on device/);
    assert.ok(m.scope.notAssessed.some((s) => s.includes('Data residency collector did not run')));
  });

  it('writes Norwegian for every fixed text with --lang nb', async () => {
    const nbDir = mkdtempSync(path.join(os.tmpdir(), 'ra-render-nb-'));
    await renderPack(renderInput('nb'), nbDir, ['html']);
    const html = readFileSync(path.join(nbDir, 'audit-pack.html'), 'utf8');
    assert.match(html, /<html lang="nb-NO">/);
    for (const s of ['Revisjon av dataplassering og containerherding', 'Sammendrag for ledelsen', 'Omfang og metode', 'Unntaksregister', 'Ordliste', 'ikke bestått', 'Containere kjører uten privilegier']) assert.ok(html.includes(s), s);
    for (const s of ['Executive summary', 'Scope and method', 'Exceptions register']) assert.ok(!html.includes(s), `English left: ${s}`);
    await fs.rm(nbDir, { recursive: true, force: true });
  });

  it('findings.json of a run validates against evidence/schema/findings.schema.json, and a wrong outcome does not', () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema/findings.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    const doc = JSON.parse(JSON.stringify(findingsDocument())) as { findings: { outcome: string }[] };
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
    doc.findings[0].outcome = 'passed';
    assert.equal(validate(doc), false);
  });

  it('SARIF 2.1.0 lists every finding needing attention, with rules, fingerprints and waivers as suppressions', () => {
    const sarif = JSON.parse(readFileSync(path.join(dir, 'findings.sarif'), 'utf8')) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; partialFingerprints: Record<string, string>; suppressions?: unknown[]; properties: { outcome: string } }[] }[] };
    const doc = findingsDocument();
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const listed = doc.findings.filter((f) => !['pass', 'not-applicable'].includes(f.outcome));
    assert.equal(run.results.length, listed.length);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.ok(run.results.every((r) => /^[0-9a-f]{20}$/.test(r.partialFingerprints['residencyAuditFinding/v2'])));
    assert.equal(run.results.filter((r) => r.suppressions).length, doc.findings.filter((f) => f.outcome === 'waived').length);
    assert.ok(run.results.filter((r) => r.properties.outcome === 'fail').every((r) => r.level === 'error'));
  });

  it('JUnit XML counts failures, errors and skips per section and escapes names', () => {
    const xml = readFileSync(path.join(dir, 'findings.junit.xml'), 'utf8');
    const doc = findingsDocument();
    const fails = doc.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'warn').length;
    assert.match(xml, new RegExp(`<testsuites name="residency-audit [^"]+" tests="${doc.findings.length}" failures="${fails}"`));
    assert.equal((xml.match(/<testcase /g) ?? []).length, doc.findings.length);
    assert.equal((xml.match(/<failure /g) ?? []).length, fails);
    assert.ok(!xml.includes('<script>'));
  });
});
