import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeManifest } from '../../src/evidence/manifest';
import { loadEvidence } from '../../src/evidence/store';
import { SchemaValidationError } from '../../src/evidence/validate';
import { FindingsReadError, readFindings, validateFindings } from '../../src/findings/load';
import { FINDINGS_SCHEMA_VERSION, type FindingsDocument } from '../../src/findings/types';
import { buildFindings } from '../../src/pipeline/evaluate';
import { PROJECT_ROOT } from '../../src/version';
import { document, finding } from '../support/findings';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const [MAJOR, MINOR] = FINDINGS_SCHEMA_VERSION.split('.').map(Number);

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function refusal(doc: unknown): SchemaValidationError | null {
  try {
    validateFindings(doc);
    return null;
  } catch (err) {
    if (err instanceof SchemaValidationError) return err;
    throw err;
  }
}

describe('reading findings.json', function () {
  let real: FindingsDocument;
  let dir: string;

  before(async () => {
    // The findings of the sample evidence, as `report` builds them (serialized and parsed like the file).
    real = clone(buildFindings(await loadEvidence(path.join(PROJECT_ROOT, 'evidence/sample')), { config: {}, now: '2026-11-24T00:00:00Z' }));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-findings-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('accepts the findings of a real evaluation and a hand-built document', () => {
    assert.ok(real.findings.length > 100);
    assert.equal(refusal(real), null, refusal(real)?.message);
    const doc = clone(document([finding('cis-5.5', 'containers', 'fail', { kind: 'container', id: 'c1', name: 'web' })]));
    assert.equal(refusal(doc), null, refusal(doc)?.message);
  });

  it('refuses schema 1.x with the way out: re-run report with this version', () => {
    const old = clone(real);
    old.run.schemaVersion = '1.2.0';
    const err = refusal(old);
    assert.equal(err?.pointer, '/run/schemaVersion');
    assert.match(err!.message, /^findings\.json: \/run\/schemaVersion "1\.2\.0" is not supported: this residency-audit reads findings schema 2\.x; run "residency-audit report DIR" with this version to re-evaluate it from the evidence$/);
  });

  it('refuses another major version and an unversioned document', () => {
    const next = clone(real);
    next.run.schemaVersion = `${MAJOR + 1}.0.0`;
    assert.match(refusal(next)!.message, /written by a newer residency-audit/);
    const none = clone(real) as unknown as { run: Record<string, unknown> };
    delete none.run.schemaVersion;
    assert.equal(refusal(none)?.message, `findings.json: /run/schemaVersion is required but missing (the findings schema version, e.g. "${FINDINGS_SCHEMA_VERSION}")`);
    assert.equal(refusal({})?.pointer, '/run/schemaVersion');
    assert.equal(refusal('findings')?.pointer, '');
  });

  it('a newer minor version loads with its unknown fields ignored; the current one refuses them', () => {
    const newer = clone(real) as unknown as { run: Record<string, unknown>; findings: Record<string, unknown>[] };
    newer.run.someNewRunField = { a: 1 };
    newer.findings[0].someNewFindingField = 'x';
    assert.match(refusal(newer)!.message, /^findings\.json: \/(run\/someNewRunField|findings\/0\/someNewFindingField) is not allowed here/);
    newer.run.schemaVersion = `${MAJOR}.${MINOR + 1}.0`;
    assert.equal(refusal(newer), null);
    // Known fields keep their types in a newer minor version too.
    newer.findings[0].outcome = 'passed';
    assert.equal(refusal(newer)?.pointer, '/findings/0/outcome');
  });

  it('names the JSON path of a wrong type', () => {
    const bad = clone(real) as unknown as { findings: unknown };
    bad.findings = 'oops';
    assert.equal(refusal(bad)?.message, 'findings.json: /findings must be array (got string "oops")');
    const worse = clone(real) as unknown as { findings: Record<string, unknown>[] };
    worse.findings[3].evidence = [{ file: 'evidence/docker.json', pointers: [7] }];
    assert.equal(refusal(worse)?.message, 'findings.json: /findings/3/evidence/0/pointers/0 must be string (got number 7)');
  });

  it('readFindings reads DIR/findings.json; a missing or broken file is an input error', async () => {
    await assert.rejects(readFindings(dir), (err: unknown) => err instanceof FindingsReadError && /no findings\.json in /.test(err.message));
    await fs.writeFile(path.join(dir, 'findings.json'), '{"run":');
    await assert.rejects(readFindings(dir), (err: unknown) => err instanceof FindingsReadError && /is not valid JSON/.test(err.message));
    await fs.writeFile(path.join(dir, 'findings.json'), JSON.stringify(real));
    assert.equal((await readFindings(dir)).findings.length, real.findings.length);
  });

  it('answer exits 2 on an invalid findings.json, naming the file and the JSON path', async function () {
    this.timeout(120_000);
    const cli = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [BIN, ...args], (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
      });
    // A real pack whose findings.json is then made invalid and its manifest recomputed: the manifest
    // check passes, so it is the schema that refuses it.
    const pack = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-findings-pack-'));
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), pack, { recursive: true });
    assert.equal((await cli(['report', pack, '--format', 'sarif'])).code, 0);
    const bad = JSON.parse(await fs.readFile(path.join(pack, 'findings.json'), 'utf8')) as { findings: Record<string, unknown>[] };
    bad.findings[0].severity = 'severe';
    await fs.writeFile(path.join(pack, 'findings.json'), JSON.stringify(bad));
    await writeManifest(pack, '0.0.0-test');
    const r = await cli(['answer', pack, '--format', 'json']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /findings\.json: \/findings\/0\/severity must be one of "critical", "high"/);
    assert.doesNotMatch(r.stderr, /TypeError|\n\s+at /);
  });
});
