/**
 * Huge strings in the audit config (the attack: a 20 KB organisation name made the PDF take 27 s and
 * 2.7 GB, 5 MB ran out of memory). Every text a config gives has a limit: the run, collect or report
 * stops at once with exit 2 naming the key and the limit, before anything is collected or rendered.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeManifest } from '../../../src/evidence/manifest';
import { InputError, report, run } from '../../../src/index';
import { NAME_MAX, TEXT_MAX } from '../../../src/config/limits';
import { TOOL_VERSION } from '../../../src/version';
import { cli, earlierPack, leftovers, look, tempRoot, tree } from './pipeline-rig';

const QUICK_MS = 20_000;

/** YAML for one over-long value at `key` (a path), with the key as the error must name it. */
const CASES: { key: string; limit: number; yaml: (v: string) => string }[] = [
  { key: 'organisation', limit: NAME_MAX, yaml: (v) => `organisation: ${v}\n` },
  { key: 'period', limit: NAME_MAX, yaml: (v) => `period: ${v}\n` },
  { key: 'preparedBy', limit: NAME_MAX, yaml: (v) => `preparedBy: ${v}\n` },
  { key: 'waivers[0].approvedBy', limit: NAME_MAX, yaml: (v) => `waivers:\n  - { control: cis-5.13, justification: ok, approvedBy: ${v}, expires: 2027-03-31 }\n` },
  { key: 'waivers[0].justification', limit: TEXT_MAX, yaml: (v) => `waivers:\n  - { control: cis-5.13, justification: ${v}, approvedBy: CISO, expires: 2027-03-31 }\n` },
  { key: 'residency.endpoints[0].note', limit: TEXT_MAX, yaml: (v) => `residency:\n  endpoints:\n    - { match: api.example.net, country: SE, note: ${v} }\n` },
  { key: 'residency.endpoints[0].transferBasis', limit: TEXT_MAX, yaml: (v) => `residency:\n  endpoints:\n    - { match: api.example.net, country: US, transferBasis: ${v} }\n` },
  { key: 'residency.providers.aws.name', limit: NAME_MAX, yaml: (v) => `residency:\n  providers:\n    aws: { name: ${v} }\n` },
];

const keyPattern = (key: string) => new RegExp(`"${key.replace(/[.[\]]/g, (c) => `\\${c}`)}" is [\\d,]+ characters long; the limit is [\\d,]+`);

describe('faults: huge strings in the audit config', function () {
  this.timeout(240_000);
  let root: string;
  let pack: string;
  before(async () => {
    root = await tempRoot('config');
    pack = path.join(root, 'earlier');
    await earlierPack(pack);
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.key} over ${c.limit} characters: run, collect and report exit 2 naming it; at the limit it is accepted`, async () => {
      const file = path.join(root, `${c.key.replace(/\W/g, '-')}.yaml`);
      await fs.writeFile(file, c.yaml('y'.repeat(c.limit + 1)));
      const before = await tree(pack);
      for (const args of [['run', '--out', path.join(root, 'never'), '--docker-host', 'unix:///nonexistent.sock'], ['collect', '--out', path.join(root, 'never')], ['report', pack]]) {
        const r = await cli([...args, '--config', file], { deadlineMs: QUICK_MS });
        assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, keyPattern(c.key), `${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`the limit is ${c.limit.toLocaleString('en-US')}`));
      }
      assert.deepEqual(await tree(pack), before, 'report changed the pack');
      assert.equal(await fs.stat(path.join(root, 'never')).then(() => true, () => false), false, 'run or collect created its folder');
      // Exactly at the limit: no complaint about the length (any other error is not this test's).
      await fs.writeFile(file, c.yaml('y'.repeat(c.limit)));
      const ok = await cli(['report', pack, '--config', file, '--format', 'sarif'], { deadlineMs: 120_000 });
      assert.doesNotMatch(ok.stderr, /characters long/, ok.stderr);
    });
  }

  it('a 5 MB organisation: the library rejects at once with an InputError, before the host or the folder is touched', async () => {
    const huge = 'Z'.repeat(5 * 1024 * 1024);
    const t0 = Date.now();
    const out = path.join(root, 'lib-never');
    await assert.rejects(run({ outDir: out, dockerHost: 'unix:///nonexistent.sock', config: { organisation: huge } }), (e: Error) => e instanceof InputError && /"organisation" is 5,242,880 characters long; the limit is 200/.test(e.message));
    await assert.rejects(report({ dir: pack, config: { organisation: huge } }), (e: Error) => e instanceof InputError && /"organisation" is 5,242,880/.test(e.message));
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.equal(await fs.stat(out).then(() => true, () => false), false);
    assert.ok((await look(pack)).ok);
  });

  it('a pack whose own config.json holds a 20 KB organisation (manifest rewritten to match) is refused by report with exit 2', async () => {
    const dir = path.join(root, 'big-pack-config');
    await fs.cp(pack, dir, { recursive: true });
    const cfg = JSON.parse(await fs.readFile(path.join(dir, 'config.json'), 'utf8'));
    cfg.organisation = 'W'.repeat(20_000);
    await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify(cfg));
    await writeManifest(dir, TOOL_VERSION);
    const t0 = Date.now();
    const r = await cli(['report', dir], { deadlineMs: QUICK_MS });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /config\.json: "organisation" is 20,000 characters long; the limit is 200/);
    assert.ok(Date.now() - t0 < QUICK_MS);
    assert.ok((await look(dir)).ok, 'the refused report changed the pack');
    assert.deepEqual(await leftovers(dir), []);
  });
});
