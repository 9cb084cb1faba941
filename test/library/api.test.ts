import { COLLECTOR_NAMES } from '../../src/evidence/types';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalog, collect, evaluate, InputError, InterruptedError, NotAPackError, NothingCollectedError, render, report, run, verify, type AuditConfig, type LoadedEvidence } from '../../src/index';
import { PROJECT_ROOT } from '../../src/version';
import { requireEngine } from '../support/engine';

const SAMPLE = path.join(PROJECT_ROOT, 'evidence/sample');
const NOW = '2026-01-15T12:00:00.000Z';
/** Every collector but docker skipped: with an engine that is not there, nothing can be collected. */
/** Every collector but docker skipped, whatever collectors exist. */
const ONLY_DOCKER = Object.fromEntries(COLLECTOR_NAMES.filter((c) => c !== 'docker').map((c) => [c, 'not in this test']));
const NO_ENGINE = 'unix:///nonexistent/residency-audit-test/docker.sock';

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

async function readSample(): Promise<{ evidence: LoadedEvidence; config: AuditConfig }> {
  const evidence: Record<string, unknown> = {};
  for (const f of await fs.readdir(path.join(SAMPLE, 'evidence'))) {
    const file = JSON.parse(await fs.readFile(path.join(SAMPLE, 'evidence', f), 'utf8')) as { collector: string };
    evidence[file.collector] = file;
  }
  return { evidence: evidence as LoadedEvidence, config: JSON.parse(await fs.readFile(path.join(SAMPLE, 'config.json'), 'utf8')) as AuditConfig };
}

/** Run `work` with stdout and stderr writes captured (and not passed on). */
async function silenced<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let printed = '';
  const capture = ((chunk: string | Uint8Array) => ((printed += String(chunk)), true)) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { result: await work(), printed };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function rejectsWith(p: Promise<unknown>, type: new (...a: never[]) => Error, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    assert.match((err as Error).message, message);
    return true;
  });
}

