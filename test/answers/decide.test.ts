import { strict as assert } from 'node:assert';
import { answerQuestions, type Answer } from '../../src/answers/answer';
import { QUESTIONS, type Question } from '../../src/answers/caiq';
import { document, finding as makeFinding } from '../support/findings';
import type { Finding, FindingsDocument, Outcome, Section, TargetKind } from '../../src/findings/types';

const NOW = '2026-11-23T12:00:00Z';

function finding(check: string, outcome: Outcome, name: string, o: { kind?: TargetKind; section?: Section; evidence?: string; extra?: Partial<Finding> } = {}): Finding {
  return makeFinding(check, o.section ?? 'containers', outcome, { kind: o.kind ?? 'container', id: name, name }, o.extra ?? {}, o.evidence ?? 'evidence/docker.json');
}

function doc(findings: Finding[], extra: Partial<FindingsDocument['run']> = {}): FindingsDocument {
  return document(findings, { evaluatedAt: NOW, collectedAt: '2026-11-20T10:00:00Z', ...extra });
}

/** A question deciding on two container checks, and the same question as one the evidence only supports. */
const DECIDES: Question = { id: 'IVS-06.1', control: 'IVS-06', controlName: 'Segmentation and Segregation', iso: [], owner: 'shared', scope: 'decides', rule: 'checks', checks: ['cis.privileged', 'cis.host-pid'], source: 'caiq-4.0.2' };
const SUPPORTS: Question = { ...DECIDES, scope: 'supports' };
const PROCEDURAL: Question = { ...DECIDES, scope: 'procedural' };

function answer(d: FindingsDocument, q: Question = DECIDES, lang: 'en' | 'nb' = 'en', now = NOW): Answer {
  return answerQuestions(d, { lang, now, questions: [q] })[0];
}

const containers = (check: string, outcomes: Outcome[]) => outcomes.map((o, i) => finding(check, o, `c${i + 1}`));

