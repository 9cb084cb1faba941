/** `/proc/self/mountinfo`: which mount a path lives on, with its source and options. */
import { readFileSync } from 'node:fs';

export interface MountEntry {
  mountId: number;
  parentId: number;
  /** `major:minor` as the kernel reports it for the mount (0:N for btrfs, overlay, nfs, tmpfs). */
  majorMinor: string;
  root: string;
  mountPoint: string;
  mountOptions: string[];
  fsType: string;
  source: string;
  superOptions: string[];
}

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    if (left.length < 6 || right.length < 2) continue;
    out.push({
      mountId: Number(left[0]),
      parentId: Number(left[1]),
      majorMinor: left[2],
      root: unescape(left[3]),
      mountPoint: unescape(left[4]),
      mountOptions: left[5].split(','),
      fsType: right[0],
      source: unescape(right[1]),
      superOptions: (right[2] ?? '').split(',').filter(Boolean),
    });
  }
  return out;
}

function isUnder(path: string, mountPoint: string): boolean {
  if (mountPoint === '/') return path.startsWith('/');
  return path === mountPoint || path.startsWith(mountPoint + '/');
}

/**
 * The mount a (real, absolute) path is on: the longest mount point that contains it, the last one
 * mounted when several share a mount point (later mounts hide earlier ones). When `majorMinor` is
 * known (from stat) a matching entry is preferred, which settles bind mounts of the same point.
 */
export function findMount(entries: readonly MountEntry[], realPath: string, majorMinor?: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const e of entries) {
    if (!isUnder(realPath, e.mountPoint)) continue;
    if (!best || e.mountPoint.length > best.mountPoint.length || (e.mountPoint.length === best.mountPoint.length)) best = e;
  }
  if (best && majorMinor && best.majorMinor !== majorMinor) {
    const same = entries.filter((e) => e.majorMinor === majorMinor && isUnder(realPath, e.mountPoint));
    if (same.length) return same.reduce((a, b) => (b.mountPoint.length >= a.mountPoint.length ? b : a));
  }
  return best;
}

export function readMountinfo(path = '/proc/self/mountinfo'): MountEntry[] {
  try {
    return parseMountinfo(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
}

/** Drop a credential from a mount source (`user:pass@host:/x` → `host:/x`, `//user@srv/share` → `//srv/share`). */
export function scrubMountSource(source: string): string {
  return source.replace(/^(\/\/)?[^/@\s]+@/, '$1');
}
