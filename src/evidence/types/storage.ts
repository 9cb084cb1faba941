/**
 * Evidence from the storage benchmark collector (`storage`), issue #5.
 *
 * Every figure carries what it needs to be judged: the engine and its version, the file size, whether
 * O_DIRECT was used, the device's own request counters and the machine load. A figure that cannot be
 * trusted is kept, with the reason in `warnings`, so the auditor sees why it was discounted.
 */

/** The five workloads, keyed as in `bench-storage --json` (`results.randread4kQd1`, ...). */
export type WorkloadId = 'randread4kQd1' | 'randread4kQd32' | 'randwrite4kSync' | 'seqread1m' | 'seqwrite1m';

export const WORKLOAD_IDS: readonly WorkloadId[] = ['randread4kQd1', 'randread4kQd32', 'randwrite4kSync', 'seqread1m', 'seqwrite1m'];

/** `fio` when installed (JSON output parsed), otherwise the built-in Node engine (no native addon). */
export type StorageEngineName = 'fio' | 'node';

export type StorageProfileName = 'tiny' | 'quick' | 'full';

export interface StorageEngineInfo {
  name: StorageEngineName;
  /** `fio-3.33` for fio; the Node runtime version (`v20.20.2`) for the Node engine. */
  version: string;
  /** Version of this tool's engine code (job file / worker loop); bumped when a change moves figures. */
  implementation: string;
  /** Why this engine: `--engine fio`, `auto: fio-3.33 found`, `auto: fio not installed`. */
  reason: string;
}

/** One measured window of a workload; the spread over these is what `spread` summarises. */
export interface WorkloadRepeat {
  /** Operations completed in the window (all threads). */
  ops: number;
  /** Length of the window, seconds. */
  seconds: number;
  iops: number;
  /** MiB/s (2^20 bytes per second). */
  mibps: number;
  /** Per-operation latency percentiles, microseconds. */
  p50Us: number;
  p99Us: number;
}

/** Requests the block device itself completed during a workload (`/sys/dev/block/M:m/stat`), against the benchmark's count. */
export interface DeviceCrossCheck {
  /** Kernel name of the device whose counters were read (`vda`, `nvme0n1p2`, `dm-0`). */
  device: string;
  /** Counter deltas over the workload, ramp included. */
  readRequests: number;
  writeRequests: number;
  /** Cache flush requests (kernel 5.5+; null when the stat file has no flush column). */
  flushRequests: number | null;
  /** Operations the benchmark issued over the same period (ramp included). */
  benchmarkOps: number;
  /** fio does not count ramp-time I/O: its ramp share of `benchmarkOps` is estimated from the measured rate. */
  rampOpsEstimated: boolean;
  /** Device requests in the workload's direction per benchmark operation. */
  ratio: number;
  /** Range of `ratio` an honest measurement lands in for this block size and device. */
  expected: [number, number];
  /** below: part of the result came from a cache; above: other I/O ran on the device at the same time. */
  verdict: 'consistent' | 'below' | 'above';
}

export interface WorkloadResult {
  id: WorkloadId;
  /** What ran, in words: `fio psync, QD1`, `node, 4 threads (readSync each)`, `fio libaio, QD32`. */
  label: string;
  rw: 'randread' | 'randwrite' | 'read' | 'write';
  /** Block size, bytes. */
  blockSizeBytes: number;
  /** Requests in flight per thread (1 for synchronous loops). */
  queueDepth: number;
  /** Threads (fio numjobs, or Node worker_threads) issuing requests. */
  threads: number;
  /** Total requests the workload keeps in flight (`queueDepth × threads`). */
  inFlight: number;
  /** fio ioengine (`psync`, `libaio`, `io_uring`) or `node-readSync` / `node-writeSync`. */
  ioEngine: string;
  /** `fdatasync` after every write, or none. */
  sync: 'fdatasync-each-write' | 'none';
  /** Ops per second over all measured windows (ramp excluded). */
  iops: number;
  /** MiB/s over all measured windows. */
  mibps: number;
  /** Per-operation latency, microseconds; for the sync write workload an operation is write + fdatasync. */
  p50Us: number;
  p99Us: number;
  /** Null when fewer than 1,000 operations were measured. */
  p999Us: number | null;
  meanUs: number;
  maxUs: number;
  /** How the latency was obtained: measured around each operation, or (fio sync writes) write and sync latencies combined. */
  latencySource: 'per-operation' | 'fio-write-plus-sync-convolved';
  /** Write and fdatasync latency separately, microseconds (sync write workload only). */
  phases?: { writeP50Us: number; writeP99Us: number; syncP50Us: number; syncP99Us: number };
  /** Operations measured (ramp excluded). */
  ops: number;
  /** Measured seconds (ramp excluded), and the ramp run before them. */
  measuredSeconds: number;
  rampSeconds: number;
  /** Consecutive measured windows (Node engine); empty for fio, whose spread comes from its own IOPS samples. */
  repeats: WorkloadRepeat[];
  /**
   * IOPS spread: over the repeats (Node engine), or over fio's IOPS samples taken once per window length
   * (`iopsavgtime`). cv = standard deviation / mean. Null with fewer than two samples.
   */
  spread: { minIops: number; maxIops: number; cv: number; samples: number; /** Length of one sample, seconds. */ sampleSeconds: number; source: 'repeats' | 'fio-iops-samples' } | null;
  /** CPU time the benchmark process(es) used for this workload, seconds (user + system). Null when unknown. */
  cpuSeconds: number | null;
  /** 1-minute load average just before the workload started (null if it could not be read). */
  loadavg1Before: number | null;
  device: DeviceCrossCheck | null;
  /** Read p50 below 15 µs (RAM speed), or fewer device requests than operations. */
  cacheSuspected: boolean;
  /** Sync write p50 below 15 µs, or no flushes reached a write-back device: writes are not reaching stable storage. */
  syncSuspected: boolean;
  /** Spread cv above 0.3. */
  noisy: boolean;
  /** Why this figure should be read with care, one sentence each. */
  warnings: string[];
}

