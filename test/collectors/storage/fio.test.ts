import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deepEngine, fioJobFile, fioWorkloadRun } from '../../../src/collectors/storage/fio-engine';
import { checkFioJobs, histogramFromFio, parseFioJson } from '../../../src/collectors/storage/fio-parse';
import { profileOf, WORKLOADS } from '../../../src/collectors/storage/profiles';
import { summarizeWorkload } from '../../../src/collectors/storage/results';
import { FIXTURES } from './support';

/** Recorded with fio 3.33 on this project's job file (tiny profile, 16 MiB file, a busy host). */
const recorded = () => readFileSync(path.join(FIXTURES, 'fio-3.33-tiny.json'), 'utf8');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const def = (id: string) => WORKLOADS.find((w) => w.id === id)!;

describe('collectors/storage fio engine: job file and output', () => {
  it('writes one stonewalled job per workload, with direct I/O, no file creation and the device counters read around each job', () => {
    const plan = fioJobFile(WORKLOADS, { filename: '/proc/123/fd/20', fileSizeBytes: 1 << 30, direct: true, profile: profileOf('quick'), blockDevice: '254:0', deep: deepEngine({ version: 'fio-3.33', binary: 'fio', ioEngines: ['psync', 'libaio', 'io_uring'] }) });
    const text = plan.text;
    assert.match(text, /^filename=\/proc\/123\/fd\/20$/m);
    assert.match(text, /^direct=1$/m);
    assert.match(text, /^allow_file_create=0$/m);
    assert.match(text, /^unlink=0$/m);
    assert.equal((text.match(/^stonewall$/gm) ?? []).length, 5);
    assert.equal((text.match(/^exec_postrun=cat \/sys\/dev\/block\/254:0\/stat$/gm) ?? []).length, 5);
    const deep = text.slice(text.indexOf('[randread4kQd32]'), text.indexOf('[randwrite4kSync]'));
    assert.match(deep, /ioengine=libaio/);
    assert.match(deep, /iodepth=32/);
    const sync = text.slice(text.indexOf('[randwrite4kSync]'), text.indexOf('[seqread1m]'));
    assert.match(sync, /fdatasync=1/);
    assert.match(sync, /ramp_time=500ms/);
    assert.match(sync, /runtime=3000ms/);
    assert.deepEqual(plan.jobs.map((j) => j.def.id), WORKLOADS.map((w) => w.id));
  });

  it('falls back to 32 psync threads without libaio/io_uring, and then does not read counters from the hooks', () => {
    const plan = fioJobFile([def('randread4kQd32')], { filename: 'f', fileSizeBytes: 1 << 20, direct: true, profile: profileOf('tiny'), blockDevice: '8:0', deep: deepEngine({ version: 'fio-3.1', binary: 'fio', ioEngines: ['psync'] }) });
    assert.match(plan.text, /numjobs=32/);
    assert.match(plan.text, /thread=1/);
    assert.doesNotMatch(plan.text, /exec_postrun/);
    assert.equal(plan.jobs[0].countersRead, false);
  });

  it('turns a recorded run into results: IOPS, percentiles from json+ bins, device counters, write ⊕ fdatasync latency', () => {
    const out = parseFioJson(recorded());
    checkFioJobs(out, ['randread4kQd1'], 'read');
    checkFioJobs(out, ['randwrite4kSync'], 'write');
    const plan = fioJobFile([def('randread4kQd1'), def('randwrite4kSync')], { filename: 'f', fileSizeBytes: 16 << 20, direct: true, profile: profileOf('tiny'), blockDevice: '254:0', deep: { ioengine: 'libaio', iodepth: 32, numjobs: 1 } });
    const rr = fioWorkloadRun(plan.jobs[0], out.jobs[0], fixture('randread4kQd1.prerun.txt'), fixture('randread4kQd1.postrun.txt'));
    const job = out.jobs[0];
    assert.equal(rr.raw.windows[0].ops, job.read.total_ios);
    assert.equal(rr.raw.loadavg1Before, 15.19);
    assert.equal(rr.after!.readIos - rr.before!.readIos, 422);
    const r = summarizeWorkload(rr.raw, { directIo: true, device: { name: 'vda', before: rr.before!, after: rr.after!, maxSectorsKb: 4096, writeCache: 'write back' } });
    assert.ok(Math.abs(r.iops - job.read.iops) / job.read.iops < 0.01, `${r.iops} vs fio ${job.read.iops}`);
    const fioP50 = job.read.clat_ns!.percentile!['50.000000'] / 1000;
    assert.ok(Math.abs(r.p50Us - fioP50) / fioP50 < 0.05, `p50 ${r.p50Us} µs vs fio ${fioP50} µs`);
    assert.equal(r.device!.ratio, 1);
    assert.equal(r.device!.verdict, 'consistent');
    assert.equal(r.spread?.source, 'fio-iops-samples');

    const ww = fioWorkloadRun(plan.jobs[1], out.jobs[1], fixture('randwrite4kSync.prerun.txt'), fixture('randwrite4kSync.postrun.txt'));
    assert.equal(ww.raw.latencySource, 'fio-write-plus-sync-convolved');
    const w = summarizeWorkload(ww.raw, { directIo: true, device: null });
    const writeP50 = out.jobs[1].write.clat_ns!.percentile!['50.000000'] / 1000;
    const syncP50 = out.jobs[1].sync!.lat_ns!.percentile!['50.000000'] / 1000;
    assert.ok(w.p50Us > Math.max(writeP50, syncP50), 'an op (write + fdatasync) takes longer than either half');
    assert.ok(w.phases && Math.abs(w.phases.syncP50Us - syncP50) / syncP50 < 0.05);
  });

  it('rejects failed jobs, missing jobs, jobs with no I/O and truncated output', () => {
    const out = parseFioJson(recorded());
    const broken = structuredClone(out);
    broken.jobs[0].error = 2;
    assert.throws(() => checkFioJobs(broken, ['randread4kQd1'], 'read'), /randread4kQd1 failed with error 2 \(ENOENT\)/);
    assert.throws(() => checkFioJobs(out, ['seqread1m'], 'read'), /seqread1m is missing/);
    const empty = structuredClone(out);
    empty.jobs[0].read.total_ios = 0;
    assert.throws(() => checkFioJobs(empty, ['randread4kQd1'], 'read'), /completed no reads/);
    assert.throws(() => parseFioJson(recorded().slice(0, 500)), /incomplete or invalid/);
    assert.throws(() => parseFioJson('fio: engine libaio not loadable\n'), /wrote no JSON: fio: engine libaio/);
    assert.doesNotThrow(() => parseFioJson(`fio: some warning\n${recorded()}`), 'warnings before the JSON are skipped');
  });

  it('builds a histogram from the percentile table when bins are missing (plain json)', () => {
    const h = histogramFromFio({ N: 100, mean: 50_000, max: 900_000, percentile: { '50.000000': 40_000, '99.000000': 500_000 } });
    assert.equal(h.total, 100);
    assert.ok(Math.abs(h.quantile(0.5) - 40_000) < 700);
    assert.equal(h.maxNs, 900_000);
  });
});
