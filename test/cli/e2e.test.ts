import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';
import type { FindingsDocument } from '../../src/findings/types';
import { createTestContainer, requireEngine, type TestEngine } from '../support/engine';
import { countWords, evidenceValues, total, UNAMBIGUOUS, withoutValues } from '../support/english-words';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

describe('CLI end to end against a real engine', function () {
  let engine: TestEngine;
  let out: string;
  let first: Run;
  let privilegedId: string;

  before(async function () {
    engine = await requireEngine(this);
    this.timeout(300_000);
    await createTestContainer(engine, 'e2e-hostile', { Labels: { 'com.example.owner': '<script>alert(1)</script>' } }, { start: true });
    // Created, never started: it points at an outside address.
    await createTestContainer(engine, 'e2e-secret', { Env: ['DATABASE_URL=postgres://user:password@db.example.com:5432/db', 'STRIPE_KEY=sk_live_abcdef123456'] });
    privilegedId = (await createTestContainer(engine, 'e2e-priv', { HostConfig: { Privileged: true } })).id;
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-'));
    first = await cli(['run', '--out', out, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet']);
  });

  it('run writes evidence, findings, both packs and a manifest', async () => {
    assert.equal(first.code, 0, first.stderr);
    for (const f of ['evidence/docker.json', 'findings.json', 'audit-pack.html', 'audit-pack.pdf', 'findings.sarif', 'findings.junit.xml', 'answers.csv', 'answers.json', 'manifest.json']) {
      await fs.access(path.join(out, f));
    }
    const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as { toolVersion: string; files: { path: string }[] };
    assert.equal(manifest.toolVersion, TOOL_VERSION);
    assert.ok(manifest.files.some((f) => f.path === 'audit-pack.pdf'));
    assert.ok(!manifest.files.some((f) => f.path === 'manifest.json'));
  });

  it('evaluates a privileged container that was created but never started', async () => {
    const doc = JSON.parse(await fs.readFile(path.join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    const f = doc.findings.find((x) => x.control === 'cis-5.5' && x.target.id === privilegedId);
    assert.ok(f, 'cis-5.5 finding for the privileged container');
    assert.equal(f.outcome, 'fail');
    assert.equal(f.target.state, 'created');
  });

  it('writes no secret into any output file and keeps the hostile label inert', async () => {
    for (const file of await allFiles(out)) {
      const text = (await fs.readFile(file)).toString('latin1');
      for (const secret of ['user:password', 'sk_live_abcdef123456']) assert.ok(!text.includes(secret), `${secret} found in ${file}`);
    }
    const html = await fs.readFile(path.join(out, 'audit-pack.html'), 'utf8');
    assert.ok(!html.includes('<script>alert(1)</script>'), 'label rendered as markup');
  });

  it('verify passes, and after one changed byte in evidence names that file', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-copy-'));
    await fs.cp(out, copy, { recursive: true });
    assert.equal((await cli(['verify', copy])).code, 0);
    const p = path.join(copy, 'evidence/docker.json');
    const buf = await fs.readFile(p);
    buf[buf.length - 2] = buf[buf.length - 2] === 0x20 ? 0x09 : 0x20;
    await fs.writeFile(p, buf);
    const v = await cli(['verify', copy]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /^changed: evidence\/docker\.json$/m);
  });

  it('report rebuilds findings and both packs from a copy, without an engine', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-report-'));
    await fs.cp(out, copy, { recursive: true });
    await fs.rm(path.join(copy, 'audit-pack.html'));
    await fs.rm(path.join(copy, 'audit-pack.pdf'));
    await fs.rm(path.join(copy, 'findings.json'));
    const r = await cli(['report', copy], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    assert.equal(r.code, 0, r.stderr);
    const again = JSON.parse(await fs.readFile(path.join(copy, 'findings.json'), 'utf8')) as FindingsDocument;
    const orig = JSON.parse(await fs.readFile(path.join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    const key = (d: FindingsDocument) => d.findings.map((f) => `${f.fingerprint}:${f.outcome}`).sort();
    assert.deepEqual(key(again), key(orig));
    await fs.access(path.join(copy, 'audit-pack.pdf'));
    assert.equal((await cli(['verify', copy])).code, 0);
  });

  it('report --lang en,nb writes the Norwegian pack beside the English one, and --format narrows the extras', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-nb-'));
    await fs.cp(path.join(out, 'evidence'), path.join(copy, 'evidence'), { recursive: true });
    // Evidence without its manifest cannot be verified: refused unless asked for, and then recorded.
    const refused = await cli(['report', copy]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /has no manifest\.json: its evidence cannot be verified; pass --allow-unverified/);
    const r = await cli(['report', copy, '--lang', 'en,nb', '--format', 'sarif', '--allow-unverified']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(await fs.readFile(path.join(copy, 'findings.json'), 'utf8')).run.unverified, true);
    const names = (await fs.readdir(copy)).sort();
    assert.deepEqual(names, ['audit-pack.html', 'audit-pack.nb.html', 'audit-pack.nb.pdf', 'audit-pack.pdf', 'evidence', 'findings.json', 'findings.sarif', 'manifest.json']);
    assert.match(await fs.readFile(path.join(copy, 'audit-pack.nb.html'), 'utf8'), /<html lang="nb/);
    // #13.2 on the real engine: English function words in the nb PDF at most 1 % of the English PDF's (test/render/nb-pack-english.test.ts).
    const values = evidenceValues(copy);
    const texts: string[] = [];
    const words = async (file: string) => {
      const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => execFile('pdftotext', ['-enc', 'UTF-8', path.join(copy, file), '-'], { maxBuffer: 64 << 20 }, (err, stdout) => (err ? reject(err) : resolve({ stdout }))));
      texts.push(withoutValues(stdout, values));
      return total(countWords(texts[texts.length - 1]), UNAMBIGUOUS);
    };
    const [en, nb] = [await words('audit-pack.pdf'), await words('audit-pack.nb.pdf')];
    const left = texts[1].match(new RegExp(`.{0,60}\\b(${UNAMBIGUOUS.join('|')})\\b.{0,40}`, 'gi')) ?? [];
    assert.ok(en > 300 && nb <= en / 100, `English function words: en ${en}, nb ${nb}:\n${left.join('\n')}`);
    await fs.rm(copy, { recursive: true, force: true });
  });

  it('a second run into the same folder replaces the earlier pack and verifies', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-twice-'));
    const args = ['run', '--out', dir, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet'];
    assert.equal((await cli([...args, '--lang', 'en,nb'])).code, 0);
    await fs.writeFile(path.join(dir, 'notes.txt'), 'kept: not ours');
    const again = await cli(args);
    assert.equal(again.code, 0, again.stderr);
    const names = await fs.readdir(dir);
    assert.ok(!names.includes('audit-pack.nb.pdf'), 'the earlier Norwegian pack is not left to be signed into the new manifest');
    assert.ok(names.includes('notes.txt'));
    assert.equal((await cli(['verify', dir])).code, 0);
  });

  it('report --allow-modified records the changed evidence and does not re-sign the manifest', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-allow-'));
    await fs.cp(out, copy, { recursive: true });
    await fs.appendFile(path.join(copy, 'evidence/docker.json'), ' ');
    const r = await cli(['report', copy, '--allow-modified']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /WARNING: rendered from evidence that does not match manifest\.json \(evidence\/docker\.json\)/);
    const doc = JSON.parse(await fs.readFile(path.join(copy, 'findings.json'), 'utf8')) as FindingsDocument;
    assert.deepEqual(doc.run.evidenceModified, ['evidence/docker.json']);
    const v = await cli(['verify', copy]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /^changed: evidence\/docker\.json$/m);
  });

  it('report refuses evidence that no longer matches the manifest', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-tamper-'));
    await fs.cp(out, copy, { recursive: true });
    await fs.appendFile(path.join(copy, 'evidence/docker.json'), ' ');
    const r = await cli(['report', copy]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does not match its manifest \(evidence\/docker\.json\)/);
  });

  it('--fail-on critical exits 1 because of the privileged container', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-gate-'));
    await fs.cp(out, copy, { recursive: true });
    assert.equal((await cli(['report', copy, '--fail-on', 'critical'])).code, 1);
  });

  it('an unreachable engine is exit 3 with the address and reason, and the evidence says why', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-e2e-down-'));
    const r = await cli(['collect', '--out', dir, '--docker-host', 'unix:///nonexistent/docker.sock', '--bench', 'off', '--no-dns', '--quiet', '--host-root', dir]);
    const ev = JSON.parse(await fs.readFile(path.join(dir, 'evidence/docker.json'), 'utf8')) as { status: string; error: string };
    assert.deepEqual([ev.status, ev.error], ['failed', 'engine unreachable at unix:///nonexistent/docker.sock: ENOENT']);
    // Exit 3 whether or not other collectors (host, virt) found facts under --host-root: never 0 without the engine.
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /(nothing could be collected|collection incomplete).*docker: engine unreachable at unix:\/\/\/nonexistent\/docker\.sock: ENOENT/);
    // A gate must not pass a host it could not audit: the error findings trip --fail-on.
    if (!/nothing could be collected/.test(r.stderr)) assert.equal((await cli(['report', dir, '--fail-on', 'critical'])).code, 1);
  });
});

