/**
 * Host tools asked for in the same tick run as one batch under one bash. Forking the audit process costs a
 * few ms per tool on its main thread (copying the page tables of a 100 MB heap, then waiting for the
 * exec), and the collectors ask for 15 of them while the engine answers; a small bash forks them instead,
 * on whatever CPU is free.
 *
 * Each tool keeps what execFile gave it: its own stdout and stderr pipes (bash closes every other one),
 * stdin from /dev/null, the environment runTool builds, its exit code, a SIGKILL at its time limit or
 * when either output passes its cap, and the abort signal. A tool that is not on PATH or not executable
 * is answered here without a spawn, as execvp would have (ENOENT, EACCES).
 * Not kept: bash reports a death by signal N as exit code 128+N, so it is recorded as that code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { notRunnable, stoppedTool, type ToolResult } from './tool-result';

export interface BatchJob {
  file: string;
  args: readonly string[];
  /** The whole environment of the tool. */
  env: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/** How many batch shells and tools ran in this process (a test reads them). */
export const batchStats = { shells: 0, tools: 0 };

/** Where `file` is on `searchPath`, the way execvp looks: missing, or denied when only non-executable ones exist. */
export function resolveExecutable(file: string, searchPath: string): { path: string } | { status: 'missing' | 'denied' } {
  const candidates = file.includes('/') ? [file] : searchPath.split(':').filter(Boolean).map((d) => path.join(d, file));
  let denied = false;
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
    } catch {
      continue;
    }
    try {
      accessSync(c, constants.X_OK);
      return { path: c };
    } catch {
      denied = true;
    }
  }
  return { status: denied ? 'denied' : 'missing' };
}

let shell: string | null | undefined;

/** The bash that runs batches; null (no batching) where there is none, as in a busybox image. */
function batchShell(): string | null {
  if (shell === undefined) {
    const found = resolveExecutable('bash', `${process.env.PATH ?? ''}:/usr/bin:/bin`);
    shell = 'path' in found ? found.path : null;
  }
  return shell;
}

