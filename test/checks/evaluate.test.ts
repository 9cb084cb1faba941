import { strict as assert } from 'node:assert';
import { defineCheck } from '../../src/checks/define';
import { runCheck } from '../../src/checks/evaluate';
import type { EvidenceFile, LoadedEvidence } from '../../src/evidence/types';
import type { DockerEvidence } from '../../src/evidence/types/docker';
import { applyWaivers } from '../../src/findings/waivers';
import { scoreOf } from '../../src/findings/score';
import type { Finding } from '../../src/findings/types';

const NOW = '2026-11-23T12:00:00Z';

function dockerFile(status: EvidenceFile['status'], data: Partial<DockerEvidence> | null, error?: string): EvidenceFile<DockerEvidence> {
  return { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: '1', startedAt: NOW, endedAt: NOW, host: { hostname: 'h1', engineId: 'E' }, status, data: data as DockerEvidence, ...(error ? { error } : {}) };
}

const countContainers = defineCheck({
  id: 'test-count', title: { en: 'Test', nb: 'Test' }, section: 'containers', severity: 'high', automated: true, requires: ['docker'],
  decidedBy: { en: 'counts', nb: 'teller' }, rationale: { en: 'r', nb: 'r' }, remediation: { en: 'fix', nb: 'rett' }, references: [],
  evaluate: ({ docker }) => docker.containers.map((c) => ({ outcome: 'fail' as const, target: { kind: 'container' as const, id: c.Id, name: c.Name }, message: { en: 'bad', nb: 'dårlig' } })),
});

describe('checks/evaluate: the runner', () => {
  it('turns a failed collector into an error finding naming it, never a pass', () => {
    const ev: LoadedEvidence = { docker: dockerFile('failed', null, 'engine unreachable at unix:///x.sock: ECONNREFUSED') };
    const [f] = runCheck(countContainers, ev, { now: NOW });
    assert.equal(f.outcome, 'error');
    assert.match(f.message.en, /docker collector failed: engine unreachable at unix:\/\/\/x\.sock: ECONNREFUSED/);
  });

  it('turns missing evidence into error and a skipped collector into manual', () => {
    assert.equal(runCheck(countContainers, {}, { now: NOW })[0].outcome, 'error');
    assert.equal(runCheck(countContainers, { docker: dockerFile('skipped', null, '--bench off') }, { now: NOW })[0].outcome, 'manual');
  });

  it('turns a throwing check into an error for that check only', () => {
    const ev: LoadedEvidence = { docker: dockerFile('ok', { containers: null as never }) };
    const [f] = runCheck(countContainers, ev, { now: NOW });
    assert.equal(f.outcome, 'error');
    assert.match(f.message.en, /failed while evaluating/);
  });

  it('says not-applicable when there is nothing to check, and gives deterministic fingerprints', () => {
    assert.equal(runCheck(countContainers, { docker: dockerFile('ok', { containers: [] }) }, { now: NOW })[0].outcome, 'not-applicable');
    const ev: LoadedEvidence = { docker: dockerFile('ok', { containers: [{ Id: 'abc', Name: 'web' } as never] }) };
    assert.equal(runCheck(countContainers, ev, { now: NOW })[0].fingerprint, runCheck(countContainers, ev, { now: NOW })[0].fingerprint);
  });
});

describe('findings: waivers and score', () => {
  const base: Finding = {
    id: 'f', check: 'cis.container-memory', control: 'cis-5.13', title: 't', section: 'containers', outcome: 'fail', severity: 'medium', target: { kind: 'container', id: 'c1', name: 'legacy' },
    observed: null, expected: null, message: { en: 'm', nb: 'm' }, remediation: { en: 'r', nb: 'r' }, references: [], evidence: [], fingerprint: 'f',
  };

  it('waives a matching finding until the waiver expires', () => {
    const w = { control: 'cis-5.13', target: 'legacy', justification: 'j', approvedBy: 'CISO', expires: '2027-01-01' };
    assert.equal(applyWaivers([base], [w], NOW)[0].outcome, 'waived');
    assert.equal(applyWaivers([base], [w], NOW)[0].waivedOutcome, 'fail');
    const expired = applyWaivers([base], [{ ...w, expires: '2026-01-01' }], NOW)[0];
    assert.equal(expired.outcome, 'fail');
    assert.match(expired.message.en, /expired 2026-01-01/);
    assert.equal(applyWaivers([{ ...base, outcome: 'pass' }], [w], NOW)[0].outcome, 'pass');
  });

  it('scores by severity weight; not-applicable, manual and waived do not count', () => {
    const high = { ...base, severity: 'high' as const };
    assert.equal(scoreOf([{ ...high, outcome: 'pass' }, { ...base, outcome: 'fail' }]), 62.5);
    assert.equal(scoreOf([{ ...base, outcome: 'not-applicable' }, { ...base, outcome: 'manual' }, { ...base, outcome: 'waived' }]), null);
    assert.equal(scoreOf([{ ...base, outcome: 'pass' }, { ...base, outcome: 'error' }]), 50);
  });
});
