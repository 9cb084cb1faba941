import { strict as assert } from 'node:assert';
import { daysLeft, expiresSoon, expiryTime, isExpired, oneYearAfter, validUntil } from '../../src/findings/expiry';
import { buildRegisters } from '../../src/findings/registers';
import { scoreOf } from '../../src/findings/score';
import type { Waiver } from '../../src/findings/types';
import { applyWaiversWithRegister } from '../../src/findings/waivers';
import { finding } from '../support/findings';

const legacy = { kind: 'container' as const, id: 'c1', name: 'legacy', identity: 'legacy' };
const web = { kind: 'container' as const, id: 'c2', name: 'web', identity: 'web' };

describe('expiry: waivers and attestations end at the evaluation time in UTC', () => {
  it('a date-only expiry is valid through 23:59:59.999 UTC of that day and expired the next millisecond and second', () => {
    const w = { expires: '2027-03-31' };
    assert.equal(isExpired(w, '2027-03-31T00:00:00.000Z'), false);
    assert.equal(isExpired(w, '2027-03-31T23:59:59.000Z'), false);
    assert.equal(isExpired(w, '2027-03-31T23:59:59.999Z'), false);
    assert.equal(isExpired(w, '2027-04-01T00:00:00.000Z'), true);
    assert.equal(isExpired(w, '2027-04-01T00:00:01.000Z'), true);
    // Whatever the evaluating host's zone: 23:30 in Oslo on 1 April is 21:30Z, after the end of 31 March UTC.
    assert.equal(isExpired(w, '2027-04-01T01:30:00+02:00'), false, '23:30Z on 31 March is still that day UTC');
    assert.equal(isExpired(w, '2027-04-01T02:00:00+02:00'), true);
    assert.equal(validUntil('2027-03-31'), '2027-03-31T23:59:59.999Z');
  });

  it('a date-time expiry is taken as written; an unreadable one counts as expired', () => {
    assert.equal(isExpired({ expires: '2027-03-31T12:00:00Z' }, '2027-03-31T11:59:59.999Z'), false);
    assert.equal(isExpired({ expires: '2027-03-31T12:00:00Z' }, '2027-03-31T12:00:00.001Z'), true);
    assert.equal(isExpired({ expires: 'soon' }, '2020-01-01T00:00:00Z'), true);
    assert.ok(Number.isNaN(expiryTime('soon')));
  });

  it('days left, expiring within 30 days, and one year after (29 February → 28 February)', () => {
    assert.equal(daysLeft('2027-03-31', '2027-03-31T12:00:00Z'), 0);
    assert.equal(daysLeft('2027-03-31', '2027-03-01T00:00:00Z'), 30);
    assert.equal(daysLeft('2027-03-31', '2027-04-01T00:00:00Z'), -1);
    assert.equal(expiresSoon('2027-03-31', '2027-03-01T23:59:59.999Z'), true);
    assert.equal(expiresSoon('2027-03-31', '2027-03-01T23:59:59.998Z'), false, 'more than 30 days left');
    assert.equal(expiresSoon('2027-03-31', '2027-04-01T00:00:00Z'), false, 'expired is not expiring soon');
    assert.equal(oneYearAfter('2026-10-01'), '2027-10-01');
    assert.equal(oneYearAfter('2028-02-29'), '2029-02-28');
    assert.equal(oneYearAfter('2026-10-01T09:30:00Z'), '2027-10-01T09:30:00.000Z');
  });
});

describe('waivers: applied at evaluation time, with their register', () => {
  const waiver: Waiver = { control: 'cis-5.13', target: 'legacy', justification: 'vendor image', approvedBy: 'CISO', expires: '2027-03-31' };
  const failing = finding('cis-5.13', 'containers', 'fail', legacy);

  it('waives through the last day UTC; from the next second the finding is failed again, keeps its outcome and records expiredWaiver', () => {
    const during = applyWaiversWithRegister([failing], [waiver], '2027-03-31T23:59:59.999Z');
    assert.equal(during.findings[0].outcome, 'waived');
    assert.equal(during.findings[0].waivedOutcome, 'fail');
    assert.equal(during.register[0].status, 'active');
    assert.deepEqual(during.register[0].findings, [failing.id]);
    assert.equal(scoreOf(during.findings), null, 'a waived finding is not scored');

    const after = applyWaiversWithRegister([failing], [waiver], '2027-04-01T00:00:00.000Z');
    const f = after.findings[0];
    assert.equal(f.outcome, 'fail');
    assert.equal(f.waiver, undefined);
    assert.deepEqual(f.expiredWaiver, waiver);
    assert.match(f.message.en, /waiver by CISO expired 2027-03-31/);
    assert.match(f.message.nb, /unntak godkjent av CISO utløp 2027-03-31/);
    assert.equal(scoreOf(after.findings), 0, 'counted as failed again');
    assert.equal(after.register[0].status, 'expired');
    assert.deepEqual(after.register[0].findings, [failing.id]);
    assert.equal(after.register[0].daysLeft, -1);
  });

  it('reports a waiver that matches nothing, one whose findings pass now, and one another waiver covers', () => {
    const passing = finding('cis-5.13', 'containers', 'pass', web);
    const r = applyWaiversWithRegister([failing, passing], [
      { ...waiver, control: 'cis-9.9' },
      { ...waiver, target: 'web' },
      { ...waiver, target: undefined },
      waiver,
    ], '2027-01-01T00:00:00Z');
    assert.deepEqual(r.register.map((e) => e.status), ['unmatched', 'unmatched', 'unmatched', 'active']);
    assert.match(r.register[0].reason!.en, /No finding of cis-9\.9 on legacy in this run: the waiver matches nothing/);
    assert.match(r.register[1].reason!.en, /passes, does not apply or is attested now: nothing left to waive/);
    assert.match(r.register[2].reason!.en, /covered by another waiver \(waivers\[3\], cis-5\.13 on legacy\)/);
    assert.ok(r.register.every((e) => e.reason === null || (e.reason.en && e.reason.nb)));
    assert.equal(r.findings[0].waiver, waiver, 'the waiver naming the target wins over the one for every target');
  });

  it('a valid waiver wins over an expired one for the same finding', () => {
    const r = applyWaiversWithRegister([failing], [{ ...waiver, expires: '2026-01-01' }, { ...waiver, target: undefined }], '2026-06-01T00:00:00Z');
    assert.equal(r.findings[0].outcome, 'waived');
    assert.deepEqual(r.register.map((e) => e.status), ['unmatched', 'active']);
  });

  it('lists the waivers and attestations ending within 30 days, soonest first', () => {
    const now = '2027-03-10T00:00:00Z';
    const w = applyWaiversWithRegister([failing, finding('cis-5.12', 'containers', 'fail', legacy)], [waiver, { ...waiver, control: 'cis-5.12', expires: '2027-03-20' }, { ...waiver, control: 'cis-5.11', expires: '2027-03-15' }], now);
    const regs = buildRegisters(now, w.register, []);
    assert.deepEqual(regs.expiringSoon.map((e) => [e.kind, e.index, e.validUntil, e.daysLeft]), [['waiver', 1, '2027-03-20T23:59:59.999Z', 10], ['waiver', 0, '2027-03-31T23:59:59.999Z', 21]]);
    assert.equal(regs.expiringWithinDays, 30);
  });
});
