import { strict as assert } from 'node:assert';
import { PROBE_LABEL, percentile, phaseStats, runBootProbe } from '../../../src/collectors/storage/boot-probe';
import { requireEngine, type TestEngine } from '../../support/engine';

async function probeContainersOfThisProcess(engine: TestEngine): Promise<string[]> {
  const list = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [PROBE_LABEL] }) });
  return list.filter((c) => (c.Labels[PROBE_LABEL] ?? '').endsWith(`:${process.pid}`)).map((c) => c.Names[0]);
}

describe('collectors/storage boot probe', () => {
  it('takes nearest-rank median and p90', () => {
    assert.equal(percentile([5, 1, 4, 2, 3], 0.5), 3);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
    assert.deepEqual(phaseStats([300, 400, 500]), { medianMs: 400, p90Ms: 500, minMs: 300, maxMs: 500 });
    assert.equal(phaseStats([]), null);
  });

  describe('against a real engine', function () {
    let engine: TestEngine;
    before(async function () {
      engine = await requireEngine(this);
    });
    const log = () => undefined;

    it('creates, starts, waits for and removes throwaway containers, timing each step', async () => {
      const ev = await runBootProbe({ image: engine.image, dockerHost: engine.host, runs: 2, warmupRuns: 0, signal: new AbortController().signal, log });
      assert.equal(ev.status, 'ok', ev.error);
      assert.equal(ev.samples.length, 2);
      for (const s of ev.samples) {
        assert.ok(s.createMs > 0 && s.startMs > 0 && s.removeMs > 0);
        assert.ok(s.untilExitedMs >= s.untilRunningMs && s.untilRunningMs >= s.createMs);
      }
      assert.ok(ev.untilExited!.medianMs > 0 && ev.untilExited!.p90Ms >= ev.untilExited!.medianMs);
      assert.match(ev.imageId ?? '', /^sha256:/);
      assert.equal(ev.networkMode, 'none');
      assert.ok(ev.engine.version && ev.engine.storageDriver);
      assert.deepEqual(ev.leftOver, []);
      assert.deepEqual(await probeContainersOfThisProcess(engine), []);
    });

    it('removes what it created when interrupted mid-run', async () => {
      const ac = new AbortController();
      let seen = 0;
      const ev = await runBootProbe({
        image: engine.image, dockerHost: engine.host, runs: 20, warmupRuns: 0, signal: ac.signal,
        log: () => {
          if (++seen === 1) ac.abort();
        },
      });
      assert.equal(ev.status, 'aborted');
      assert.ok(ev.samples.length >= 1 && ev.samples.length < 20);
      assert.deepEqual(await probeContainersOfThisProcess(engine), []);
    });

    it('fails with a clear message (and creates nothing) when the image is not on the engine', async () => {
      const ev = await runBootProbe({ image: 'ra-test/not-here:none', dockerHost: engine.host, runs: 2, warmupRuns: 0, signal: new AbortController().signal, log });
      assert.equal(ev.status, 'failed');
      assert.match(ev.error!, /image ra-test\/not-here:none is not on the engine; the probe never pulls/);
      assert.deepEqual(await probeContainersOfThisProcess(engine), []);
    });

    it('fails when the payload does not exit 0, and still removes the container', async () => {
      const ev = await runBootProbe({ image: engine.image, dockerHost: engine.host, runs: 1, warmupRuns: 0, cmd: ['sh', '-c', 'exit 3'], signal: new AbortController().signal, log });
      assert.equal(ev.status, 'failed');
      assert.match(ev.error!, /exited with status 3/);
      assert.deepEqual(ev.leftOver, []);
      assert.deepEqual(await probeContainersOfThisProcess(engine), []);
    });
  });
});