describe('CLI report from the sample evidence shipped in evidence/sample (no engine)', () => {
  it('renders a full pack and verifies', async function () {
    this.timeout(120_000);
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sample-'));
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), copy, { recursive: true });
    assert.equal((await cli(['verify', copy])).code, 0, 'the shipped sample matches its manifest');
    const r = await cli(['report', copy], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(await fs.readFile(path.join(copy, 'findings.json'), 'utf8')) as FindingsDocument;
    const sections = new Set(doc.findings.map((f) => f.section));
    for (const s of ['residency', 'virtualization', 'containers', 'daemon', 'storage']) assert.ok(sections.has(s as never), `${s} findings in the sample pack`);
    assert.ok(doc.findings.some((f) => f.outcome === 'waived'), 'the sample config waiver applies');
    assert.equal((await cli(['verify', copy])).code, 0);
  });
});

describe('CLI usage', () => {
  it('prints the version and every command help', async () => {
    assert.equal((await cli(['--version'])).stdout.trim(), TOOL_VERSION);
    for (const c of ['run', 'collect', 'report', 'verify']) {
      const r = await cli([c, '--help']);
      assert.equal(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`^Usage: residency-audit ${c}`), c);
    }
  });

  it('bad usage is exit 2 with a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['run'], /--out DIR is required/],
      [['run', '--out', '/tmp/x', '--fail-on', 'bogus'], /--fail-on takes one of critical, high, medium, low, info; got "bogus"/],
      [['run', '--out', '/tmp/x', '--bogus'], /run: Unknown option '--bogus'/],
      [['report'], /report takes exactly one folder/],
      [['nope'], /unknown command "nope"/],
      [['run', '--out', '/tmp/x', '--docker-host', 'ssh://h'], /unsupported Docker host scheme/],
      // An empty or malformed engine address must not fall back to the default socket.
      [['run', '--out', '/tmp/x', '--docker-host', 'tcp://'], /invalid Docker host "tcp:\/\/": no host name or address/],
      [['run', '--out', '/tmp/x', '--docker-host', 'tcp://:2375'], /invalid Docker host "tcp:\/\/:2375"/],
      [['run', '--out', '/tmp/x', '--docker-host', ''], /--docker-host is empty/],
      [['collect', '--out', '/tmp/x', '--engine-timeout', '0'], /--engine-timeout takes seconds between 1 and 86400; got "0"/],
      [['run', '--out', '/tmp/x', '--lang', 'de'], /--lang takes en or nb/],
      // An existing regular file as the output folder is the user's mistake, not the tool's failure.
      [['run', '--out', __filename, '--bench', 'off', '--no-dns', '--docker-host', 'unix:///nonexistent.sock'], /--out .*: exists and is not a folder/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, re, args.join(' '));
    }
  });

  it('a malformed config file is exit 2 naming the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-cfg-'));
    const cfg = path.join(dir, 'audit.yaml');
    await fs.writeFile(cfg, 'waivers: [ {control: cis-5.5 ');
    const r = await cli(['run', '--out', dir, '--config', cfg]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`${cfg}: not valid YAML`), r.stderr);
  });
});
