import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, InterruptedError } from '../../src/errors';
import { verifyManifest, writeManifest } from '../../src/evidence/manifest';
import { FolderLockedError, LOCK_FILE } from '../../src/pipeline/lock';
import { carried, withStagedPack, type StagedFolder } from '../../src/pipeline/staging';

const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 6);

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

async function tree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    out.push(r);
    if (e.isDirectory()) out.push(...(await tree(dir, r)));
  }
  return out.sort();
}

const ino = async (p: string) => (await fs.stat(p)).ino;

/** A small sealed "pack": evidence, config, an output and a manifest over them (and over `extra`). */
async function writePack(dir: string, tag: string): Promise<void> {
  await fs.mkdir(path.join(dir, 'evidence'), { recursive: true });
  await fs.writeFile(path.join(dir, 'evidence/docker.json'), `{"run":"${tag}"}\n`);
  await fs.writeFile(path.join(dir, 'config.json'), `{"organisation":"${tag}"}\n`);
  await fs.writeFile(path.join(dir, 'findings.json'), `{"findings":"${tag}"}\n`);
  await fs.writeFile(path.join(dir, 'audit-pack.html'), `<p>${tag}</p>\n`);
  await writeManifest(dir, 'test');
}

describe('pipeline/staging: a new pack is swapped in only when complete', () => {
  let root: string;
  let out: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-staging-'));
    out = path.join(root, 'pack');
    await fs.mkdir(out);
    await writePack(out, 'earlier');
    await fs.writeFile(path.join(out, 'notes.txt'), 'mine\n');
    await fs.mkdir(path.join(out, 'working'));
    await fs.writeFile(path.join(out, 'working/draft.md'), 'draft\n');
    await writeManifest(out, 'test');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const stage = (work: (s: StagedFolder) => Promise<{ swap: boolean; value?: string; error?: Error }>, extra: { signal?: AbortSignal; log?: (l: string) => void; rule?: 'new-evidence' | 'same-evidence' } = {}) =>
    withStagedPack({ outDir: out, command: 'run', rule: extra.rule ?? 'new-evidence', create: true, signal: extra.signal, log: extra.log }, work);

  it('classifies the files of a folder: outputs and evidence are the tool\'s, anything else is carried', () => {
    for (const f of ['findings.json', 'findings.sarif', 'findings.junit.xml', 'audit-pack.nb.pdf', 'answers.xlsx', 'answers.nb.csv', 'transfers.csv', 'remediation.sh', 'findings.csv', 'findings.nb.csv', 'findings.xlsx', 'findings.oscal.json', 'findings.hdf.json']) {
      assert.equal(carried(f, 'new-evidence'), false, f);
      assert.equal(carried(f, 'same-evidence'), false, f);
    }
    for (const f of ['evidence/docker.json', 'config.json', 'attestations.json', 'manifest.json', 'manifest.sig.json']) {
      assert.equal(carried(f, 'new-evidence'), false, f);
      assert.equal(carried(f, 'same-evidence'), true, f);
    }
    for (const f of ['notes.txt', 'evidence/README.txt', 'working/draft.md', 'attestations.yaml']) assert.equal(carried(f, 'new-evidence'), true, f);
    for (const f of [LOCK_FILE, '.findings.json.123.abcd.tmp', '.render-x/a.html']) assert.equal(carried(f, 'same-evidence'), false, f);
  });

  it('swaps the complete new pack in; the user\'s files come along as hard links; nothing is left beside it', async () => {
    const notesIno = await ino(path.join(out, 'notes.txt'));
    const value = await stage(async (s) => {
      assert.notEqual(s.dir, out);
      assert.equal(s.hadPack, true);
      assert.deepEqual(await tree(s.dir), ['evidence', 'notes.txt', 'working', 'working/draft.md'], 'only the user\'s files (and folders) are carried into a new run');
      await writePack(s.dir, 'new');
      return { swap: true, value: 'done' };
    });
    assert.equal(value, 'done');
    assert.equal(await fs.readFile(path.join(out, 'config.json'), 'utf8'), '{"organisation":"new"}\n');
    assert.equal(await ino(path.join(out, 'notes.txt')), notesIno);
    assert.ok((await verifyManifest(out)).ok);
    assert.deepEqual((await fs.readdir(root)).sort(), ['pack']);
    assert.ok(!(await tree(out)).includes(LOCK_FILE));
  });

  for (const [what, work] of [
    ['the work fails', async () => { throw new Error('renderer crashed'); }],
    ['the work asks for no swap (nothing collected)', async () => ({ swap: false, error: new Error('nothing could be collected') })],
  ] as const) {
    it(`${what}: the earlier pack is untouched and the staging folder removed`, async () => {
      const before = await tree(out);
      const manifest = await fs.readFile(path.join(out, 'manifest.json'));
      await assert.rejects(stage(async (s) => {
        await writePack(s.dir, 'half');
        return work();
      }), /renderer crashed|nothing could be collected/);
      assert.deepEqual(await tree(out), before);
      assert.ok((await fs.readFile(path.join(out, 'manifest.json'))).equals(manifest));
      assert.ok((await verifyManifest(out)).ok);
      assert.deepEqual(await fs.readdir(root), ['pack']);
    });
  }

  it('an abort before the swap is an InterruptedError and swaps nothing in', async () => {
    const ac = new AbortController();
    const before = await tree(out);
    await assert.rejects(stage(async (s) => {
      await writePack(s.dir, 'new');
      ac.abort();
      return { swap: true };
    }, { signal: ac.signal }), (e: Error) => e instanceof InterruptedError && /is left as it was/.test(e.message));
    assert.deepEqual(await tree(out), before);
    assert.deepEqual(await fs.readdir(root), ['pack']);
  });

  it('errors that name the staging folder name the output folder instead', async () => {
    await assert.rejects(stage(async (s) => {
      throw new Error(`cannot write ${path.join(s.dir, 'audit-pack.pdf')}: the disk is full`);
    }), (e: Error) => e.message === `cannot write ${path.join(out, 'audit-pack.pdf')}: the disk is full`);
  });

  it('files the user adds or replaces during the run are in the new folder', async () => {
    await stage(async (s) => {
      await writePack(s.dir, 'new');
      await fs.writeFile(path.join(out, 'added-meanwhile.txt'), 'late\n');
      await fs.rm(path.join(out, 'notes.txt'));
      await fs.writeFile(path.join(out, 'notes.txt'), 'edited (new inode)\n');
      return { swap: true };
    });
    assert.equal(await fs.readFile(path.join(out, 'added-meanwhile.txt'), 'utf8'), 'late\n');
    assert.equal(await fs.readFile(path.join(out, 'notes.txt'), 'utf8'), 'edited (new inode)\n');
  });

  it('a report (same evidence) links the evidence, config and manifest in, never the earlier outputs', async () => {
    const evIno = await ino(path.join(out, 'evidence/docker.json'));
    await stage(async (s) => {
      assert.deepEqual(await tree(s.dir), ['config.json', 'evidence', 'evidence/docker.json', 'manifest.json', 'notes.txt', 'working', 'working/draft.md']);
      assert.equal(await ino(path.join(s.dir, 'evidence/docker.json')), evIno);
      await fs.writeFile(path.join(s.dir, 'findings.json'), '{"findings":"re-evaluated"}\n');
      await writeManifest(s.dir, 'test');
      return { swap: true };
    }, { rule: 'same-evidence' });
    assert.equal(await ino(path.join(out, 'evidence/docker.json')), evIno);
    assert.ok(!(await tree(out)).includes('audit-pack.html'), 'an earlier output was carried over');
    assert.ok((await verifyManifest(out)).ok);
  });

  it('a second start while one holds the folder is refused naming it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = stage(async (s) => {
      await held;
      await writePack(s.dir, 'first');
      return { swap: true };
    });
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(stage(async () => ({ swap: true })), (e: Error) => e instanceof FolderLockedError && new RegExp(`process ${process.pid}`).test(e.message));
    release();
    await first;
    assert.equal(await fs.readFile(path.join(out, 'config.json'), 'utf8'), '{"organisation":"first"}\n');
  });

  it('refuses a folder holding a symbolic link or FIFO before any work, naming each', async () => {
    await fs.symlink('/etc/passwd', path.join(out, 'link'));
    execFileSync('mkfifo', [path.join(out, 'evidence/pipe')]);
    let ran = false;
    await assert.rejects(stage(async () => ((ran = true), { swap: true })), (e: Error) => e instanceof InputError && /2 entries that are not a regular file or folder: evidence\/pipe \(FIFO\), link \(symbolic link\)/.test(e.message));
    assert.equal(ran, false);
    assert.deepEqual((await fs.readdir(root)).sort(), ['pack']);
  });

  it('removes staging and old folders left by a process that no longer runs, and leaves a live one\'s alone', async () => {
    const pid = deadPid();
    const dead = path.join(root, `.pack.ra-staging-${pid}-${HOST}-0badc0de`);
    const deadOld = path.join(root, `.pack.ra-old-${pid}-${HOST}-0badc0df`);
    const live = path.join(root, `.pack.ra-staging-${process.ppid}-${HOST}-0badc0e0`);
    const otherHost = path.join(root, `.pack.ra-staging-${pid}-000000-0badc0e1`);
    for (const d of [dead, deadOld, live, otherHost]) await fs.mkdir(d);
    const lines: string[] = [];
    await stage(async (s) => (await writePack(s.dir, 'new'), { swap: true }), { log: (l) => lines.push(l) });
    assert.deepEqual((await fs.readdir(root)).sort(), [path.basename(live), path.basename(otherHost), 'pack'].sort());
    assert.match(lines.join('\n'), new RegExp(`removed .*ra-staging-${pid}-.*: left by process ${pid}, which no longer runs`));
  });

  it('puts back an earlier pack a crashed swap left renamed aside when the folder itself is missing', async () => {
    const pid = deadPid();
    const aside = path.join(root, `.pack.ra-old-${pid}-${HOST}-0badc0de`);
    await fs.rename(out, aside);
    const lines: string[] = [];
    await assert.rejects(stage(async () => ({ swap: false, error: new Error('stop here') }), { log: (l) => lines.push(l) }), /stop here/);
    assert.match(lines.join('\n'), /restored .*pack from \.pack\.ra-old-.*: process \d+ stopped while swapping in its new pack/);
    assert.ok((await verifyManifest(out)).ok);
    assert.equal(await fs.readFile(path.join(out, 'config.json'), 'utf8'), '{"organisation":"earlier"}\n');
  });

  it('an output folder given through a symbolic link: the link stays, its target gets the new pack', async () => {
    const link = path.join(root, 'latest');
    await fs.symlink(out, link);
    await withStagedPack({ outDir: link, command: 'run', rule: 'new-evidence', create: true }, async (s) => (await writePack(s.dir, 'via-link'), { swap: true }));
    assert.equal((await fs.lstat(link)).isSymbolicLink(), true);
    assert.equal(await fs.readFile(path.join(out, 'config.json'), 'utf8'), '{"organisation":"via-link"}\n');
  });

  it('report needs an existing folder; run and collect create one', async () => {
    await assert.rejects(withStagedPack({ outDir: path.join(root, 'missing'), command: 'report', rule: 'same-evidence', create: false }, async () => ({ swap: true })), (e: Error) => e instanceof InputError && /no such folder: .*missing/.test(e.message));
    const fresh = path.join(root, 'fresh', 'pack');
    await withStagedPack({ outDir: fresh, command: 'run', rule: 'new-evidence', create: true }, async (s) => {
      assert.equal(s.hadPack, false);
      await writePack(s.dir, 'fresh');
      return { swap: true };
    });
    assert.ok((await verifyManifest(fresh)).ok);
  });

  it('a first run that swaps nothing in (aborted, failed) removes the folders it made, and only those', async () => {
    const ac = new AbortController();
    const fresh = path.join(root, 'new', 'deeper', 'pack');
    await assert.rejects(withStagedPack({ outDir: fresh, command: 'collect', rule: 'new-evidence', create: true, signal: ac.signal }, async (s) => {
      await writePack(s.dir, 'half');
      ac.abort();
      return { swap: true };
    }), InterruptedError);
    assert.deepEqual((await fs.readdir(root)).sort(), ['pack'], 'pack/, not new/deeper/pack/');
    // A folder that was there before stays, even when empty; one the user filled during the run stays too.
    await fs.mkdir(path.join(root, 'empty'));
    await assert.rejects(withStagedPack({ outDir: path.join(root, 'empty'), command: 'run', rule: 'new-evidence', create: true }, async () => {
      throw new Error('engine gone');
    }), /engine gone/);
    await assert.rejects(withStagedPack({ outDir: path.join(root, 'filled', 'pack'), command: 'run', rule: 'new-evidence', create: true }, async (s) => {
      await fs.writeFile(path.join(s.outDir, 'notes.txt'), 'mine\n');
      throw new Error('engine gone');
    }), /engine gone/);
    assert.deepEqual((await fs.readdir(root)).sort(), ['empty', 'filled', 'pack']);
    assert.deepEqual(await tree(path.join(root, 'filled')), ['pack', 'pack/notes.txt']);
  });
});
