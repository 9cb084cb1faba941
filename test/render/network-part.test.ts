/**
 * The "Network exposure" part (#16) and the current cover texts (#14), read back from the sample
 * pack (evidence/sample) as an auditor would: every published port in the HTML and the PDF text
 * with where it is reachable from; the declared public port as intended; the part not assessed,
 * with the reason, without network evidence; the benchmark named on the cover for 1.8.0 and 1.6.0;
 * the DB-IP attribution its CC BY 4.0 licence requires. Needs poppler-utils (pdftotext).
 */
import { pdfText, requirePdftotext } from '../support/pdf-text';
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportFromDir } from '../../src/pipeline/report';
import { buildModel } from '../../src/render';
import { networkDiagramSvg } from '../../src/render/charts/network-diagram';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';
import type { FindingsDocument } from '../../src/findings/types';
import type { LoadedEvidence } from '../../src/evidence/types';


const entities = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=');
const text = (html: string) => entities(html.replace(/<script>[\s\S]*?<\/script>/, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

function copySample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-network-part-'));
  cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), dir, { recursive: true });
  return dir;
}

async function render(dir: string, extra: Partial<Parameters<typeof reportFromDir>[0]> = {}) {
  return reportFromDir({ dir, langs: ['en', 'nb'], formats: ['html', 'pdf'], toolVersion: TOOL_VERSION, now: '2026-12-01T12:00:00.000Z', ...extra });
}

function evidenceOf(dir: string): LoadedEvidence {
  const out: Record<string, unknown> = {};
  for (const c of ['docker', 'host', 'virt', 'network', 'storage', 'residency']) {
    try {
      out[c] = JSON.parse(readFileSync(path.join(dir, 'evidence', `${c}.json`), 'utf8'));
    } catch {
      /* absent */
    }
  }
  return out as LoadedEvidence;
}

