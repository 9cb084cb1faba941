/**
 * The HTML pack as a person sees it: Debian's Chromium (headless, via playwright-core, no
 * downloaded browser) opens the file offline. No console error, no request but the file itself,
 * the filters and search work, and a <script> from a container label stays text.
 * Needs `chromium` (apt) and `playwright-core` (npm): skipped without them, a failure under CI=true.
 */
import { launchChromium } from '../support/chromium';
import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dockerCollector } from '../../src/collectors/docker';
import { runCollector } from '../../src/collectors/run';
import type { EvidenceFile } from '../../src/evidence/types';
import type { DockerEvidence } from '../../src/evidence/types/docker';
import { buildFindings } from '../../src/pipeline/evaluate';
import { renderPack } from '../../src/render';
import { createTestContainer, requireEngine } from '../support/engine';
import { findingsDocument, HOSTILE_LABEL, NOW, renderInput } from './fixture';

/* Minimal shapes of the playwright-core API used here, so this file compiles before the package is installed. */
interface Locator {
  count(): Promise<number>;
  innerText(): Promise<string>;
  textContent(): Promise<string | null>;
  uncheck(): Promise<void>;
  click(): Promise<void>;
  fill(v: string): Promise<void>;
  selectOption(v: string): Promise<unknown>;
}
interface Page {
  on(event: 'request', f: (r: { url(): string }) => void): void;
  on(event: 'console', f: (m: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', f: (e: Error) => void): void;
  goto(url: string, o: { waitUntil: 'load' }): Promise<unknown>;
  evaluate<T>(f: () => T): Promise<T>;
  locator(sel: string): Locator;
  $$eval<T>(sel: string, f: (els: DomElement[]) => T): Promise<T>;
  waitForFunction<A>(f: (arg: A) => boolean, arg?: A): Promise<unknown>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  context(): { close(): Promise<void> };
}
interface Browser {
  newContext(o: { offline: boolean; javaScriptEnabled: boolean }): Promise<{ newPage(): Promise<Page> }>;
  close(): Promise<void>;
}
/** The DOM bits the in-page callbacks read (the test's tsconfig has no DOM lib). */
interface DomElement {
  hidden?: boolean;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(sel: string): DomElement | null;
}
declare const window: Record<string, unknown>;
declare const document: { getElementById(id: string): DomElement | null };

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
}

async function open(browser: Browser, file: string): Promise<Opened> {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, errors };
}

const bodyText = (page: Page) => page.$$eval('body', (els) => els[0]?.textContent ?? '');

/** Visible finding rows: a row may stand for several findings (data-n) that say the same about different targets. */
const visibleRows = (page: Page, selector = 'tr.f') =>
  page.$$eval(selector, (els) =>
    els
      .filter((e) => !e.hidden && e.closest('[hidden]') === null)
      .map((e) => ({ o: e.getAttribute('data-o'), v: e.getAttribute('data-v'), k: e.getAttribute('data-k') ?? '', n: Number(e.getAttribute('data-n') ?? '1'), text: e.textContent ?? '' })),
  );
const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);

