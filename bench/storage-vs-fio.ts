/**
 * Node engine vs fio on the same test file in one session, interleaved (order alternates per round),
 * for the workloads where the Node engine claims parity: 4 KiB random read at QD1 and 4 KiB random
 * write with fdatasync after each write. Prints per-round figures, the median Node/fio ratio and the
 * load average; the target is a ratio within 0.85-1.15.
 *
 *   npx tsc -p . && node dist/bench/storage-vs-fio.js [--dir DIR] [--rounds 4] [--seconds 3] [--size-mib 1024] [--all | --workloads ID,ID]
 *
 * `--all` adds the deep-queue and sequential workloads (the deep-queue one is not like for like:
 * fio keeps 32 requests in flight with libaio, the Node engine runs N threads).
 */
import { closeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StorageProfileInfo, WorkloadId, WorkloadResult } from '../src/evidence/types/storage';
import { readMountinfo } from '../src/collectors/storage/mountinfo';
import { detectFio, fioEngine } from '../src/collectors/storage/fio-engine';
import { loadavg3 } from '../src/collectors/storage/machine';
import { layoutTestFile, nodeEngine } from '../src/collectors/storage/node-engine';
import { nodeThreadsFor, WORKLOADS } from '../src/collectors/storage/profiles';
import { summarizeWorkload } from '../src/collectors/storage/results';
import { resolveTargets } from '../src/collectors/storage/targets';
import { openTestFile } from '../src/collectors/storage/test-file';
import type { StorageEngine } from '../src/collectors/storage/engine';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: process.cwd() },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '3' },
    'size-mib': { type: 'string', default: '1024' },
    all: { type: 'boolean', default: false },
    workloads: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const sizeBytes = Number(values['size-mib']) * 1024 * 1024;
const ids: WorkloadId[] = values.workloads
  ? (values.workloads.split(',') as WorkloadId[])
  : values.all ? WORKLOADS.map((w) => w.id) : ['randread4kQd1', 'randwrite4kSync'];
for (const id of ids) if (!WORKLOADS.some((w) => w.id === id)) throw new Error(`unknown workload ${id}; one of ${WORKLOADS.map((w) => w.id).join(', ')}`);

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const fio = await detectFio();
  if (!fio) throw new Error('fio is not installed (apt-get install -y fio)');
  const [target] = resolveTargets([{ path: values.dir!, role: 'dir' }], readMountinfo());
  if (target.error || !target.fs) throw new Error(target.error ?? 'cannot look at the directory');
  if (target.fs.inMemory) throw new Error(`${values.dir} is on ${target.fs.type}: pick a directory on a disk`);
  const signal = new AbortController().signal;
  const engines: StorageEngine[] = [fioEngine(fio, 'bench'), nodeEngine('bench')];
  // One window per round: the spread is the spread over rounds.
  const profile: StorageProfileInfo = { name: 'quick', fileSizeBytes: sizeBytes, rampSeconds: 0.5, randomRepeats: 1, randomSeconds: seconds, sequentialRepeats: 1, sequentialSeconds: seconds, nodeThreads: nodeThreadsFor() };
  const file = openTestFile(target.dir);
  const t0 = Date.now();
  try {
    const lay = await layoutTestFile(file.fd, sizeBytes, file.direct, signal);
    console.log(`# ${target.dir} on ${target.fs.type} (${target.blockDevice ?? 'no block device'}), ${values['size-mib']} MiB file written in ${lay.seconds.toFixed(1)} s, direct I/O ${file.direct}`);
    console.log(`# ${fio.version} vs Node ${process.version}; ${rounds} rounds × ${seconds} s per workload and engine, order alternating; loadavg ${loadavg3().join(' ')}`);
    const defs = WORKLOADS.filter((w) => ids.includes(w.id));
    const got: Record<string, Record<string, WorkloadResult[]>> = {};
    for (let r = 0; r < rounds; r++) {
      // Interleave per workload, so both engines of a pair run seconds apart; alternate who goes first.
      const order = r % 2 === 0 ? engines : [...engines].reverse();
      for (const def of defs) for (const engine of order) {
        const load = loadavg3()[0];
        await engine.runAll([def], { fd: file.fd, direct: file.direct, fileSizeBytes: sizeBytes, profile, blockDevice: target.blockDevice, signal }, {
          started: () => undefined,
          finished: (def, run) => {
            const res = summarizeWorkload(run.raw, { directIo: file.direct, device: null });
            ((got[def.id] ??= {})[engine.info.name] ??= []).push(res);
            console.log(`round ${r + 1} ${engine.info.name.padEnd(4)} ${def.id.padEnd(16)} ${String(res.iops).padStart(7)} IOPS  p50 ${res.p50Us.toFixed(1).padStart(7)} µs  p99 ${res.p99Us.toFixed(1).padStart(8)} µs  load ${load}`);
          },
        });
      }
    }
    console.log('\nworkload          fio IOPS (per round)            node IOPS (per round)           median ratio node/fio  per-round ratios');
    for (const id of ids) {
      const f = got[id]?.fio ?? [];
      const n = got[id]?.node ?? [];
      const ratios = f.map((x, i) => (n[i] ? n[i].iops / x.iops : NaN)).filter(Number.isFinite);
      const m = median(ratios);
      console.log(`${id.padEnd(17)} ${f.map((x) => x.iops).join(' / ').padEnd(31)} ${n.map((x) => x.iops).join(' / ').padEnd(31)} ${m.toFixed(3).padStart(6)} ${Math.abs(m - 1) <= 0.15 ? '(within 15%)' : '(OUTSIDE 15%)'}  ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
      console.log(`${''.padEnd(17)} p50 µs fio ${median(f.map((x) => x.p50Us)).toFixed(1)} / node ${median(n.map((x) => x.p50Us)).toFixed(1)}; p99 µs fio ${median(f.map((x) => x.p99Us)).toFixed(1)} / node ${median(n.map((x) => x.p99Us)).toFixed(1)}; CPU s fio ${median(f.map((x) => x.cpuSeconds ?? NaN)).toFixed(2)} / node ${median(n.map((x) => x.cpuSeconds ?? NaN)).toFixed(2)}`);
    }
    console.log(`\n# ${((Date.now() - t0) / 1000).toFixed(1)} s in all; loadavg at end ${loadavg3().join(' ')} (/proc/loadavg)`);
  } finally {
    closeSync(file.fd);
  }
}

main().catch((err) => {
  console.error(`storage-vs-fio: ${(err as Error).message}`);
  process.exitCode = 1;
});
