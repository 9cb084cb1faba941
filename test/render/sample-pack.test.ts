/**
 * The pack an auditor signs, rendered from evidence/sample with `report` (the same path as the CLI)
 * and read back like a reviewer: under 30 pages, customer wording only, every finding that needs
 * action traceable by id in both formats, every printed SHA-256 a manifest entry, the transfer
 * register in all four places, and a declared SCC turning a third-country row to covered with the
 * summary, the register and the chart counting the same. Needs poppler-utils (pdftotext).
 */
import { pdfText, requirePdftotext } from '../support/pdf-text';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { FindingsDocument } from '../../src/findings/types';
import { reportFromDir } from '../../src/pipeline/report';
import { buildModel } from '../../src/render';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';

const run = promisify(execFile);

const BLOCK = new Set(['fail', 'warn', 'error', 'manual', 'waived', 'attested']);

async function render(dir: string, config?: Parameters<typeof reportFromDir>[0]['config']) {
  return reportFromDir({ dir, langs: ['en'], formats: ['html', 'pdf', 'sarif', 'junit', 'answers', 'transfers', 'remediation'], toolVersion: TOOL_VERSION, now: '2026-12-01T12:00:00.000Z', ...(config ? { config } : {}) });
}

const entities = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=');

describe('the sample audit pack (evidence/sample) as an auditor reads it', function () {
  this.timeout(120000);
  let dir: string;
  let doc: FindingsDocument;
  let pdf = '';
  let html = '';
  let pages = 0;

  before(async function () {
    await requirePdftotext(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-sample-pack-'));
    cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
    doc = (await render(dir)).findings;
    pdf = await pdfText(path.join(dir, 'audit-pack.pdf'));
    pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [path.join(dir, 'audit-pack.pdf')])).stdout)![1]);
    html = readFileSync(path.join(dir, 'audit-pack.html'), 'utf8');
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('fits in under 30 pages', () => {
    assert.ok(pages < 30, `${pages} pages`);
    assert.ok(doc.run.host.hostname && doc.findings.length > 300, 'the sample is a real fleet');
  });

  it('prints no raw JSON and no internal wording', () => {
    assert.ok(!pdf.includes('{"'), 'no raw JSON in the PDF');
    for (const word of [/\bseed\b/i, /marketing/i, /ra-test\//]) {
      assert.ok(!word.test(pdf), `PDF: ${word}`);
      assert.ok(!word.test(html.replace(/<script>[\s\S]*?<\/script>/, '')), `HTML: ${word}`);
    }
  });

  it('shows the id of every finding that needs action in the PDF and the HTML, and every id answers.csv cites in the HTML', () => {
    const flat = pdf.replace(/\s+/g, '');
    for (const f of doc.findings.filter((x) => BLOCK.has(x.outcome))) {
      assert.ok(flat.includes(f.id), `PDF: ${f.id} (${f.control} ${f.target.name})`);
      assert.ok(html.includes(`id="f-${f.id}"`), `HTML anchor: ${f.id}`);
    }
    const csv = readFileSync(path.join(dir, 'answers.csv'), 'utf8');
    const cited = new Set(csv.match(/\b[0-9a-f]{20}(-\d+)?\b/g) ?? []);
    assert.ok(cited.size > 10);
    for (const id of cited) assert.ok(html.includes(`id="f-${id}"`), `answers.csv cites ${id}: not in the HTML`);
  });

  it('prints only SHA-256 values that are entries of the manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const known = new Set(manifest.files.map((f) => f.sha256));
    const inPdf = pdf.replace(/-\n/g, '').match(/\b[0-9a-f]{64}\b/g) ?? [];
    const inHtml = html.replace(/<script>[\s\S]*?<\/script>/, '').match(/\b[0-9a-f]{64}\b/g) ?? [];
    assert.ok(inPdf.length > 10 && inHtml.length > 10, `${inPdf.length} hashes in the PDF, ${inHtml.length} in the HTML`);
    for (const h of [...inPdf, ...inHtml]) assert.ok(known.has(h), `${h} is not in manifest.json`);
    for (const f of ['evidence/docker.json', 'config.json', 'transfers.csv', 'remediation.sh', 'answers.csv']) assert.ok(manifest.files.some((x) => x.path === f), `${f} listed`);
  });

  it('has the transfer register in the HTML, the PDF, findings.json and transfers.csv, with the same rows', () => {
    const rows = doc.residency!.transfers;
    assert.ok(rows.length >= 4);
    assert.ok(rows.some((r) => r.transfer.mechanism === 'scc' && r.transfer.status === 'covered' && r.outcome === 'pass'), 'declared SCCs with a TIA: covered, pass with condition');
    assert.ok(rows.some((r) => r.transfer.mechanism === 'dpf' && r.transfer.status === 'covered'), 'a US recipient under the DPF');
    assert.ok(rows.some((r) => r.transfer.status === 'missing' && r.jurisdiction === 'third-country'), 'a third country without a basis');
    assert.ok(rows.some((r) => r.jurisdiction === 'unknown'), 'an unknown location');
    assert.match(html, /<section id="transfers"/);
    assert.match(pdf, /Transfer register \(GDPR Chapter V\)/);
    const csv = readFileSync(path.join(dir, 'transfers.csv'), 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'UTF-8 BOM');
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines.length, rows.length + 1, 'a header and one CRLF line per row');
    assert.ok(!/\r?\n(?<!\r\n)/.test(csv.replace(/\r\n/g, '')), 'CRLF only');
    for (const r of rows) assert.ok(csv.includes(r.display), r.display);
    for (const r of rows) assert.ok(html.includes(`id="t-${r.endpoint.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}"`), `register row ${r.endpoint} in the HTML`);
  });

  it('writes remediation.sh: commented commands, never executed, one block per container naming the controls it fixes', () => {
    const sh = readFileSync(path.join(dir, 'remediation.sh'), 'utf8');
    assert.match(sh, /^#!\/bin\/sh\n/);
    assert.match(sh, /\nset -eu\n/);
    assert.ok(sh.split('\n').every((l) => l === '' || l.startsWith('#') || l === 'set -eu' || l === 'exit 0' || l.startsWith('echo ')), 'nothing but comments runs');
    for (const r of doc.remediation ?? []) {
      assert.ok(sh.includes(`# --- ${r.container.name} `), r.container.name);
      assert.ok(sh.includes(`# Fixes: ${r.controls.join(', ')}`), `${r.container.name}: controls`);
    }
    const admin = doc.remediation!.find((r) => r.container.name === 'admin-tools')!;
    for (const bad of ['docker.sock', '--privileged', '--pid host', 'SYS_ADMIN']) assert.ok(!admin.command.includes(bad), `admin-tools keeps ${bad}`);
  });

  it('a config declaring SCCs for the Indian endpoint turns its row covered and changes the summary, with the counts agreeing everywhere', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'ra-sample-scc-'));
    try {
      cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), other, { recursive: true });
      const config = JSON.parse(readFileSync(path.join(other, 'config.json'), 'utf8')) as { residency: { endpoints: unknown[] } };
      config.residency.endpoints.push({ match: 'search.example.in', country: 'IN', transfer: { mechanism: 'scc', module: 2, document: 'DPA SearchCo 2026-10', tiaDate: '2026-10-15' } });
      const before = doc.residency!;
      const after = (await render(other, config as never)).findings.residency!;
      const row = after.transfers.find((r) => r.endpoint === 'search.example.in')!;
      assert.equal(row.transfer.status, 'covered');
      assert.equal(row.outcome, 'pass');
      assert.equal(before.transfers.find((r) => r.endpoint === 'search.example.in')!.transfer.status, 'missing');
      assert.match(before.summary.en.join(' '), /India \(search\.example\.in\)\. Each such transfer without a basis needs standard contractual clauses/);
      assert.doesNotMatch(after.summary.en.join(' '), /without a basis needs|that needs standard contractual clauses/);
      assert.match(after.summary.en.join(' '), /its declared basis is in the transfer register/);
      // Summary, register and chart count the same destinations.
      const m = buildModel({ findings: (await render(other, config as never)).findings, evidence: {}, manifest: [], lang: 'en' });
      const covered = after.transfers.filter((r) => r.transfer.status === 'covered').length;
      const missing = after.transfers.filter((r) => r.transfer.status === 'missing').length;
      assert.match(after.summary.en.join(' '), new RegExp(`lists ${after.transfers.length} destination\\(s\\) outside the EEA or of unknown location: ${covered} covered`));
      assert.match(m.verdict.residency.answer, new RegExp(`Of those, ${covered} are covered by a declared transfer basis, \\d+ have a basis that needs review and ${missing} have none`));
      assert.equal(m.transfers.rows.length, after.transfers.length);
      const flows = after.endpoints.filter((e) => e.kinds.some((k) => k !== 'host-address'));
      const chart = m.parts[0].residency?.chart;
      if (chart) assert.equal(chart.rows[0].segments.reduce((a, s) => a + s.value, 0), flows.length, 'chart total = data flows');
      assert.match(m.verdict.residency.answer, new RegExp(`${flows.length} data flow\\(s\\) found`));
      const outside = flows.filter((e) => !['eea', 'internal'].includes(e.group)).length;
      assert.equal(outside, after.transfers.length, 'what leaves the EEA is what the register lists');
      assert.ok(entities(readFileSync(path.join(other, 'audit-pack.html'), 'utf8')).includes('DPA SearchCo 2026-10'));
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});
