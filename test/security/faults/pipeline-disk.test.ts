/**
 * A full disk while a new pack is written: a small tmpfs, mounted by the test, holds the earlier pack
 * with too little room for the new one. Writes fail with a message saying the disk is full (exit 4),
 * the earlier pack still verifies, and no staging folder, temp file or lock is left. Both ways a pack is
 * swapped in are covered: a folder inside the tmpfs (renamed whole) and the tmpfs itself as the output
 * folder (a mount point: updated file by file).
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { requireEngine } from '../../support/engine';
import { cli, du, earlierPack, leftovers, look, mountTmpfs, tempRoot, tree } from './pipeline-rig';

describe('faults: the disk fills up while a pack is written', function () {
  this.timeout(300_000);
  let root: string;
  let source: string;
  let packBytes: number;

  before(async () => {
    root = await tempRoot('disk');
    source = path.join(root, 'earlier');
    await earlierPack(source, { 'notes.txt': 'the auditor\'s notes\n' });
    packBytes = await du(source);
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A tmpfs with the earlier pack and `room` bytes to spare; `asMount` puts the pack at the mount point itself. */
  async function withFullDisk(name: string, room: number, asMount: boolean, fn: (outDir: string) => Promise<void>): Promise<void> {
    const mnt = path.join(root, name);
    // Pages and inodes cost a little beyond the bytes: 64 KiB for the folder structure.
    const umount = await mountTmpfs(mnt, packBytes + room + 64 * 1024);
    try {
      const outDir = asMount ? mnt : path.join(mnt, 'pack');
      await fs.cp(source, outDir, { recursive: true });
      await fn(outDir);
    } finally {
      await umount();
    }
  }

  async function assertEarlierIntact(outDir: string, manifest: Buffer, files: string[]): Promise<void> {
    const l = await look(outDir);
    assert.ok(l.ok, `the earlier pack no longer verifies: ${l.failures.join('; ')}`);
    assert.ok(l.manifest!.equals(manifest), 'the manifest changed');
    assert.deepEqual(await tree(outDir), files, 'files of the earlier pack changed');
    assert.deepEqual(await leftovers(outDir), [], 'staging folders, temp files or a lock were left');
  }

  for (const asMount of [false, true]) {
    const where = asMount ? 'the output folder is the mount point' : 'the output folder is inside the mount';
    it(`report: exit 4 "the disk is full", earlier pack intact, nothing left over (${where})`, async () => {
      await withFullDisk(`report-${asMount ? 'mount' : 'inside'}`, 300 * 1024, asMount, async (outDir) => {
        const manifest = await fs.readFile(path.join(outDir, 'manifest.json'));
        const files = await tree(outDir);
        const r = await cli(['report', outDir], { deadlineMs: 120_000 });
        assert.equal(r.code, 4, r.stderr);
        assert.match(r.stderr, /the disk is full/);
        assert.doesNotMatch(r.stderr, /ra-staging|\n\s+at /, 'a staging path or stack trace was printed');
        await assertEarlierIntact(outDir, manifest, files);
      });
    });
  }

  it('run: exit 4 "the disk is full" while writing evidence or the pack; earlier pack intact', async function () {
    const engine = await requireEngine(this);
    await withFullDisk('run-inside', 200 * 1024, false, async (outDir) => {
      const manifest = await fs.readFile(path.join(outDir, 'manifest.json'));
      const files = await tree(outDir);
      const r = await cli(['run', '--out', outDir, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet'], { deadlineMs: 180_000 });
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /the disk is full/);
      await assertEarlierIntact(outDir, manifest, files);
    });
  });

  it('with room enough, a report into a mount point is swapped in file by file and keeps the user\'s files', async () => {
    // Room for the new outputs in two languages beside the earlier ones until the swap (tmpfs pages are only used when written).
    await withFullDisk('report-mount-ok', 4 * packBytes + 8 * 1024 * 1024, true, async (outDir) => {
      const manifest = await fs.readFile(path.join(outDir, 'manifest.json'));
      const r = await cli(['report', outDir, '--lang', 'en,nb'], { deadlineMs: 120_000 });
      assert.equal(r.code, 0, r.stderr);
      const l = await look(outDir);
      assert.ok(l.ok, l.failures.join('; '));
      assert.ok(!l.manifest!.equals(manifest), 'the manifest was not replaced');
      assert.equal(await fs.readFile(path.join(outDir, 'notes.txt'), 'utf8'), 'the auditor\'s notes\n');
      assert.ok((await tree(outDir)).includes('audit-pack.nb.pdf'));
      assert.deepEqual(await leftovers(outDir), []);
      // And back to one language: the Norwegian pack of the earlier run does not linger unlisted.
      const again = await cli(['report', outDir, '--format', 'sarif'], { deadlineMs: 120_000 });
      assert.equal(again.code, 0, again.stderr);
      assert.ok(!(await tree(outDir)).includes('audit-pack.nb.pdf'));
      assert.ok((await look(outDir)).ok);
    });
  });
});
