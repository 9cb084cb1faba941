/**
 * The end of a bench that created containers on a test engine: remove this run's containers a few at a
 * time (the engine dislikes hundreds of parallel removals), then the harness's teardown and the work folder.
 * dockerd 20.10 has been seen to wedge here: a killed container's exit never reaches it and every
 * removal after that waits forever. So the first removal not done within REMOVE_DEADLINE_MS ends the
 * cleanup, naming what is left and how to remove it (a restarted engine removes them at once).
 */
import type Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import { mapLimit } from '../../src/util/map-limit';
import { teardownEngine, TEST_LABEL, type TestEngine } from '../../test/support/engine';

const REMOVE_DEADLINE_MS = 30_000;

export async function removeBenchContainers(engine: TestEngine, work: string): Promise<void> {
  const label = `${TEST_LABEL}=${engine.runId}`;
  const filters = JSON.stringify({ label: [label] });
  const ours = await engine.docker.listContainers({ all: true, filters }).catch(() => []);
  const wedged = new AbortController();
  const each = (list: typeof ours, step: (c: Docker.Container, signal: AbortSignal) => Promise<unknown>) =>
    mapLimit(list, 8, async (c) => {
      if (wedged.signal.aborted) return;
      const signal = AbortSignal.any([wedged.signal, AbortSignal.timeout(REMOVE_DEADLINE_MS)]);
      // Any other failure (already stopped, already gone) leaves nothing behind.
      await step(engine.docker.getContainer(c.Id), signal).catch(() => {
        if (signal.aborted) wedged.abort();
      });
    });
  // Stopped first, then removed: a forced removal of hundreds of running containers is where dockerd wedged.
  await each(ours.filter((c) => c.State === 'running'), (c, abortSignal) => c.kill({ abortSignal }));
  await each(ours, (c, abortSignal) => c.remove({ force: true, abortSignal }));
  if (wedged.signal.aborted) {
    const left = await engine.docker.listContainers({ all: true, filters }).then((l) => String(l.length), () => 'some');
    process.stderr.write(`the engine did not remove a container within ${REMOVE_DEADLINE_MS / 1000} s; ${left} left: restart the engine and run docker rm -f $(docker ps -aq --filter label=${label})\n`);
  }
  await teardownEngine();
  await fs.rm(work, { recursive: true, force: true });
}
