/**
 * Quarter over quarter against the real engine: run A; remove one weak container, add a new weak one,
 * re-create one with the same name and a fixed setting, and one with a weakened setting; run B with
 * --previous A. `diff A B --json` and B's findings.json must name exactly the new, fixed and regressed
 * findings of these containers. Other tests' containers on the shared engine appear in the runs too,
 * so only this test's containers are compared.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import type { Finding, FindingsDocument } from '../../src/findings/types';
import { stateOf } from '../../src/quarterly/diff';
import type { FindingChange, PackDiff } from '../../src/quarterly/types';
import { PROJECT_ROOT } from '../../src/version';
import { createTestContainer, requireEngine, type TestEngine } from '../support/engine';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const run = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function readDoc(dir: string): Promise<FindingsDocument> {
  return JSON.parse(await fs.readFile(path.join(dir, 'findings.json'), 'utf8')) as FindingsDocument;
}

const WEAK = { HostConfig: { Privileged: true } };
const PORTS = { ExposedPorts: { '8080/tcp': {} }, HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] } } };

describe('quarterly: run, change the engine, run --previous, diff (real engine)', function () {
  let engine: TestEngine;
  let root: string;
  let A: string;
  let B: string;
  let names: Record<'gone' | 'fixme' | 'regress' | 'stable' | 'added', string>;
  let second: Run;

  before(async function () {
    engine = await requireEngine(this);
    this.timeout(600_000);
    const suffix = engine.runId.slice(-6);
    names = { gone: '', fixme: '', regress: '', stable: '', added: '' };
    for (const k of Object.keys(names) as (keyof typeof names)[]) names[k] = `ra-t-q${k}-${suffix}`;
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-quarterly-'));
    A = path.join(root, 'A');
    B = path.join(root, 'B');
    // The config folder: the audit config, and attestations.yaml beside it (written by `attest`).
    const conf = path.join(root, 'conf');
    await fs.mkdir(conf);
    await fs.writeFile(path.join(conf, 'audit.yaml'), `organisation: Test AS\nwaivers:\n  - { control: cis-9.99, justification: left over, approvedBy: CISO, expires: 2099-12-31 }\n`);
    const att = await cli(['attest', 'cis-5.9', '--outcome', 'pass', '--by', 'Kari Nordmann', '--role', 'Security lead', '--statement', 'Port 8080 is the service port in the design.', '--basis', 'ISMS-412', '--target', `ra-t-q*-${suffix}`, '--config', path.join(conf, 'audit.yaml')]);
    assert.equal(att.code, 0, att.stderr);

    const ids: Record<string, string> = {};
    ids.gone = (await createTestContainer(engine, `qgone`, WEAK)).id;
    ids.fixme = (await createTestContainer(engine, `qfixme`, WEAK)).id;
    ids.regress = (await createTestContainer(engine, `qregress`)).id;
    await createTestContainer(engine, `qstable`, PORTS);
    const args = (out: string) => ['run', '--out', out, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet', '--config', path.join(conf, 'audit.yaml')];
    const first = await cli(args(A));
    assert.equal(first.code, 0, first.stderr);

    // Between the audits: one weak container removed, one re-created fixed, one re-created weakened, one new weak one.
    for (const k of ['gone', 'fixme', 'regress']) await engine.docker.getContainer(ids[k]).remove({ force: true });
    await createTestContainer(engine, 'qfixme');
    await createTestContainer(engine, 'qregress', WEAK);
    await createTestContainer(engine, 'qadded', WEAK);
    second = await cli([...args(B), '--previous', A]);
    assert.equal(second.code, 0, second.stderr);
  });

  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const ours = (name: string) => Object.values(names).includes(name);
  const byName = (doc: FindingsDocument) => new Map(doc.findings.filter((f) => ours(f.target.name)).map((f) => [`${f.check}@${f.target.name}`, f]));

  /** The expected classification, computed from the two findings.json by check and container name (not by id). */
  async function expected(): Promise<Record<string, Set<string>>> {
    const a = byName(await readDoc(A));
    const b = byName(await readDoc(B));
    const out: Record<string, Set<string>> = { new: new Set(), fixed: new Set(), regressed: new Set(), gone: new Set() };
    for (const [key, f] of b) {
      const was: Finding | undefined = a.get(key);
      if (!was) {
        if (stateOf(f) === 'failing') out.new.add(f.id);
      } else if (stateOf(was) !== 'failing' && stateOf(f) === 'failing') out.regressed.add(f.id);
      else if (stateOf(was) === 'failing' && stateOf(f) === 'ok') out.fixed.add(f.id);
    }
    for (const [key, f] of a) if (!b.has(key)) out.gone.add(f.id);
    return out;
  }

  const idsOf = (changes: FindingChange[], kind: string) => new Set(changes.filter((c) => c.kind === kind && ours(c.target.name)).map((c) => c.id));
  const idOf = async (dir: string, check: string, name: string) => (await readDoc(dir)).findings.find((f) => f.check === check && f.target.name === name)?.id;

  it('diff A B --json names exactly the new, fixed and regressed findings of the changed containers', async () => {
    const r = await cli(['diff', A, B, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as PackDiff;
    const want = await expected();
    for (const kind of ['new', 'fixed', 'regressed', 'gone']) assert.deepEqual(idsOf(d.findings, kind), want[kind], kind);
    // Anchors: the privileged setting itself.
    const privileged = 'cis.privileged';
    assert.ok(want.fixed.has((await idOf(B, privileged, names.fixme))!), 'the fixed container: cis-5.5 fixed');
    assert.ok(want.regressed.has((await idOf(B, privileged, names.regress))!), 'the weakened container: cis-5.5 regressed');
    assert.ok(want.new.has((await idOf(B, privileged, names.added))!), 'the new container: cis-5.5 new');
    assert.ok(want.gone.has((await idOf(A, privileged, names.gone))!), 'the removed container: its findings are gone');
    assert.equal(d.findings.find((c) => c.kind === 'fixed' && c.target.name === names.fixme && c.check === privileged)?.new?.outcome, 'pass');
    // The untouched container: what failed still fails, nothing else changed.
    const stable = d.findings.filter((c) => c.target.name === names.stable);
    assert.ok(stable.length > 0);
    assert.deepEqual([...new Set(stable.map((c) => c.kind))], ['still-failing']);
    assert.equal(await idOf(A, 'cis.needed-ports', names.stable), await idOf(B, 'cis.needed-ports', names.stable));
    assert.equal(d.old.dir, A);
    assert.match(d.old.manifestSha256!, /^[0-9a-f]{64}$/);
    assert.equal(d.sameHost, true);
  });

  it("B's findings.json records the same comparison (\"since the last audit\") and run prints the counts", async () => {
    const doc = await readDoc(B);
    const recorded = doc.quarterly?.previous;
    assert.ok(recorded, 'quarterly.previous');
    const d = JSON.parse((await cli(['diff', A, B, '--json'])).stdout) as PackDiff;
    const key = (c: FindingChange) => `${c.kind}:${c.id}`;
    assert.deepEqual(recorded.findings.map(key), d.findings.map(key));
    assert.deepEqual(recorded.counts, d.counts);
    assert.equal(recorded.old.dir, A);
    assert.equal(recorded.new.dir, null);
    assert.deepEqual(doc.quarterly?.history.map((p) => p.current), [false, true]);
    assert.match(second.stderr, new RegExp(`since ${A}: ${d.counts.regressed} regressed, ${d.counts.new} new, ${d.counts.fixed} fixed`));
    // The recorded comparison, registers and trend are in the findings schema.
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema/findings.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
    (doc.quarterly!.previous!.findings[0] as { kind: string }).kind = 'better';
    assert.equal(validate(doc), false);
  });

  it("the pack of B (HTML and PDF) shows \"since the last audit\": the counts and the regressed, new and fixed findings by id", async () => {
    const d = (await readDoc(B)).quarterly!.previous!;
    const html = await fs.readFile(path.join(B, 'audit-pack.html'), 'utf8');
    const since = html.slice(html.indexOf('<section id="since"'), html.indexOf('<nav class="toc"'));
    assert.ok(since.length > 100, 'the section is there, right after the summary');
    const card = (text: string, kind: string) => new RegExp(`data-kind="${kind}"><span class="big">([^<]+)</span>`).exec(text)?.[1];
    for (const kind of ['regressed', 'new', 'fixed', 'still-failing', 'unchanged'] as const) assert.equal(card(since, kind)?.replace(/\D/g, ''), String(d.counts[kind]), kind);
    const pdfText = (await run('pdftotext', ['-enc', 'UTF-8', path.join(B, 'audit-pack.pdf'), '-'], { maxBuffer: 64 << 20 })).stdout;
    const pdf = pdfText.replace(/\s+/g, ' ');
    const fmt = (n: number) => n.toLocaleString('en-GB');
    assert.ok(pdf.includes(`Regressed (${fmt(d.counts.regressed)}): not failing in the earlier pack, failing now`));
    assert.ok(pdf.includes(`New (${fmt(d.counts.new)}): failing, and not in the earlier pack`));
    assert.ok(pdf.includes(`Fixed (${fmt(d.counts.fixed)}): failing in the earlier pack, resolved now`));
    for (const kind of ['regressed', 'new', 'fixed']) {
      const list = d.findings.filter((c) => c.kind === kind);
      const rows = [...since.matchAll(new RegExp(`<tr data-kind="${kind}">.*?</tr>`, 'gs'))].map((m) => m[0]);
      assert.equal(rows.length, list.length, `every ${kind} finding is a row of the HTML`);
      for (const c of list.filter((x) => ours(x.target.name))) {
        // Linked to its block (or, for a fixed one, its pass row) in the same pack.
        assert.ok(rows.some((r) => r.includes(`href="#f-${c.id}"`) && r.includes(c.target.name)), `${kind} ${c.id} in the HTML`);
        assert.ok(html.includes(`id="f-${c.id}"`), `${c.id} has its block or row`);
      }
      // The PDF prints the first 40 of a list, the rest are counted.
      for (const c of list.slice(0, 40).filter((x) => ours(x.target.name))) assert.ok(pdf.includes(`Finding id: ${c.id}`), `${kind} ${c.id} in the PDF`);
    }
    const privileged = d.findings.filter((c) => c.check === 'cis.privileged' && ours(c.target.name) && ['regressed', 'new', 'fixed'].includes(c.kind));
    assert.equal(privileged.length, 3, 'the privileged setting: regressed, new, fixed');
    for (const c of privileged) assert.ok(pdf.includes(`Finding id: ${c.id}`), `cis-5.5 ${c.kind} in the PDF`);

    // --detail failures keeps the counts and what needs action (regressed, new), not the fixed list.
    const copy = path.join(root, 'B-failures');
    await fs.cp(B, copy, { recursive: true });
    const r = await cli(['report', copy, '--previous', A, '--detail', 'failures', '--format', 'html,pdf']);
    assert.equal(r.code, 0, r.stderr);
    const fhtml = await fs.readFile(path.join(copy, 'audit-pack.html'), 'utf8');
    const fsince = fhtml.slice(fhtml.indexOf('<section id="since"'), fhtml.indexOf('<nav class="toc"'));
    for (const kind of ['regressed', 'new', 'fixed', 'still-failing', 'unchanged'] as const) assert.equal(card(fsince, kind)?.replace(/\D/g, ''), String(d.counts[kind]), `failures: ${kind}`);
    assert.equal([...fsince.matchAll(/<tr data-kind="regressed">/g)].length, d.counts.regressed);
    assert.equal([...fsince.matchAll(/<tr data-kind="fixed">/g)].length, 0, 'fixed is counted, not listed');
    const fpdf = (await run('pdftotext', ['-enc', 'UTF-8', path.join(copy, 'audit-pack.pdf'), '-'], { maxBuffer: 64 << 20 })).stdout.replace(/\s+/g, ' ');
    assert.ok(fpdf.includes('Since the last audit') && fpdf.includes(`Regressed (${fmt(d.counts.regressed)})`));
    assert.ok(!fpdf.includes(`Fixed (${fmt(d.counts.fixed)}):`));
  });

  it('the attested manual control is attested in both packs; the unmatched waiver and the not-applied attestation are reported', async () => {
    for (const dir of [A, B]) {
      const doc = await readDoc(dir);
      const f = doc.findings.find((x) => x.check === 'cis.needed-ports' && x.target.name === names.stable);
      assert.equal(f?.outcome, 'attested', dir);
      assert.equal(f?.attestedOutcome, 'pass');
      assert.equal(f?.attestation?.by.name, 'Kari Nordmann');
      assert.match(f!.message.en, /Attested as passing by Kari Nordmann \(Security lead\)/);
      const reg = doc.registers!;
      assert.equal(reg.attestations[0].status, 'active');
      assert.deepEqual(reg.attestations[0].findings, [f!.id]);
      // The other containers of this test publish no port: decided from evidence (pass), never attested.
      assert.ok(reg.attestations[0].notApplied.length >= 3 && reg.attestations[0].notApplied.every((n) => n.outcome === 'pass' && n.why === 'automated'));
      assert.equal(reg.attestationsFile?.file, 'attestations.json');
      assert.equal(reg.waivers[0].status, 'unmatched');
      const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
      assert.ok(manifest.files.some((m) => m.path === 'attestations.json'), 'the attestations used are in the manifest');
    }
  });

  it('report re-decides the same from the pack\'s own attestations.json, and verify passes', async () => {
    const copy = path.join(root, 'B-copy');
    await fs.cp(B, copy, { recursive: true });
    const r = await cli(['report', copy, '--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const key = (d: FindingsDocument) => d.findings.map((f) => `${f.id}:${f.outcome}`).sort();
    assert.deepEqual(key(await readDoc(copy)), key(await readDoc(B)));
    assert.equal((await cli(['verify', copy])).code, 0);
    // A changed attestations.json is refused like changed evidence.
    await fs.appendFile(path.join(copy, 'attestations.json'), ' ');
    const refused = await cli(['report', copy]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /does not match its manifest \(attestations\.json\)/);
  });

  it('diff --fail-on-regression exits 1; diff of a pack with itself exits 0 with nothing changed', async () => {
    const r = await cli(['diff', A, B, '--fail-on-regression']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^regressed \(\d+\):$/m);
    const same = await cli(['diff', A, A, '--json', '--fail-on-regression']);
    assert.equal(same.code, 0, same.stderr);
    const d = JSON.parse(same.stdout) as PackDiff;
    assert.deepEqual([...new Set(d.findings.map((c) => c.kind))], ['still-failing']);
    assert.deepEqual({ ...d.counts, unchanged: 0, 'still-failing': 0 }, { regressed: 0, new: 0, fixed: 0, 'still-failing': 0, changed: 0, gone: 0, added: 0, unchanged: 0 });
    assert.equal(d.counts.unchanged + d.counts['still-failing'], (await readDoc(A)).findings.length);
    assert.deepEqual(d.endpoints, []);
    assert.deepEqual(d.platform, []);
  });

  it('a changed earlier pack is refused (exit 2, naming the folder and the file) before anything is collected', async () => {
    const bad = path.join(root, 'A-changed');
    await fs.cp(A, bad, { recursive: true });
    const p = path.join(bad, 'evidence/docker.json');
    const buf = await fs.readFile(p);
    buf[buf.length - 2] = buf[buf.length - 2] === 0x20 ? 0x09 : 0x20;
    await fs.writeFile(p, buf);
    const d = await cli(['diff', bad, B]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, new RegExp(`OLD pack ${bad}: does not match its manifest\\.json \\(changed: evidence/docker\\.json\\)`));
    const out = path.join(root, 'C');
    const r = await cli(['run', '--out', out, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet', '--previous', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`previous pack ${bad}: does not match its manifest\\.json \\(changed: evidence/docker\\.json\\)`));
    await assert.rejects(fs.access(out), 'nothing was collected');
    const inPlace = await cli(['run', '--out', A, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet', '--previous', A]);
    assert.equal(inPlace.code, 2);
    assert.match(inPlace.stderr, /earlier packs are read-only/);
    assert.equal((await cli(['verify', A])).code, 0, 'A untouched');
    const usage = await cli(['diff', A]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /diff takes two pack folders/);
  });
});
