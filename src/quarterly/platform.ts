/**
 * Changes in what the host runs on: the virtualization verdict (virt findings' observed kernel, VM,
 * provider and stack) and the storage class of each measured filesystem (storage-performance
 * findings' observed classification), matched by finding id.
 */
import type { Finding, FindingsDocument } from '../findings/types';
import { sameValue } from './endpoints';
import type { PlatformChange } from './types';

type Read = (observed: Record<string, unknown>) => unknown;

/** Per check, the observed values that make the verdict. */
const WATCHED: Record<string, { aspect: PlatformChange['aspect']; fields: Record<string, Read> }> = {
  'virt-shared-kernel': { aspect: 'virtualization', fields: { kernel: (o) => o.kernel ?? null } },
  'virt-hypervisor': { aspect: 'virtualization', fields: { vm: (o) => o.vm ?? null, provider: (o) => o.provider ?? null, stack: (o) => o.stack ?? null } },
  'storage-performance': {
    aspect: 'storage',
    fields: { class: (o) => ((o.classification as { consistentWith?: unknown } | undefined)?.consistentWith ?? null) },
  },
};

function observedOf(f: Finding | undefined): Record<string, unknown> | null {
  return f && f.observed && typeof f.observed === 'object' && !Array.isArray(f.observed) ? (f.observed as Record<string, unknown>) : null;
}

export function diffPlatform(oldDoc: FindingsDocument, newDoc: FindingsDocument): PlatformChange[] {
  const pick = (d: FindingsDocument) => new Map(d.findings.filter((f) => f.check in WATCHED).map((f) => [f.id, f]));
  const before = pick(oldDoc);
  const after = pick(newDoc);
  const out: PlatformChange[] = [];
  for (const id of new Set([...after.keys(), ...before.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    const f = (b ?? a)!;
    const w = WATCHED[f.check];
    const oa = observedOf(a);
    const ob = observedOf(b);
    for (const [field, read] of Object.entries(w.fields)) {
      const va = oa ? read(oa) : null;
      const vb = ob ? read(ob) : null;
      if (!sameValue(va, vb)) out.push({ aspect: w.aspect, check: f.check, target: f.target.id, targetName: f.target.name, field, old: va, new: vb });
    }
  }
  return out.sort((x, y) => x.aspect.localeCompare(y.aspect) || x.target.localeCompare(y.target) || x.field.localeCompare(y.field));
}
