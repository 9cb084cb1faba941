/**
 * From findings to a CAIQ answer value, language-neutral. A decided fail makes the answer No; Yes
 * and NA need every deciding finding decided; anything a person has to look at makes it Needs
 * review. Nothing is re-evaluated here: only findings.json is read.
 */
import type { Finding, FindingsDocument } from '../findings/types';
import type { EndpointRecord } from '../findings/residency';
import type { Question } from './caiq';

/** The values a CAIQ answer column takes, plus ours for "evidence cannot decide". */
export type CaiqValue = 'Yes' | 'No' | 'NA' | 'Needs review';
export const CAIQ_VALUES: readonly CaiqValue[] = ['Yes', 'No', 'NA', 'Needs review'];

/**
 * What a finding counts as for an answer. `weak`: warn (partly met; a person decides); `open`:
 * manual, error, or an expired attestation; `exception`: a waived fail or warn (accepted risk);
 * `ignored`: info (states a fact, decides nothing).
 */
export type FindingState = 'pass' | 'fail' | 'na' | 'weak' | 'open' | 'exception' | 'ignored';

export interface ClassifiedFinding {
  finding: Finding;
  state: FindingState;
}

/** Why the value is what it is; texts are written from this per language. */
export type Reason =
  | { kind: 'unverified' }
  | { kind: 'no-evidence' }
  | { kind: 'stale'; collectedAt: string }
  | { kind: 'collector'; collector: string; status: string }
  | { kind: 'procedural' }
  | { kind: 'fail'; failing: ClassifiedFinding[] }
  | { kind: 'open'; open: ClassifiedFinding[] }
  | { kind: 'partial-evidence'; gaps: string[] }
  | { kind: 'pass'; passing: number }
  | { kind: 'supports'; passing: number }
  | { kind: 'na' }
  | { kind: 'only-na' }
  | { kind: 'location-open'; unknown: EndpointRecord[]; geolocated: EndpointRecord[]; hostOpen: boolean }
  | { kind: 'location-known'; endpoints: number };

export interface Decision {
  value: CaiqValue;
  reason: Reason;
  /** Every deciding finding, in the question's check order. */
  related: ClassifiedFinding[];
  /** Pack-relative evidence files the deciding findings were decided from. */
  evidence: string[];
}

export interface DecideOptions {
  now: string;
  maxAgeDays: number;
}

