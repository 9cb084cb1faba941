/**
 * The entry of the worker thread a report runs in (src/pipeline/report-thread.ts): evaluate and render
 * the folder it is given, post the result or the error back. Nothing else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AuditError } from '../errors';
import { reportFromDir, type ReportOptions } from './report';

reportFromDir(workerData as ReportOptions).then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({ ok: false, error: { kind: e instanceof AuditError ? e.kind : null, name: e.name, message: e.message, stack: e.stack } });
  },
);
