import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { writeManifest } from '../../src/evidence/manifest';
import { PROJECT_ROOT } from '../../src/version';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** No stack trace, no "failed:" (exit 4) wording: the message is meant for a person. */
function assertClean(r: Run): void {
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .+:\d+:\d+\)?$/m, 'stack trace in output');
  assert.doesNotMatch(r.stderr, /verify failed:/);
}

async function copyOf(dir: string, label: string): Promise<string> {
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), `ra-sig-${label}-`));
  await fs.cp(dir, copy, { recursive: true });
  return copy;
}

describe('CLI signed packs: keygen, report --sign-key, verify --key (sample evidence, no engine)', function () {
  this.timeout(120_000);
  let keys: string;
  let keyFile: string;
  let keyId: string;
  let pack: string;

  before(async () => {
    keys = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sig-keys-'));
    keyFile = path.join(keys, 'audit.key');
    const k = await cli(['keygen', '--out', keyFile]);
    assert.equal(k.code, 0, k.stderr);
    keyId = /^key id: ([0-9a-f]{16})$/m.exec(k.stdout)?.[1] ?? '';
    assert.ok(keyId, k.stdout);
    pack = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sig-pack-'));
    await fs.cp(path.join(PROJECT_ROOT, 'evidence/sample'), pack, { recursive: true });
    const r = await cli(['report', pack, '--sign-key', keyFile]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /manifest\.sig\.json/);
  });

  it('keygen writes KEYFILE 0600 and KEYFILE.pub, refuses to overwrite without --force', async () => {
    assert.equal((await fs.stat(keyFile)).mode & 0o777, 0o600);
    await fs.access(`${keyFile}.pub`);
    const before = await fs.readFile(keyFile, 'utf8');
    const again = await cli(['keygen', '--out', keyFile]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists: not overwriting a key \(pass --force/);
    assert.equal(await fs.readFile(keyFile, 'utf8'), before);
    const other = path.join(keys, 'forced.key');
    await fs.writeFile(other, 'old');
    const forced = await cli(['keygen', '--out', other, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((await fs.stat(other)).mode & 0o777, 0o600);
    assert.equal((await cli(['keygen'])).code, 2);
  });

  it('sign → verify passes; verify without --key names the key id but checks nothing', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(pack, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    assert.ok(!manifest.files.some((f) => f.path === 'manifest.sig.json'), 'the signature is not listed in the manifest');
    const v = await cli(['verify', pack, '--key', `${keyFile}.pub`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, new RegExp(`^signature OK: signed by key ${keyId}; ${manifest.files.length + 1} signed files`, 'm'));
    assert.doesNotMatch(v.stdout, /not listed/);
    const plain = await cli(['verify', pack]);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, new RegExp(`^signed by key ${keyId} \\(signature not checked: pass --key\\)$`, 'm'));
  });

  it('the envelope and its statement follow evidence/schema/manifest-signature.schema.json', async () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema/manifest-signature.schema.json'), 'utf8')) as { $id: string };
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const envelope = ajv.compile(schema);
    const statement = ajv.compile({ $ref: `${schema.$id}#/definitions/statement` });
    const env = JSON.parse(await fs.readFile(path.join(pack, 'manifest.sig.json'), 'utf8')) as { payload: string };
    assert.ok(envelope(env), JSON.stringify(envelope.errors));
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicate: { run: { evaluatedAt: string } } };
    assert.ok(statement(st), JSON.stringify(statement.errors));
    const findings = JSON.parse(await fs.readFile(path.join(pack, 'findings.json'), 'utf8')) as { run: { evaluatedAt: string } };
    assert.equal(st.predicate.run.evaluatedAt, findings.run.evaluatedAt);
    assert.equal(statement({ ...st, _type: 'https://in-toto.io/Statement/v0.1' }), false);
  });

  it('one changed byte of evidence with a correctly recomputed manifest passes plain verify but fails --key, naming the file', async () => {
    const copy = await copyOf(pack, 'tamper');
    const p = path.join(copy, 'evidence/docker.json');
    const buf = await fs.readFile(p);
    buf[buf.length - 2] = buf[buf.length - 2] === 0x20 ? 0x09 : 0x20;
    await fs.writeFile(p, buf);
    await writeManifest(copy, '0.1.0');
    assert.equal((await cli(['verify', copy])).code, 0, 'the manifest alone cannot tell');
    const v = await cli(['verify', copy, '--key', `${keyFile}.pub`]);
    assert.equal(v.code, 1, v.stdout);
    assert.match(v.stdout, /^signature: changed since signing: evidence\/docker\.json$/m);
    assert.match(v.stdout, /^signature: changed since signing: manifest\.json$/m);
    assert.match(v.stdout, /^verification FAILED: signature: 2 problems$/m);
    assertClean(v);
  });

  it('a truncated manifest.json is a failed verification (exit 1), with or without --key', async () => {
    const copy = await copyOf(pack, 'manifest');
    await fs.writeFile(path.join(copy, 'manifest.json'), (await fs.readFile(path.join(pack, 'manifest.json'), 'utf8')).slice(0, 100));
    const plain = await cli(['verify', copy]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.stdout, /^manifest: .*manifest\.json is not valid JSON/m);
    const v = await cli(['verify', copy, '--key', `${keyFile}.pub`]);
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /^signature: changed since signing: manifest\.json$/m);
    assertClean(v);
  });

  it('a different key fails: "signed by key <id>, not by <id>"', async () => {
    const otherKey = path.join(keys, 'other.key');
    const k = await cli(['keygen', '--out', otherKey]);
    const otherId = /^key id: ([0-9a-f]{16})$/m.exec(k.stdout)?.[1];
    const v = await cli(['verify', pack, '--key', `${otherKey}.pub`]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, new RegExp(`^signature: manifest\\.sig\\.json is signed by key ${keyId}, not by ${otherId}$`, 'm'));
  });

  it('a truncated, garbled or re-pointed manifest.sig.json fails with a clear message, never a stack trace', async () => {
    const sigFile = 'manifest.sig.json';
    const text = await fs.readFile(path.join(pack, sigFile), 'utf8');
    const env = JSON.parse(text) as { payload: string; signatures: { keyid: string; sig: string }[] };
    const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as { subject: { name: string; digest: { sha256: string } }[] };
    payload.subject[0].digest.sha256 = '0'.repeat(64);
    const flipped = Buffer.from(env.signatures[0].sig, 'base64');
    flipped[10] ^= 1;
    const cases: [string, string, RegExp][] = [
      ['truncated', text.slice(0, Math.floor(text.length / 2)), /^signature: manifest\.sig\.json is not valid JSON .*damaged or truncated$/m],
      ['empty', '', /^signature: manifest\.sig\.json is not valid JSON/m],
      ['not an envelope', '{"hello":"world"}', /^signature: manifest\.sig\.json is not a DSSE envelope: "payload" is missing/m],
      ['garbled payload', JSON.stringify({ ...env, payload: `${env.payload.slice(0, 40)}*%$${env.payload.slice(43)}` }), /^signature: manifest\.sig\.json: "payload" is not base64: the file is damaged$/m],
      ['flipped signature bit', JSON.stringify({ ...env, signatures: [{ ...env.signatures[0], sig: flipped.toString('base64') }] }), new RegExp(`^signature: the signature in manifest\\.sig\\.json does not verify with key ${keyId}`, 'm')],
      ['edited statement', JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(payload)).toString('base64') }), /does not verify with key/],
    ];
    for (const [label, body, re] of cases) {
      const copy = await copyOf(pack, 'garbled');
      await fs.writeFile(path.join(copy, sigFile), body);
      const v = await cli(['verify', copy, '--key', `${keyFile}.pub`]);
      assert.equal(v.code, 1, `${label}: ${v.stdout}${v.stderr}`);
      assert.match(v.stdout, re, label);
      assertClean(v);
    }
    const copy = await copyOf(pack, 'garbled-nokey');
    await fs.writeFile(path.join(copy, sigFile), text.slice(0, 100));
    const plain = await cli(['verify', copy]);
    assert.equal(plain.code, 1);
    assert.match(plain.stdout, /^signature: manifest\.sig\.json is not valid JSON/m);
    assertClean(plain);
  });

  it('an unsigned pack: verify says "unsigned"; verify --key fails; report without --sign-key removes a stale signature', async () => {
    const copy = await copyOf(pack, 'unsigned');
    const r = await cli(['report', copy]);
    assert.equal(r.code, 0, r.stderr);
    await assert.rejects(fs.access(path.join(copy, 'manifest.sig.json')));
    const plain = await cli(['verify', copy]);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, /^unsigned$/m);
    const v = await cli(['verify', copy, '--key', `${keyFile}.pub`]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /^signature: no manifest\.sig\.json in .*: the pack is unsigned$/m);
  });

  it('bad usage is exit 2: no manifest.json in DIR, unreadable or wrong keys', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sig-empty-'));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPub = path.join(keys, 'ec.pub');
    await fs.writeFile(ecPub, ec.publicKey.export({ type: 'spki', format: 'pem' }));
    const cases: [string[], RegExp][] = [
      [['verify', empty], /no manifest\.json in /],
      [['verify', empty, '--key', `${keyFile}.pub`], /no manifest\.json in /],
      [['verify', pack, '--key', path.join(keys, 'missing.pub')], /--key .*missing\.pub: no such file/],
      [['verify', pack, '--key', keyFile], /holds a private key: pass the public key/],
      [['verify', pack, '--key', ecPub], /is not an Ed25519 key \(it is ec\)/],
      [['verify', pack, '--key', path.join(pack, 'findings.json')], /is not a PEM public key/],
      [['report', pack, '--sign-key', `${keyFile}.pub`], /holds a public key: signing needs the private key/],
      [['run', '--out', empty, '--sign-key', path.join(keys, 'missing.key')], /--sign-key .*missing\.key: no such file/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assertClean(r);
    }
    assert.deepEqual(await fs.readdir(empty), [], 'run with a bad key touched nothing');
  });
});
