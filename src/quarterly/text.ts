/** The diff as plain text for the terminal (`residency-audit diff` without --json). */
import type { ChangeKind, FindingChange, PackDiff, PackRef } from './types';

const LABEL: Record<ChangeKind, string> = {
  regressed: 'regressed', new: 'new', fixed: 'fixed', 'still-failing': 'still failing', changed: 'changed', gone: 'gone', added: 'added', unchanged: 'unchanged',
};
/** Listed one per line; the others are counted only. */
const LISTED: readonly ChangeKind[] = ['regressed', 'new', 'fixed', 'changed', 'gone'];

function outcome(s: FindingChange['old']): string {
  if (!s) return '—';
  return s.outcome === 'attested' && s.attestedOutcome ? `attested ${s.attestedOutcome}` : s.outcome;
}

function ref(r: PackRef): string {
  return `${r.dir ?? 'this run'} (collected ${r.collectedAt ?? 'unknown'}, host ${r.host.hostname}${r.signedBy ? `, signed by key ${r.signedBy}` : ''})`;
}

const CAUSE: Record<string, string> = {
  'waiver-expired': 'waiver expired', waived: 'waived', 'attestation-expired': 'attestation expired', attested: 'attested',
  'new-check': 'new check', 'removed-check': 'check removed', 'new-target': 'new target', 'target-gone': 'target gone',
};

function line(c: FindingChange): string {
  const sev = (c.new ?? c.old)!.severity.padEnd(8);
  const why = c.because ? ` (${CAUSE[c.because] ?? c.because})` : '';
  return `  ${sev} ${c.control.padEnd(10)} ${c.target.name}: ${outcome(c.old)} → ${outcome(c.new)}${why}  [${c.id}]`;
}

function value(v: unknown): string {
  return v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

export function diffText(d: PackDiff): string {
  const out: string[] = [];
  out.push(`old: ${ref(d.old)}`, `new: ${ref(d.new)}`);
  if (!d.sameHost) out.push(`note: the packs are from different hosts (${d.old.host.hostname} / ${d.new.host.hostname}): findings of the host itself do not match`);
  out.push(`findings: ${(Object.keys(LABEL) as ChangeKind[]).map((k) => `${d.counts[k]} ${LABEL[k]}`).join(', ')}`);
  const scores = d.scores.filter((s) => s.old !== null || s.new !== null);
  if (scores.length) out.push(`scores: ${scores.map((s) => `${s.framework} ${s.old ?? 'n/a'} → ${s.new ?? 'n/a'}${s.delta !== null ? ` (${s.delta >= 0 ? '+' : ''}${s.delta})` : ''}`).join('; ')}`);
  for (const kind of LISTED) {
    const list = d.findings.filter((c) => c.kind === kind);
    if (!list.length) continue;
    out.push('', `${LABEL[kind]} (${list.length}):`, ...list.map(line));
  }
  if (d.endpoints.length || d.hostLocation) {
    out.push('', `residency (${d.endpoints.length} endpoint change${d.endpoints.length === 1 ? '' : 's'}):`);
    if (d.hostLocation) out.push(`  host location: ${value(d.hostLocation.old.country)} (${d.hostLocation.old.basis}) → ${value(d.hostLocation.new.country)} (${d.hostLocation.new.basis})`);
    for (const e of d.endpoints) {
      if (e.kind === 'new-destination') out.push(`  new destination ${e.display}: ${value(e.new!.country)}, ${e.new!.jurisdiction}, ${e.new!.outcome}${e.transfer.new ? ' (a transfer)' : ''}`);
      else if (e.kind === 'removed-destination') out.push(`  removed destination ${e.display} (was ${value(e.old!.country)}, ${e.old!.jurisdiction})`);
      else out.push(`  ${e.display}: ${e.fields.map((f) => `${f} ${value(e.old![f])} → ${value(e.new![f])}`).join('; ')}`);
    }
  }
  if (d.platform.length) {
    out.push('', 'platform:');
    for (const p of d.platform) out.push(`  ${p.aspect} ${p.targetName}: ${p.field} ${value(p.old)} → ${value(p.new)}`);
  }
  return `${out.join('\n')}\n`;
}
