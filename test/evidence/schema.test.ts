import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerCollector } from '../../src/collectors/docker';
import { runCollector } from '../../src/collectors/run';
import { readEvidenceDir } from '../../src/evidence/store';
import { COLLECTOR_NAMES, EVIDENCE_SCHEMA_VERSION, type CollectorName, type EvidenceFile } from '../../src/evidence/types';
import { SchemaValidationError, validateAgainst, validateEvidenceFile, versionFit } from '../../src/evidence/validate';
import { describeValue } from '../../src/evidence/validate/messages';
import { PROJECT_ROOT } from '../../src/version';
import { createTestContainer, requireEngine } from '../support/engine';

const SAMPLE = path.join(PROJECT_ROOT, 'evidence/sample');
const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

function sample(collector: CollectorName): EvidenceFile<Record<string, unknown>> {
  return JSON.parse(readFileSync(path.join(SAMPLE, 'evidence', `${collector}.json`), 'utf8')) as EvidenceFile<Record<string, unknown>>;
}

/** The SchemaValidationError a file gets, or null when it validates. */
function refusal(collector: CollectorName, file: unknown): SchemaValidationError | null {
  try {
    validateEvidenceFile(`evidence/${collector}.json`, collector, file);
    return null;
  } catch (err) {
    if (err instanceof SchemaValidationError) return err;
    throw err;
  }
}

function dockerData(containers: unknown[]): Record<string, unknown> {
  return { endpoint: 'unix:///x', version: {}, info: {}, images: [], networks: [], volumes: [], swarm: null, containers };
}

