/**
 * The end of a bench that created containers on a test engine: remove this run's containers a few at a
 * time (the engine dislikes hundreds of parallel removals), then the harness's teardown and the work folder.
 */
import { promises as fs } from 'node:fs';
import { mapLimit } from '../../src/util/map-limit';
import { teardownEngine, TEST_LABEL, type TestEngine } from '../../test/support/engine';

export async function removeBenchContainers(engine: TestEngine, work: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${engine.runId}`] });
  const ours = await engine.docker.listContainers({ all: true, filters }).catch(() => []);
  await mapLimit(ours, 8, (c) => engine.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
  await teardownEngine();
  await fs.rm(work, { recursive: true, force: true });
}
