/**
 * Finding matching and classification between two findings documents: by stable finding id, each
 * pair (or single) classified as in src/quarterly/types.ts ChangeKind.
 */
import { scoredOutcome } from '../findings/score';
import { SEVERITIES, type Finding, type FindingsDocument } from '../findings/types';
import { CHANGE_KINDS, type ChangeCause, type ChangeKind, type FindingChange, type FindingSide, type FindingState } from './types';

/** failing: fail, warn, error, attested as failing; open: manual; ok: everything else (pass, not-applicable, info, waived, attested pass/n-a). */
export function stateOf(f: Pick<Finding, 'outcome' | 'attestedOutcome'>): FindingState {
  const o = scoredOutcome(f);
  if (o === 'fail' || o === 'warn' || o === 'error') return 'failing';
  if (o === 'manual') return 'open';
  return 'ok';
}

function side(f: Finding): FindingSide {
  return { outcome: f.outcome, attestedOutcome: f.attestedOutcome ?? null, state: stateOf(f), severity: f.severity };
}

/** The kind of change of one finding id; `old`/`new` undefined when the id is not in that pack. */
export function classify(old: Finding | undefined, now: Finding | undefined): ChangeKind {
  if (!old && !now) throw new Error('classify needs at least one finding');
  if (!old) return stateOf(now!) === 'failing' ? 'new' : 'added';
  if (!now) return 'gone';
  const was = stateOf(old);
  const is = stateOf(now);
  if (was === 'failing' && is === 'failing') return 'still-failing';
  if (is === 'failing') return 'regressed';
  if (was === 'failing') return is === 'ok' ? 'fixed' : 'changed';
  return old.outcome === now.outcome && (old.attestedOutcome ?? null) === (now.attestedOutcome ?? null) ? 'unchanged' : 'changed';
}

function causeOf(old: Finding | undefined, now: Finding | undefined, oldChecks: ReadonlySet<string>, newChecks: ReadonlySet<string>): ChangeCause | null {
  if (!old) return oldChecks.has(now!.check) ? 'new-target' : 'new-check';
  if (!now) return newChecks.has(old.check) ? 'target-gone' : 'removed-check';
  if (old.outcome === 'waived' && now.expiredWaiver) return 'waiver-expired';
  if (old.outcome === 'attested' && now.expiredAttestation) return 'attestation-expired';
  if (now.outcome === 'waived' && old.outcome !== 'waived') return 'waived';
  if (now.outcome === 'attested' && old.outcome !== 'attested') return 'attested';
  return null;
}

/** Check ids a document's catalog evaluated (its controls; else those its findings name). */
function checksOf(doc: FindingsDocument): Set<string> {
  const records = Object.values(doc.controls ?? {});
  return new Set(records.length ? records.map((r) => r.check) : doc.findings.map((f) => f.check));
}

const KIND_RANK = new Map(CHANGE_KINDS.map((k, i) => [k, i]));
const SEVERITY_RANK = new Map(SEVERITIES.map((s, i) => [s, i]));
/** One collator for the whole sort: `cis-5.10` after `cis-5.9` (String#localeCompare with options builds one per call). */
const COLLATE = new Intl.Collator('en', { numeric: true }).compare;

function compareChanges(a: FindingChange, b: FindingChange): number {
  const sa = (a.new ?? a.old)!.severity;
  const sb = (b.new ?? b.old)!.severity;
  return (KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)!) || (SEVERITY_RANK.get(sa)! - SEVERITY_RANK.get(sb)!)
    || COLLATE(a.control, b.control) || COLLATE(a.target.name, b.target.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface FindingsDiff {
  counts: Record<ChangeKind, number>;
  /** Every change but `unchanged`, sorted. */
  changes: FindingChange[];
}

/** Match the findings of two documents by id and classify each. */
export function diffFindings(oldDoc: FindingsDocument, newDoc: FindingsDocument): FindingsDiff {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const before = new Map<string, Finding>();
  for (const f of oldDoc.findings) before.set(f.id, f);
  const oldChecks = checksOf(oldDoc);
  const newChecks = checksOf(newDoc);
  const changes: FindingChange[] = [];
  const seen = new Set<string>();
  const record = (old: Finding | undefined, now: Finding | undefined) => {
    const kind = classify(old, now);
    counts[kind]++;
    if (kind === 'unchanged') return;
    const f = (now ?? old)!;
    changes.push({
      kind, id: f.id, check: f.check, control: f.control, title: f.title, section: f.section,
      target: { kind: f.target.kind, name: f.target.name, identity: f.target.identity ?? null },
      old: old ? side(old) : null,
      new: now ? side(now) : null,
      because: causeOf(old, now, oldChecks, newChecks),
      oldMessage: old && kind !== 'still-failing' ? old.message : null,
    });
  };
  for (const f of newDoc.findings) {
    seen.add(f.id);
    record(before.get(f.id), f);
  }
  for (const f of oldDoc.findings) if (!seen.has(f.id)) record(f, undefined);
  changes.sort(compareChanges);
  return { counts, changes };
}
