import type { CommandRecord } from '../../evidence/types/network';
import { runTool } from '../virt/run-tool';

/** Rule dumps of a busy host run to a few MiB; anything beyond this is not a dump. */
const MAX_OUTPUT = 32 * 1024 * 1024;
const STDERR_KEEP = 2048;

/** The tools refuse without CAP_NET_ADMIN; say so instead of showing a bare exit code. */
const DENIED = /permission denied|operation not permitted|must be root|you must be root|can't initialize .* table/i;

/** A way to run a command (injectable so tests can fake a missing tool or a denial). */
export type CommandRunner = (file: string, args: readonly string[], timeoutMs: number) => Promise<CommandRecord>;

/** Runs a command and records it with its command line; never throws. */
export const runCommand: CommandRunner = async (file, args, timeoutMs) => {
  const command = [file, ...args].join(' ');
  const r = await runTool(file, args, { timeoutMs, maxBytes: MAX_OUTPUT });
  const stderr = r.stderr ? r.stderr.slice(0, STDERR_KEEP) : undefined;
  if (r.status !== 'read') return { command, status: r.status, exitCode: r.code, ...(stderr ? { stderr } : {}), detail: r.status === 'missing' ? 'not installed' : r.detail };
  if (r.code !== 0) {
    const denied = DENIED.test(r.stderr);
    return {
      command,
      status: denied ? 'denied' : 'error',
      exitCode: r.code,
      ...(r.stdout ? { stdout: r.stdout } : {}),
      ...(stderr ? { stderr } : {}),
      detail: denied ? `permission denied (needs root / CAP_NET_ADMIN): ${r.stderr.trim().split('\n')[0]}` : `exit code ${r.code}: ${r.stderr.trim().split('\n')[0] || 'no message'}`,
    };
  }
  return { command, status: 'read', exitCode: 0, stdout: r.stdout, ...(stderr ? { stderr } : {}) };
};

/** A command that was deliberately not run, with the reason. */
export function notRun(command: string, why: string): CommandRecord {
  return { command, status: 'not-run', exitCode: null, detail: why };
}
