import * as os from 'node:os';
import type { Invocation } from '../../pipeline/evaluate';

/** Who runs this process and how, for the pack's cover ("who ran it"); credentials never appear in argv we accept. */
export function invocation(): Invocation {
  let user: string | null = null;
  let uid: number | null = null;
  try {
    const u = os.userInfo();
    user = u.username;
    uid = u.uid;
  } catch {
    /* no passwd entry (a container with an arbitrary uid) */
    uid = typeof process.getuid === 'function' ? process.getuid() : null;
  }
  const args = process.argv.slice(2).map((a) => (/[\s"'\\$`]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a));
  return { user, uid, command: ['residency-audit', ...args].join(' '), hostname: os.hostname() };
}
