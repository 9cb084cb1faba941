/**
 * What each Swarm task runs (`residency-audit fleet task`): collect this node's evidence into a private
 * tmpfs folder with the host mounted read-only at /host, seal it with its manifest, then write the
 * folder to stdout as a framed stream (src/fleet/stream.ts) for the manager to read from the task log.
 * Progress goes to stderr, which the manager does not read: stdout carries only the stream.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, listPackFiles } from '../evidence/manifest';
import { InterruptedError, NothingCollectedError } from '../errors';
import { collect, type CollectOptions } from '../index';
import { TOOL_VERSION } from '../version';
import { encodeBundle, failLine, frameLines, type BundleFile } from './stream';
import { TASK_HEARTBEAT } from './service';
import { FLEET_STORAGE_SKIP } from '../findings/fleet';

export { FLEET_STORAGE_SKIP };


async function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
}

/** Every file of a sealed evidence folder (manifest included), as bundle entries. */
export async function folderFiles(dir: string): Promise<BundleFile[]> {
  const names = [...(await listPackFiles(dir)), MANIFEST_FILE];
  return Promise.all(names.map(async (p) => ({ path: p, data: await fs.readFile(path.join(dir, p)) })));
}

export interface TaskOptions {
  /** What to collect (from the task's command line); storage is never benchmarked here. */
  collect: CollectOptions;
  stdout?: NodeJS.WritableStream;
}

/** Collect, seal, stream. Returns the exit code; a failure is also written as a FAIL line the manager reports. */
export async function runTask(o: TaskOptions): Promise<number> {
  const stdout = o.stdout ?? process.stdout;
  // The health check reads this file's age: a collection that hangs stops touching it.
  const beat = () => fs.writeFile(TASK_HEARTBEAT, `${Date.now()}\n`).catch(() => undefined);
  await beat();
  const heartbeat = setInterval(beat, 5000);
  heartbeat.unref();
  try {
    const opts: CollectOptions = { ...o.collect, skip: { ...o.collect.skip, storage: FLEET_STORAGE_SKIP } };
    try {
      await collect(opts);
    } catch (err) {
      if (err instanceof InterruptedError) {
        await writeLine(stdout, failLine('the collection was interrupted (the task was stopped)'));
        return 130;
      }
      // Nothing collectable is still this node's evidence (sealed): the manager shows why.
      if (!(err instanceof NothingCollectedError)) throw err;
    }
    const files = await folderFiles(opts.outDir);
    const meta = { v: 1 as const, nodeId: process.env.RESIDENCY_AUDIT_FLEET_NODE_ID || null, hostname: process.env.RESIDENCY_AUDIT_FLEET_NODE_HOSTNAME || null, toolVersion: TOOL_VERSION, files: files.length };
    for (const line of frameLines(encodeBundle(files), meta)) await writeLine(stdout, line);
    return 0;
  } catch (err) {
    await writeLine(stdout, failLine((err as Error).message ?? String(err)));
    return 4;
  } finally {
    clearInterval(heartbeat);
  }
}
