/**
 * Attestations: a person's recorded answer (pass, fail, not-applicable) to a manual control. While
 * valid, the manual finding becomes `attested` with the statement and who made it, and is scored as
 * the attested outcome (src/findings/score.ts scoredOutcome). Only manual findings are attested: a
 * finding decided from evidence keeps its outcome, and the attestation is reported as not applied.
 * Expiry follows the waiver rules (src/findings/expiry.ts): evaluated against the evaluation time in
 * UTC, a date-only expiry lasting through that day; an expired attestation leaves the finding manual
 * with "attestation expired on …" and records it as `expiredAttestation`.
 */
import { isExpired } from './expiry';
import { validity, type AttestationRegisterEntry } from './registers';
import { targetMatches, targetPattern } from './target-pattern';
import type { Attestation, AttestationRecord, AttestedOutcome, Finding, LocalText } from './types';

const OUTCOME_TEXT: Record<AttestedOutcome, LocalText> = {
  pass: { en: 'passing', nb: 'bestått' },
  fail: { en: 'failing', nb: 'ikke bestått' },
  'not-applicable': { en: 'not applicable', nb: 'ikke relevant' },
};

function who(a: Attestation): string {
  return a.by.role ? `${a.by.name} (${a.by.role})` : a.by.name;
}

/** The message of an attested finding: what was attested, by whom, when, until when, and the statement. */
export function attestedMessage(a: Attestation): LocalText {
  return {
    en: `Attested as ${OUTCOME_TEXT[a.outcome].en} by ${who(a)} on ${a.at}, valid until ${a.expires}: ${a.statement}${a.basis ? ` (basis: ${a.basis})` : ''}`,
    nb: `Attestert som ${OUTCOME_TEXT[a.outcome].nb} av ${who(a)} ${a.at}, gyldig til ${a.expires}: ${a.statement}${a.basis ? ` (grunnlag: ${a.basis})` : ''}`,
  };
}

/** Appended to a manual finding whose attestation has expired. */
export function expiredMessage(a: Attestation): LocalText {
  return {
    en: `attestation expired on ${a.expires} (was ${OUTCOME_TEXT[a.outcome].en}, by ${who(a)} on ${a.at}); a person must decide again`,
    nb: `attesteringen utløp ${a.expires} (var ${OUTCOME_TEXT[a.outcome].nb}, av ${who(a)} ${a.at}); en person må avgjøre på nytt`,
  };
}

export function attestationRecord(a: Attestation): AttestationRecord {
  return { statement: a.statement, by: a.by, at: a.at, ...(a.basis ? { basis: a.basis } : {}), expires: a.expires };
}

export interface AttestationResult {
  findings: Finding[];
  register: AttestationRegisterEntry[];
}

/**
 * Apply attestations to the findings and build their register. Of several attestations answering one
 * manual finding, a valid one wins over an expired one, then one with a target pattern over one for
 * every target, then the latest `at`, then the one listed last.
 */
export function applyAttestations(findings: Finding[], attestations: readonly Attestation[], now: string): AttestationResult {
  const nowMs = Date.parse(now);
  const patterns = attestations.map((a) => (a.target === undefined ? null : targetPattern(a.target)));
  const future = attestations.map((a) => Date.parse(a.at) > nowMs);
  const expired = attestations.map((a) => isExpired(a, now));
  const applied: string[][] = attestations.map(() => []);
  const notApplied: AttestationRegisterEntry['notApplied'][] = attestations.map(() => []);
  const better = (i: number, j: number): boolean => {
    if (expired[i] !== expired[j]) return !expired[i];
    if ((patterns[i] === null) !== (patterns[j] === null)) return patterns[i] !== null;
    const ai = Date.parse(attestations[i].at);
    const aj = Date.parse(attestations[j].at);
    return ai !== aj ? ai > aj : i > j;
  };
  const out = attestations.length === 0 ? findings : findings.map((f): Finding => {
    const matching: number[] = [];
    for (let i = 0; i < attestations.length; i++) {
      const a = attestations[i];
      if (a.control !== f.control && a.control !== f.check) continue;
      const p = patterns[i];
      if (p && !targetMatches(p, f.target)) continue;
      matching.push(i);
    }
    if (matching.length === 0) return f;
    if (f.outcome !== 'manual') {
      for (const i of matching) notApplied[i].push({ id: f.id, outcome: f.outcome, why: 'automated' });
      return f;
    }
    let best = -1;
    for (const i of matching) {
      if (future[i]) notApplied[i].push({ id: f.id, outcome: f.outcome, why: 'not-yet-valid' });
      else if (best === -1 || better(i, best)) best = i;
    }
    if (best === -1) return f;
    for (const i of matching) if (i !== best && !future[i]) notApplied[i].push({ id: f.id, outcome: f.outcome, why: 'superseded' });
    const a = attestations[best];
    applied[best].push(f.id);
    if (expired[best]) {
      const m = expiredMessage(a);
      return { ...f, expiredAttestation: a, message: { en: `${f.message.en} (${m.en})`, nb: `${f.message.nb} (${m.nb})` } };
    }
    return { ...f, outcome: 'attested', attestedOutcome: a.outcome, attestation: attestationRecord(a), message: attestedMessage(a) };
  });
  const register = attestations.map((a, i): AttestationRegisterEntry => {
    const base = { attestation: a, ...validity(a.expires, now), findings: applied[i], notApplied: notApplied[i] };
    const on = a.target ? ` matching ${a.target}` : '';
    const onNb = a.target ? ` som passer ${a.target}` : '';
    if (applied[i].length > 0) {
      return expired[i]
        ? { ...base, status: 'expired', reason: { en: `Expired on ${a.expires}: the findings are manual again.`, nb: `Utløp ${a.expires}: funnene er manuelle igjen.` } }
        : { ...base, status: 'active', reason: null };
    }
    const whys = new Set(notApplied[i].map((n) => n.why));
    if (future[i]) {
      return { ...base, status: 'not-applied', reason: { en: `Dated ${a.at}, after this evaluation (${now}): not applied.`, nb: `Datert ${a.at}, etter denne vurderingen (${now}): ikke brukt.` } };
    }
    if (whys.has('automated') && !whys.has('superseded')) {
      const outcomes = [...new Set(notApplied[i].map((n) => n.outcome))].join(', ');
      return {
        ...base, status: 'not-applied',
        reason: { en: `${a.control}${on} is decided from evidence here (${outcomes}): only manual findings can be attested.`, nb: `${a.control}${onNb} avgjøres her ut fra bevis (${outcomes}): bare manuelle funn kan attesteres.` },
      };
    }
    if (whys.size > 0) {
      return { ...base, status: 'not-applied', reason: { en: 'A more specific or later attestation answers the same findings.', nb: 'En mer presis eller senere attestering besvarer de samme funnene.' } };
    }
    return {
      ...base, status: 'unmatched',
      reason: { en: `No finding of ${a.control}${on} in this run: the attestation matches nothing.`, nb: `Ingen funn for ${a.control}${onNb} i denne kjøringen: attesteringen treffer ingenting.` },
    };
  });
  return { findings: out, register };
}
