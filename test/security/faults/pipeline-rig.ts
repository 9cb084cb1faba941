/**
 * What the pipeline fault tests share: the real CLI as a child process with a hard deadline, an earlier
 * pack to damage or replace, a small tmpfs (mounted by the test, always unmounted), FIFOs, a seeded
 * random source, and a look at a folder: does it verify, is it the earlier pack, is anything left over.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verify } from '../../../src/index';
import { PROJECT_ROOT } from '../../../src/version';

export const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
export const SAMPLE = path.join(PROJECT_ROOT, 'evidence/sample');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** When the process ended (Date.now()). */
  endedAt: number;
}

export interface Started {
  child: ChildProcess;
  done: Promise<CliRun>;
}

/** Start the CLI; `done` settles when it exits, or fails the test after `deadlineMs` (the process is killed). */
export function startCli(args: string[], opts: { deadlineMs?: number; env?: NodeJS.ProcessEnv; stopped?: boolean } = {}): Started {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (opts.stopped) child.kill('SIGSTOP');
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadlineMs = opts.deadlineMs ?? 120_000;
  const done = new Promise<CliRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`residency-audit ${args.join(' ')} did not end within ${deadlineMs} ms (killed)\n${stderr}`));
    }, deadlineMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, endedAt: Date.now() });
    });
  });
  return { child, done };
}

export function cli(args: string[], opts: { deadlineMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return startCli(args, opts).done;
}

export async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

export async function tempRoot(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `ra-fault-${prefix}-`));
}

/** A complete, verified pack in `dir` (the sample evidence, reported once): the "earlier pack"; `extra` files are in it (and its manifest). */
export async function earlierPack(dir: string, extra: Record<string, string> = {}): Promise<void> {
  await fs.cp(SAMPLE, dir, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) await fs.writeFile(path.join(dir, rel), text);
  const r = await cli(['report', dir, '--format', 'sarif'], { deadlineMs: 120_000 });
  assert.equal(r.code, 0, `the earlier pack could not be made: ${r.stderr}`);
}

/** Every entry under `dir` (relative, folders with a trailing slash), without following links. */
export async function tree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(`${r}/`, ...(await tree(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

/** Staging/old folders, temp files and locks the tool may leave in a folder or beside it. */
export async function leftovers(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const beside = (await fs.readdir(parent)).filter((n) => n.startsWith(`.${path.basename(outDir)}.ra-`)).map((n) => path.join(parent, n));
  const inside = (await exists(outDir)) ? (await tree(outDir)).filter((r) => /(^|\/)(\.ra-staging-|\.render-|\.residency-audit\.lock)|\.tmp$/.test(r)).map((r) => path.join(outDir, r)) : [];
  return [...beside, ...inside];
}

export interface PackLook {
  ok: boolean;
  failures: string[];
  /** manifest.json as bytes (null when there is none). */
  manifest: Buffer | null;
}

export async function look(dir: string): Promise<PackLook> {
  const manifest = await fs.readFile(path.join(dir, 'manifest.json')).catch(() => null);
  if (!manifest) return { ok: false, failures: ['no manifest.json'], manifest };
  const v = await verify({ dir });
  const m = v.manifest;
  const detail = 'unusable' in m ? [m.unusable] : [...m.changed.map((f) => `changed ${f}`), ...m.missing.map((f) => `missing ${f}`), ...m.unlisted.map((f) => `unlisted ${f}`), ...m.special.map((e) => `special ${e.path}`)];
  return { ok: v.ok, failures: [...v.failures, ...detail], manifest };
}

export function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

/** Mount a tmpfs of `bytes` at `dir` (created); the returned function unmounts it (call it in finally). */
export async function mountTmpfs(dir: string, bytes: number): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`cannot mount a tmpfs at ${dir} (the full-disk tests need root): ${(err as Error).message}`);
  }
  return async () => {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    }
  };
}

/** Bytes of every file under dir. */
export async function du(dir: string): Promise<number> {
  let n = 0;
  for (const r of await tree(dir)) if (!r.endsWith('/')) n += (await fs.lstat(path.join(dir, r))).size;
  return n;
}

/** mulberry32: a small seeded generator, so a failing trial can be replayed (RA_FAULT_SEED). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolve when `p` exists (polling), or after `ms` with false. */
export async function waitFor(p: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await exists(p)) return true;
    await sleep(2);
  }
  return false;
}
