import type { SourceRecord } from '../../evidence/types/virt';

/** What one run of a host tool gave, batched or in a process of its own. */
export interface ToolResult {
  status: SourceRecord['status'];
  stdout: string;
  stderr: string;
  /** Exit code when the tool ran to the end. */
  code: number | null;
  detail?: string;
}

/** The tool is not on PATH (execvp's ENOENT) or not executable there (EACCES): nothing was run. */
export function notRunnable(file: string, status: 'missing' | 'denied'): ToolResult {
  return { status, stdout: '', stderr: '', code: null, detail: status === 'missing' ? `${file} not installed` : `${file} not executable` };
}

/** Why a tool was stopped before its end, with what it had written until then. */
export function stoppedTool(why: { timeoutMs: number } | { maxBytes: number } | 'aborted', stdout = '', stderr = ''): ToolResult {
  if (why === 'aborted') return { status: 'error', stdout, stderr, code: null, detail: 'aborted' };
  if ('timeoutMs' in why) return { status: 'timeout', stdout, stderr, code: null, detail: `killed after ${why.timeoutMs} ms` };
  return { status: 'error', stdout, stderr, code: null, detail: `stopped: its output passed ${why.maxBytes} bytes` };
}
