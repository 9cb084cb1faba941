/**
 * Run work with an AbortSignal tied to SIGINT/SIGTERM. The first signal aborts the signal: collectors
 * stop, a report in its worker thread is terminated, nothing is swapped into the output folder, and the
 * staging folder is removed (src/pipeline/staging.ts). With a deadline, whatever is still running when it
 * passes is cut short: the staging folders are removed, the locks released and a folder made for the
 * run removed while still empty, synchronously, and the process exits 130. A second signal does that at once.
 */
import { AuditError, InterruptedError } from '../../errors';
import { releaseHeldLocksSync } from '../../pipeline/lock';
import { removeMadeFoldersSync, removeStagingSync } from '../../pipeline/staging';
import { EXIT, EXIT_FOR_ERROR } from '../exit-codes';
import { endEarlySignal } from '../early-signal';

/** After the first signal, run/collect/report exit within this time (well inside the 2 s they promise). */
export const STOP_DEADLINE_MS = 1500;

export interface InterruptOptions {
  /** Exit (130, or the work's own code when it has ended) this long after the first signal; default: wait for the work. */
  deadlineMs?: number;
}

function hardExit(code: number): never {
  try {
    removeStagingSync();
    releaseHeldLocksSync();
    removeMadeFoldersSync();
  } finally {
    process.exit(code);
  }
}

export async function withInterrupt<T extends number>(work: (signal: AbortSignal) => Promise<T>, opts: InterruptOptions = {}): Promise<T> {
  const ac = new AbortController();
  let settled: number | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (settled !== undefined && opts.deadlineMs !== undefined) hardExit(settled); // the work has ended: exit with its code
    if (ac.signal.aborted) {
      process.stderr.write(`residency-audit: ${sig} again: exiting now\n`);
      hardExit(settled ?? EXIT.interrupted);
    }
    process.stderr.write(`residency-audit: ${sig} received, stopping and cleaning up (again to exit now)\n`);
    ac.abort(new InterruptedError(`interrupted by ${sig}`));
    if (opts.deadlineMs !== undefined) {
      deadline = setTimeout(() => {
        if (settled === undefined) process.stderr.write(`residency-audit: still busy ${opts.deadlineMs} ms after ${sig}: exiting (nothing was swapped into the output folder)\n`);
        hardExit(settled ?? EXIT.interrupted);
      }, opts.deadlineMs);
      // Once the work has ended the timer only cuts short what still holds the process open.
      if (settled !== undefined) deadline.unref();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  endEarlySignal();
  try {
    const code = await work(ac.signal);
    settled = code;
    return code;
  } catch (err) {
    // Whatever an abort made fail (a closed socket, a terminated worker) is the interruption.
    const e = ac.signal.aborted && !(err instanceof AuditError) ? new InterruptedError(`${(ac.signal.reason as Error).message}: ${err instanceof Error ? err.message : String(err)}`) : err;
    settled = e instanceof AuditError ? EXIT_FOR_ERROR[e.kind] : EXIT.failed;
    throw e;
  } finally {
    deadline?.unref();
    // With a deadline the handlers stay until the process exits: a late signal then exits with the work's code.
    if (opts.deadlineMs === undefined) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
