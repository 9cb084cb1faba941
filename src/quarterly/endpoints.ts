/**
 * Changes in the residency record between two packs: endpoints matched by id (new destination,
 * removed destination, changed country, jurisdiction, location basis, transfer basis or outcome), and
 * the host's own location.
 */
import type { EndpointRecord, ResidencyRecord } from '../findings/residency';
import type { EndpointChange, EndpointField, EndpointSnapshot, PackDiff } from './types';

const FIELDS: readonly EndpointField[] = ['country', 'jurisdiction', 'basis', 'transferBasis', 'transfer', 'outcome'];
const INSIDE = new Set(['eea', 'eea-special', 'internal']);

function snapshot(e: EndpointRecord): EndpointSnapshot {
  // `transfer` is the structured Chapter V basis of newer residency records; absent in older ones.
  const transfer = (e as unknown as Record<string, unknown>).transfer ?? null;
  return { display: e.display, country: e.country ?? null, jurisdiction: e.jurisdiction, basis: e.basis, transferBasis: e.transferBasis ?? null, transfer, outcome: e.outcome };
}

/** Stable JSON for comparing nested values (object keys sorted). */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Endpoint ids in the transfer register (`residency.transfers`), else those outside the EEA by jurisdiction. */
function transferIds(r: ResidencyRecord): Set<string> {
  const register = (r as unknown as { transfers?: { endpoint?: unknown }[] }).transfers;
  if (Array.isArray(register)) return new Set(register.map((t) => String(t?.endpoint)));
  return new Set(r.endpoints.filter((e) => !INSIDE.has(e.jurisdiction) && !e.kinds.includes('host-address')).map((e) => e.id));
}

export function diffEndpoints(old: ResidencyRecord | null, now: ResidencyRecord | null): { endpoints: EndpointChange[]; hostLocation: PackDiff['hostLocation'] } {
  if (!old || !now) return { endpoints: [], hostLocation: null };
  const before = new Map(old.endpoints.map((e) => [e.id, e]));
  const after = new Map(now.endpoints.map((e) => [e.id, e]));
  const tOld = transferIds(old);
  const tNew = transferIds(now);
  const out: EndpointChange[] = [];
  for (const [id, e] of after) {
    const was = before.get(id);
    const transfer = { old: tOld.has(id), new: tNew.has(id) };
    if (!was) {
      out.push({ kind: 'new-destination', id, display: e.display, fields: [], old: null, new: snapshot(e), transfer });
      continue;
    }
    const a = snapshot(was);
    const b = snapshot(e);
    const fields = FIELDS.filter((k) => !sameValue(a[k], b[k]));
    if (fields.length || transfer.old !== transfer.new) out.push({ kind: 'changed', id, display: e.display, fields, old: a, new: b, transfer });
  }
  for (const [id, e] of before) {
    if (!after.has(id)) out.push({ kind: 'removed-destination', id, display: e.display, fields: [], old: snapshot(e), new: null, transfer: { old: tOld.has(id), new: false } });
  }
  const order = { 'new-destination': 0, changed: 1, 'removed-destination': 2 } as const;
  out.sort((x, y) => order[x.kind] - order[y.kind] || x.display.localeCompare(y.display));
  const h = (r: ResidencyRecord) => ({ country: r.host?.country ?? null, basis: r.host?.basis ?? 'none' });
  const hostLocation = sameValue(h(old), h(now)) ? null : { old: h(old), new: h(now) };
  return { endpoints: out, hostLocation };
}
