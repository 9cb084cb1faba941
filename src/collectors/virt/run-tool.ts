import { execFile } from 'node:child_process';
import { runBatched, type BatchJob } from './tool-batch';
import { notRunnable, stoppedTool, type ToolResult } from './tool-result';

export type { ToolResult } from './tool-result';

/** Default limit for a spawned helper (ms): every tool the collector runs is killed after this. */
export const TOOL_TIMEOUT_MS = 5000;

/** Runs a host tool with a timeout, an output cap and the C locale; never throws. Batched with the other tools of this tick (tool-batch.ts). */
export function runTool(
  file: string,
  args: readonly string[],
  opts: { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal; env?: Record<string, string> } = {},
): Promise<ToolResult> {
  const job: BatchJob = {
    file,
    args,
    // Parsers below read English labels ("Hypervisor vendor:"); PATH gets the sbin folders where dmidecode lives.
    env: { PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin`, LC_ALL: 'C', LANG: 'C', ...opts.env },
    timeoutMs: opts.timeoutMs ?? TOOL_TIMEOUT_MS,
    maxBytes: opts.maxBytes ?? 16 * 1024 * 1024,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  return runBatched(job) ?? runAlone(job);
}

/** One tool in a process of its own (where there is no bash to batch with). */
export function runAlone({ file, args, env, timeoutMs, maxBytes, signal }: BatchJob): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: maxBytes, env, windowsHide: true, ...(signal ? { signal } : {}) },
      (err, stdout, stderr) => {
        const out = String(stdout ?? '');
        const errText = String(stderr ?? '');
        if (!err) return resolve({ status: 'read', stdout: out, stderr: errText, code: 0 });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
        if (e.code === 'ENOENT') return resolve(notRunnable(file, 'missing'));
        if (e.code === 'EACCES') return resolve(notRunnable(file, 'denied'));
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve(stoppedTool({ maxBytes }, out, errText));
        if (e.killed || e.signal === 'SIGKILL') return resolve(stoppedTool({ timeoutMs }, out, errText));
        if (e.name === 'AbortError') return resolve(stoppedTool('aborted', out, errText));
        if (typeof e.code === 'number') return resolve({ status: 'read', stdout: out, stderr: errText, code: e.code });
        return resolve({ status: 'error', stdout: out, stderr: errText, code: null, detail: e.message });
      },
    );
    // A tool that reads its input gets end of file at once, as in a batch (its stdin is /dev/null there).
    child.stdin?.end();
  });
}