/** End of day UTC for a date-only expiry, like waivers. */
function expiryTime(expires: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T23:59:59.999Z` : expires);
}

export function stateOf(f: Finding, now: string): FindingState {
  switch (f.outcome) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'fail';
    case 'not-applicable':
      return 'na';
    case 'info':
      return 'ignored';
    case 'warn':
      return 'weak';
    case 'attested': {
      // A person's recorded answer counts as decided while it is current.
      if (!f.attestedOutcome) return 'open';
      if (f.attestation?.expires && !(expiryTime(f.attestation.expires) >= Date.parse(now))) return 'open';
      return f.attestedOutcome === 'not-applicable' ? 'na' : f.attestedOutcome;
    }
    case 'waived':
      if (f.waivedOutcome === 'pass') return 'pass';
      if (f.waivedOutcome === 'not-applicable') return 'na';
      if (f.waivedOutcome === 'info') return 'ignored';
      return 'exception';
    default:
      return 'open';
  }
}

/** Findings of the question's checks (stable check id or control id), in the question's order. */
export function relatedFindings(q: Question, findings: readonly Finding[]): Finding[] {
  const order = new Map(q.checks.map((c, i) => [c, i]));
  const rank = (f: Finding) => order.get(f.check) ?? order.get(f.control);
  return findings.filter((f) => rank(f) !== undefined).sort((a, b) => rank(a)! - rank(b)!);
}

function collectorOf(file: string): string | null {
  const m = /^evidence\/([^/]+)\.json$/.exec(file);
  return m ? m[1] : null;
}

/** Endpoints a customer asks about: everything but the host's own interface addresses. */
export function dataEndpoints(doc: FindingsDocument): EndpointRecord[] {
  return (doc.residency?.endpoints ?? []).filter((e) => !e.kinds.every((k) => k === 'host-address'));
}

/** Locations stated by someone (declared, a provider's region), or following a host whose location is stated. */
function locationOf(e: EndpointRecord, hostDeclared: boolean): 'established' | 'geolocated' | 'unknown' {
  if (!e.country || e.jurisdiction === 'unknown') return 'unknown';
  if (e.basis === 'declared' || e.basis === 'provider-region') return 'established';
  if (e.basis === 'host') return hostDeclared ? 'established' : 'geolocated';
  return 'geolocated';
}

export function locationStatus(doc: FindingsDocument): { unknown: EndpointRecord[]; geolocated: EndpointRecord[]; established: EndpointRecord[]; hostOpen: boolean } {
  const host = doc.residency?.host;
  const hostDeclared = host?.basis === 'declared';
  const out = { unknown: [] as EndpointRecord[], geolocated: [] as EndpointRecord[], established: [] as EndpointRecord[], hostOpen: !host?.country || !hostDeclared };
  for (const e of dataEndpoints(doc)) out[locationOf(e, hostDeclared)].push(e);
  return out;
}

export function decide(q: Question, doc: FindingsDocument, opts: DecideOptions): Decision {
  const related = relatedFindings(q, doc.findings).map((finding) => ({ finding, state: stateOf(finding, opts.now) }));
  const evidence = [...new Set(related.flatMap((c) => c.finding.evidence.map((e) => e.file)))].sort();
  const out = (value: CaiqValue, reason: Reason): Decision => ({ value, reason, related, evidence });
  const review = (reason: Reason) => out('Needs review', reason);

  // Answers from evidence nobody can vouch for would launder it: never.
  if (doc.run.evidenceModified?.length || doc.run.unverified) return review({ kind: 'unverified' });
  if (related.length === 0) return review({ kind: 'no-evidence' });
  const collected = doc.run.collectedAt;
  const ageDays = collected ? (Date.parse(opts.now) - Date.parse(collected)) / 86_400_000 : Number.POSITIVE_INFINITY;
  if (!(ageDays <= opts.maxAgeDays)) return review({ kind: 'stale', collectedAt: collected ?? '' });
  const used = new Set(evidence.map(collectorOf).filter((c): c is string => !!c));
  for (const name of used) {
    const c = doc.run.collectors.find((x) => x.name === name);
    if (!c || c.status === 'failed' || c.status === 'skipped') return review({ kind: 'collector', collector: name, status: c?.status ?? 'absent' });
  }
  if (q.scope === 'procedural') return review({ kind: 'procedural' });

  const failing = related.filter((c) => c.state === 'fail');
  const open = related.filter((c) => c.state === 'weak' || c.state === 'open' || c.state === 'exception');
  const gaps = (doc.run.gaps ?? []).filter((g) => [...used].some((name) => g.startsWith(`${name}:`)));

  if (q.rule === 'location') {
    // Documenting where data is does not depend on whether the place is allowed: the transfer is DSP-10.1.
    if (!doc.residency || doc.residency.error) return review({ kind: 'no-evidence' });
    const errors = related.filter((c) => c.finding.outcome === 'error');
    if (errors.length) return review({ kind: 'open', open: errors });
    const s = locationStatus(doc);
    if (s.unknown.length || s.geolocated.length || s.hostOpen) return review({ kind: 'location-open', unknown: s.unknown, geolocated: s.geolocated, hostOpen: s.hostOpen });
    if (gaps.length) return review({ kind: 'partial-evidence', gaps });
    return out('Yes', { kind: 'location-known', endpoints: s.established.length });
  }

  if (failing.length) return out('No', { kind: 'fail', failing });
  if (open.length) return review({ kind: 'open', open });
  const passing = related.filter((c) => c.state === 'pass').length;
  const na = related.filter((c) => c.state === 'na').length;
  if (passing === 0 && na === 0) return review({ kind: 'no-evidence' });
  // A pass over partial collection could hide the container that was not inspected.
  if (gaps.length) return review({ kind: 'partial-evidence', gaps });
  if (q.scope === 'supports') return review(passing ? { kind: 'supports', passing } : { kind: 'only-na' });
  return passing ? out('Yes', { kind: 'pass', passing }) : out('NA', { kind: 'na' });
}
