/**
 * Names and labels of what a fleet run creates on the Swarm, so that a service left behind by a
 * crashed run is recognised (and removed) by the next run, and a live run elsewhere is left alone.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const SERVICE_PREFIX = 'residency-audit-fleet-';
export const LABEL = 'org.residency-audit.fleet';
export const LABEL_OWNER = 'org.residency-audit.fleet.owner';
export const LABEL_EXPIRES = 'org.residency-audit.fleet.expires';

export interface RunIdentity {
  /** Service name: residency-audit-fleet-<yyyymmddhhmmss>-<hex>. */
  name: string;
  labels: Record<string, string>;
}

/** A new run's service name and labels; `expires` = when any later run may take it for a leftover. */
export function newRunIdentity(expiresAt: Date, now = new Date(), owner = `${hostname()}/${process.pid}`): RunIdentity {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return { name: `${SERVICE_PREFIX}${stamp}-${randomBytes(3).toString('hex')}`, labels: { [LABEL]: '1', [LABEL_OWNER]: owner, [LABEL_EXPIRES]: expiresAt.toISOString() } };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a service with our label is a leftover, or null when it may belong to a run still going:
 * its owner process on this machine is gone, or it is past its expiry, or it carries no usable owner.
 */
export function leftoverReason(labels: Record<string, string> | undefined, now = new Date(), thisHost = hostname(), alive = pidAlive): string | null {
  if (!labels || labels[LABEL] !== '1') return null;
  const expires = Date.parse(labels[LABEL_EXPIRES] ?? '');
  if (!Number.isFinite(expires)) return 'it has no expiry label';
  if (expires < now.getTime()) return `it expired at ${new Date(expires).toISOString()}`;
  const m = /^(.*)\/(\d+)$/.exec(labels[LABEL_OWNER] ?? '');
  if (!m) return 'it has no owner label';
  if (m[1] === thisHost && !alive(Number(m[2]))) return `its run (pid ${m[2]} on ${m[1]}) is gone`;
  return null;
}

/** A folder name for a host: its name with anything but letters, digits, dot, dash and underscore replaced; unique among `taken`. */
export function hostFolder(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.]+/, '_').slice(0, 100) || 'host';
  if (base === '.' || base === '..') base = 'host';
  let folder = base;
  for (let i = 2; taken.has(folder); i++) folder = `${base}-${i}`;
  taken.add(folder);
  return folder;
}
