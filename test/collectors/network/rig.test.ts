import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { rigPrerequisites, startRig, sweepRig } from '../../support/netns-rig';

const run = promisify(execFile);

describe('namespace rig: the startup sweep cleans up after a crashed run', function () {
  this.timeout(180_000);

  it('removes a live two-node rig that was never torn down: dockerds, namespaces, links, FORWARD rule, folders', async function () {
    const missing = await rigPrerequisites();
    if (missing) {
      if (process.env.CI === 'true') throw new Error(`namespace rig unavailable under CI=true: ${missing}`);
      this.skip();
    }
    const prefix = 'rasweep';
    const rig = await startRig({ prefix, subnet: '10.214.1', subnet6: null, nodes: 2 });
    try {
      assert.equal(rig.nodes.length, 2);
      const names = await Promise.all(rig.nodes.map(async (n) => (await n.docker.info()).Name));
      assert.deepEqual(names, [`${prefix}-node-1`, `${prefix}-node-2`]);
      const pids = rig.nodes.map((n) => n.pid!);
      // "Crash": forget the rig object; only the fixed names are left to find it by.
      await sweepRig(prefix);
      for (const pid of pids) assert.equal(existsSync(`/proc/${pid}/cmdline`) && (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(rig.root), false, `dockerd ${pid} still runs`);
      assert.doesNotMatch((await run('ip', ['netns', 'list'])).stdout, new RegExp(`${prefix}-`));
      assert.doesNotMatch((await run('ip', ['-o', 'link', 'show'])).stdout, new RegExp(`${prefix}-`));
      assert.doesNotMatch((await run('iptables', ['-S', 'FORWARD'])).stdout, new RegExp(`${prefix}-br`));
      assert.equal(existsSync(rig.root), false);
    } finally {
      await rig.teardown();
    }
  });
});
