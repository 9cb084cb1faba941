import { strict as assert } from 'node:assert';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, listPackFiles, writeManifest } from '../../src/evidence/manifest';
import { decodeBase64Strict, IN_TOTO_PAYLOAD_TYPE, pae, parseEnvelope, signEnvelope, SignatureFormatError } from '../../src/evidence/signing/dsse';
import { generateSigningKeyPair, keyId, KeyFileError, loadSigningKey, loadVerifyingKey } from '../../src/evidence/signing/keys';
import { signAfterManifest, signPack } from '../../src/evidence/signing/sign-pack';
import { runFromFindings } from '../../src/evidence/signing/statement';
import { signatureStatus, verifyPackSignature } from '../../src/evidence/signing/verify-pack';
import { writeKeyPair } from '../../src/evidence/signing/write-key-pair';
import { writeFileAtomic } from '../../src/evidence/store';
import { clearPreviousPack } from '../../src/pipeline/collect';

async function tmpDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'ra-signing-'));
}

/** A key pair on disk, as keygen leaves it. */
async function keyFiles(dir: string, name = 'audit.key'): Promise<{ priv: string; pub: string; id: string }> {
  const pair = generateSigningKeyPair();
  const { privateFile, publicFile } = await writeKeyPair(path.join(dir, name), pair, false);
  return { priv: privateFile, pub: publicFile, id: pair.keyId };
}

/** A small pack: two evidence files and findings.json, with a manifest. */
async function smallPack(): Promise<string> {
  const dir = await tmpDir();
  await writeFileAtomic(path.join(dir, 'evidence/docker.json'), '{"collector":"docker"}\n');
  await writeFileAtomic(path.join(dir, 'evidence/host.json'), '{"collector":"host"}\n');
  await writeFileAtomic(path.join(dir, 'findings.json'), JSON.stringify({ run: { toolVersion: '9.9.9', evaluatedAt: '2026-01-02T00:00:00.000Z', collectedAt: '2026-01-01T00:00:00.000Z', host: { hostname: 'h1', engineId: 'E' } }, findings: [] }));
  await writeManifest(dir, '0.0.0-test');
  return dir;
}

describe('evidence/signing: DSSE', () => {
  it('PAE matches the spec definition, byte for byte (hand-computed vectors)', () => {
    // "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body; LEN = decimal byte length, no leading zeros.
    assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('utf8'), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    assert.equal(pae('', Buffer.alloc(0)).toString('utf8'), 'DSSEv1 0  0 ');
    // Lengths count bytes, not characters: "æ" is two bytes in UTF-8, so the type is 16 bytes and the body 4.
    assert.deepEqual(pae('application/x-æ', Buffer.from('øå', 'utf8')), Buffer.concat([Buffer.from('DSSEv1 16 application/x-'), Buffer.from([0xc3, 0xa6]), Buffer.from(' 4 '), Buffer.from([0xc3, 0xb8, 0xc3, 0xa5])]));
    const body = Buffer.from('x'.repeat(1000));
    assert.equal(pae(IN_TOTO_PAYLOAD_TYPE, body).subarray(0, 44).toString(), 'DSSEv1 28 application/vnd.in-toto+json 1000 ');
  });

  it('signs the PAE, not the bare payload', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const body = Buffer.from('{"a":1}');
    const env = signEnvelope(IN_TOTO_PAYLOAD_TYPE, body, privateKey, keyId(publicKey));
    assert.equal(Buffer.from(env.payload, 'base64').toString(), '{"a":1}');
    const sig = Buffer.from(env.signatures[0].sig, 'base64');
    assert.equal(sig.length, 64);
    const handPae = Buffer.from(`DSSEv1 28 application/vnd.in-toto+json 7 {"a":1}`);
    assert.equal(verify(null, handPae, publicKey, sig), true);
    assert.equal(verify(null, body, publicKey, sig), false);
  });

  it('decodes standard and URL-safe base64 and refuses anything else', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x01]);
    assert.deepEqual(decodeBase64Strict(bytes.toString('base64')), bytes);
    assert.deepEqual(decodeBase64Strict(bytes.toString('base64url')), bytes);
    for (const bad of ['a', 'aGVsbG8*', 'aGVs bG8=', 'aGVsbG8=x', '+-==']) assert.equal(decodeBase64Strict(bad), null, bad);
  });

  it('names what is wrong with a damaged envelope', () => {
    const cases: [string, RegExp][] = [
      ['{"payload":"eyJ9', /not valid JSON .*damaged or truncated/],
      ['[]', /expected a JSON object/],
      ['{"payloadType":"x","signatures":[{"sig":"AA=="}]}', /"payload" is missing/],
      ['{"payload":"","payloadType":"x","signatures":[]}', /"signatures" is missing or empty/],
      ['{"payload":"","payloadType":"x","signatures":[{"keyid":"k"}]}', /signatures\[0\]\.sig is missing/],
    ];
    for (const [text, re] of cases) assert.throws(() => parseEnvelope(text, 'manifest.sig.json'), (e: Error) => e instanceof SignatureFormatError && re.test(e.message), text);
  });
});

