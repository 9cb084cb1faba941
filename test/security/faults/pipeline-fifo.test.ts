/**
 * A FIFO or a symbolic link where a pack file should be: report and verify must answer at once with a
 * message naming the entry (a FIFO would block a plain read forever; a link would read outside the pack),
 * never follow the link, never print what it points at, and leave the folder as it was.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cli, earlierPack, leftovers, mkfifo, tempRoot, tree } from './pipeline-rig';

/** Ample for an answer; a FIFO read that blocks would hit it (the rig then kills the process and fails). */
const QUICK_MS = 20_000;

describe('faults: FIFOs and symbolic links in a pack folder', function () {
  this.timeout(240_000);
  let root: string;
  let pack: string;

  before(async () => {
    root = await tempRoot('fifo');
    pack = path.join(root, 'earlier');
    await earlierPack(pack);
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A copy of the earlier pack with `rel` replaced by `make(abs)`. */
  async function damaged(name: string, rel: string, make: (abs: string) => Promise<void> | void): Promise<string> {
    const dir = path.join(root, name);
    await fs.cp(pack, dir, { recursive: true });
    await fs.rm(path.join(dir, rel), { recursive: true, force: true });
    await make(path.join(dir, rel));
    return dir;
  }

  for (const rel of ['evidence/docker.json', 'manifest.json', 'config.json']) {
    it(`a FIFO as ${rel}: report exits 2 and verify 1, each at once and naming it; nothing written`, async () => {
      const dir = await damaged(`fifo-${rel.replace(/\W/g, '-')}`, rel, mkfifo);
      const before = await tree(dir);
      const t0 = Date.now();
      const r = await cli(['report', dir], { deadlineMs: QUICK_MS });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`${rel.replace('.', '\\.')} \\(FIFO\\)|${rel.replace('.', '\\.')} in .* is a FIFO`));
      const v = await cli(['verify', dir], { deadlineMs: QUICK_MS });
      assert.equal(v.code, rel === 'manifest.json' ? 1 : 1, v.stdout + v.stderr);
      assert.match(v.stdout, rel === 'manifest.json' ? /manifest: .*manifest\.json in .* is a FIFO/ : new RegExp(`not a regular file: ${rel.replace('.', '\\.')} \\(FIFO\\)`));
      assert.ok(Date.now() - t0 < QUICK_MS, 'report and verify took too long');
      assert.deepEqual(await tree(dir), before, 'the folder changed');
      assert.deepEqual(await leftovers(dir), []);
    });
  }

  it('a FIFO given as --config: run and report exit 2 at once', async () => {
    const fifo = path.join(root, 'config-fifo.yaml');
    mkfifo(fifo);
    const r = await cli(['report', pack, '--config', fifo], { deadlineMs: QUICK_MS });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /config file .*config-fifo\.yaml is not a regular file \(a FIFO\)/);
    const run = await cli(['run', '--out', path.join(root, 'never'), '--config', fifo, '--docker-host', 'unix:///nonexistent.sock'], { deadlineMs: QUICK_MS });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /is not a regular file \(a FIFO\)/);
  });

  describe('symbolic links', () => {
    const SECRET = 'TOPSECRET-7f3a-never-print-me';
    let outside: string;
    before(async () => {
      outside = path.join(root, 'outside');
      await fs.mkdir(outside);
      // Valid evidence JSON (so a follower would parse it) carrying the secret.
      const doc = JSON.parse(await fs.readFile(path.join(pack, 'evidence/docker.json'), 'utf8'));
      doc.data.info.Name = SECRET;
      await fs.writeFile(path.join(outside, 'docker.json'), JSON.stringify(doc));
      await fs.writeFile(path.join(outside, 'secret.txt'), `${SECRET}\n`);
    });

    const cases: [string, string, (abs: string) => Promise<void>][] = [
      ['evidence file', 'evidence/docker.json', (abs) => fs.symlink(path.join(outside, 'docker.json'), abs)],
      ['evidence folder', 'evidence', (abs) => fs.symlink(outside, abs)],
      ['config.json', 'config.json', (abs) => fs.symlink(path.join(outside, 'secret.txt'), abs)],
      ['manifest.json', 'manifest.json', (abs) => fs.symlink(path.join(outside, 'secret.txt'), abs)],
    ];
    for (const [what, rel, make] of cases) {
      it(`a symbolic link as the ${what}: refused, not followed, the target's content never printed`, async () => {
        const dir = await damaged(`link-${rel.replace(/\W/g, '-')}`, rel, make);
        const r = await cli(['report', dir], { deadlineMs: QUICK_MS });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /symbolic link/);
        const v = await cli(['verify', dir], { deadlineMs: QUICK_MS });
        assert.equal(v.code, 1, v.stdout + v.stderr);
        for (const out of [r.stdout, r.stderr, v.stdout, v.stderr]) assert.ok(!out.includes(SECRET), `the link target's content was printed:\n${out}`);
        // Nothing was rendered from it either.
        for (const f of await tree(dir)) {
          if (f.endsWith('/') || f === rel) continue;
          const st = await fs.lstat(path.join(dir, f));
          if (st.isFile()) assert.ok(!(await fs.readFile(path.join(dir, f), 'utf8')).includes(SECRET), `${f} holds the secret`);
        }
        assert.equal((await fs.lstat(path.join(dir, rel))).isSymbolicLink(), true, 'the link was replaced');
      });
    }

    it('run and collect refuse a folder holding a symbolic link or FIFO up front (exit 2), before touching the engine', async () => {
      const dir = path.join(root, 'run-with-link');
      await fs.cp(pack, dir, { recursive: true });
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'notes.txt'));
      mkfifo(path.join(dir, 'evidence', 'pipe'));
      const before = await tree(dir);
      for (const cmd of ['run', 'collect']) {
        const r = await cli([cmd, '--out', dir, '--docker-host', 'unix:///nonexistent.sock', '--bench', 'off', '--no-dns'], { deadlineMs: QUICK_MS });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /2 entries that are not a regular file or folder: evidence\/pipe \(FIFO\), notes\.txt \(symbolic link\)/);
        assert.ok(!r.stderr.includes(SECRET));
      }
      assert.deepEqual(await tree(dir), before);
      assert.deepEqual(await leftovers(dir), []);
    });
  });
});