describe('the Network exposure part and the cover of the sample pack', function () {
  this.timeout(180000);
  let dir: string;
  let doc: FindingsDocument;
  let html = '';
  let htmlNb = '';
  let pdf = '';
  let pdfNb = '';

  before(async function () {
    await requirePdftotext(this);
    dir = copySample();
    doc = (await render(dir)).findings;
    html = readFileSync(path.join(dir, 'audit-pack.html'), 'utf8');
    htmlNb = readFileSync(path.join(dir, 'audit-pack.nb.html'), 'utf8');
    pdf = await pdfText(path.join(dir, 'audit-pack.pdf'));
    pdfNb = await pdfText(path.join(dir, 'audit-pack.nb.pdf'));
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const published = () =>
    doc.findings
      .filter((f) => f.check === 'network-port-exposure')
      .map((f) => f.observed as { container: string; port: number; proto: string; declaredPublic: boolean; reachableFrom: { interface: string; address: string }[] });

  it('lists every published port of the sample with its container, in the HTML and the PDF, in both languages', () => {
    const ports = published();
    assert.deepEqual(ports.map((p) => `${p.container}:${p.port}`).sort(), ['admin-tools:9000', 'proxy:443', 'redis:6379']);
    const h = text(html);
    assert.match(h, /Network exposure Which published port is reachable from where/);
    assert.match(h, /Reachable from \(interface, address, family\)/);
    assert.match(pdf, /Network exposure\s+Which published port is reachable from where/);
    assert.match(pdf.replace(/\s+/g, ' '), /Reachable from \(interface, address, family\)/);
    assert.match(text(htmlNb), /Kan nås fra \(grensesnitt, adresse, familie\)/);
    assert.match(pdfNb, /Nettverkseksponering/);
    const part = h.slice(h.indexOf('Reachable from (interface, address, family)'));
    const pdfPart = pdf.replace(/\s+/g, ' ').slice(pdf.replace(/\s+/g, ' ').indexOf('Reachable from (interface, address, family)'));
    for (const p of ports) {
      assert.match(part, new RegExp(`${p.port}/${p.proto} ${p.container}`), `HTML: ${p.container} ${p.port}`);
      assert.match(pdfPart, new RegExp(`${p.port}/${p.proto}\\s+${p.container}`), `PDF: ${p.container} ${p.port}`);
    }
  });

  it('shows where admin-tools:9000 is reachable from (interface, address, family) and why (the DNAT chain)', () => {
    const admin = published().find((p) => p.container === 'admin-tools')!;
    assert.ok(admin.reachableFrom.some((r) => r.address === '192.0.2.2'));
    const h = text(html);
    assert.match(h, /eth0: IPv4 192\.0\.2\.2; IPv6 fd00::2, 1 link-local/);
    assert.match(h, /lo \(loopback\): IPv4 127\.0\.0\.1; IPv6 ::1/);
    assert.match(h, /DNAT, forwarded: nat PREROUTING DOCKER → nat DOCKER DNAT 172\.17\.255\.254:9000 → filter FORWARD DOCKER → filter DOCKER ACCEPT \(eth0, nordlys-br\)/);
    const flat = pdf.replace(/\s+/g, ' ');
    assert.match(flat, /eth0: IPv4 192\.0\.2\.2; IPv6 fd00::2, 1 link-local/);
    assert.match(flat, /nat DOCKER DNAT\s?172\.17\.255\.254:9000/);
    // The diagram: an SVG per host in the HTML, with the interfaces and the ports and its alternative text.
    assert.match(html, /<svg[^>]*class="chart netdiag"[^>]*aria-label="nordlys-node-1: host interfaces and published ports: admin-tools \(created\) 9000\/tcp ← lo \(loopback only\), eth0 \(reachable from a private address, not declared\)/);
  });

  it('marks proxy:443, declared in network.publicPorts, as intended', () => {
    const proxy = published().find((p) => p.container === 'proxy')!;
    assert.equal(proxy.declaredPublic, true);
    const h = text(html);
    assert.match(h, /443\/tcp proxy 0\.0\.0\.0:443->8443\/tcp .*? pass declared public: intended/);
    assert.match(pdf.replace(/\s+/g, ' '), /443\/tcp proxy 0\.0\.0\.0:443->8443\/tcp no host address .*? pass intended/);
    const m = buildModel({ findings: doc, evidence: evidenceOf(dir), manifest: [], lang: 'en' });
    assert.deepEqual(m.parts.find((p) => p.id === 'network')!.network!.rows.filter((r) => r.intended).map((r) => r.container), ['proxy']);
  });

  it('moves the network findings out of the host part into their own part', () => {
    const m = buildModel({ findings: doc, evidence: evidenceOf(dir), manifest: [], lang: 'en' });
    assert.deepEqual(m.parts.map((p) => p.id), ['residency', 'host', 'network', 'containers', 'storage']);
    assert.deepEqual(m.parts.find((p) => p.id === 'network')!.sections.map((s) => s.id), ['network']);
    assert.ok(!m.parts.find((p) => p.id === 'host')!.sections.some((s) => s.id === 'network'));
    const net = m.parts.find((p) => p.id === 'network')!.network!;
    assert.equal(net.rows.length, 3);
    assert.equal(net.diagrams.length, 1);
    const d = net.diagrams[0];
    assert.deepEqual(d.interfaces.map((i) => `${i.name}:${i.cls}`), ['eth0:private', 'nordlys-br:private', 'nordlys-v1:private', 'nordlys-vo:private', 'lo:loopback']);
    // admin-tools is reachable from every interface; proxy and redis from none.
    assert.equal(d.lines.filter((l) => l.to === `p:${doc.findings.find((f) => f.check === 'network-port-exposure' && f.target.name === 'admin-tools')!.id}`).length, 5);
    assert.ok(d.lines.every((l) => (l.from === 'i:lo' ? l.outcome === 'pass' : l.outcome === 'warn')));
    const svg = networkDiagramSvg(d, { left: 'Host interfaces', right: 'Published container ports' });
    assert.equal((svg.match(/<line /g) ?? []).length, 5 + d.legend.length);
    // --detail failures keeps the failing and warned ports only.
    const f = buildModel({ findings: doc, evidence: evidenceOf(dir), manifest: [], lang: 'en', detail: 'failures' }).parts.find((p) => p.id === 'network')!.network!;
    assert.deepEqual(f.rows.map((r) => r.port), ['9000/tcp']);
    assert.match(f.omitted!, /^2 port\(s\) that pass are not listed/);
  });

  it('names the benchmark (CIS Docker Benchmark 1.8.0 by default) and every geolocation source with the attribution its licence requires', () => {
    assert.equal(doc.run.catalog.benchmark, 'cis-docker-1.8.0');
    const h = text(html);
    assert.match(h, /Benchmark CIS Docker Benchmark 1\.8\.0: the version the CIS checks were evaluated against/);
    assert.match(h, /The CIS Docker Benchmark 1\.8\.0 checks for the daemon/);
    assert.match(pdf, /CIS Docker Benchmark 1\.8\.0: the version the CIS checks were evaluated against/);
    assert.doesNotMatch(h + pdf, /CIS Docker Benchmark 1\.6\.0/);
    for (const s of ['DB-IP IP to Country Lite 2.3.2026060120, data of 2026-06-01 (CC BY 4.0)', 'MaxMind GeoLite2 Country (republished by geoip-country) 5.0.202609260156, data of 2026-09-26 (GeoLite2 EULA)', 'geoip-lite) 1.4.10, data of 2023-11-15']) {
      assert.ok(h.includes(s), `HTML cover: ${s}`);
      assert.ok(pdf.replace(/\s+/g, ' ').includes(s), `PDF cover: ${s}`);
    }
    const attribution = 'Attribution required by the licence: IP Geolocation by DB-IP (https://db-ip.com)';
    assert.ok(h.includes(attribution), 'HTML: DB-IP attribution');
    assert.ok(pdf.replace(/\s+/g, ' ').includes(attribution), 'PDF: DB-IP attribution');
    assert.ok(pdf.replace(/\s+/g, ' ').includes('This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com'), 'PDF: MaxMind attribution');
    assert.match(text(htmlNb), /Kreditering som lisensen krever: IP Geolocation by DB-IP \(https:\/\/db-ip\.com\)/);
    // The method page (HTML) lists each source with its licence; the summary names them all.
    assert.match(h, /Geolocation sources and their licences .*DB-IP IP to Country Lite, version 2\.3\.2026060120, data of 2026-06-01: Creative Commons Attribution 4\.0/);
    assert.match(doc.residency!.summary.en.join(' '), /Every public address was looked up in each of these sources: .*DB-IP IP to Country Lite, data of 2026-06-01/);
  });

  it('names CIS Docker Benchmark 1.6.0 on the cover when the run selects it', async () => {
    const other = copySample();
    try {
      const d = (await render(other, { benchmark: '1.6.0', langs: ['en'] })).findings;
      assert.equal(d.run.catalog.benchmark, 'cis-docker-1.6.0');
      const h = text(readFileSync(path.join(other, 'audit-pack.html'), 'utf8'));
      assert.match(h, /Benchmark CIS Docker Benchmark 1\.6\.0: the version/);
      assert.match(h, /The CIS Docker Benchmark 1\.6\.0 checks for the daemon/);
      assert.match(await pdfText(path.join(other, 'audit-pack.pdf')), /CIS Docker Benchmark 1\.6\.0: the version the CIS checks were evaluated/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('says the part is not assessed, and why, when there is no network evidence', async () => {
    const other = copySample();
    try {
      rmSync(path.join(other, 'evidence', 'network.json'));
      const d = (await render(other, { langs: ['en'], allowModified: true })).findings;
      const m = buildModel({ findings: d, evidence: evidenceOf(other), manifest: [], lang: 'en' });
      const part = m.parts.find((p) => p.id === 'network')!;
      assert.ok(part.network!.notAssessed, 'not assessed');
      assert.equal(part.network!.rows.length, 0);
      assert.equal(part.network!.diagrams.length, 0);
      const h = text(readFileSync(path.join(other, 'audit-pack.html'), 'utf8'));
      assert.match(h, /Network exposure Which published port [^.]*\. Not assessed: /);
      assert.doesNotMatch(h, /Reachable from \(interface, address, family\)/);
      assert.match(await pdfText(path.join(other, 'audit-pack.pdf')), /Network exposure[\s\S]{0,400}Not assessed/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
