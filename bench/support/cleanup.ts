/**
 * The end of a bench that created containers on a test engine: remove this run's containers a few at a
 * time (the engine dislikes hundreds of parallel removals), then the harness's teardown and the work folder.
 * A removal the engine does not finish in REMOVE_DEADLINE_MS is given up (dockerd 20.10 has been seen to
 * wedge in a forced removal): the bench ends and names what is left and how to remove it.
 */
import { promises as fs } from 'node:fs';
import { mapLimit } from '../../src/util/map-limit';
import { teardownEngine, TEST_LABEL, type TestEngine } from '../../test/support/engine';

const REMOVE_DEADLINE_MS = 30_000;

export async function removeBenchContainers(engine: TestEngine, work: string): Promise<void> {
  const label = `${TEST_LABEL}=${engine.runId}`;
  const ours = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) }).catch(() => []);
  let left = 0;
  await mapLimit(ours, 8, async (c) => {
    const signal = AbortSignal.timeout(REMOVE_DEADLINE_MS);
    // Any other failure (already gone) leaves nothing behind.
    await engine.docker.getContainer(c.Id).remove({ force: true, abortSignal: signal }).catch(() => {
      if (signal.aborted) left++;
    });
  });
  if (left) process.stderr.write(`${left} container(s) not removed within ${REMOVE_DEADLINE_MS / 1000} s; remove them with: docker rm -f $(docker ps -aq --filter label=${label})\n`);
  await teardownEngine();
  await fs.rm(work, { recursive: true, force: true });
}
