/**
 * The waiver and attestation registers as the pack prints them, on the sample evidence with a fixed
 * evaluation time: a waiver ending within 30 days, an expired one, one matching nothing; an
 * attestation ending within 30 days and an expired one. HTML and PDF (pdftotext) must show each
 * entry with its state, the expiring-within-30-days list, the attested finding's statement and who
 * in its block, and the expired waiver on its finding. Needs poppler-utils (pdftotext).
 */
import { pdfText, requirePdftotext } from '../support/pdf-text';
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditConfig } from '../../src/config/load';
import type { Attestation, FindingsDocument } from '../../src/findings/types';
import { reportFromDir } from '../../src/pipeline/report';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';

const NOW = '2026-12-01T12:00:00.000Z';

const entities = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=');
/** The HTML from the element with this id to the first `end` after it. */
function part(html: string, id: string, end: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no element with id="${id}"`);
  return html.slice(start, html.indexOf(end, start));
}

describe('the waiver and attestation registers in the pack (sample evidence, fixed now)', function () {
  this.timeout(180000);
  let dir: string;
  let doc: FindingsDocument;
  let html = '';
  let nbHtml = '';
  let pdf = '';
  let nbPdf = '';

  const attestations: Attestation[] = [
    { control: 'cis-5.9', outcome: 'pass', statement: 'Only the ports in the shop service design are published.', by: { name: 'Kari Nordmann', role: 'Security lead' }, at: '2025-12-20', basis: 'ISMS-412', expires: '2026-12-20' },
    { control: 'cis-5.7', outcome: 'not-applicable', statement: 'No image ships an SSH daemon (build policy BP-7).', by: { name: 'Ola Hansen' }, at: '2025-06-01', basis: 'BP-7', expires: '2026-06-01' },
  ];

  before(async function () {
    await requirePdftotext(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-registers-'));
    cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
    const sample = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as AuditConfig;
    const config: AuditConfig = {
      ...sample,
      waivers: [
        // Ends in 10 days: valid, and listed as expiring.
        { control: 'cis-1.1.3', justification: 'Audit rules ship with the Q1 host image (CHG-2400).', approvedBy: 'Lars Berg, ISO', expires: '2026-12-11' },
        // Ended yesterday: the findings count as failed again.
        { control: 'cis-1.1.4', justification: 'Old exception for containerd state auditing (CHG-1900).', approvedBy: 'Lars Berg, ISO', expires: '2026-11-30' },
        { control: 'cis-9.99', justification: 'Left over from an older benchmark.', approvedBy: 'CISO', expires: '2099-12-31' },
      ],
    };
    doc = (await reportFromDir({ dir, config, attestations: { attestations, source: null, sha256: '0'.repeat(64) }, langs: ['en', 'nb'], formats: ['html', 'pdf'], toolVersion: TOOL_VERSION, now: NOW })).findings;
    html = entities(readFileSync(path.join(dir, 'audit-pack.html'), 'utf8'));
    nbHtml = entities(readFileSync(path.join(dir, 'audit-pack.nb.html'), 'utf8'));
    const text = async (f: string) => (await pdfText(path.join(dir, f))).replace(/\s+/g, ' ');
    pdf = await text('audit-pack.pdf');
    nbPdf = await text('audit-pack.nb.pdf');
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('findings.json has the states the pack is to print (the premise of the other tests)', () => {
    const r = doc.registers!;
    assert.deepEqual(r.waivers.map((w) => w.status), ['active', 'expired', 'unmatched']);
    assert.deepEqual(r.attestations.map((a) => a.status), ['active', 'expired']);
    assert.deepEqual(r.expiringSoon.map((x) => `${x.kind}:${x.control}`), ['waiver:cis-1.1.3', 'attestation:cis-5.9']);
    assert.equal(doc.quarterly ?? null, null, 'no --previous: no "since the last audit"');
  });

  it('the HTML lists every waiver and attestation with its state, and the expiring-within-30-days list', () => {
    const reg = part(html, 'registers', '</section>');
    const rows = [...reg.matchAll(/<tr class="rg [^"]*" data-state="([^"]+)">(.*?)<\/tr>/gs)].map((m) => ({ state: m[1], text: m[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') }));
    const row = (needle: string) => rows.find((r) => r.text.includes(needle));
    assert.equal(row('CHG-2400')?.state, 'active');
    assert.match(row('CHG-2400')!.text, /2026-12-11 \(end of day UTC\).*valid/);
    assert.equal(row('CHG-1900')?.state, 'expired');
    assert.match(row('CHG-1900')!.text, /expired Expired 2026-11-30: the findings count as their own outcome again/);
    assert.equal(row('Left over')?.state, 'unmatched');
    assert.match(row('Left over')!.text, /matches nothing No finding of cis-9\.99/);
    const att = row('shop service design')!;
    assert.equal(att.state, 'active');
    for (const s of ['cis-5.9', 'every target', 'pass', 'Kari Nordmann, Security lead', '2025-12-20', 'ISMS-412', '2026-12-20 (end of day UTC)', 'valid']) assert.ok(att.text.includes(s), `${s} in ${att.text}`);
    assert.equal(row('BP-7)')?.state, 'expired');
    // Every finding the active attestation answered is listed and linked to its block.
    for (const id of doc.registers!.attestations[0].findings) assert.ok(reg.includes(`href="#f-${id}"`), id);
    const soon = part(html, 'registers-expiring', '</table>').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(soon, /Expiring within 30 days/);
    assert.match(soon, /waiver cis-1\.1\.3 every target 2026-12-11 23:59 UTC 10 day\(s\) left Lars Berg, ISO/);
    assert.match(soon, /attestation cis-5\.9 every target 2026-12-20 23:59 UTC 19 day\(s\) left Kari Nordmann/);
    assert.ok(!soon.includes('cis-1.1.4') && !soon.includes('cis-5.7'), 'expired entries are not "expiring"');
    assert.match(nbHtml, /Utløper innen 30 dager/);
    assert.match(nbHtml, /treffer ingenting/);
  });

  it('an attested finding shows attested with the statement, who and what it rests on in its block; the expired waiver shows on its finding', () => {
    const attested = doc.findings.filter((f) => f.outcome === 'attested');
    assert.ok(attested.length > 0 && attested.every((f) => f.check === 'cis.needed-ports'));
    for (const f of attested) {
      const at = html.indexOf(`<li id="f-${f.id}">`);
      assert.ok(at > 0, `block of ${f.id}`);
      const tr = html.slice(html.lastIndexOf('<tr class="f"', at), at);
      assert.match(tr, /data-o="attested"/);
      assert.match(tr, /Attested by Kari Nordmann, Security lead on 2025-12-20: Only the ports in the shop service design are published\. \(attested outcome: pass\) Valid until 2026-12-20; rests on: ISMS-412\./);
    }
    const expired = doc.findings.filter((f) => f.expiredWaiver);
    assert.ok(expired.length > 0 && expired.every((f) => f.outcome === 'fail'), 'the expired waiver no longer applies');
    const at = html.indexOf(`<li id="f-${expired[0].id}">`);
    assert.match(html.slice(html.lastIndexOf('<tr class="f"', at), at), /Expired waiver: approved by Lars Berg, ISO, ended 2026-11-30/);
    // The manual control whose attestation expired is manual again, saying so.
    assert.ok(doc.findings.filter((f) => f.expiredAttestation).every((f) => f.outcome === 'manual' && /attestation expired on 2026-06-01/.test(f.message.en)));
  });

  it('the PDF prints the registers, their states and the expiring list, in en and nb', () => {
    for (const s of ['Every waiver of the audit configuration and every attestation', '3 of 5 entries need a person', 'Expiring within 30 days', '10 day(s) left', '19 day(s) left', 'CHG-2400', 'CHG-1900', 'matches nothing', 'expired', 'Only the ports in the shop service design are published.', 'Rests on: ISMS-412', 'Valid until 2026-12-20; rests on: ISMS-412.', 'Expired waiver: approved by Lars Berg, ISO']) {
      assert.ok(pdf.includes(s), `PDF: ${s}`);
    }
    for (const s of ['Alle unntak i revisjonskonfigurasjonen', 'Utløper innen 30 dager', '10 dag(er) igjen', 'treffer ingenting', 'utløpt']) assert.ok(nbPdf.includes(s), `nb PDF: ${s}`);
  });
});