describe('evidence/signing: keys', () => {
  it('keygen files: private 0600 PKCS#8, public SPKI, id = sha256(SPKI DER)[0..16]; no overwrite without force', async () => {
    const dir = await tmpDir();
    const k = await keyFiles(dir);
    assert.equal((await fs.stat(k.priv)).mode & 0o777, 0o600);
    assert.match(await fs.readFile(k.priv, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.match(await fs.readFile(k.pub, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    const der = createPublicKey(await fs.readFile(k.pub, 'utf8')).export({ type: 'spki', format: 'der' });
    assert.equal(k.id, createHash('sha256').update(der).digest('hex').slice(0, 16));
    assert.equal((await loadSigningKey(k.priv)).keyId, k.id);
    assert.equal((await loadVerifyingKey(k.pub)).keyId, k.id);

    const before = await fs.readFile(k.priv, 'utf8');
    await assert.rejects(writeKeyPair(k.priv, generateSigningKeyPair(), false), /already exists: not overwriting a key \(pass --force/);
    assert.equal(await fs.readFile(k.priv, 'utf8'), before);
    await writeKeyPair(k.priv, generateSigningKeyPair(), true);
    assert.notEqual(await fs.readFile(k.priv, 'utf8'), before);
    assert.equal((await fs.stat(k.priv)).mode & 0o777, 0o600);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['audit.key', 'audit.key.pub'], 'no temp file left');
  });

  it('refuses the wrong half, other algorithms and non-keys with a KeyFileError naming the file', async () => {
    const dir = await tmpDir();
    const k = await keyFiles(dir);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await fs.writeFile(path.join(dir, 'ec.key'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await fs.writeFile(path.join(dir, 'ec.pub'), ec.publicKey.export({ type: 'spki', format: 'pem' }));
    await fs.writeFile(path.join(dir, 'junk'), 'not a key');
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => loadVerifyingKey(k.priv), /holds a private key: pass the public key/],
      [() => loadSigningKey(k.pub), /holds a public key: signing needs the private key/],
      [() => loadVerifyingKey(path.join(dir, 'ec.pub')), /ec\.pub is not an Ed25519 key \(it is ec\)/],
      [() => loadSigningKey(path.join(dir, 'ec.key')), /ec\.key is not an Ed25519 key \(it is ec\)/],
      [() => loadVerifyingKey(path.join(dir, 'junk')), /junk is not a PEM public key/],
      [() => loadSigningKey(path.join(dir, 'nope')), /--sign-key .*nope: no such file/],
    ];
    for (const [p, re] of cases) await assert.rejects(p(), (e: Error) => e instanceof KeyFileError && re.test(e.message), String(re));
  });
});

describe('evidence/signing: pack signature', () => {
  it('signs every manifest file plus manifest.json; the signature is never listed in the manifest', async () => {
    const dir = await smallPack();
    const k = await keyFiles(await tmpDir());
    const env = await signPack(dir, await loadSigningKey(k.priv), { toolVersion: '1.2.3', now: '2026-01-03T00:00:00.000Z' });
    assert.equal(env.payloadType, 'application/vnd.in-toto+json');
    assert.equal(env.signatures[0].keyid, k.id);
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as { _type: string; subject: { name: string }[]; predicate: { run: { host: unknown; catalog: unknown }; tool: unknown } };
    assert.equal(st._type, 'https://in-toto.io/Statement/v1');
    assert.deepEqual(st.subject.map((s) => s.name), ['evidence/docker.json', 'evidence/host.json', 'findings.json', 'manifest.json']);
    assert.deepEqual(st.predicate.tool, { name: 'residency-audit', version: '1.2.3' });
    assert.deepEqual(st.predicate.run.host, { hostname: 'h1', engineId: 'E' });
    assert.equal(st.predicate.run.catalog, null);
    assert.ok(!(await listPackFiles(dir)).includes(SIGNATURE_FILE));
    await writeManifest(dir, '0'); // a later manifest does not pick the signature up either
    assert.ok(!JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')).files.some((f: { path: string }) => f.path === SIGNATURE_FILE));
  });

  it('verifies; a changed file with a recomputed manifest fails naming both; a file slipped into the manifest is named', async () => {
    const dir = await smallPack();
    const k = await keyFiles(await tmpDir());
    await signPack(dir, await loadSigningKey(k.priv), { toolVersion: '0' });
    const key = await loadVerifyingKey(k.pub);
    const ok = await verifyPackSignature(dir, key);
    assert.deepEqual([ok.ok, ok.signedBy, ok.problems, ok.subjects], [true, k.id, [], 4]);

    await fs.writeFile(path.join(dir, 'evidence/host.json'), '{"collector":"host","x":1}\n');
    await fs.writeFile(path.join(dir, 'extra.txt'), 'slipped in');
    await writeManifest(dir, '0');
    const bad = await verifyPackSignature(dir, key);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.problems, ['changed since signing: evidence/host.json', 'changed since signing: manifest.json', 'listed in manifest.json but not signed: extra.txt']);
  });

  it('without a key: unsigned, signed by <id>, or damaged', async () => {
    const dir = await smallPack();
    assert.deepEqual(await signatureStatus(dir), { state: 'unsigned' });
    const k = await keyFiles(await tmpDir());
    await signPack(dir, await loadSigningKey(k.priv), { toolVersion: '0' });
    assert.deepEqual(await signatureStatus(dir), { state: 'signed', keyIds: [k.id] });
    await fs.writeFile(path.join(dir, SIGNATURE_FILE), '{"payload":');
    const st = await signatureStatus(dir);
    assert.equal(st.state, 'damaged');
  });

  it('a new unsigned manifest drops the stale signature; a new collection clears it before the manifest', async () => {
    const dir = await smallPack();
    const key = await loadSigningKey((await keyFiles(await tmpDir())).priv);
    assert.deepEqual(await signAfterManifest(dir, key, { toolVersion: '0' }), [SIGNATURE_FILE]);
    await fs.access(path.join(dir, SIGNATURE_FILE));
    assert.deepEqual(await signAfterManifest(dir, undefined, { toolVersion: '0' }), []);
    await assert.rejects(fs.access(path.join(dir, SIGNATURE_FILE)));
    await signAfterManifest(dir, key, { toolVersion: '0' });
    await clearPreviousPack(dir);
    await assert.rejects(fs.access(path.join(dir, SIGNATURE_FILE)));
    await assert.rejects(fs.access(path.join(dir, MANIFEST_FILE)));
  });

  it('reads the run facts from findings.json of schema v1 and v2', () => {
    const v1 = runFromFindings({ run: { toolVersion: '0.1.0', schemaVersion: '1.0.0', evaluatedAt: 'e', collectedAt: null, host: { hostname: 'h', engineId: null } } });
    assert.deepEqual(v1, { toolVersion: '0.1.0', schemaVersion: '1.0.0', collectedAt: null, evaluatedAt: 'e', host: { hostname: 'h', engineId: null }, catalog: null, config: null, invocation: null });
    const v2 = runFromFindings({
      run: {
        toolVersion: '0.2.0', catalog: { benchmark: 'CIS Docker 1.6.0', checks: 120, sha256: 'c'.repeat(64), extra: 'dropped' }, config: { sha256: 'd'.repeat(64) },
        invocation: { user: 'ops', uid: 1000, command: ['residency-audit', 'run'], hostname: 'h' },
      },
    });
    assert.deepEqual(v2.catalog, { benchmark: 'CIS Docker 1.6.0', checks: 120, sha256: 'c'.repeat(64) });
    assert.deepEqual(v2.config, { sha256: 'd'.repeat(64) });
    assert.deepEqual(v2.invocation, { user: 'ops', uid: 1000, command: ['residency-audit', 'run'], hostname: 'h' });
    assert.deepEqual(runFromFindings(null).host, null);
  });
});
