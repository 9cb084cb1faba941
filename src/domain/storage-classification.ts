/**
 * The "consistent with" classification of measured storage, for 4 KiB O_DIRECT random reads; the
 * reference classes themselves are in src/evidence/storage-classes.ts. Pure: the storage collector
 * records it in the evidence and the storage checks re-derive it from the figures. A class is
 * what the figures are consistent with, never a device type: a virtual disk hides what is behind it,
 * and the kernel's rotational flag is 1 on most virtual disks whatever backs them.
 */
import type { StorageClassId, StorageClassification, StorageTargetEvidence } from '../evidence/types/storage';

/** Files smaller than this get extra help from device/host caches (64 MiB gave +20-50 % on the reference VM). */
export const COMPARABLE_MIN_FILE_SIZE = 256 * 1024 * 1024;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Classify a measured target from QD1 latency together with the deep-queue ceiling. */
export function classify(t: Pick<StorageTargetEvidence, 'results' | 'device' | 'testFile' | 'loadavgBefore'>, opts: { hypervisor: boolean; cpus: number }): StorageClassification {
  const qd1 = t.results.randread4kQd1;
  const deep = t.results.randread4kQd32;
  const basis = {
    qd1P50Us: qd1?.p50Us ?? null,
    qd1Iops: qd1?.iops ?? null,
    deepIops: deep?.iops ?? null,
    deepInFlight: deep?.inFlight ?? null,
  };
  const caveats: string[] = [];
  if (opts.hypervisor) caveats.push('This is a virtual machine: O_DIRECT bypasses only the guest page cache, so the hypervisor may cache or throttle behind the virtual disk.');
  if (t.device?.rotational) caveats.push(`The kernel reports ${t.device.name} as rotational; virtual disks report that even on flash, so it was not used.`);
  if (t.testFile && t.testFile.sizeBytes < COMPARABLE_MIN_FILE_SIZE) caveats.push(`The test file was only ${Math.round(t.testFile.sizeBytes / 1048576)} MiB; small files get help from device caches and flatter the result.`);
  const load = Math.max(t.loadavgBefore?.[0] ?? 0, qd1?.loadavg1Before ?? 0);
  if (load > opts.cpus) caveats.push(`The machine was busy (load average ${load} on ${opts.cpus} CPUs): latencies include waiting for a CPU, so the class may be understated.`);
  if (!qd1 || qd1.ops === 0) {
    return { consistentWith: 'unclassified', statement: 'not classified: no 4 KiB random-read figure at QD1', basis, alsoPossible: [], caveats };
  }
  const p50 = qd1.p50Us;
  const figures = `QD1 p50 ${p50} µs, ${fmt(qd1.iops)} IOPS${deep ? `; ${fmt(deep.iops)} IOPS with ${deep.inFlight} in flight` : ''}`;
  if (qd1.cacheSuspected || deep?.cacheSuspected) {
    return { consistentWith: 'page-cache', statement: `consistent with a cache, not a disk (${figures})`, basis, alsoPossible: [], caveats };
  }
  let id: StorageClassId;
  let also: StorageClassId[] = [];
  if (p50 < 80) {
    id = 'local-nvme';
    if (p50 >= 60) also = ['local-sata-ssd'];
  } else if (p50 < 250) {
    id = 'local-sata-ssd';
    if (p50 < 100) also = ['local-nvme'];
    if (p50 >= 200) also = ['network-block'];
  } else if (p50 < 3000) {
    id = 'network-block';
    also = ['iops-capped'];
  } else {
    id = 'spinning-disk';
    also = ['iops-capped'];
  }
  // A ceiling that depth does not lift is a throttle (or one spindle): name it when it is low.
  if (deep && deep.inFlight >= 4 && deep.iops < 5000 && deep.iops < 1.5 * qd1.iops) {
    also = [id, ...also.filter((a) => a !== 'iops-capped' && a !== id)];
    id = 'iops-capped';
  }
  const what: Record<StorageClassId, string> = {
    'local-nvme': 'local NVMe-class flash',
    'local-sata-ssd': 'a local SATA/SAS SSD',
    'network-block': 'network block storage',
    'iops-capped': `an IOPS cap near ${fmt(deep?.iops ?? qd1.iops)} IOPS (provider throttle or a single spinning disk)`,
    'spinning-disk': 'a spinning disk',
    'page-cache': 'a cache',
    unclassified: 'no known class',
  };
  return { consistentWith: id, statement: `consistent with ${what[id]} (${figures})`, basis, alsoPossible: also, caveats };
}
