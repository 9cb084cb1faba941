/**
 * The fleet pack renderer from hand-built findings: a hostile container name stays text in the HTML
 * (also inside the embedded data), a host that was not collected is shown with its reason, the PDF has
 * every host; and in Chromium (playwright-core + Debian chromium, as test/render/browser.test.ts) the
 * page loads offline without console errors or requests, and a host part is built when opened.
 */
import { launchChromium } from '../support/chromium';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FLEET_SCHEMA_VERSION, type FleetCollection } from '../../src/findings/fleet';
import { buildFleetSummary, type EvaluatedHost } from '../../src/fleet/summary';
import { renderFleetPack } from '../../src/render/fleet';
import { document, finding } from '../support/findings';

const exec = promisify(execFile);
const HOSTILE = '<script>window.pwned=1</script>';

function fixture(): { hosts: EvaluatedHost[]; collection: FleetCollection } {
  const t = (name: string) => ({ kind: 'container' as const, id: name, name });
  const a = document([finding('cis-5.5', 'containers', 'fail', t(HOSTILE)), finding('cis-5.5', 'containers', 'pass', t('ok-1')), finding('cis-5.13', 'containers', 'warn', t('web'))]);
  const b = document([finding('cis-5.5', 'containers', 'pass', t('db'))]);
  const rec = (name: string, status: 'collected' | 'not-collected', reason: string | null = null) => ({ folder: name, name, nodeId: name, status, scope: 'full' as const, endpoint: null, reason, taskId: null, taskState: null, startedAt: '2026-11-23T11:00:00Z', endedAt: '2026-11-23T11:01:00Z', stream: null });
  const collection: FleetCollection = {
    kind: 'residency-audit-fleet', schemaVersion: FLEET_SCHEMA_VERSION, toolVersion: '0', mode: 'swarm', startedAt: '2026-11-23T11:00:00Z', endedAt: '2026-11-23T11:01:00Z',
    origin: { engine: null, managerNodeId: null, clusterId: null, inventory: null }, nodes: [], service: null, nodeTimeoutSeconds: 60,
    hosts: [rec('alpha', 'collected'), rec('beta', 'collected'), rec('gamma', 'not-collected', 'task rejected: No such image: residency-audit:0.1.0')],
  };
  const hosts: EvaluatedHost[] = [
    { record: collection.hosts[0], findings: a, evidence: {}, written: ['audit-pack.html'], error: null },
    { record: collection.hosts[1], findings: b, evidence: {}, written: [], error: null },
    { record: collection.hosts[2], findings: null, evidence: null, written: [], error: null },
  ];
  return { hosts, collection };
}

describe('fleet pack renderer', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-fleet-render-'));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  before(async () => {
    const { hosts, collection } = fixture();
    const summary = buildFleetSummary(collection, hosts, '2026-11-23T12:00:00Z');
    await renderFleetPack({ summary, hosts: hosts.map((h) => ({ folder: h.record.folder, findings: h.findings })), lang: 'en' }, dir);
  });

  it('keeps a hostile name as text, shows the host not collected with its reason, and puts every host in the PDF', async () => {
    const html = await fs.readFile(path.join(dir, 'fleet-pack.html'), 'utf8');
    assert.equal(html.includes(HOSTILE), false, 'the raw tag never appears');
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only our two script elements close');
    assert.match(html, /gamma<\/b><\/td><td colspan="7"><span class="fail">not collected<\/span>: task rejected: No such image: residency-audit:0\.1\.0/);
    const pdf = path.join(dir, 'fleet-pack.pdf');
    assert.equal((await fs.readFile(pdf)).subarray(0, 5).toString(), '%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = (await exec('pdftotext', [pdf, '-'])).stdout;
      for (const h of ['Host alpha', 'Host beta', 'Host gamma', 'Not collected: task rejected']) assert.ok(text.includes(h), `${h} in the PDF`);
    }
  });

  it('loads offline in Chromium and builds a host part when it is opened', async function () {
    type Browser = { newContext(o: object): Promise<{ newPage(): Promise<Record<string, (...a: never[]) => Promise<unknown>> & { on(e: string, f: (x: never) => void): void }> }>; close(): Promise<void> };
    const browser = await launchChromium<Browser>(this);
    try {
      const page = await (await browser.newContext({ offline: true, javaScriptEnabled: true })).newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', ((m: { type(): string; text(): string }) => m.type() === 'error' && errors.push(m.text())) as never);
      page.on('pageerror', ((e: Error) => errors.push(e.message)) as never);
      page.on('request', ((r: { url(): string }) => requests.push(r.url())) as never);
      const url = pathToFileURL(path.join(dir, 'fleet-pack.html')).href;
      await (page.goto as (u: string, o: object) => Promise<unknown>)(url, { waitUntil: 'load' });
      // Predicates as functions: a string one is evaluated with eval, which the pack's CSP refuses when it has to poll.
      const waitFor = (page.waitForFunction as (f: () => boolean) => Promise<unknown>).bind(page);
      // Run in the page, so self-contained: its window and document (this file's `document` builds findings).
      type InPage = { fleetReady?: boolean; document: { querySelectorAll(s: string): ArrayLike<unknown> } };
      await waitFor(() => (globalThis as unknown as InPage).fleetReady === true);
      assert.equal(await (page.evaluate as (f: string) => Promise<number>)("document.querySelectorAll('#host-alpha .part tr').length"), 0, 'nothing is built before the part is opened');
      await (page.click as (s: string) => Promise<void>)('#host-alpha summary');
      await waitFor(() => (globalThis as unknown as InPage).document.querySelectorAll('#host-alpha .part tbody tr').length > 0);
      const text = (await (page.evaluate as (f: string) => Promise<string>)("document.querySelector('#host-alpha .part').textContent")) as string;
      assert.ok(text.includes(HOSTILE), 'the hostile name is shown as text');
      assert.equal(await (page.evaluate as (f: string) => Promise<unknown>)('window.pwned'), undefined, 'and never runs');
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [url]);
    } finally {
      await browser.close();
    }
  });
});
