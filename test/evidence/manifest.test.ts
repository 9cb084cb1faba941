import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyManifest, writeManifest } from '../../src/evidence/manifest';
import { loadEvidence, writeFileAtomic } from '../../src/evidence/store';

async function tmpDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'ra-manifest-'));
}

describe('evidence/manifest', () => {
  it('lists every file but itself and verifies them; one changed byte is named', async () => {
    const dir = await tmpDir();
    await writeFileAtomic(path.join(dir, 'evidence/docker.json'), '{"a":1}\n');
    await writeFileAtomic(path.join(dir, 'findings.json'), '{}\n');
    const m = await writeManifest(dir, '0.0.0-test');
    assert.deepEqual(m.files.map((f) => f.path), ['evidence/docker.json', 'findings.json']);
    assert.equal((await verifyManifest(dir)).ok, true);

    await fs.writeFile(path.join(dir, 'evidence/docker.json'), '{"a":2}\n');
    const r = await verifyManifest(dir);
    assert.equal(r.ok, false);
    assert.deepEqual(r.changed, ['evidence/docker.json']);
  });

  it('names missing and unlisted files', async () => {
    const dir = await tmpDir();
    await writeFileAtomic(path.join(dir, 'a.json'), '1');
    await writeManifest(dir, '0');
    await fs.rm(path.join(dir, 'a.json'));
    await fs.writeFile(path.join(dir, 'b.json'), '2');
    const r = await verifyManifest(dir);
    assert.deepEqual([r.missing, r.unlisted], [['a.json'], ['b.json']]);
  });

  it('names every entry that is not a listed regular file: symlinks, FIFOs, dot files, temp files; never follows or blocks', async () => {
    const dir = await tmpDir();
    await writeFileAtomic(path.join(dir, 'evidence/docker.json'), '{"a":1}\n');
    await writeFileAtomic(path.join(dir, 'findings.json'), '{}\n');
    await writeManifest(dir, '0');
    // A listed file swapped for a symlink to a secret, a FIFO beside it, a dot file and a stale temp file.
    await fs.rm(path.join(dir, 'findings.json'));
    await fs.symlink('/etc/shadow', path.join(dir, 'findings.json'));
    execFileSync('mkfifo', [path.join(dir, 'evidence/virt.json')]);
    await fs.writeFile(path.join(dir, '.hidden'), 'x');
    await fs.writeFile(path.join(dir, 'evidence/.docker.json.1.ab.tmp'), 'x');
    const r = await verifyManifest(dir);
    assert.equal(r.ok, false);
    assert.deepEqual(r.special, [{ path: 'evidence/virt.json', kind: 'FIFO' }, { path: 'findings.json', kind: 'symbolic link' }]);
    assert.deepEqual(r.unlisted, ['.hidden', 'evidence/.docker.json.1.ab.tmp']);
    assert.deepEqual(r.changed, []);
    // A listed file replaced by a FIFO under its own name is refused, not read (it would block).
    await fs.rm(path.join(dir, 'evidence/virt.json'));
    await fs.rm(path.join(dir, 'evidence/docker.json'));
    execFileSync('mkfifo', [path.join(dir, 'evidence/docker.json')]);
    const again = await verifyManifest(dir);
    assert.deepEqual(again.special.map((e) => e.path), ['evidence/docker.json', 'findings.json']);
  });

  it('rejects manifest entries that point outside the pack', async () => {
    const dir = await tmpDir();
    await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ files: [{ path: '../../etc/passwd', sha256: 'x', size: 1 }] }));
    await assert.rejects(verifyManifest(dir), /outside the pack/);
  });
});

describe('evidence/store', () => {
  it('keeps the old content and leaves no temp file when the disk is full', async function () {
    // A real full disk: a 64 KiB tmpfs (needs root and mount; skipped elsewhere).
    const dir = await tmpDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    try {
      const target = path.join(dir, 'findings.json');
      await writeFileAtomic(target, 'old complete content');
      await assert.rejects(writeFileAtomic(target, 'x'.repeat(256 * 1024)), /cannot write .*findings\.json: the disk is full/);
      assert.equal(await fs.readFile(target, 'utf8'), 'old complete content');
      assert.deepEqual((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp')), []);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('names the problem when the target folder is a file', async () => {
    const dir = await tmpDir();
    await fs.writeFile(path.join(dir, 'file'), 'x');
    await assert.rejects(writeFileAtomic(path.join(dir, 'file', 'x.json'), 'new'), /cannot write .*is not a folder/);
  });

  it('names a malformed evidence file', async () => {
    const dir = await tmpDir();
    await writeFileAtomic(path.join(dir, 'evidence/docker.json'), '{not json');
    await assert.rejects(loadEvidence(dir), /evidence file .*docker\.json is not valid JSON/);
  });

  it('explains a folder without evidence', async () => {
    await assert.rejects(loadEvidence(await tmpDir()), /no evidence folder/);
  });
});
