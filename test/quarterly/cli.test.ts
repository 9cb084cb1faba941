/** attest, diff and report --previous/--history/--key from the command line, on the sample evidence (no engine). */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { expandHistory } from '../../src/cli/commands/quarterly-flags';
import type { FindingsDocument } from '../../src/findings/types';
import type { PackDiff } from '../../src/quarterly/types';
import { PROJECT_ROOT } from '../../src/version';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function readDoc(dir: string): Promise<FindingsDocument> {
  return JSON.parse(await fs.readFile(path.join(dir, 'findings.json'), 'utf8')) as FindingsDocument;
}

describe('CLI: attest, diff, report --previous / --history / --key (sample evidence, no engine)', function () {
  this.timeout(180_000);
  let root: string;
  let q3: string;
  let q4: string;
  let keyFile: string;
  let keyId: string;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-qcli-'));
    keyFile = path.join(root, 'audit.key');
    const k = await cli(['keygen', '--out', keyFile]);
    assert.equal(k.code, 0, k.stderr);
    keyId = /^key id: ([0-9a-f]{16})$/m.exec(k.stdout)?.[1] ?? '';
    assert.ok(keyId, k.stdout);
    q3 = path.join(root, 'q3');
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), q3, { recursive: true });
    const r = await cli(['report', q3, '--format', 'sarif', '--sign-key', keyFile]);
    assert.equal(r.code, 0, r.stderr);
  });

  after(async () => fs.rm(root, { recursive: true, force: true }));

  it('attest appends to attestations.yaml beside --config; unknown controls and missing fields are exit 2, the file untouched', async () => {
    const conf = path.join(root, 'conf');
    await fs.mkdir(conf, { recursive: true });
    await fs.writeFile(path.join(conf, 'audit.yaml'), 'organisation: Test AS\n');
    const doc = await readDoc(q3);
    const manual = doc.findings.find((f) => f.outcome === 'manual' && doc.controls[f.control]?.automated === false)!;
    const ok = await cli(['attest', manual.control, '--outcome', 'pass', '--by', 'Kari Nordmann', '--statement', 'Reviewed.', '--at', '2026-11-01', '--config', path.join(conf, 'audit.yaml')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, new RegExp(`created .*attestations\\.yaml: ${manual.control} \\(${manual.check}\\) attested pass by Kari Nordmann, valid until 2027-11-01 \\(1 attestation in the file\\)`));
    const file = path.join(conf, 'attestations.yaml');
    const before = await fs.readFile(file, 'utf8');
    assert.equal((parse(before) as { attestations: unknown[] }).attestations.length, 1);
    // The stable check id is recorded, with the control id as the pack shows it as a comment.
    assert.match(before, new RegExp(`^  - control: ${manual.check.replace(/\./g, '\\.')} # ${manual.control} in CIS Docker Benchmark \\d`, 'm'));
    for (const [args, msg] of [
      [['cis-99.1', '--outcome', 'pass', '--by', 'K', '--statement', 's'], /unknown control "cis-99\.1"/],
      [[manual.control, '--outcome', 'yes', '--by', 'K', '--statement', 's'], /--outcome takes pass, fail, not-applicable/],
      [[manual.control, '--outcome', 'pass', '--statement', 's'], /--by is required/],
      [[manual.control, '--outcome', 'pass', '--by', 'K', '--statement', 's', '--expires', '2020-01-01', '--at', '2026-01-01'], /--expires \(2020-01-01\) must be after --at \(2026-01-01\)/],
    ] as [string[], RegExp][]) {
      const r = await cli(['attest', ...args, '--file', file]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, msg);
    }
    assert.equal(await fs.readFile(file, 'utf8'), before);
    const automated = await cli(['attest', 'cis-5.5', '--outcome', 'pass', '--by', 'K', '--statement', 's', '--file', path.join(root, 'other.yaml')]);
    assert.equal(automated.code, 0);
    assert.match(automated.stderr, /note: cis-5\.5 is decided from evidence; the attestation applies only where its finding is manual/);
    // A control id is read in one benchmark: cis-2.7 is TLS in 1.6.0 and devicemapper in 1.8.0.
    const numbered = path.join(root, 'numbered.yaml');
    assert.equal((await cli(['attest', 'cis-2.7', '--benchmark', '1.6.0', '--outcome', 'pass', '--by', 'K', '--statement', 's', '--file', numbered])).code, 0);
    assert.equal((await cli(['attest', 'cis-2.7', '--outcome', 'pass', '--by', 'K', '--statement', 's', '--file', numbered])).code, 0);
    assert.deepEqual((parse(await fs.readFile(numbered, 'utf8')) as { attestations: { control: string }[] }).attestations.map((a) => a.control), ['cis.tls-auth', 'cis.devicemapper']);

    // report --attestations: copied into the pack, the manual finding attested.
    q4 = path.join(root, 'q4');
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), q4, { recursive: true });
    const r = await cli(['report', q4, '--format', 'sarif', '--attestations', file, '--sign-key', keyFile, '--previous', q3, '--history', q3, '--key', `${keyFile}.pub`]);
    assert.equal(r.code, 0, r.stderr);
    const d4 = await readDoc(q4);
    assert.equal(d4.findings.find((f) => f.id === manual.id)?.outcome, 'attested');
    assert.equal(d4.registers?.attestationsFile?.source, file);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(q4, 'attestations.json'), 'utf8')).attestations[0].control, manual.control);
    // Since the last audit: the attestation is the one change.
    const prev = d4.quarterly!.previous!;
    assert.equal(prev.old.signedBy, keyId);
    const changes = prev.findings.filter((c) => c.kind !== 'still-failing');
    assert.ok(changes.some((c) => c.id === manual.id && c.kind === 'changed' && c.because === 'attested'), JSON.stringify(changes.slice(0, 3)));
    assert.equal(prev.counts.regressed + prev.counts.new + prev.counts.fixed + prev.counts.gone + prev.counts.added, 0);
    assert.equal(d4.quarterly!.history.length, 2, 'a folder given as --previous and --history counts once');
  });

  it('diff prints text, or JSON with --json; --key checks both packs', async () => {
    const text = await cli(['diff', q3, q4, '--key', `${keyFile}.pub`]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^old: .*q3 \\(collected .*, signed by key ${keyId}\\)$`, 'm'));
    assert.match(text.stdout, /^changed \(\d+\):$/m);
    assert.match(text.stdout, /: manual → attested pass \(attested\)/);
    const json = JSON.parse((await cli(['diff', q3, q4, '--json'])).stdout) as PackDiff;
    assert.equal(json.new.dir, q4);
    const other = path.join(root, 'other.key');
    assert.equal((await cli(['keygen', '--out', other])).code, 0);
    const wrong = await cli(['diff', q3, q4, '--key', `${other}.pub`]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, new RegExp(`OLD pack ${q3}: signature: manifest\\.sig\\.json is signed by key ${keyId}, not by [0-9a-f]{16}`));
  });

  it('an earlier pack is read-only: the folder being written cannot be --previous or --history', async () => {
    const before = await fs.readFile(path.join(q4, 'findings.json'), 'utf8');
    for (const flag of ['--previous', '--history']) {
      const r = await cli(['report', q4, flag, q4]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`${flag} ${q4} is the folder this command writes: earlier packs are read-only`));
    }
    assert.equal(await fs.readFile(path.join(q4, 'findings.json'), 'utf8'), before);
  });

  it('--key alone is a usage error; --history takes several folders after one flag', async () => {
    const r = await cli(['report', q4, '--key', `${keyFile}.pub`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--key checks the signature of --previous and --history packs/);
    assert.deepEqual(expandHistory(['report', 'P', '--history', 'a', 'b', 'c', '--lang', 'nb']), ['report', 'P', '--history', 'a', '--history', 'b', '--history', 'c', '--lang', 'nb']);
    assert.deepEqual(expandHistory(['--history', 'a']), ['--history', 'a']);
  });
});