/** The mount a target lives on, from `/proc/self/mountinfo` and `statfs`. */
export interface FilesystemFacts {
  /** Name from the statfs magic (`ext4`, `xfs`, `btrfs`, `tmpfs`, `overlay`, `nfs`, ...), or the mountinfo type. */
  type: string;
  /** statfs `f_type` as hex (`0xef53`). */
  magic: string;
  mountPoint: string | null;
  /** Mount source (`/dev/vda1`, `server:/export`, `overlay`). Credentials in the source are dropped. */
  source: string | null;
  /** Per-mount options (`rw,relatime`) and filesystem options (`discard,errors=remount-ro`). */
  mountOptions: string[];
  superOptions: string[];
  /** `major:minor` of the mount as mountinfo reports it. */
  majorMinor: string | null;
  /** Free (available to unprivileged users) and total bytes. */
  freeBytes: number;
  totalBytes: number;
  /** tmpfs/ramfs: RAM, refused. */
  inMemory: boolean;
  /** nfs, cifs, ceph, glusterfs, fuse-based network filesystems. */
  network: boolean;
  overlay: boolean;
}

/** The block device under a filesystem, from `/sys/dev/block/M:m` (queue facts from the whole disk). */
export interface BlockDeviceFacts {
  /** Kernel name (`vda1`); for a partition `disk` names the whole disk (`vda`). */
  name: string;
  disk: string;
  majorMinor: string;
  partition: boolean;
  /** Underlying devices of a device-mapper / md device (`slaves/`). */
  slaves: string[];
  scheduler: string | null;
  /**
   * The kernel's rotational flag. Virtual disks (virtio, many cloud volumes) report 1 even on flash,
   * so it is recorded, never used to name a device type.
   */
  rotational: boolean | null;
  /** Bytes. */
  logicalBlockSize: number | null;
  physicalBlockSize: number | null;
  /** Kernel DMA alignment mask + 1, bytes (memory alignment O_DIRECT needs). */
  dmaAlignment: number | null;
  /** Largest request the kernel sends, KiB. */
  maxSectorsKb: number | null;
  /** `write back` or `write through`. */
  writeCache: string | null;
  vendor: string | null;
  model: string | null;
  /** Kernel driver of the disk (`virtio_blk`, `nvme`, `sd`). */
  driver: string | null;
}

export interface TestFileFacts {
  /** Bytes; smaller files flatter results (device and host caches), 256 MiB is the floor for a comparable figure. */
  sizeBytes: number;
  /** Always true: the file is filled with written data (never sparse or fallocated). */
  written: boolean;
  /** Seconds and MiB/s to write it. */
  layoutSeconds: number;
  layoutMibps: number;
  /** O_DIRECT was accepted; false means every figure is a cache figure. */
  directIo: boolean;
  /** Smallest alignment O_DIRECT accepted, found by probing (bytes); null without O_DIRECT. */
  dioAlignment: { memoryBytes: number; offsetBytes: number } | null;
  /** Where the I/O buffers came from: page-aligned `WebAssembly.Memory`, or an offset probed in an over-allocated buffer. */
  bufferSource: 'wasm-memory' | 'probed-offset' | 'fio';
  /** The file was unlinked right after opening (nothing left behind, even on SIGKILL). */
  unlinkedAfterOpen: boolean;
}