describe('audit-pack.html in headless Chromium', function () {
  this.timeout(90000);
  let browser: Browser | null = null;
  let dir: string;

  before(async function () {
    browser = await launchChromium<Browser>(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-browser-'));
  });

  after(async () => {
    await browser?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('loads offline with no console error and no request but the file, and the label stays text', async () => {
    await renderPack(renderInput('en'), dir, ['html']);
    const file = path.join(dir, 'audit-pack.html');
    const { page, requests, errors } = await open(browser!, file);
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    // Text nodes, not elements: the page has one script (its own) and no <img> at all.
    assert.ok((await bodyText(page)).includes(HOSTILE_LABEL), 'the label is in the page as text');
    assert.equal(await page.locator('script').count(), 1);
    assert.equal(await page.locator('img').count(), 0);
    if (process.env.RA_RENDER_SHOTS) await page.screenshot({ path: path.join(process.env.RA_RENDER_SHOTS, 'html-top.png') });
    await page.context().close();
  });

  it('filters by outcome, severity and section, and searches, offline', async () => {
    const doc = findingsDocument();
    const file = path.join(dir, 'audit-pack.html');
    const { page, errors } = await open(browser!, file);
    const total = doc.findings.length;
    const count = page.locator('#filter-count');
    assert.equal(await count.textContent(), `${total} of ${total} findings shown`);

    await page.locator('input[name="o"][value="pass"]').uncheck();
    const noPass = await visibleRows(page);
    assert.equal(sum(noPass), total - doc.findings.filter((f) => f.outcome === 'pass').length);
    assert.ok(noPass.every((r) => r.o !== 'pass'));
    assert.equal(await count.textContent(), `${sum(noPass)} of ${total} findings shown`);

    for (const v of ['high', 'medium', 'low', 'info']) await page.locator(`input[name="v"][value="${v}"]`).uncheck();
    const critical = await visibleRows(page);
    assert.ok(critical.length > 0 && critical.every((r) => r.v === 'critical' && r.o !== 'pass'));
    if (process.env.RA_RENDER_SHOTS) await page.screenshot({ path: path.join(process.env.RA_RENDER_SHOTS, 'html-filtered.png') });

    await page.locator('button[type="reset"]').click();
    await page.waitForFunction((n) => document.getElementById('filter-count')?.textContent === `${n} of ${n} findings shown`, total);
    await page.locator('select[name="s"]').selectOption('residency');
    const residency = await visibleRows(page);
    assert.equal(sum(residency), doc.findings.filter((f) => f.section === 'residency').length);

    await page.locator('select[name="s"]').selectOption('');
    await page.locator('input[name="q"]').fill('web-1');
    await page.waitForFunction(() => !/^(\d+) of \1 /.test(document.getElementById('filter-count')?.textContent ?? ''));
    const hits = await visibleRows(page);
    const expected = doc.findings.filter((f) => f.target.name === 'web-1');
    assert.ok(expected.length > 0 && hits.length > 0);
    assert.ok(hits.every((r) => `${r.k} ${r.text}`.toLowerCase().includes('web-1')));
    for (const f of expected) assert.ok(hits.some((r) => r.k.includes(f.id)), `finding ${f.id} of web-1 is shown`);
    // Search finds a finding by its id, and by a CAIQ id citing it.
    await page.locator('input[name="q"]').fill(expected[0].id);
    await page.waitForFunction((id: string) => {
      const rows = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ hidden: boolean; getAttribute(n: string): string | null }> } }).document.querySelectorAll('tr.f'));
      return rows.every((e) => e.hidden || (e.getAttribute('data-k') ?? '').includes(id));
    }, expected[0].id);
    assert.ok((await visibleRows(page)).every((r) => r.k.includes(expected[0].id)));
    // A passing hit inside the collapsed "passing targets" list is opened, not hidden.
    assert.ok(await page.$$eval('details.passes[open]', (d) => d.length) > 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('renders real evidence from the engine: a hostile compose label stays text', async function () {
    const engine = await requireEngine(this);
    await createTestContainer(engine, 'render-label', { Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': HOSTILE_LABEL } });
    const file = (await runCollector(dockerCollector, { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} })) as EvidenceFile<DockerEvidence>;
    assert.equal(file.status === 'ok' || file.status === 'partial', true, file.error);
    const evidence = { docker: file };
    const findings = buildFindings(evidence, { config: { organisation: 'Test' }, now: NOW });
    const out = mkdtempSync(path.join(os.tmpdir(), 'ra-browser-real-'));
    await renderPack({ findings, evidence, manifest: [], lang: 'nb' }, out, ['html']);
    const { page, requests, errors } = await open(browser!, path.join(out, 'audit-pack.html'));
    assert.equal(requests.length, 1);
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok((await bodyText(page)).includes(`compose: shop/${HOSTILE_LABEL}`));
    assert.equal(await page.locator('img').count(), 0);
    await page.context().close();
    await fs.rm(out, { recursive: true, force: true });
  });
});
