import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAlone, runTool, type ToolResult } from '../../../src/collectors/virt/run-tool';
import { batchStats, resolveExecutable, setBatchShell } from '../../../src/collectors/virt/tool-batch';

/** Every tool of one tick, run once batched and once each in its own process: the answers must match. */
const CASES: [string, string[], { timeoutMs?: number; maxBytes?: number; env?: Record<string, string> }?][] = [
  ['sh', ['-c', 'echo out; echo err >&2; exit 3']],
  ['sh', ['-c', 'printf "%s|%s|%s" "$LC_ALL" "$LANG" "$RA_X"'], { env: { RA_X: "it's set" } }],
  ['sh', ['-c', 'printf "%s" "$RA_X"']],
  ['sh', ['-c', 'cat; echo "stdin was empty"']],
  ['printf', ['%s\\n', 'æøå', "a'b", '$HOME', '`x`']],
  ['ra-no-such-tool-batch', []],
  ['sleep', ['5'], { timeoutMs: 300 }],
];

describe('virt: host tools run as one batch', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ra-batch-'));
    writeFileSync(path.join(dir, 'not-exec'), '#!/bin/sh\necho no\n');
    chmodSync(path.join(dir, 'not-exec'), 0o644);
  });
  after(() => {
    setBatchShell(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each tool what a process of its own gives it, with one shell for the tick', async () => {
    const before = { ...batchStats };
    const batched = await Promise.all(CASES.map(([f, a, o]) => runTool(f, a, o)));
    // The tool not on PATH is answered without a spawn; the rest ran under one bash.
    strictEqual(batchStats.shells - before.shells, 1);
    strictEqual(batchStats.tools - before.tools, CASES.length - 1);
    setBatchShell(null);
    const alone = await Promise.all(CASES.map(([f, a, o]) => runTool(f, a, o)));
    setBatchShell(undefined);
    deepStrictEqual(batched, alone);
    strictEqual(batched[0].stdout, 'out\n');
    strictEqual(batched[0].stderr, 'err\n');
    strictEqual(batched[0].code, 3);
    strictEqual(batched[1].stdout, "C|C|it's set");
    // The environment of one tool is not another's.
    strictEqual(batched[2].stdout, '');
    strictEqual(batched[3].stdout, 'stdin was empty\n');
    strictEqual(batched[5].status, 'missing');
    strictEqual(batched[6].status, 'timeout');
  });

  it('stops a tool whose output passes its cap, batched or not', async () => {
    const job = ['sh', ['-c', 'head -c 200000 /dev/zero']] as const;
    const batched = await runTool(job[0], job[1], { maxBytes: 1000 });
    strictEqual(batched.status, 'error');
    ok(batched.detail?.includes('1000 bytes'), batched.detail);
    const alone = await runAlone({ file: job[0], args: job[1], env: { PATH: process.env.PATH ?? '' }, timeoutMs: 5000, maxBytes: 1000 });
    deepStrictEqual({ ...alone, stdout: '' }, { ...batched, stdout: '' });
  });

  it('answers an abort, and a tool that is there but not executable, as execFile does', async () => {
    const ac = new AbortController();
    const running = runTool('sleep', ['5'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const t = Date.now();
    const r: ToolResult = await running;
    strictEqual(r.status, 'error');
    strictEqual(r.detail, 'aborted');
    ok(Date.now() - t < 3000, 'the aborted tool was not stopped');
    deepStrictEqual(resolveExecutable('not-exec', dir), { status: 'denied' });
    strictEqual((await runTool(path.join(dir, 'not-exec'), [])).status, 'denied');
  });

  it('does not wait for a process a tool leaves behind holding its output', async () => {
    const t = Date.now();
    const r = await runTool('sh', ['-c', 'sleep 4 & echo started']);
    strictEqual(r.stdout, 'started\n');
    ok(Date.now() - t < 3000, `took ${Date.now() - t} ms`);
  });
});
