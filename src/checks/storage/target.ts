import type { StorageEvidence, StorageTargetEvidence } from '../../evidence/types/storage';
import type { Target } from '../../findings/types';

const ROLE: Record<string, string> = { 'docker-data-root': 'Docker data-root', 'docker-volume': 'Docker volume', dir: 'directory' };

/** A measured filesystem as a finding target; the id is the path, stable from one audit to the next. */
export function storageTarget(t: StorageTargetEvidence): Target {
  const what = t.roles.map((r) => ROLE[r] ?? r).join(' + ');
  const where = [t.device?.name, t.filesystem?.type].filter(Boolean).join(', ');
  return { kind: 'storage', id: t.path, name: `${what} ${t.path}${where ? ` (${where})` : ''}` };
}

/** The target the pack's headline figures come from: the data-root, else the first measured directory. */
export function primaryTarget(s: StorageEvidence): StorageTargetEvidence | null {
  return s.primary !== null && s.primary !== undefined ? (s.targets[s.primary] ?? null) : null;
}

export const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `fio-3.33`, `node v20.20.2`: the engine once, with its version. */
export function engineText(t: StorageTargetEvidence): string | null {
  if (!t.engine) return null;
  return t.engine.version.startsWith(t.engine.name) ? t.engine.version : `${t.engine.name} ${t.engine.version}`;
}

/** Reasons a measured target's figures are not disk figures (empty when they are). */
export function untrustworthy(t: StorageTargetEvidence): string[] {
  const why: string[] = [];
  if (t.testFile && !t.testFile.directIo) why.push('direct I/O (O_DIRECT) was refused, so the page cache answered');
  for (const r of Object.values(t.results)) {
    if (!r) continue;
    if (r.cacheSuspected) why.push(`${r.id} looks like a cache (p50 ${r.p50Us} µs${r.device ? `, ${r.device.ratio} device requests per op` : ''})`);
    else if (r.device?.verdict === 'below') why.push(`${r.id}: the device completed only ${r.device.ratio} requests per operation`);
  }
  return why;
}
