/**
 * A report (read, evaluate, render, write) in a worker thread. Rendering a big PDF holds its thread for
 * seconds at a time; in a worker, the main thread still handles Ctrl-C at once, and an abort ends the
 * report by terminating the worker (its writes all go to a staging folder that is then removed). A
 * worker that runs out of memory fails the report with a message instead of taking the process down.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError, InterruptedError, NothingCollectedError, type ErrorKind } from '../errors';
import type { ReportOptions, ReportResult } from './report';

interface Posted {
  ok: boolean;
  result?: ReportResult;
  error?: { kind: ErrorKind | null; name: string; message: string; stack?: string };
}

/** The error as the worker threw it: same kind (for the exit code), name and message. */
function revive(e: NonNullable<Posted['error']>): Error {
  const err = e.kind === 'input' ? new InputError(e.message) : e.kind === 'nothing-collected' ? new NothingCollectedError(e.message) : e.kind === 'interrupted' ? new InterruptedError(e.message) : new Error(e.message);
  Object.defineProperty(err, 'name', { value: e.name, configurable: true, writable: true });
  if (e.stack) err.stack = e.stack;
  return err;
}

export function reportInWorker(opts: ReportOptions, signal?: AbortSignal): Promise<ReportResult> {
  if (signal?.aborted) return Promise.reject(new InterruptedError(`interrupted before the report of ${opts.dir} began`));
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'report-worker.js'), { workerData: opts });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(new InterruptedError(`interrupted while reporting on ${opts.dir}`)));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: Posted) => settle(() => (m.ok ? resolve(m.result!) : reject(revive(m.error!)))));
    worker.once('error', (err) => settle(() => reject(new Error(`the report failed: ${err.message}`, { cause: err }))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the report stopped unexpectedly (worker exit code ${code})`))));
  });
}
