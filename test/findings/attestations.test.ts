import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { applyAttestations } from '../../src/findings/attestations';
import { scoreOf } from '../../src/findings/score';
import type { Attestation } from '../../src/findings/types';
import { loadEvidence } from '../../src/evidence/store';
import { buildFindings } from '../../src/pipeline/evaluate';
import { PROJECT_ROOT } from '../../src/version';
import { gatingFindings } from '../../src/cli/commands/shared';
import { document, finding } from '../support/findings';

const web = { kind: 'container' as const, id: 'c2', name: 'shop-web-1', identity: 'shop-web-1' };
const db = { kind: 'container' as const, id: 'c3', name: 'shop-db-1', identity: 'shop-db-1' };
const ports: Attestation = {
  control: 'cis-5.9', outcome: 'pass', statement: 'Only the ports in the service design are published.', by: { name: 'Kari Nordmann', role: 'Security lead' },
  at: '2026-10-01', basis: 'ISMS-412', expires: '2027-09-30',
};

describe('attestations: a person answers a manual control', () => {
  const manual = finding('cis-5.9', 'containers', 'manual', web);

  it('makes a manual finding attested, with the statement and who, scored as the attested outcome', () => {
    const r = applyAttestations([manual], [ports], '2026-11-23T12:00:00Z');
    const f = r.findings[0];
    assert.equal(f.outcome, 'attested');
    assert.equal(f.attestedOutcome, 'pass');
    assert.deepEqual(f.attestation, { statement: ports.statement, by: ports.by, at: '2026-10-01', basis: 'ISMS-412', expires: '2027-09-30' });
    assert.match(f.message.en, /^Attested as passing by Kari Nordmann \(Security lead\) on 2026-10-01, valid until 2027-09-30: Only the ports/);
    assert.match(f.message.nb, /^Attestert som bestått av Kari Nordmann \(Security lead\) 2026-10-01, gyldig til 2027-09-30/);
    assert.equal(scoreOf(r.findings), 100);
    assert.equal(scoreOf(applyAttestations([manual], [{ ...ports, outcome: 'fail' }], '2026-11-23T12:00:00Z').findings), 0);
    assert.equal(r.register[0].status, 'active');
    assert.deepEqual(r.register[0].findings, [manual.id]);
  });

  it('never overrides a finding decided from evidence: reported as not applied', () => {
    const automated = [finding('cis-5.5', 'containers', 'fail', web), finding('cis-5.5', 'containers', 'pass', db)];
    const r = applyAttestations(automated, [{ ...ports, control: 'cis-5.5' }], '2026-11-23T12:00:00Z');
    assert.deepEqual(r.findings.map((f) => f.outcome), ['fail', 'pass']);
    assert.equal(r.register[0].status, 'not-applied');
    assert.deepEqual(r.register[0].notApplied.map((n) => [n.outcome, n.why]), [['fail', 'automated'], ['pass', 'automated']]);
    assert.match(r.register[0].reason!.en, /cis-5\.5 is decided from evidence here \(fail, pass\): only manual findings can be attested/);
    assert.match(r.register[0].reason!.nb, /bare manuelle funn kan attesteres/);
  });

  it('after its expiry the finding is manual again with "attestation expired on …" in both languages', () => {
    const r = applyAttestations([manual], [ports], '2027-10-01T00:00:00.000Z');
    const f = r.findings[0];
    assert.equal(f.outcome, 'manual');
    assert.equal(f.attestation, undefined);
    assert.deepEqual(f.expiredAttestation, ports);
    assert.match(f.message.en, /attestation expired on 2027-09-30 \(was passing, by Kari Nordmann \(Security lead\) on 2026-10-01\)/);
    assert.match(f.message.nb, /attesteringen utløp 2027-09-30/);
    assert.equal(r.register[0].status, 'expired');
    assert.equal(applyAttestations([manual], [ports], '2027-09-30T23:59:59.999Z').findings[0].outcome, 'attested', 'valid through the last day UTC');
  });

  it('a target glob limits it; a targeted one wins over one for every target, then the latest', () => {
    const all = { ...ports, statement: 'all', at: '2026-11-01' };
    const dbOnly = { ...ports, target: 'shop-db-*', outcome: 'not-applicable' as const, statement: 'db publishes nothing' };
    const older = { ...ports, statement: 'older', at: '2026-09-01' };
    const r = applyAttestations([manual, finding('cis-5.9', 'containers', 'manual', db)], [older, dbOnly, all], '2026-11-23T12:00:00Z');
    assert.deepEqual(r.findings.map((f) => [f.target.name, f.outcome, f.attestedOutcome, f.attestation?.statement]), [
      ['shop-web-1', 'attested', 'pass', 'all'],
      ['shop-db-1', 'attested', 'not-applicable', 'db publishes nothing'],
    ]);
    assert.deepEqual(r.register.map((e) => e.status), ['not-applied', 'active', 'active']);
    assert.ok(r.register[0].notApplied.every((n) => n.why === 'superseded'));
    assert.equal(applyAttestations([manual], [{ ...ports, target: 'shop-db-?' }], '2026-11-23T12:00:00Z').register[0].status, 'unmatched');
    assert.equal(applyAttestations([manual], [{ ...ports, target: 'shop-web-?' }], '2026-11-23T12:00:00Z').findings[0].outcome, 'attested');
    assert.equal(applyAttestations([manual], [{ ...ports, target: 'shop.web.1' }], '2026-11-23T12:00:00Z').findings[0].outcome, 'manual', 'a dot is literal');
  });

  it('matches the stable check id too; an unknown control is unmatched; one dated after the evaluation is not applied', () => {
    const r = applyAttestations([{ ...manual, check: 'cis.needed-ports' }], [{ ...ports, control: 'cis.needed-ports' }, { ...ports, control: 'cis-9.99' }, { ...ports, at: '2026-12-01' }], '2026-11-23T12:00:00Z');
    assert.equal(r.findings[0].outcome, 'attested');
    assert.deepEqual(r.register.map((e) => e.status), ['active', 'unmatched', 'not-applied']);
    assert.match(r.register[1].reason!.en, /No finding of cis-9\.99 in this run/);
    assert.match(r.register[2].reason!.en, /Dated 2026-12-01, after this evaluation/);
  });
});

