import { execFile } from 'node:child_process';
import type { SourceRecord } from '../../evidence/types/virt';

/** Default limit for a spawned helper (ms): every tool the collector runs is killed after this. */
export const TOOL_TIMEOUT_MS = 5000;

export interface ToolResult {
  status: SourceRecord['status'];
  stdout: string;
  stderr: string;
  /** Exit code when the tool ran to the end. */
  code: number | null;
  detail?: string;
}

/** Runs a host tool with a timeout, an output cap and the C locale; never throws. */
export function runTool(
  file: string,
  args: readonly string[],
  opts: { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal; env?: Record<string, string> } = {},
): Promise<ToolResult> {
  const timeoutMs = opts.timeoutMs ?? TOOL_TIMEOUT_MS;
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: opts.maxBytes ?? 16 * 1024 * 1024,
        // Parsers below read English labels ("Hypervisor vendor:"); PATH gets the sbin folders where dmidecode lives.
        env: { PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin`, LC_ALL: 'C', LANG: 'C', ...opts.env },
        windowsHide: true,
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (err, stdout, stderr) => {
        const out = String(stdout ?? '');
        const errText = String(stderr ?? '');
        if (!err) return resolve({ status: 'read', stdout: out, stderr: errText, code: 0 });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
        if (e.code === 'ENOENT') return resolve({ status: 'missing', stdout: '', stderr: '', code: null, detail: `${file} not installed` });
        if (e.code === 'EACCES') return resolve({ status: 'denied', stdout: '', stderr: '', code: null, detail: `${file} not executable` });
        if (e.killed || e.signal === 'SIGKILL') {
          return resolve({ status: 'timeout', stdout: out, stderr: errText, code: null, detail: `killed after ${timeoutMs} ms` });
        }
        if (e.name === 'AbortError') return resolve({ status: 'error', stdout: out, stderr: errText, code: null, detail: 'aborted' });
        if (typeof e.code === 'number') return resolve({ status: 'read', stdout: out, stderr: errText, code: e.code });
        return resolve({ status: 'error', stdout: out, stderr: errText, code: null, detail: e.message });
      },
    );
  });
}