describe('evidence schemas on load', function () {
  it('accepts every sample evidence file (collected from a real engine)', () => {
    const present = COLLECTOR_NAMES.filter((c) => existsSync(path.join(SAMPLE, 'evidence', `${c}.json`)));
    assert.ok(present.length >= 5, present.join(', '));
    for (const c of present) assert.equal(refusal(c, sample(c)), null, `sample ${c}.json refused: ${refusal(c, sample(c))?.message}`);
  });

  it('accepts real docker evidence and refuses a failed file without a reason', async function () {
    const engine = await requireEngine(this);
    await createTestContainer(engine, 'schema', { Env: ['URL=https://u:p@example.com:8443/x?token=1', 'SECRET=s'], HostConfig: { Memory: 64 << 20, NanoCpus: 500_000_000, PidsLimit: 64 } });
    const file = await runCollector(dockerCollector, { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} });
    assert.equal(refusal('docker', file), null, refusal('docker', file)?.message);
    const failed = refusal('docker', { ...file, status: 'failed', data: null, error: undefined });
    assert.equal(failed?.pointer, '/error');
  });

  it('a real collection of every collector (engine, host, virt, residency, tiny storage) loads', async function () {
    const engine = await requireEngine(this);
    this.timeout(180_000);
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-schema-'));
    try {
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [BIN, 'collect', '--out', out, '--docker-host', engine.host, '--bench', 'tiny', '--no-dns', '--quiet'], { maxBuffer: 32 << 20 }, (err, _o, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }));
      });
      assert.equal(r.code, 0, r.stderr);
      const { evidence, files } = await readEvidenceDir(out);
      assert.deepEqual(files.map((f) => f.collector).sort(), [...COLLECTOR_NAMES].sort());
      for (const c of COLLECTOR_NAMES) assert.ok(evidence[c]?.data, `${c} has no data: ${evidence[c]?.status} ${evidence[c]?.error ?? ''}`);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });

  it('the docker schema refuses an env value that still carries a path or credential, without printing it', () => {
    const file = { ...sample('docker'), data: dockerData([{ Id: 'a', Name: '/a', HostConfig: {}, Config: { Env: ['URL=https://u:p@example.com/x'] } }]) };
    const err = refusal('docker', file);
    assert.equal(err?.pointer, '/data/containers/0/Config/Env/0');
    assert.doesNotMatch(err!.message, /u:p@/);
  });

  it('refuses resource limits given as strings, naming the JSON path and the value', () => {
    for (const [field, value] of [['Memory', '64m'], ['NanoCpus', '0.5'], ['PidsLimit', '100'], ['Memory', 1.5]] as const) {
      const file = { ...sample('docker'), data: dockerData([{ Id: 'a', Name: '/a', HostConfig: { [field]: value }, Config: {} }]) };
      const err = refusal('docker', file);
      assert.equal(err?.message, `evidence/docker.json: /data/containers/0/HostConfig/${field} must be integer${field === 'PidsLimit' ? ' or null' : ''} (got ${describeValue(value)})`);
    }
  });

  it('allows unknown extra properties in evidence (the Docker API adds fields) but not wrong types of known ones', () => {
    const file = sample('docker');
    const data = file.data as { containers: Record<string, unknown>[]; info: Record<string, unknown> };
    data.containers[0].SomeNewEngineField = { nested: [1, 2] };
    data.info.NewInfoField = 'x';
    (file as unknown as Record<string, unknown>).addedByANewerTool = true;
    assert.equal(refusal('docker', file), null);
    data.info.NCPU = 'four';
    assert.equal(refusal('docker', file)?.pointer, '/data/info/NCPU');
  });

  it('schema versions: the same major loads (older or newer minor), another major is refused with the path', () => {
    const file = sample('virt');
    assert.equal(refusal('virt', { ...file, schemaVersion: '1.9.0' }), null);
    assert.equal(versionFit('1.0.0', '1.3.0', 'evidence', () => ''), 'older-minor');
    assert.equal(versionFit('1.4.2', '1.3.0', 'evidence', () => ''), 'newer-minor');
    assert.equal(versionFit('1.3.9', '1.3.0', 'evidence', () => ''), 'same');
    for (const v of ['999.0.0', '0.9.0', '2.0.0']) {
      const err = refusal('virt', { ...file, schemaVersion: v });
      assert.equal(err?.pointer, '/schemaVersion');
      assert.match(err!.message, new RegExp(`^evidence/virt\\.json: /schemaVersion "${v.replace(/\./g, '\\.')}" is not supported: this residency-audit reads evidence schema ${EVIDENCE_SCHEMA_VERSION.split('.')[0]}\\.x`));
    }
    for (const v of [1, '1.0', 'latest', null]) assert.equal(refusal('virt', { ...file, schemaVersion: v })?.pointer, '/schemaVersion');
    const { schemaVersion: _dropped, ...unversioned } = file;
    assert.match(refusal('virt', unversioned)!.message, /\/schemaVersion is required but missing/);
  });

  it('names a collector mismatch, a status/data contradiction and a non-object file', () => {
    assert.equal(refusal('virt', { ...sample('host'), collector: 'host' })?.pointer, '/collector');
    assert.equal(refusal('virt', { ...sample('virt'), status: 'skipped', error: 'x' })?.pointer, '/data');
    assert.equal(refusal('virt', { ...sample('virt'), status: 'ok', data: null })?.pointer, '/data');
    assert.equal(refusal('virt', { ...sample('virt'), status: 'done' })?.message, 'evidence/virt.json: /status must be one of "ok", "partial", "failed", "skipped" (got string "done")');
    assert.equal(refusal('virt', [])?.message, 'evidence/virt.json: the top level must be an object (got an array of 0)');
    assert.equal(refusal('virt', { ...sample('virt'), startedAt: 'yesterday' })?.pointer, '/startedAt');
  });

  it('never prints a large value: strings are cut to 60 characters', () => {
    const file = sample('docker');
    (file.data as { info: Record<string, unknown> }).info.ID = 'A'.repeat(100_000);
    (file.data as { info: Record<string, unknown> }).info.ID = 7;
    assert.equal(refusal('docker', file)?.message, 'evidence/docker.json: /data/info/ID must be string (got number 7)');
    (file.data as { info: Record<string, unknown> }).info.ID = 'x';
    (file.data as { info: Record<string, unknown> }).info.NCPU = 'B'.repeat(100_000);
    const msg = refusal('docker', file)!.message;
    assert.ok(msg.length < 160, msg);
    assert.match(msg, /\(got string "B{50,}…\)$/);
  });

  it('config.json is checked against the config schema', () => {
    assert.doesNotThrow(() => validateAgainst('config.json', 'config.schema.json', JSON.parse(readFileSync(path.join(SAMPLE, 'config.json'), 'utf8'))));
    assert.throws(() => validateAgainst('config.json', 'config.schema.json', { waivers: [{ control: 'cis-5.5', justification: 'j', approvedBy: 'a', expires: 20270101 }] }), /^SchemaValidationError: config\.json: \/waivers\/0\/expires must be string \(got number 20270101\)$/);
    assert.throws(() => validateAgainst('config.json', 'config.schema.json', { organisaton: 'typo' }), /config\.json: \/organisaton is not allowed here/);
  });
});
