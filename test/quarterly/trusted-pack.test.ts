import { strict as assert } from 'node:assert';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeManifest } from '../../src/evidence/manifest';
import { generateSigningKeyPair, keyId, type VerifyingKey } from '../../src/evidence/signing/keys';
import { signPack } from '../../src/evidence/signing/sign-pack';
import { PackTrustError, readTrustedPack } from '../../src/quarterly/trusted-pack';
import { document, finding } from '../support/findings';

async function makePack(root: string, name: string, doc: unknown = document([finding('cis-5.5', 'containers', 'fail', { kind: 'container', id: 'c', name: 'web', identity: 'web' })])): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(path.join(dir, 'evidence'), { recursive: true });
  await fs.writeFile(path.join(dir, 'evidence/docker.json'), '{"collector":"docker"}\n');
  await fs.writeFile(path.join(dir, 'findings.json'), typeof doc === 'string' ? doc : JSON.stringify(doc));
  await writeManifest(dir, '0.0.0-test');
  return dir;
}

function keys() {
  const pair = generateSigningKeyPair();
  const publicKey = createPublicKey(pair.publicPem);
  return { signing: { privateKey: createPrivateKey(pair.privatePem), publicKey, keyId: pair.keyId }, verifying: { publicKey, keyId: keyId(publicKey) } as VerifyingKey };
}

describe('quarterly: earlier packs are verified before they are trusted', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-trust-'));
  });
  afterEach(async () => fs.rm(root, { recursive: true, force: true }));

  it('reads a pack whose manifest verifies, with the manifest hash', async () => {
    const dir = await makePack(root, 'q3');
    const p = await readTrustedPack(dir, 'previous pack');
    assert.equal(p.dir, dir);
    assert.equal(p.findings.findings.length, 1);
    assert.match(p.manifestSha256, /^[0-9a-f]{64}$/);
    assert.equal(p.signedBy, null);
  });

  it('names the folder and the file of a changed, missing or unlisted file, and of a missing manifest', async () => {
    const dir = await makePack(root, 'q3');
    await fs.appendFile(path.join(dir, 'findings.json'), ' ');
    await assert.rejects(readTrustedPack(dir, 'previous pack'), (err: Error) => err instanceof PackTrustError && err.message.startsWith(`previous pack ${dir}: does not match its manifest.json (changed: findings.json)`));
    const d2 = await makePack(root, 'q2');
    await fs.rm(path.join(d2, 'evidence/docker.json'));
    await fs.writeFile(path.join(d2, 'notes.txt'), 'x');
    await assert.rejects(readTrustedPack(d2, 'OLD pack'), new RegExp(`^PackTrustError: OLD pack ${d2}: does not match its manifest\\.json \\(missing: evidence/docker\\.json; not listed: notes\\.txt\\)`));
    const d3 = path.join(root, 'empty');
    await fs.mkdir(d3);
    await assert.rejects(readTrustedPack(d3, 'history pack'), new RegExp(`^PackTrustError: history pack ${d3}: no manifest\\.json in ${d3}: not a verifiable pack$`));
    await assert.rejects(readTrustedPack(path.join(root, 'nope'), 'NEW pack'), /NEW pack .*nope: cannot be read \(ENOENT\)/);
  });

  it('refuses findings of another schema major version or with a malformed finding, naming the JSON path', async () => {
    const old = document([]);
    old.run.schemaVersion = '1.4.0';
    await assert.rejects(readTrustedPack(await makePack(root, 'v1', old), 'OLD pack'), /^PackTrustError: OLD pack .*v1: findings\.json: \/run\/schemaVersion "1\.4\.0" is not supported/);
    const bad = document([finding('cis-5.5', 'containers', 'fail', { kind: 'container', id: 'c', name: 'web' })]);
    (bad.findings[0] as { outcome: string }).outcome = 'failed';
    await assert.rejects(readTrustedPack(await makePack(root, 'bad', bad), 'OLD pack'), /^PackTrustError: OLD pack .*bad: findings\.json: \/findings\/0\/outcome/);
    await assert.rejects(readTrustedPack(await makePack(root, 'json', '{'), 'OLD pack'), /json: findings\.json is not valid JSON/);
  });

  it('with a key: a pack signed by it is trusted; unsigned, another key, or changed after signing is refused', async () => {
    const k = keys();
    const other = keys();
    const dir = await makePack(root, 'signed');
    await signPack(dir, k.signing, { toolVersion: '0.0.0-test' });
    assert.equal((await readTrustedPack(dir, 'previous pack', k.verifying)).signedBy, k.verifying.keyId);
    await assert.rejects(readTrustedPack(dir, 'previous pack', other.verifying), new RegExp(`previous pack ${dir}: signature: manifest\\.sig\\.json is signed by key ${k.verifying.keyId}, not by ${other.verifying.keyId}`));
    const unsigned = await makePack(root, 'unsigned');
    await assert.rejects(readTrustedPack(unsigned, 'history pack', k.verifying), /history pack .*unsigned: signature: no manifest\.sig\.json .*: the pack is unsigned/);
    // Evidence changed and the manifest recomputed: the manifest verifies, the signature does not.
    await fs.writeFile(path.join(dir, 'evidence/docker.json'), '{"collector":"docker","forged":true}\n');
    await writeManifest(dir, '0.0.0-test');
    assert.ok(await readTrustedPack(dir, 'previous pack'), 'without a key only the manifest is checked');
    await assert.rejects(readTrustedPack(dir, 'previous pack', k.verifying), /signature: .*changed since signing: evidence\/docker\.json/);
  });
});
