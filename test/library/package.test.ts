/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty project, offline.
 * The tarball's dependencies are copied from this project's node_modules (production ones only, with
 * their .bin links), so npm finds every dependency satisfied and installs only the tarball: no registry,
 * no npm cache needed (a fresh, empty cache is passed). Works on a fresh machine after `npm ci`.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../src/version';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a child npm or node: none of the npm_* settings of the `npm test` around us (npm_config_local_prefix would point npm at this project). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return env;
}

function exec(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: childEnv(), maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const npm = (args: string[], cwd: string) => exec('npm', [...args, '--offline', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'], cwd);

/** Copy the production dependencies (package-lock.json: not dev) and their .bin links into `app/node_modules`. */
async function provideDependencies(app: string): Promise<void> {
  const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const tops = new Set<string>();
  for (const [p, meta] of Object.entries(lock.packages)) {
    if (!p || meta.dev || meta.devOptional) continue;
    const parts = p.split('/');
    tops.add(parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/'));
  }
  for (const top of tops) {
    // Optional dependencies of another platform are in the lockfile but not on disk.
    if (existsSync(path.join(PROJECT_ROOT, top))) await fs.cp(path.join(PROJECT_ROOT, top), path.join(app, top), { recursive: true, verbatimSymlinks: true });
  }
  const bin = path.join(PROJECT_ROOT, 'node_modules/.bin');
  await fs.mkdir(path.join(app, 'node_modules/.bin'), { recursive: true });
  for (const name of await fs.readdir(bin)) {
    const target = await fs.readlink(path.join(bin, name));
    const pkg = path.posix.join('node_modules', target.replace(/^\.\.\//, ''));
    if ([...tops].some((t) => pkg.startsWith(`${t}/`))) await fs.symlink(target, path.join(app, 'node_modules/.bin', name));
  }
}

/** The example of README "Use as a library", exactly as printed there. */
function readmeExample(): string {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const m = /^## Use as a library\n[\s\S]*?^```js\n([\s\S]*?)^```$/m.exec(readme);
  assert.ok(m, 'README.md has no ```js block under "## Use as a library"');
  return m[1];
}

describe('library: the packed package installed into an empty project (offline)', function () {
  this.timeout(300_000);
  let tmp: string;
  let app: string;
  let installed: string;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-package-'));
    const packed = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], PROJECT_ROOT);
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = path.join(tmp, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
    app = path.join(tmp, 'app');
    await fs.mkdir(app);
    await fs.writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'library-user', version: '1.0.0', private: true }, null, 2)}\n`);
    await provideDependencies(app);
    const install = await npm(['install', '--no-save', '--ignore-scripts', '--prefix', app, '--cache', path.join(tmp, 'empty-npm-cache'), tarball], app);
    assert.equal(install.code, 0, `npm install of the tarball failed:\n${install.stderr}`);
    installed = path.join(app, 'node_modules/residency-audit');
  });
  after(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('is installed from the tarball, not linked to this project, with the templates and the sample evidence', async () => {
    assert.equal((await fs.lstat(installed)).isSymbolicLink(), false);
    for (const f of ['package.json', 'bin/residency-audit', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'templates/pack.hbs', 'evidence/sample/manifest.json']) {
      assert.ok(existsSync(path.join(installed, f)), `${f} is not in the package`);
    }
    for (const f of ['src/index.ts', 'dist/test', 'dist/src/index.js.map', 'node_modules']) assert.equal(existsSync(path.join(installed, f)), false, `${f} should not be in the package`);
  });

  it("require('residency-audit') exposes the API functions and error classes", async () => {
    const script = `const a = require('residency-audit'); console.log(JSON.stringify(Object.fromEntries(Object.keys(a).map((k) => [k, typeof a[k]]))));`;
    const r = await exec(process.execPath, ['-e', script], app);
    assert.equal(r.code, 0, r.stderr);
    const kinds = JSON.parse(r.stdout) as Record<string, string>;
    for (const f of ['collect', 'evaluate', 'render', 'report', 'run', 'verify', 'catalog', 'InputError', 'NothingCollectedError', 'InterruptedError']) assert.equal(kinds[f], 'function', `${f}: ${kinds[f]}`);
    assert.equal(kinds.VERSION, 'string');
  });

  it('runs the README library example as written, on a copy of the sample pack', async () => {
    const example = readmeExample();
    assert.equal(example.trimEnd().split('\n').length, 5, 'the README example is no longer five lines');
    await fs.writeFile(path.join(app, 'example.mjs'), example);
    await fs.cp(path.join(installed, 'evidence/sample'), path.join(app, 'pack'), { recursive: true });
    const r = await exec(process.execPath, ['example.mjs'], app);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+ findings, score [\d.]+; wrote findings\.json, (?:[\w.-]+, )*audit-pack\.html, audit-pack\.pdf, manifest\.json\npack verified\n$/);
    assert.ok(existsSync(path.join(app, 'pack/audit-pack.pdf')));
  });

  it('node_modules/.bin/residency-audit report <copy of evidence/sample> writes a pack that verifies', async () => {
    const dir = path.join(app, 'cli-pack');
    await fs.cp(path.join(installed, 'evidence/sample'), dir, { recursive: true });
    const bin = path.join(app, 'node_modules/.bin/residency-audit');
    const r = await exec(bin, ['report', dir], app);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\d+ findings: \d+ pass/);
    for (const f of ['findings.json', 'audit-pack.html', 'audit-pack.pdf', 'findings.sarif', 'findings.junit.xml', 'answers.csv', 'manifest.json']) assert.ok(existsSync(path.join(dir, f)), `${f} not written`);
    const v = await exec(bin, ['verify', dir], app);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^verified: \d+ files in /m);
  });

  it("its types resolve: a TypeScript file importing them compiles with this project's tsc (strict, node16)", async () => {
    await fs.writeFile(path.join(app, 'uses-types.ts'), `import { catalog, InputError, report, verify, type CollectOptions, type Finding, type FindingsDocument, type LoadedEvidence, type VerifyReport } from 'residency-audit';

const failing = (doc: FindingsDocument): Finding[] => doc.findings.filter((f) => f.outcome === 'fail');
const options: CollectOptions = { outDir: 'out', hostRoot: '/' };
const evidence: LoadedEvidence = {};

export async function main(): Promise<number> {
  const { findings } = await report({ dir: 'pack', langs: ['en'] });
  const v: VerifyReport = await verify({ dir: 'pack' });
  const { controls } = await catalog();
  // @ts-expect-error: dir is a string (fails as "unused" if the types were any)
  await report({ dir: 42 });
  return failing(findings).length + controls.length + (v.ok ? 1 : 0) + (new InputError('x').kind === 'input' ? 1 : 0) + Object.keys(evidence).length + options.outDir.length;
}
`);
    const tsc = require.resolve('typescript/bin/tsc', { paths: [PROJECT_ROOT] });
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16', '--typeRoots', path.join(PROJECT_ROOT, 'node_modules/@types'), '--types', 'node', 'uses-types.ts'];
    const r = await exec(process.execPath, [tsc, ...args], app);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});