describe('answers: from findings to Yes / No / NA / Needs review', () => {
  it('every deciding finding passes → Yes, with a draft naming the host, the date and the count', () => {
    const d = doc([...containers('cis.privileged', ['pass', 'pass', 'pass']), ...containers('cis.host-pid', ['pass', 'pass', 'pass'])]);
    const a = answer(d);
    assert.equal(a.answer, 'Yes');
    assert.equal(a.answerLabel, 'Yes');
    assert.equal(a.findings.length, 6);
    assert.deepEqual(a.failing, []);
    assert.deepEqual(a.evidence, ['evidence/docker.json']);
    assert.match(a.draft, /on our Docker host h, as audited on 2026-11-20/);
    assert.match(a.draft, /cis\.privileged: yes, all 3 containers\./);
    assert.match(a.draft, /Based on audit evidence collected on 2026-11-20 from host h\./);
  });

  it('a decided fail → No with the reason, naming the failing targets, even beside undecided findings', () => {
    const d = doc([...containers('cis.privileged', ['pass', 'fail', 'pass', 'fail']), finding('cis.host-pid', 'manual', 'c1'), finding('cis.host-pid', 'error', 'c2')]);
    const a = answer(d);
    assert.equal(a.answer, 'No');
    assert.deepEqual(a.failing, [d.findings[1].id, d.findings[3].id]);
    assert.match(a.draft, /cis\.privileged: no for c2, c4 \(2 of 4 containers\)\./);
    assert.match(a.reason, /Not met on evidence collected 2026-11-20: cis\.privileged \(c2, c4\)/);
    // The undecided ones are for the person, not the customer.
    assert.ok(!a.draft.includes('cis.host-pid'), a.draft);
    assert.ok(a.confirm.some((c) => c.includes('cis.host-pid') && c.includes('c1, c2')), a.confirm.join('\n'));
  });

  it('a fail makes No for questions the evidence only supports too; passes alone do not make Yes there', () => {
    assert.equal(answer(doc(containers('cis.privileged', ['fail'])), SUPPORTS).answer, 'No');
    const a = answer(doc(containers('cis.privileged', ['pass', 'pass'])), SUPPORTS);
    assert.equal(a.answer, 'Needs review');
    assert.match(a.reason, /the question asks for more than host evidence can show/);
    assert.match(a.draft, /yes, all 2 containers/);
  });

  it('warn, manual, error and a waived fail make Needs review, each named in what to confirm', () => {
    for (const o of ['warn', 'manual', 'error'] as const) {
      const a = answer(doc([finding('cis.privileged', 'pass', 'c1'), finding('cis.privileged', o, 'c2')]));
      assert.equal(a.answer, 'Needs review', o);
      assert.ok(a.confirm.some((c) => c.includes('c2')), `${o}: ${a.confirm.join(' | ')}`);
    }
    const waiver = { control: 'cis.privileged', target: 'c2', justification: 'vendor image', approvedBy: 'CISO', expires: '2027-03-31' };
    const a = answer(doc([finding('cis.privileged', 'pass', 'c1'), finding('cis.privileged', 'waived', 'c2', { extra: { waivedOutcome: 'fail', waiver } })]));
    assert.equal(a.answer, 'Needs review');
    assert.match(a.draft, /approved exception for c2 until 2027-03-31/);
    assert.ok(a.confirm.some((c) => /c2 is an approved exception .*approved by CISO, until 2027-03-31: vendor image/.test(c)), a.confirm.join('\n'));
  });

  it('a person\'s attestation counts as decided; an expired one does not', () => {
    const attestation = { statement: 'checked', by: { name: 'Kari' }, at: '2026-11-01', expires: '2027-11-01' };
    const attested = (o: 'pass' | 'fail', expires = '2027-11-01') => finding('cis.host-pid', 'attested', 'c1', { extra: { attestedOutcome: o, attestation: { ...attestation, expires } } });
    assert.equal(answer(doc([finding('cis.privileged', 'pass', 'c1'), attested('pass')])).answer, 'Yes');
    const no = answer(doc([finding('cis.privileged', 'pass', 'c1'), attested('fail')]));
    assert.equal(no.answer, 'No');
    assert.match(no.draft, /cis\.host-pid: no\./);
    assert.equal(answer(doc([finding('cis.privileged', 'pass', 'c1'), attested('pass', '2026-11-22')])).answer, 'Needs review');
  });

  it('all not applicable → NA; a mix of pass and not applicable → Yes', () => {
    const na = answer(doc(containers('cis.privileged', ['not-applicable', 'not-applicable'])));
    assert.equal(na.answer, 'NA');
    assert.match(na.draft, /not applicable on this host/);
    assert.equal(answer(doc(containers('cis.privileged', ['pass', 'not-applicable']))).answer, 'Yes');
    assert.equal(answer(doc(containers('cis.privileged', ['not-applicable'])), SUPPORTS).answer, 'Needs review');
  });

  it('never answers from stale evidence, a failed collector, partial collection or unverified evidence', () => {
    const pass = containers('cis.privileged', ['pass']);
    const stale = answer(doc(pass, { collectedAt: '2026-06-01T00:00:00Z' }));
    assert.equal(stale.answer, 'Needs review');
    assert.match(stale.reason, /collected on 2026-06-01, more than 92 days before 2026-11-23/);
    assert.equal(answerQuestions(doc(pass, { collectedAt: '2026-06-01T00:00:00Z' }), { lang: 'en', now: NOW, maxAgeDays: 365, questions: [DECIDES] })[0].answer, 'Yes');
    const failed = answer(doc(pass, { collectors: [{ name: 'docker', version: '1', status: 'failed', error: 'engine unreachable' }] }));
    assert.equal(failed.answer, 'Needs review');
    assert.match(failed.reason, /docker collector did not complete \(failed\)/);
    const partial = answer(doc(pass, { gaps: ['docker: inspect of container c9 failed'] }));
    assert.equal(partial.answer, 'Needs review');
    assert.match(partial.reason, /inspect of container c9 failed/);
    // A gap does not turn a decided fail into anything but No.
    assert.equal(answer(doc(containers('cis.privileged', ['fail']), { gaps: ['docker: x'] })).answer, 'No');
    assert.equal(answer(doc(pass, { evidenceModified: ['evidence/docker.json'] })).answer, 'Needs review');
    assert.equal(answer(doc(pass, { unverified: true })).answer, 'Needs review');
  });

  it('procedural questions are always Needs review, with a draft of what the evidence shows', () => {
    const a = answer(doc(containers('cis.privileged', ['pass'])), PROCEDURAL);
    assert.equal(a.answer, 'Needs review');
    assert.match(a.reason, /documents, procedures or contracts/);
    assert.match(a.draft, /yes/);
    assert.equal(answer(doc(containers('cis.privileged', ['fail'])), PROCEDURAL).answer, 'Needs review');
  });

  it('no evidence: every question is Needs review with an empty draft, and the question text is ours, in the language', () => {
    const none = answerQuestions(doc([]), { lang: 'nb', now: NOW });
    assert.equal(none.length, QUESTIONS.length);
    assert.ok(none.every((a) => a.answer === 'Needs review' && a.answerLabel === 'Må vurderes' && a.draft === ''));
    assert.match(none.find((a) => a.id === 'DSP-19.1')!.question, /dokumentert/);
  });

  it('matches findings by stable check id or by control id, and ignores other checks', () => {
    const byControl = makeFinding('cis-5.5', 'containers', 'fail', { kind: 'container', id: 'x', name: 'x' }, { check: 'something-else' });
    const other = finding('cis.memory-limit', 'fail', 'y');
    const q: Question = { ...DECIDES, checks: ['cis-5.5'] };
    const a = answer(doc([byControl, other]), q);
    assert.equal(a.answer, 'No');
    assert.deepEqual(a.findings, [byControl.id]);
  });

  it('a draft leaves out controls that do not apply on the host, unless nothing else is there', () => {
    const a = answer(doc([...containers('cis.privileged', ['pass', 'pass']), ...containers('cis.host-pid', ['not-applicable', 'not-applicable'])]));
    assert.equal(a.answer, 'Yes');
    assert.ok(!a.draft.includes('cis.host-pid'), a.draft);
    assert.match(answer(doc(containers('cis.host-pid', ['not-applicable']))).draft, /cis\.host-pid: not applicable on this host\./);
  });

  it('undecided findings put only the facts a customer asks about into the draft: image build dates, engine version', () => {
    const q: Question = { ...SUPPORTS, id: 'TVM-07.1', checks: ['cis.images-rebuilt', 'cis.docker-version'] };
    const image = (name: string, created: string) => finding('cis.images-rebuilt', 'manual', name, { kind: 'image', section: 'images', extra: { observed: { Created: created, ageDays: 1 } } });
    const engine = finding('cis.docker-version', 'warn', 'Docker engine on h', { kind: 'daemon', section: 'host', extra: { observed: { Version: '27.3.1', seriesReleased: '2024-09' } } });
    const a = answer(doc([image('web:1', '2026-11-01T10:00:00Z'), image('db:2', '2026-09-15T08:00:00Z'), engine]), q);
    assert.equal(a.answer, 'Needs review');
    assert.match(a.draft, /cis\.images-rebuilt: images built 2026-09-15 to 2026-11-01\./);
    assert.match(a.draft, /cis\.docker-version: not in full \(engine 27\.3\.1, of a release series first published 2024-09\)\./);
    assert.equal(a.confirm.length, 3, a.confirm.join('\n'));
  });

  it('names at most eight targets and counts the rest', () => {
    const a = answer(doc(containers('cis.privileged', Array<Outcome>(11).fill('fail'))));
    assert.match(a.draft, /no for c1, c2, c3, c4, c5, c6, c7, c8 and 3 more \(11 of 11 containers\)/);
  });
});