describe('library API (src/index.ts)', function () {
  this.timeout(120_000);
  let tmp: string;
  let pack: string;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-library-'));
    pack = path.join(tmp, 'pack');
    await fs.cp(SAMPLE, pack, { recursive: true });
  });
  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('loads without any dependency: no dockerode, pdfkit, geoip-lite, handlebars or yaml at require time', async () => {
    const script = `const before = new Set(Object.keys(require.cache));
const api = require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/src/index.js'))});
const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
console.log(JSON.stringify({ functions: Object.keys(api).filter((k) => typeof api[k] === 'function'), loaded }));`;
    const stdout = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script], (e, so, se) => (e ? reject(new Error(se)) : resolve(so))));
    const { functions, loaded } = JSON.parse(stdout) as { functions: string[]; loaded: string[] };
    for (const f of ['collect', 'evaluate', 'render', 'report', 'run', 'verify', 'catalog']) assert.ok(functions.includes(f), `${f} is not exported`);
    assert.deepEqual(loaded.filter((m) => m.includes(`${path.sep}node_modules${path.sep}`)), [], 'packages loaded at require time');
    assert.ok(loaded.length <= 6, `${loaded.length} modules loaded at require time: ${loaded.join(', ')}`);
  });

  it('report() renders a copy of the sample pack, verify() accepts it, and neither prints anything', async () => {
    const { result, printed } = await silenced(async () => ({ r: await report({ dir: pack, now: NOW }), v: await verify({ dir: pack }) }));
    assert.equal(printed, '');
    for (const f of ['findings.json', 'audit-pack.html', 'audit-pack.pdf', 'findings.sarif', 'findings.junit.xml', 'answers.csv', 'answers.json', 'manifest.json']) {
      assert.ok(result.r.written.includes(f), `${f} not in ${result.r.written.join(', ')}`);
      assert.ok(await exists(path.join(pack, f)), `${f} not written`);
    }
    assert.ok(result.r.findings.findings.length > 100);
    assert.equal(result.r.findings.run.evaluatedAt, NOW);
    assert.equal(result.v.ok, true, result.v.failures.join('; '));
    assert.deepEqual(result.v.failures, []);
    assert.deepEqual(result.v.signature, { checked: false, state: 'unsigned' });
    assert.ok(!('unusable' in result.v.manifest) && result.v.manifest.checked >= 10);
  });

  it('evaluate() decides the same findings in memory as report() wrote, and catalog() lists the same controls', async () => {
    const written = JSON.parse(await fs.readFile(path.join(pack, 'findings.json'), 'utf8')) as Awaited<ReturnType<typeof evaluate>>;
    const { evidence, config } = await readSample();
    const doc = await evaluate({ evidence, config, now: NOW });
    assert.deepEqual(doc.findings, written.findings);
    assert.deepEqual(doc.controls, written.controls);
    const c = await catalog();
    assert.equal(c.benchmark.id, 'cis-docker-1.8.0', 'the default benchmark');
    assert.equal((await catalog({ benchmark: '1.6.0' })).benchmark.id, 'cis-docker-1.6.0');
    assert.deepEqual(c.controls.map((r) => r.control), Object.keys(written.controls));
    assert.equal(c.sha256, written.run.catalog.sha256);
    await rejectsWith(catalog({ benchmark: '9.9' }), InputError, /unknown benchmark "9\.9"/);
    await rejectsWith(evaluate({ evidence, config: { organisation: 'x', colour: 'red' } as AuditConfig }), InputError, /unknown key "colour"/);
  });

  it('render() writes the formats asked for and refuses unknown formats and languages', async () => {
    const { evidence, config } = await readSample();
    const findings = await evaluate({ evidence, config, now: NOW });
    const out = path.join(tmp, 'rendered');
    assert.deepEqual(await render({ findings, evidence, outDir: out, formats: ['sarif', 'junit'] }), ['findings.sarif', 'findings.junit.xml']);
    assert.equal((JSON.parse(await fs.readFile(path.join(out, 'findings.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
    assert.deepEqual((await fs.readdir(out)).sort(), ['findings.junit.xml', 'findings.sarif']);
    await rejectsWith(render({ findings, evidence, outDir: out, formats: ['docx' as 'html'] }), InputError, /unknown pack format "docx"/);
    await rejectsWith(render({ findings, evidence, outDir: out, lang: 'de' as 'en' }), InputError, /unknown language "de"/);
  });

  it('verify() reports a changed file as a result, and refuses a folder that is no pack', async () => {
    const copy = path.join(tmp, 'tampered');
    await fs.cp(pack, copy, { recursive: true });
    await fs.appendFile(path.join(copy, 'evidence/docker.json'), ' ');
    const v = await verify({ dir: copy });
    assert.equal(v.ok, false);
    assert.ok(!('unusable' in v.manifest) && v.manifest.changed.includes('evidence/docker.json'));
    assert.deepEqual(v.failures, ['1 changed, 0 missing, 0 not listed']);
    await rejectsWith(verify({ dir: tmp }), NotAPackError, /no manifest\.json in/);
    await rejectsWith(verify({ dir: pack, key: path.join(tmp, 'no-such.pub') }), InputError, /no-such\.pub/);
  });

  it('report() refuses evidence without a manifest (InputError); allowUnverified evaluates it and records that', async () => {
    const bare = path.join(tmp, 'bare');
    await fs.cp(path.join(SAMPLE, 'evidence'), path.join(bare, 'evidence'), { recursive: true });
    await rejectsWith(report({ dir: bare, formats: ['sarif'] }), InputError, /has no manifest\.json/);
    const r = await report({ dir: bare, formats: ['sarif'], allowUnverified: true });
    assert.equal(r.findings.run.unverified, true);
    assert.deepEqual(r.written, ['findings.json', 'findings.sarif', 'manifest.json']);
    await rejectsWith(report({ dir: bare, langs: ['de' as 'en'] }), InputError, /unknown language "de"/);
    await rejectsWith(report({ dir: bare, formats: ['docx' as 'html'] }), InputError, /unknown output "docx"/);
  });

  it('collect() and run() refuse bad options with an InputError naming the option, before anything is written', async () => {
    const out = path.join(tmp, 'never');
    await rejectsWith(collect({} as never), InputError, /outDir is required/);
    await rejectsWith(collect({ outDir: out, hostRoot: path.join(tmp, 'no-such-root') }), InputError, /hostRoot .*no-such-root is not a folder/);
    await rejectsWith(collect({ outDir: out, dockerHost: 'ftp://engine:21' }), InputError, /unsupported Docker host scheme "ftp:\/\/"/);
    await rejectsWith(collect({ outDir: out, bench: 'slow' as 'quick' }), InputError, /bench takes quick, full or tiny/);
    await rejectsWith(collect({ outDir: out, hostsFile: path.join(tmp, 'no-hosts') }), InputError, /hostsFile: cannot read/);
    await rejectsWith(collect({ outDir: out, config: path.join(tmp, 'no-config.yaml') }), InputError, /cannot read config file/);
    await rejectsWith(run({ outDir: out, langs: ['de' as 'en'] }), InputError, /unknown language "de"/);
    await rejectsWith(run({ outDir: out, signingKey: path.join(tmp, 'no-key') }), InputError, /signingKey .*no-key/);
    assert.equal(await exists(out), false, 'a refused call created its output folder');
  });

  it('nothing collectable: collect() rejects with NothingCollectedError and seals the evidence; run() writes no manifest or pack', async () => {
    const a = path.join(tmp, 'nothing-collect');
    const lines: string[] = [];
    await rejectsWith(collect({ outDir: a, dockerHost: NO_ENGINE, skip: ONLY_DOCKER, log: (l) => lines.push(l) }), NothingCollectedError, /^nothing could be collected: docker: engine unreachable/);
    assert.ok(await exists(path.join(a, 'manifest.json')), 'collect() did not seal the failed collection');
    assert.ok(lines.includes('collecting docker …'), lines.join('\n'));
    const b = path.join(tmp, 'nothing-run');
    await rejectsWith(run({ outDir: b, dockerHost: NO_ENGINE, skip: ONLY_DOCKER }), NothingCollectedError, /^nothing could be collected: docker: /);
    assert.ok(await exists(path.join(b, 'evidence/docker.json')));
    for (const f of ['manifest.json', 'findings.json', 'audit-pack.html']) assert.equal(await exists(path.join(b, f)), false, `run() wrote ${f}`);
  });

  it('an aborted signal rejects with InterruptedError and leaves no manifest', async () => {
    const out = path.join(tmp, 'aborted');
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(collect({ outDir: out, dockerHost: NO_ENGINE, signal: ac.signal }), InterruptedError, /^interrupted: .* is left as it was \(the evidence collected so far is discarded\)$/);
    assert.equal(await exists(path.join(out, 'manifest.json')), false);
  });

  it('collect() against a real engine, then evaluate() and verify() on what it wrote', async function () {
    const engine = await requireEngine(this);
    this.timeout(300_000);
    const out = path.join(tmp, 'collected');
    const c = await collect({ outDir: out, dockerHost: engine.host, skip: { storage: 'not measured in this test' }, dns: false });
    assert.equal(c.outDir, out);
    assert.equal(c.evidence.docker?.status, 'ok', c.evidence.docker?.error);
    assert.ok(c.written.includes('evidence/docker.json'), c.written.join(', '));
    const doc = await evaluate({ evidence: c.evidence, now: NOW });
    const daemon = doc.findings.filter((f) => f.check.startsWith('cis.') && f.outcome !== 'error');
    assert.ok(daemon.length > 20, `${daemon.length} CIS findings decided`);
    assert.equal((await verify({ dir: out })).ok, true);
  });
});
