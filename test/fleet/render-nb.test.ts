/**
 * The fleet pack in bokmål (issue #17): a fleet of two hosts (copies of evidence/sample, evaluated for
 * real) and one that was not collected, assembled as `fleet --lang en,nb` does it. The Norwegian fleet
 * HTML and PDF carry the Norwegian headings and outcome words and (almost) no English function words
 * outside evidence values (test/support/english-words.ts, as the single-host nb test counts them);
 * lang and /Lang are nb-NO; the English pack keeps its English text and the same pinned script; the
 * manifest lists the nb files; `report DIR --lang en` afterwards leaves no nb pack behind for any
 * manifest to claim. In Chromium the Norwegian host part is built with Norwegian labels.
 */
import { pdfText, requirePdftotext } from '../support/pdf-text';
import { launchChromium } from '../support/chromium';
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyManifest } from '../../src/evidence/manifest';
import { toJson, writeFileAtomic } from '../../src/evidence/store';
import type { EvidenceFile } from '../../src/evidence/types';
import { FLEET_FILE, FLEET_SCHEMA_VERSION, type FleetCollection } from '../../src/findings/fleet';
import { assembleFleetPack } from '../../src/fleet/pack';
import { reportFleetDir } from '../../src/fleet/report-fleet';
import { serviceSpec, settingsFromSpec } from '../../src/fleet/service';
import { buildFleetSummary, type EvaluatedHost } from '../../src/fleet/summary';
import { OUTPUT_FILE } from '../../src/pipeline/outputs';
import { FleetText } from '../../src/render/fleet/text';
import { FLEET_STORAGE_SKIP } from '../../src/findings/fleet';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';
import { countWords, evidenceValues, total, UNAMBIGUOUS, withoutValues } from '../support/english-words';
import { document } from '../support/findings';

const NOW = '2026-12-01T12:00:00.000Z';
const REASON = 'task rejected: No such image: residency-audit:0.1.0';

function collection(): FleetCollection {
  const rec = (name: string, status: 'collected' | 'not-collected', reason: string | null = null) => ({ folder: name, name, nodeId: `id-${name}`, status, scope: 'full' as const, endpoint: null, reason, taskId: null, taskState: null, startedAt: '2026-11-30T11:00:00Z', endedAt: '2026-11-30T11:01:00Z', stream: null });
  const spec = serviceSpec({ name: 'residency-audit-fleet-test', labels: {}, image: `residency-audit:${TOOL_VERSION}`, args: ['fleet', 'task'], apiVersion: '1.41' });
  const node = (name: string, role: string) => ({ id: `id-${name}`, hostname: name, role, availability: 'active', state: 'ready', message: null, engineVersion: '27.5.1', address: '10.0.0.1', leader: role === 'manager' });
  return {
    kind: 'residency-audit-fleet', schemaVersion: FLEET_SCHEMA_VERSION, toolVersion: TOOL_VERSION, mode: 'swarm', startedAt: '2026-11-30T11:00:00Z', endedAt: '2026-11-30T11:01:00Z',
    origin: { engine: null, managerNodeId: 'id-alpha', clusterId: null, inventory: null }, nodes: [node('alpha', 'manager'), node('beta', 'worker'), node('gamma', 'worker')],
    service: { name: 'residency-audit-fleet-test', id: 'svc', image: `residency-audit:${TOOL_VERSION}`, mode: 'global-job', apiVersion: '1.41', settings: settingsFromSpec(spec as never, '1.41'), args: ['fleet', 'task'], removed: true, removeError: null },
    nodeTimeoutSeconds: 60,
    hosts: [rec('alpha', 'collected'), rec('beta', 'collected'), rec('gamma', 'not-collected', REASON)],
  };
}