/** Measured class, always as "consistent with", never as a device type. */
export type StorageClassId = 'page-cache' | 'local-nvme' | 'local-sata-ssd' | 'network-block' | 'iops-capped' | 'spinning-disk' | 'unclassified';

export interface StorageClassification {
  consistentWith: StorageClassId;
  /** The sentence for the pack, e.g. `consistent with local NVMe-class flash (QD1 p50 38 µs, 17,200 IOPS)`. */
  statement: string;
  /** The figures the class was decided from. */
  basis: { qd1P50Us: number | null; qd1Iops: number | null; deepIops: number | null; deepInFlight: number | null };
  /** Classes the figures do not rule out. */
  alsoPossible: StorageClassId[];
  caveats: string[];
}

export type TargetRole = 'docker-data-root' | 'docker-volume' | 'dir';

export interface StorageTargetEvidence {
  /** The measured directory (real path): the Docker data-root, a volume's Mountpoint, or a --dir. */
  path: string;
  /** Directory the test file was created in (`<data-root>/tmp`, Docker's own temp folder, for the data-root). */
  testDir: string;
  /** Why it was measured; a device measured once lists every role and path it stands for. */
  roles: TargetRole[];
  /** Docker volumes whose filesystem this measurement stands for. */
  volumes: string[];
  /** Other requested paths on the same device (deduplicated into this one). */
  samePathsAs: string[];
  /** refused: not a disk (tmpfs) or not enough space; failed: the benchmark broke; aborted: SIGINT/SIGTERM. */
  status: 'measured' | 'refused' | 'failed' | 'aborted' | 'skipped';
  /** Why, when not measured. */
  reason?: string;
  filesystem: FilesystemFacts | null;
  device: BlockDeviceFacts | null;
  testFile: TestFileFacts | null;
  engine: StorageEngineInfo | null;
  /** ISO time and wall seconds for this target, layout included. */
  startedAt: string | null;
  durationSeconds: number | null;
  /** 1/5/15-minute load averages before and after. */
  loadavgBefore: [number, number, number] | null;
  loadavgAfter: [number, number, number] | null;
  results: Partial<Record<WorkloadId, WorkloadResult>>;
  classification: StorageClassification | null;
  warnings: string[];
}

export interface BootPhaseStats {
  /** Milliseconds. */
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

/** One container: create → start (running) → wait (exited) → remove, milliseconds. */
export interface BootSample {
  createMs: number;
  startMs: number;
  waitMs: number;
  removeMs: number;
  /** create + start: the container is running. */
  untilRunningMs: number;
  /** create + start + wait: the payload has exited. */
  untilExitedMs: number;
}

export interface BootProbeEvidence {
  status: 'ok' | 'failed' | 'aborted';
  error?: string;
  image: string;
  imageId: string | null;
  imageDigests: string[];
  /** Payload command (`sh -c true`) and network mode (`none`: no traffic). */
  cmd: string[];
  networkMode: string;
  warmupRuns: number;
  runs: number;
  /** Engine and storage facts that move boot time. */
  engine: { version: string | null; apiVersion: string | null; storageDriver: string | null; cgroupDriver: string | null; runtime: string | null; dataRoot: string | null };
  samples: BootSample[];
  untilRunning: BootPhaseStats | null;
  untilExited: BootPhaseStats | null;
  create: BootPhaseStats | null;
  start: BootPhaseStats | null;
  remove: BootPhaseStats | null;
  /** Names of probe containers that could not be removed (should always be empty). */
  leftOver: string[];
  loadavgBefore: [number, number, number];
}

export interface StorageProfileInfo {
  name: StorageProfileName;
  /** Test file size asked for, bytes (a target may shrink it when space is short; see its testFile). */
  fileSizeBytes: number;
  rampSeconds: number;
  /** Measured windows per random workload and their length, seconds. */
  randomRepeats: number;
  randomSeconds: number;
  sequentialRepeats: number;
  sequentialSeconds: number;
  /** Node engine: worker threads standing in for "32 in flight". */
  nodeThreads: number;
}

export interface StorageEvidence {
  engine: StorageEngineInfo;
  profile: StorageProfileInfo;
  machine: {
    cpus: number;
    /** Bytes. */
    memTotalBytes: number;
    kernel: string;
    /** CPU flag `hypervisor` seen: in a VM O_DIRECT bypasses only the guest's cache. */
    hypervisor: boolean;
    nodeVersion: string;
  };
  /** Index into `targets` of the main figure (the Docker data-root, else the first measured directory); null when none measured. */
  primary: number | null;
  targets: StorageTargetEvidence[];
  /** Null when `--boot-probe` was not asked for (it creates containers on the audited host). */
  bootProbe: BootProbeEvidence | null;
}
