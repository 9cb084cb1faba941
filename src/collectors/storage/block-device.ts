/**
 * The block device under a path, from sysfs: identity, queue settings and the request counters used to
 * check that a benchmark's operations reached the device (`/sys/dev/block/M:m/stat`).
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { BlockDeviceFacts } from '../../evidence/types/storage';

/** Major and minor from a Linux st_dev (glibc's gnu_dev_major/minor encoding). */
export function decodeDev(dev: bigint): { major: number; minor: number } {
  const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & 0xfffff000n));
  const minor = Number((dev & 0xffn) | ((dev >> 12n) & 0xffffff00n));
  return { major, minor };
}

export function majorMinorOf(p: string): string {
  const { major, minor } = decodeDev(statSync(p, { bigint: true }).dev);
  return `${major}:${minor}`;
}

function readTrim(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function readNum(file: string): number | null {
  const s = readTrim(file);
  if (s === null || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Whether `/sys/dev/block/M:m` exists, i.e. the number is a real block device (not 0:N of overlay/nfs/btrfs). */
export function isBlockDevice(majorMinor: string, sysRoot = '/sys'): boolean {
  return existsSync(path.join(sysRoot, 'dev/block', majorMinor));
}

/** The device behind a mount source like `/dev/vda1` or `/dev/mapper/vg-root` (stat's rdev), or null. */
export function majorMinorOfDeviceNode(source: string): string | null {
  if (!source.startsWith('/dev/')) return null;
  try {
    const st = statSync(source, { bigint: true });
    if (!st.isBlockDevice()) return null;
    const { major, minor } = decodeDev(st.rdev);
    return `${major}:${minor}`;
  } catch {
    return null;
  }
}

/** The active scheduler is the bracketed one: `none [mq-deadline] kyber`. */
export function activeScheduler(text: string | null): string | null {
  if (!text) return null;
  const m = /\[([^\]]+)\]/.exec(text);
  return m ? m[1] : text.split(/\s+/)[0] || null;
}

export function blockDeviceFacts(majorMinor: string, sysRoot = '/sys'): BlockDeviceFacts | null {
  const link = path.join(sysRoot, 'dev/block', majorMinor);
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return null;
  }
  const name = path.basename(real);
  const partition = existsSync(path.join(real, 'partition'));
  const diskDir = partition ? path.dirname(real) : real;
  const q = (f: string): string => path.join(diskDir, 'queue', f);
  const dma = readNum(q('dma_alignment'));
  let slaves: string[] = [];
  try {
    slaves = readdirSync(path.join(real, 'slaves')).sort();
  } catch {
    /* not a stacked device */
  }
  let driver: string | null = null;
  const uevent = readTrim(path.join(diskDir, 'device/uevent'));
  if (uevent) driver = /^DRIVER=(.*)$/m.exec(uevent)?.[1] ?? null;
  const dmName = readTrim(path.join(real, 'dm/name'));
  return {
    name: dmName ? `${name} (${dmName})` : name,
    disk: path.basename(diskDir),
    majorMinor,
    partition,
    slaves,
    scheduler: activeScheduler(readTrim(q('scheduler'))),
    rotational: (() => {
      const r = readNum(q('rotational'));
      return r === null ? null : r === 1;
    })(),
    logicalBlockSize: readNum(q('logical_block_size')),
    physicalBlockSize: readNum(q('physical_block_size')),
    dmaAlignment: dma === null ? null : dma + 1,
    maxSectorsKb: readNum(q('max_sectors_kb')),
    writeCache: readTrim(q('write_cache')),
    vendor: readTrim(path.join(diskDir, 'device/vendor')) || null,
    model: readTrim(path.join(diskDir, 'device/model')) || null,
    driver,
  };
}

/** Completed-request counters of one device (Documentation/admin-guide/iostats.rst field order). */
export interface DeviceCounters {
  readIos: number;
  writeIos: number;
  /** Field 16 (kernel 5.5+), null on older kernels. */
  flushIos: number | null;
}

export function parseDeviceStat(text: string): DeviceCounters | null {
  const f = text.trim().split(/\s+/).map(Number);
  if (f.length < 11 || f.some((n) => !Number.isFinite(n))) return null;
  return { readIos: f[0], writeIos: f[4], flushIos: f.length >= 17 ? f[15] : null };
}

export function readDeviceCounters(majorMinor: string, sysRoot = '/sys'): DeviceCounters | null {
  const text = readTrim(path.join(sysRoot, 'dev/block', majorMinor, 'stat'));
  return text === null ? null : parseDeviceStat(text);
}
