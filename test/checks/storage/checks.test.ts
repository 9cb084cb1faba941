import { strict as assert } from 'node:assert';
import { runCheck } from '../../../src/checks/evaluate';
import { storageChecks } from '../../../src/checks/storage';
import type { Finding } from '../../../src/findings/types';
import { bootProbe, loaded, measuredTarget, storageEvidence } from './fixtures';

const NOW = { now: '2026-11-23T16:00:00Z' };
const check = (id: string) => storageChecks.find((c) => c.id === id)!;
const run = (id: string, ev: ReturnType<typeof loaded>): Finding[] => runCheck(check(id), ev, NOW);
const one = (id: string, ev: ReturnType<typeof loaded>): Finding => {
  const f = run(id, ev);
  assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
  return f[0];
};

describe('checks/storage', () => {
  it('are all in the storage section, with ids, and never pass when the collector failed or was skipped', () => {
    assert.deepEqual(storageChecks.map((c) => c.id), ['storage-measurement', 'storage-performance', 'storage-sync-durability', 'storage-iops-class', 'storage-boot-time']);
    for (const c of storageChecks) {
      assert.equal(c.section, 'storage');
      assert.equal(one(c.id, loaded(null, 'failed', 'nothing to measure')).outcome, 'error');
      assert.equal(one(c.id, loaded(null, 'skipped', '--bench off')).outcome, 'manual');
      assert.equal(runCheck(c, {}, NOW)[0].outcome, 'error');
    }
  });

  describe('storage-measurement', () => {
    it('passes a direct-I/O measurement the device confirmed', () => {
      const f = one('storage-measurement', loaded(storageEvidence([measuredTarget()])));
      assert.equal(f.outcome, 'pass');
      assert.equal(f.target.kind, 'storage');
      assert.equal(f.target.id, '/var/lib/docker');
      assert.match(f.message.en, /with fio-3\.33 on a 1024 MiB written test file with direct I\/O; the device confirmed/);
    });

    it('warns on cache figures and on reads the device never saw', () => {
      const cached = one('storage-measurement', loaded(storageEvidence([measuredTarget({}, { randread4kQd1: { p50Us: 2, cacheSuspected: true } })])));
      assert.equal(cached.outcome, 'warn');
      assert.match(cached.message.en, /randread4kQd1 looks like a cache \(p50 2 µs/);
      const unseen = one('storage-measurement', loaded(storageEvidence([measuredTarget({}, { seqread1m: { device: { ...measuredTarget().results.seqread1m!.device!, ratio: 0.01, verdict: 'below' } } })])));
      assert.equal(unseen.outcome, 'warn');
      const noDirect = one('storage-measurement', loaded(storageEvidence([measuredTarget({ testFile: { ...measuredTarget().testFile!, directIo: false } })])));
      assert.equal(noDirect.outcome, 'warn');
      assert.match(noDirect.message.en, /O_DIRECT\) was refused/);
    });

    it('warns on a test file below 256 MiB (tiny profile): the figures are flattered', () => {
      const f = one('storage-measurement', loaded(storageEvidence([measuredTarget({ testFile: { ...measuredTarget().testFile!, sizeBytes: 16 << 20 } })])));
      assert.equal(f.outcome, 'warn');
      assert.match(f.message.en, /16 MiB test file, below the 256 MiB floor/);
    });

    it('is manual without device counters, manual for a refused tmpfs, error for a failed target', () => {
      const t = measuredTarget();
      for (const r of Object.values(t.results)) r!.device = null;
      assert.equal(one('storage-measurement', loaded(storageEvidence([t]))).outcome, 'manual');
      const refused = measuredTarget({ status: 'refused', reason: '/dev/shm is on tmpfs (RAM), not a disk', results: {}, path: '/dev/shm' });
      const failed = measuredTarget({ status: 'failed', reason: 'cannot create a test file in /x: permission denied', results: {}, path: '/x' });
      const fs = run('storage-measurement', loaded(storageEvidence([refused, failed])));
      assert.deepEqual(fs.map((f) => f.outcome), ['manual', 'error']);
      assert.match(fs[0].message.en, /was not measured: \/dev\/shm is on tmpfs/);
      assert.match(fs[1].message.en, /permission denied/);
    });
  });

  describe('storage-sync-durability', () => {
    it('passes when flushes reached a write-back device', () => {
      const f = one('storage-sync-durability', loaded(storageEvidence([measuredTarget()])));
      assert.equal(f.outcome, 'pass');
      assert.match(f.message.en, /59,000 flush requests reached vda/);
    });
    it('fails with no flushes on a write-back cache, and with barriers off', () => {
      const t = measuredTarget();
      t.results.randwrite4kSync!.device!.flushRequests = 0;
      assert.equal(one('storage-sync-durability', loaded(storageEvidence([t]))).outcome, 'fail');
      const nb = measuredTarget({ filesystem: { ...measuredTarget().filesystem!, mountOptions: ['rw', 'nobarrier'] } });
      const f = one('storage-sync-durability', loaded(storageEvidence([nb])));
      assert.equal(f.outcome, 'fail');
      assert.match(f.message.en, /write barriers off/);
    });
    it('warns on implausibly fast durable writes; manual when it cannot be confirmed', () => {
      assert.equal(one('storage-sync-durability', loaded(storageEvidence([measuredTarget({}, { randwrite4kSync: { p50Us: 6, syncSuspected: true } })]))).outcome, 'warn');
      const t = measuredTarget({ device: null });
      t.results.randwrite4kSync!.device = null;
      assert.equal(one('storage-sync-durability', loaded(storageEvidence([t]))).outcome, 'manual');
    });
  });

  describe('storage-performance', () => {
    it('states the figures and the class as info, re-classified from the figures', () => {
      const f = one('storage-performance', loaded(storageEvidence([measuredTarget()])));
      assert.equal(f.outcome, 'info');
      assert.match(f.message.en, /17,000 random-read IOPS at QD1 \(p50 40 µs, p99 150 µs\).*consistent with local NVMe-class flash/);
      assert.ok(Array.isArray((f.expected as { referenceClasses: unknown[] }).referenceClasses));
    });
    it('does not classify cache figures', () => {
      const f = one('storage-performance', loaded(storageEvidence([measuredTarget({}, { randread4kQd1: { p50Us: 2, cacheSuspected: true } })])));
      assert.equal(f.outcome, 'manual');
    });
  });

  describe('storage-iops-class', () => {
    it('places the measurement against the typical published figures of storage classes, with their source, as info, never pass', () => {
      const fast = one('storage-iops-class', loaded(storageEvidence([measuredTarget()])));
      assert.equal(fast.outcome, 'info');
      assert.match(fast.message.en, /17,000 random-read IOPS at QD1 \(70,000 IOPS with 32 in flight\): within the typical published range for Local NVMe SSD \(typically 10,000–50,000 IOPS at QD1; source: NVMe SSD vendor data sheets/);
      const slow = one('storage-iops-class', loaded(storageEvidence([measuredTarget({}, { randread4kQd1: { iops: 420, p50Us: 2300 } })])));
      assert.match(slow.message.en, /between the typical published ranges for Spinning disk .* and Cloud network block SSD .*cloud provider documentation/);
      const capped = one('storage-iops-class', loaded(storageEvidence([measuredTarget({}, { randread4kQd1: { iops: 40, p50Us: 9000 } })])));
      assert.match(capped.message.en, /below the typical published range of every class.*IOPS cap/);
      assert.equal(fast.target.id, slow.target.id, 'a fixed target, stable across audits');
      for (const f of [fast, slow, capped]) assert.ok(!/seed|claim|marketing/i.test(`${f.title} ${f.message.en} ${JSON.stringify(f.references)}`), 'customer-facing wording only');
    });
    it('is manual when nothing trustworthy was measured', () => {
      assert.equal(one('storage-iops-class', loaded(storageEvidence([measuredTarget({ status: 'refused', reason: 'tmpfs', results: {} })]))).outcome, 'manual');
      assert.equal(one('storage-iops-class', loaded(storageEvidence([measuredTarget({}, { randread4kQd1: { p50Us: 2, cacheSuspected: true } })]))).outcome, 'manual');
    });
  });

  describe('storage-boot-time', () => {
    it('is manual when the opt-in probe did not run', () => {
      const f = one('storage-boot-time', loaded(storageEvidence([measuredTarget()])));
      assert.equal(f.outcome, 'manual');
      assert.match(f.message.en, /--boot-probe IMAGE/);
    });
    it('states the median and p90 as info, with the data-root fsync p99', () => {
      const f = one('storage-boot-time', loaded(storageEvidence([measuredTarget()], bootProbe())));
      assert.equal(f.outcome, 'info');
      assert.match(f.message.en, /10 containers of busybox:latest took 0\.38 s median \(p90 0\.42 s\).*fdatasync p99 is 900 µs/);
    });
    it('is an error when the probe failed and manual when it was interrupted without samples', () => {
      assert.equal(one('storage-boot-time', loaded(storageEvidence([measuredTarget()], bootProbe({ status: 'failed', error: 'image x is not on the engine', samples: [], untilExited: null, untilRunning: null })))).outcome, 'error');
      assert.equal(one('storage-boot-time', loaded(storageEvidence([measuredTarget()], bootProbe({ status: 'aborted', samples: [], untilExited: null, untilRunning: null })))).outcome, 'manual');
    });
  });
});