describe('attestations in buildFindings (sample evidence from a real engine, fixed clock)', () => {
  it('an attested manual control is attested; with the clock past its expiry it is manual again with the expiry message', async () => {
    const evidence = await loadEvidence(path.join(PROJECT_ROOT, 'evidence/sample'));
    const plain = buildFindings(evidence, { config: {}, now: '2026-11-23T12:00:00Z' });
    const manual = plain.findings.find((f) => f.outcome === 'manual' && plain.controls[f.control]?.automated === false);
    assert.ok(manual, 'the sample has a manual control');
    const a: Attestation = { control: manual.control, outcome: 'pass', statement: 'Reviewed in the Q3 design review.', by: { name: 'Kari Nordmann', role: 'Security lead' }, at: '2026-10-01', expires: '2026-12-31' };

    const valid = buildFindings(evidence, { config: {}, now: '2026-11-23T12:00:00Z', attestations: [a] });
    const f = valid.findings.find((x) => x.id === manual.id)!;
    assert.equal(f.outcome, 'attested');
    assert.equal(f.attestedOutcome, 'pass');
    assert.equal(f.attestation?.by.name, 'Kari Nordmann');
    assert.equal(valid.run.counts.attested, valid.findings.filter((x) => x.outcome === 'attested').length);
    assert.ok(valid.run.counts.attested >= 1);
    assert.equal(valid.registers?.attestations[0].status, 'active');
    assert.deepEqual(valid.registers?.expiringSoon, [], 'more than 30 days left on 2026-11-23');
    assert.equal(buildFindings(evidence, { config: {}, now: '2026-12-05T00:00:00Z', attestations: [a] }).registers?.expiringSoon[0]?.daysLeft, 26);

    const later = buildFindings(evidence, { config: {}, now: '2027-01-01T00:00:00Z', attestations: [a] });
    const g = later.findings.find((x) => x.id === manual.id)!;
    assert.equal(g.outcome, 'manual');
    assert.match(g.message.en, /attestation expired on 2026-12-31/);
    assert.match(g.message.nb, /attesteringen utløp 2026-12-31/);
    assert.equal(later.run.counts.attested, 0);
    assert.equal(later.registers?.attestations[0].status, 'expired');
  });

  it('records the waiver register, with unmatched waivers', async () => {
    const evidence = await loadEvidence(path.join(PROJECT_ROOT, 'evidence/sample'));
    const doc = buildFindings(evidence, { config: { waivers: [{ control: 'cis-9.99', justification: 'j', approvedBy: 'CISO', expires: '2027-01-01' }] }, now: '2026-11-23T12:00:00Z' });
    assert.equal(doc.registers?.waivers[0].status, 'unmatched');
    assert.equal(doc.registers?.evaluatedAt, '2026-11-23T12:00:00Z');
  });
});

describe('attestations and the --fail-on gate', () => {
  it('a finding attested as failing trips the gate like a failed one; attested as passing does not', () => {
    const t = { kind: 'container' as const, id: 'c', name: 'web' };
    assert.equal(gatingFindings(document([finding('cis-5.9', 'containers', 'attested', t, { attestedOutcome: 'fail' })]), 'high'), 1);
    assert.equal(gatingFindings(document([finding('cis-5.9', 'containers', 'attested', t, { attestedOutcome: 'pass' })]), 'low'), 0);
  });
});