/** The visible text of a fleet HTML page: no script, style or tags (the embedded data is checked in the browser). */
function htmlText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('the fleet pack in bokmål', function () {
  this.timeout(300_000);
  let dir: string;
  let values: string[] = [];
  const text: Record<'en' | 'nb', { html: string; pdf: string }> = { en: { html: '', pdf: '' }, nb: { html: '', pdf: '' } };
  const raw: Record<'en' | 'nb', string> = { en: '', nb: '' };
  let written: string[] = [];

  before(async function () {
    await requirePdftotext(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-fleet-nb-'));
    for (const h of ['alpha', 'beta']) cpSync(path.join(PROJECT_ROOT, 'evidence/sample'), path.join(dir, 'hosts', h), { recursive: true });
    mkdirSync(path.join(dir, 'hosts', 'gamma'), { recursive: true });
    const c = collection();
    await writeFileAtomic(path.join(dir, FLEET_FILE), toJson(c));
    written = (await assembleFleetPack({ dir, collection: c, langs: ['en', 'nb'], formats: ['html', 'pdf'], toolVersion: TOOL_VERSION, now: NOW })).written;
    values = [...new Set([...evidenceValues(path.join(dir, 'hosts', 'alpha')), REASON])].sort((a, b) => b.length - a.length);
    for (const [lang, suffix] of [['en', ''], ['nb', '.nb']] as const) {
      raw[lang] = await fs.readFile(path.join(dir, `fleet-pack${suffix}.html`), 'utf8');
      text[lang] = { html: withoutValues(htmlText(raw[lang]), values), pdf: withoutValues(await pdfText(path.join(dir, `fleet-pack${suffix}.pdf`)), values) };
    }
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes fleet-pack.nb.html and fleet-pack.nb.pdf beside the English pack, named by the rule of every pack output, and the manifest lists them', async () => {
    assert.deepEqual(written.filter((f) => f.startsWith('fleet-pack')), ['fleet-pack.html', 'fleet-pack.pdf', 'fleet-pack.nb.html', 'fleet-pack.nb.pdf']);
    for (const f of written.filter((x) => x.startsWith('fleet-pack'))) assert.ok(OUTPUT_FILE.test(f), `${f} is one of the outputs (src/pipeline/outputs.ts)`);
    const listed = (JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    for (const f of ['fleet-pack.html', 'fleet-pack.pdf', 'fleet-pack.nb.html', 'fleet-pack.nb.pdf', 'hosts/alpha/audit-pack.nb.pdf']) assert.ok(listed.includes(f), `manifest lists ${f}`);
    assert.equal((await verifyManifest(dir)).ok, true);
  });

  it('gives the Norwegian pack lang nb-NO (HTML and PDF) and the English one en-GB', async () => {
    assert.match(raw.nb, /<html lang="nb-NO">/);
    assert.match(raw.en, /<html lang="en-GB">/);
    assert.match((await fs.readFile(path.join(dir, 'fleet-pack.nb.pdf'))).toString('latin1'), /\/Lang \(nb-NO\)/);
    assert.match((await fs.readFile(path.join(dir, 'fleet-pack.pdf'))).toString('latin1'), /\/Lang \(en-GB\)/);
  });

  it('prints Norwegian headings and outcome words in the Norwegian HTML and PDF, and no English outcome word', () => {
    for (const [kind, t] of Object.entries(text.nb)) {
      for (const h of ['Samlet revisjonspakke: 3 verter', 'Verter × deler', 'Overføringsregister (alle verter)', 'Innsamling', 'ikke bestått', 'bestått', 'ikke innsamlet', 'dataplassering', 'virtualisering', 'skrivebeskyttet rotfilsystem']) assert.ok(t.includes(h), `${kind}: ${h}`);
      for (const e of ['Fleet audit pack', 'Hosts × sections', 'Transfer register', 'not collected', 'storage class', 'transfer basis', 'read-only root filesystem']) assert.equal(t.includes(e), false, `${kind}: no "${e}"`);
      // An outcome id as a word with a count after it ("fail 3", "pass 12") is English fixed text.
      assert.equal(/\b(fail|pass|warn|manual|error) \d/.test(t), false, `${kind}: ${/.{0,40}\b(fail|pass|warn|manual|error) \d.{0,20}/.exec(t)?.[0]}`);
    }
    assert.ok(text.nb.pdf.includes('Vert alpha') && text.nb.pdf.includes('Kontroller som ikke består'), 'host pages in Norwegian');
    assert.ok(text.nb.pdf.includes('Ikke innsamlet'), 'the host not collected, with its reason as recorded');
    assert.ok(text.nb.pdf.includes('samlet pakke · side 1 av'), 'Norwegian page footer');
    assert.ok(raw.nb.includes(REASON), 'the Docker task reason stays as it is');
    assert.ok(raw.nb.includes('hosts/alpha/audit-pack.nb.pdf'), 'points to the host pack in the same language');
  });

  it('counts English function words in the Norwegian fleet pack at no more than 1 % of the English one', () => {
    for (const kind of ['html', 'pdf'] as const) {
      const e = total(countWords(text.en[kind]), UNAMBIGUOUS);
      const n = total(countWords(text.nb[kind]), UNAMBIGUOUS);
      console.log(`      ${kind}: English function words outside evidence values: en ${e}, nb ${n}`);
      // The HTML's host parts are built in the browser (checked below): its static text is the summary only.
      assert.ok(e > (kind === 'html' ? 10 : 100), `the English ${kind} should be full of them: ${e}`);
      const left = text.nb[kind].match(new RegExp(`.{0,60}\\b(${UNAMBIGUOUS.join('|')})\\b.{0,40}`, 'gi')) ?? [];
      assert.ok(n <= e / 100, `nb ${kind} ${n} > 1 % of en ${e}:\n${left.join('\n')}`);
    }
  });

  it('keeps the English pack English and the script the same in both (the CSP pins one hash)', () => {
    for (const [kind, t] of Object.entries(text.en)) {
      for (const h of ['Fleet audit pack: 3 hosts', 'Hosts × sections', 'Transfer register (fleet-wide)', 'Collection', 'not collected', 'Scores (0–100) are per framework and never blended']) assert.ok(t.includes(h), `${kind}: ${h}`);
      for (const w of ['ikke bestått', 'Verter', 'innsamlet']) assert.equal(t.includes(w), false, `${kind}: no "${w}"`);
    }
    const script = (html: string) => /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
    const csp = (html: string) => /script-src '([^']+)'/.exec(html)?.[1];
    assert.ok(script(raw.en));
    assert.equal(script(raw.nb), script(raw.en));
    assert.equal(csp(raw.nb), csp(raw.en));
  });

  it('builds the Norwegian host part in Chromium with Norwegian labels', async function () {
    type Page = { goto(u: string, o: object): Promise<unknown>; waitForFunction(f: () => boolean): Promise<unknown>; click(s: string): Promise<void>; evaluate<T>(f: string): Promise<T>; on(e: string, f: (x: never) => void): void };
    const browser = await launchChromium<{ newContext(o: object): Promise<{ newPage(): Promise<Page> }>; close(): Promise<void> }>(this);
    try {
      const page = await (await browser.newContext({ offline: true, javaScriptEnabled: true })).newPage();
      const errors: string[] = [];
      page.on('pageerror', ((e: Error) => errors.push(e.message)) as never);
      page.on('console', ((m: { type(): string; text(): string }) => m.type() === 'error' && errors.push(m.text())) as never);
      await page.goto(pathToFileURL(path.join(dir, 'fleet-pack.nb.html')).href, { waitUntil: 'load' });
      // Predicates as functions, not strings: a string is eval'ed in the page, which its CSP forbids.
      await page.waitForFunction(() => (globalThis as unknown as { fleetReady?: boolean }).fleetReady === true);
      await page.click('#host-alpha summary');
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#host-alpha .part tbody tr').length > 0);
      const part = await page.evaluate<string>("document.querySelector('#host-alpha .part').textContent");
      const heads = await page.evaluate<string[]>("[...document.querySelectorAll('#host-alpha .part th')].map((t) => t.textContent)");
      const options = await page.evaluate<string[]>("[...document.querySelectorAll('#host-alpha .part option')].map((o) => o.textContent)");
      const placeholder = await page.evaluate<string>("document.querySelector('#host-alpha .part input').placeholder");
      assert.deepEqual(heads, ['kontroll', 'tittel', 'alvorlighet', 'resultater', 'mål som ikke består']);
      assert.equal(options[0], 'alle resultater');
      assert.ok(options.includes('ikke bestått, feil (ikke kontrollert), advarsel, manuell'), options.join(' | '));
      assert.equal(placeholder, 'søk etter kontroll, tittel eller mål');
      assert.match(part, /ikke bestått \d/);
      assert.equal(/\b(fail|pass|warn) \d/.test(part), false, 'no English outcome word with a count');
      assert.match(part, /(høy|middels|lav|kritisk)/, `severity in Norwegian: ${part.slice(0, 400)}`);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('re-rendered with --lang en only, leaves no Norwegian pack behind and no manifest claims one', async () => {
    await reportFleetDir({ dir, langs: ['en'], formats: ['html', 'pdf'], toolVersion: TOOL_VERSION, now: NOW });
    const top = await fs.readdir(dir);
    assert.deepEqual(top.filter((f) => f.startsWith('fleet-pack')).sort(), ['fleet-pack.html', 'fleet-pack.pdf']);
    const host = await fs.readdir(path.join(dir, 'hosts', 'alpha'));
    assert.deepEqual(host.filter((f) => /\.nb\./.test(f)), [], 'the host packs in nb are gone too');
    const listed = (JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    assert.deepEqual(listed.filter((f) => /\.nb\./.test(f)), [], 'the fleet manifest lists no nb file');
    const hostListed = (JSON.parse(await fs.readFile(path.join(dir, 'hosts', 'alpha', 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    assert.deepEqual(hostListed.filter((f) => /\.nb\./.test(f)), [], 'the host manifest lists no nb file');
    const v = await verifyManifest(dir);
    assert.deepEqual([v.ok, v.missing, v.unlisted], [true, [], []]);
    assert.equal((await verifyManifest(path.join(dir, 'hosts', 'alpha'))).ok, true);
  });
});

describe('the fleet summary\'s English words in the Norwegian fleet pack', () => {
  // src/fleet/summary.ts and src/fleet/service.ts word these in English in fleet-summary.json and fleet.json;
  // the pack must know each of them, so a new wording there fails here rather than reaching a Norwegian pack.
  const sample = (c: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/sample/evidence', `${c}.json`), 'utf8')) as EvidenceFile;
  const rec = (folder: string, scope: 'full' | 'engine-api-only', status: 'collected' | 'not-collected' = 'collected') => ({ folder, name: folder, nodeId: null, status, scope, endpoint: null, reason: null, taskId: null, taskState: null, startedAt: '', endedAt: '', stream: null });
  const findings = document([]);
  const hosts: EvaluatedHost[] = [
    { record: rec('full', 'full'), findings, evidence: { virt: sample('virt'), storage: sample('storage') } as never, written: [], error: null },
    { record: rec('api', 'engine-api-only'), findings, evidence: {}, written: [], error: null },
    { record: rec('bare', 'full'), findings, evidence: { virt: { ...sample('virt'), data: { ...(sample('virt').data as object), machine: 'bare-metal', vm: null, provider: 'Hetzner', containers: [{ runtime: 'lxc' }] } }, storage: { ...sample('storage'), status: 'failed', data: null, error: 'fio not found' } } as never, written: [], error: null },
    { record: rec('none', 'full'), findings, evidence: {}, written: [], error: null },
    // What every host of a Swarm fleet run records for storage (src/fleet/task.ts).
    { record: rec('swarm', 'full'), findings, evidence: { virt: sample('virt'), storage: { ...sample('storage'), status: 'skipped', data: null, error: FLEET_STORAGE_SKIP } } as never, written: [], error: null },
    { record: rec('gone', 'full', 'not-collected'), findings: null, evidence: null, written: [], error: null },
  ];
  const c = { ...collection(), hosts: hosts.map((h) => h.record) };
  const summary = buildFleetSummary(c, hosts, NOW);
  const nb = new FleetText('nb');
  const en = new FleetText('en');

  it('says every virtualization verdict, storage class and not-assessed reason in Norwegian', () => {
    for (const h of summary.hosts) {
      for (const [what, n, e] of [['virt', nb.virt(h.virt), en.virt(h.virt)], ['storage', nb.storage(h.storage), en.storage(h.storage)]]) {
        const english = total(countWords(withoutValues(n, ['fio not found'])), UNAMBIGUOUS) + (/\b(VM on|inside|bare metal|not assessed|evidence|measured|failed)\b/.test(n) ? 1 : 0);
        assert.equal(english, 0, `${h.name} ${what}: "${n}" (en "${e}")`);
        assert.notEqual(n, e, `${h.name} ${what} is translated`);
      }
    }
    assert.equal(nb.virt(summary.hosts[2].virt), 'fysisk maskin hos Hetzner, inne i lxc');
    assert.equal(nb.storage(summary.hosts[2].storage), 'feilet: fio not found', "the collector's own error stays as it is");
    assert.match(nb.storage(summary.hosts[4].storage), /^ikke målt i en samlet kjøring/);
  });

  it('names every setting of the collection service in Norwegian', () => {
    for (const s of c.service!.settings) if (s.key !== 'no-new-privileges') assert.notEqual(nb.setting(s.key), s.key, s.key);
    assert.equal(en.setting('read-only root filesystem'), 'read-only root filesystem');
  });
});
