import type { MountFact } from '../../evidence/types/host';

interface MountLine {
  device: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

/** `\040` and friends: mountinfo escapes spaces, tabs, newlines and backslashes in octal. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** Lines of `/proc/<pid>/mountinfo` (see proc(5)). */
export function parseMountinfo(text: string): MountLine[] {
  const out: MountLine[] = [];
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    if (left.length < 5 || right.length < 2) continue;
    out.push({ device: left[2], mountPoint: unescape(left[4]), fsType: right[0], source: unescape(right[1]) });
  }
  return out;
}

function contains(mountPoint: string, p: string): boolean {
  return mountPoint === '/' || p === mountPoint || p.startsWith(`${mountPoint}/`);
}

/** The filesystem holding `p`: the last-mounted, longest mount point that contains it. */
export function mountOf(lines: readonly MountLine[], p: string): MountFact | null {
  let best: MountLine | null = null;
  for (const m of lines) {
    if (!contains(m.mountPoint, p)) continue;
    if (!best || m.mountPoint.length >= best.mountPoint.length) best = m;
  }
  if (!best) return null;
  const root = [...lines].reverse().find((m) => m.mountPoint === '/') ?? null;
  return {
    mountPoint: best.mountPoint,
    fsType: best.fsType,
    device: best.device,
    source: best.source,
    rootDevice: root?.device ?? null,
    // A bind mount of the root disk (same device) is not a separate partition: it fills up together with /.
    separateFromRoot: root ? best.device !== root.device : best.mountPoint !== '/',
  };
}