/** Tests turn batching off (null) or back on (undefined: look for bash again). */
export function setBatchShell(value: string | null | undefined): void {
  shell = value;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One pending tool: its job, where its answer goes, and what came back so far. */
interface Pending {
  job: BatchJob;
  exe: string;
  resolve: (r: ToolResult) => void;
  out: Buffer[];
  err: Buffer[];
  sizes: [number, number];
  open: number;
  streams: Readable[];
  pid?: number;
  code?: number;
  stopped?: 'timeout' | 'aborted' | 'output';
  done?: boolean;
  timer?: NodeJS.Timeout;
  onAbort?: () => void;
}

let queue: Pending[] = [];

/**
 * Run a tool in this tick's batch; null when it cannot be batched (no bash, an environment name bash cannot
 * set), so the caller runs it on its own. Never rejects.
 */
export function runBatched(job: BatchJob): Promise<ToolResult> | null {
  const sh = batchShell();
  if (!sh || !Object.keys(job.env).every((k) => ENV_NAME.test(k))) return null;
  if (job.signal?.aborted) return Promise.resolve(stoppedTool('aborted'));
  const where = resolveExecutable(job.file, job.env.PATH ?? '');
  if (!('path' in where)) return Promise.resolve(notRunnable(job.file, where.status));
  return new Promise((resolve) => {
    if (!queue.length) setImmediate(() => startBatch(sh));
    queue.push({ job, exe: where.path, resolve, out: [], err: [], sizes: [0, 0], open: 2, streams: [] });
  });
}

/** The bash script: each tool in a subshell that reports its pid and its exit code on stdout. */
function script(jobs: Pending[], base: Record<string, string>): string {
  const fds = jobs.flatMap((_, i) => [3 + 2 * i, 4 + 2 * i]);
  const closeAll = fds.map((fd) => `${fd}>&-`).join(' ');
  const lines = ['export -n PWD OLDPWD', 'exec 0</dev/null'];
  jobs.forEach((p, i) => {
    // Every name of bash's environment is the tool's too, with the same value (startBatch); the rest is set here.
    const env = Object.entries(p.job.env).filter(([k, v]) => base[k] !== v).map(([k, v]) => `${k}=${quote(v)} `).join('');
    const cmd = [p.exe, ...p.job.args].map(quote).join(' ');
    lines.push(`{ ${env}${cmd} >&${3 + 2 * i} 2>&${4 + 2 * i} ${closeAll} & echo "p ${i} $!"; exec ${closeAll}; wait $!; echo "x ${i} $?"; } &`);
  });
  lines.push(`exec ${closeAll}`, 'wait');
  return lines.join('\n');
}

function startBatch(sh: string): void {
  const jobs = queue;
  queue = [];
  // What every tool shares (runTool gives them all PATH, LC_ALL and LANG) is bash's own environment.
  const base = { ...jobs[0].job.env };
  for (const p of jobs) for (const k of Object.keys(base)) if (p.job.env[k] !== base[k]) delete base[k];
  let child: ChildProcess;
  try {
    child = spawn(sh, ['-c', script(jobs, base)], { env: base, stdio: ['ignore', 'pipe', 'pipe', ...jobs.flatMap(() => ['pipe', 'pipe'] as const)], windowsHide: true });
  } catch (err) {
    for (const p of jobs) finish(p, { status: 'error', stdout: '', stderr: '', code: null, detail: `the tool batch could not start: ${(err as Error).message}` });
    return;
  }
  batchStats.shells++;
  batchStats.tools += jobs.length;
  let shellErr = '';
  child.stderr!.on('data', (c: Buffer) => void (shellErr.length < 2048 && (shellErr += c.toString())));
  const stop = (p: Pending, why: NonNullable<Pending['stopped']>): void => {
    if (p.done || p.stopped) return;
    p.stopped = why;
    if (p.pid) kill(p.pid);
  };
  jobs.forEach((p, i) => {
    p.timer = setTimeout(() => stop(p, 'timeout'), p.job.timeoutMs);
    if (p.job.signal) {
      p.onAbort = () => stop(p, 'aborted');
      p.job.signal.addEventListener('abort', p.onAbort, { once: true });
    }
    ([0, 1] as const).forEach((s) => {
      const stream = child.stdio[3 + 2 * i + s] as Readable;
      p.streams.push(stream);
      stream.on('data', (c: Buffer) => {
        p.sizes[s] += c.length;
        if (p.sizes[s] > p.job.maxBytes) stop(p, 'output');
        else (s ? p.err : p.out).push(c);
      });
      stream.on('close', () => {
        p.open--;
        settle(p);
      });
    });
  });
  let control = '';
  child.stdout!.on('data', (c: Buffer) => {
    control += c.toString();
    let nl: number;
    while ((nl = control.indexOf('\n')) >= 0) {
      const [kind, i, n] = control.slice(0, nl).split(' ');
      control = control.slice(nl + 1);
      const p = jobs[Number(i)];
      if (!p) continue;
      if (kind === 'p') {
        p.pid = Number(n);
        if (p.stopped) kill(p.pid);
      } else if (kind === 'x') {
        p.code = Number(n);
        settle(p);
        // A process the tool left behind may hold its outputs open: what came within a second is its answer.
        if (!p.done) setTimeout(() => p.streams.forEach((st) => st.destroy()), 1000).unref();
      }
    }
  });
  const ended = (why: string): void => {
    for (const p of jobs) {
      if (p.done) continue;
      if (p.pid && p.code === undefined) kill(p.pid);
      finish(p, { status: 'error', stdout: text(p.out), stderr: text(p.err), code: null, detail: `${why}${shellErr ? `: ${shellErr.trim().split('\n')[0]}` : ''}` });
    }
  };
  child.on('error', (err) => ended(`the tool batch could not run: ${err.message}`));
  // bash exits after its last wait; a tool whose exit it never reported ended with it. (Deferred: the
  // close of the last output pipe reaches its job's listener after the child's own 'close'.)
  child.on('close', () => setImmediate(() => ended('the tool batch ended before the tool did')));
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');

/** A tool is done when its exit code is known and both its outputs have closed. */
function settle(p: Pending): void {
  if (p.done || p.code === undefined || p.open > 0) return;
  const stdout = text(p.out);
  const stderr = text(p.err);
  if (p.stopped === 'timeout') return finish(p, stoppedTool({ timeoutMs: p.job.timeoutMs }, stdout, stderr));
  if (p.stopped === 'aborted') return finish(p, stoppedTool('aborted', stdout, stderr));
  if (p.stopped === 'output') return finish(p, stoppedTool({ maxBytes: p.job.maxBytes }, stdout, stderr));
  finish(p, { status: 'read', stdout, stderr, code: p.code });
}

function finish(p: Pending, r: ToolResult): void {
  if (p.done) return;
  p.done = true;
  clearTimeout(p.timer);
  if (p.onAbort) p.job.signal?.removeEventListener('abort', p.onAbort);
  p.resolve(r);
}
