import { strict as assert } from 'node:assert';
import { storageCollector } from '../../../src/collectors/storage';
import type { CollectContext } from '../../../src/collectors/types';
import type { DockerEvidence, EvidenceFile } from '../../../src/evidence/types';
import { diskTempDir, removeDir } from './support';

function ctx(options: unknown, earlier: CollectContext['earlier'] = {}, log: string[] = []): CollectContext {
  return { hostRoot: '/', earlier, log: (l) => log.push(l), signal: new AbortController().signal, options: { storage: options } };
}

describe('storageCollector', function () {
  this.timeout(60_000);

  it('rejects bad options with a message naming the option', async () => {
    const out = await storageCollector.collect(ctx({ profile: 'huge' }));
    assert.equal(out.status, 'failed');
    assert.equal(out.error, 'storage profile must be one of tiny, quick, full; got "huge"');
    assert.equal((await storageCollector.collect(ctx({ engine: 'dd' }))).error, 'storage engine must be auto, fio or node; got "dd"');
  });

  it('fails, saying why, when there is neither docker evidence nor a --dir', async () => {
    const failedDocker = { collector: 'docker', status: 'failed', error: 'engine unreachable at unix:///x: ENOENT', data: null } as unknown as EvidenceFile<DockerEvidence>;
    const out = await storageCollector.collect(ctx({}, { docker: failedDocker }));
    assert.equal(out.status, 'failed');
    assert.match(out.error!, /nothing to measure: the docker collector failed \(engine unreachable at unix:\/\/\/x: ENOENT\)/);
  });

  it('measures the data-root from the docker evidence, with progress lines, as the `run` command will', async () => {
    const dir = diskTempDir();
    try {
      const docker = { collector: 'docker', status: 'ok', data: { endpoint: 'unix:///var/run/docker.sock', info: { DockerRootDir: dir }, volumes: [] } } as unknown as EvidenceFile<DockerEvidence>;
      const log: string[] = [];
      const out = await storageCollector.collect(ctx({ profile: 'tiny', engine: 'node', runtimeSeconds: 0.05 }, { docker }, log));
      assert.ok(out.status === 'ok' || out.status === 'partial', out.error);
      const t = out.data!.targets[0];
      assert.deepEqual(t.roles, ['docker-data-root']);
      assert.equal(t.status, 'measured', t.reason);
      assert.equal(out.data!.primary, 0);
      assert.ok(log.some((l) => /\[1\/5\] randread4kQd1/.test(l)), log.join('\n'));
      assert.ok(log.some((l) => /randread4kQd1: [\d,]+ IOPS/.test(l)));
    } finally {
      removeDir(dir);
    }
  });
});
