import { strict as assert } from 'node:assert';
import type { EndpointRecord, ResidencyRecord } from '../../src/findings/residency';
import type { Finding, FindingsDocument, Target } from '../../src/findings/types';
import { comparePacks, packRef, quarterlyRecord } from '../../src/quarterly/compare';
import { classify, diffFindings, stateOf } from '../../src/quarterly/diff';
import { diffEndpoints } from '../../src/quarterly/endpoints';
import { diffPlatform } from '../../src/quarterly/platform';
import { diffText } from '../../src/quarterly/text';
import type { TrustedPack } from '../../src/quarterly/trusted-pack';
import { document, finding } from '../support/findings';

const c = (name: string): Target => ({ kind: 'container', id: `id-${name}-${Math.random()}`, name, identity: name });
const waiver = { control: 'cis-5.5', justification: 'j', approvedBy: 'CISO', expires: '2026-12-31' };
const attestation = { control: 'cis-5.9', outcome: 'pass' as const, statement: 's', by: { name: 'K' }, at: '2026-01-01', expires: '2026-12-31' };

/** The same check on a container of the same name: same id in both packs (the container id differs, as after re-creation). */
function pair(name: string, check: string, before: Partial<Finding> | null, after: Partial<Finding> | null): [Finding | null, Finding | null] {
  const mk = (x: Partial<Finding>) => finding(check, 'containers', x.outcome ?? 'pass', c(name), x);
  return [before ? mk(before) : null, after ? mk(after) : null];
}

describe('quarterly diff: matching and classification', () => {
  it('states: failing (fail, warn, error, attested fail), ok (pass, n/a, info, waived, attested pass/n-a), open (manual)', () => {
    for (const o of ['fail', 'warn', 'error'] as const) assert.equal(stateOf({ outcome: o }), 'failing');
    for (const o of ['pass', 'not-applicable', 'info', 'waived'] as const) assert.equal(stateOf({ outcome: o }), 'ok');
    assert.equal(stateOf({ outcome: 'manual' }), 'open');
    assert.equal(stateOf({ outcome: 'attested', attestedOutcome: 'fail' }), 'failing');
    assert.equal(stateOf({ outcome: 'attested', attestedOutcome: 'not-applicable' }), 'ok');
  });

  it('classifies every transition as documented', () => {
    const f = (outcome: Finding['outcome'], extra: Partial<Finding> = {}) => finding('cis-5.5', 'containers', outcome, c('x'), extra);
    const table: [Finding | undefined, Finding | undefined, string][] = [
      [f('pass'), f('fail'), 'regressed'],
      [f('waived'), f('fail'), 'regressed'],
      [f('attested', { attestedOutcome: 'pass' }), f('warn'), 'regressed'],
      [f('manual'), f('error'), 'regressed'],
      [f('fail'), f('pass'), 'fixed'],
      [f('fail'), f('waived'), 'fixed'],
      [f('error'), f('attested', { attestedOutcome: 'not-applicable' }), 'fixed'],
      [f('fail'), f('manual'), 'changed'],
      [f('fail'), f('warn'), 'still-failing'],
      [f('pass'), f('manual'), 'changed'],
      [f('manual'), f('attested', { attestedOutcome: 'pass' }), 'changed'],
      [f('pass'), f('pass'), 'unchanged'],
      [f('manual'), f('manual'), 'unchanged'],
      [undefined, f('fail'), 'new'],
      [undefined, f('pass'), 'added'],
      [undefined, f('manual'), 'added'],
      [f('fail'), undefined, 'gone'],
      [f('pass'), undefined, 'gone'],
    ];
    for (const [a, b, kind] of table) assert.equal(classify(a, b), kind, `${a?.outcome ?? '—'} → ${b?.outcome ?? '—'}`);
  });

  it('matches by finding id, counts unchanged without listing them, and says why (expired waiver, attestation, new target or check)', () => {
    const rows = [
      pair('stays-bad', 'cis-5.5', { outcome: 'fail' }, { outcome: 'fail' }),
      pair('fixed', 'cis-5.5', { outcome: 'fail' }, { outcome: 'pass' }),
      pair('waiver-ran-out', 'cis-5.5', { outcome: 'waived', waiver }, { outcome: 'fail', expiredWaiver: waiver }),
      pair('att-ran-out', 'cis-5.9', { outcome: 'attested', attestedOutcome: 'pass' }, { outcome: 'manual', expiredAttestation: attestation }),
      pair('same', 'cis-5.5', { outcome: 'pass' }, { outcome: 'pass' }),
      pair('removed', 'cis-5.5', { outcome: 'fail' }, null),
      pair('brand-new', 'cis-5.5', null, { outcome: 'fail' }),
      pair('brand-new', 'cis.new-check', null, { outcome: 'warn' }),
    ];
    const oldDoc = document(rows.map((r) => r[0]).filter((x): x is Finding => x !== null));
    const newDoc = document(rows.map((r) => r[1]).filter((x): x is Finding => x !== null));
    oldDoc.controls = { 'cis-5.5': { check: 'cis-5.5' } as never, 'cis-5.9': { check: 'cis-5.9' } as never };
    newDoc.controls = { ...oldDoc.controls, 'cis.new-check': { check: 'cis.new-check' } as never };
    const d = diffFindings(oldDoc, newDoc);
    assert.deepEqual(d.counts, { regressed: 1, new: 2, fixed: 1, 'still-failing': 1, changed: 1, gone: 1, added: 0, unchanged: 1 });
    const by = (name: string, check = 'cis-5.5') => d.changes.find((x) => x.target.name === name && x.check === check);
    assert.equal(by('same'), undefined);
    assert.equal(by('waiver-ran-out')?.kind, 'regressed');
    assert.equal(by('waiver-ran-out')?.because, 'waiver-expired');
    assert.equal(by('att-ran-out', 'cis-5.9')?.because, 'attestation-expired');
    assert.equal(by('fixed')?.kind, 'fixed');
    assert.deepEqual(by('fixed')?.oldMessage, { en: 'fixed fail', nb: 'fixed fail' });
    assert.equal(by('removed')?.because, 'target-gone');
    assert.equal(by('brand-new')?.because, 'new-target');
    assert.equal(by('brand-new', 'cis.new-check')?.because, 'new-check');
    assert.equal(by('stays-bad')?.oldMessage, null);
    assert.deepEqual(d.changes.map((x) => x.kind), ['regressed', 'new', 'new', 'fixed', 'still-failing', 'changed', 'gone'], 'listed in CHANGE_KINDS order');
    assert.equal(d.changes.find((x) => x.kind === 'new')?.new?.severity, 'high');
  });

  it('the text output lists regressions, new, fixed, changed and gone findings and counts the rest', () => {
    const [a, b] = pair('web', 'cis-5.5', { outcome: 'pass' }, { outcome: 'fail' });
    const diff = comparePacks(document([a!]), document([b!]), packRef(document([a!]), '/packs/q3', 'aa', null), packRef(document([b!]), '/packs/q4', 'bb', 'k1'));
    const text = diffText(diff);
    assert.match(text, /^old: \/packs\/q3 \(collected 2026-11-20T10:00:00Z, host h\)$/m);
    assert.match(text, /^new: \/packs\/q4 \(.*signed by key k1\)$/m);
    assert.match(text, /^findings: 1 regressed, 0 new, 0 fixed, 0 still failing, 0 changed, 0 gone, 0 added, 0 unchanged$/m);
    assert.match(text, /^regressed \(1\):\n  high     cis-5\.5    web: pass → fail  \[[0-9a-f]{20}\]$/m);
    assert.equal(diff.sameHost, true);
  });
});

function endpoint(id: string, extra: Partial<EndpointRecord> = {}): EndpointRecord {
  return {
    id, display: id, kinds: ['env-url'], foundIn: [], addresses: [], resolution: { method: 'declared', error: null }, country: 'NO', jurisdiction: 'eea',
    basis: 'declared', declared: true, provider: null, providerRegion: null, transferBasis: null, group: 'eea', transfer: null, decision: '', outcome: 'pass', findings: [], ...extra,
  };
}

function residency(endpoints: EndpointRecord[], extra: Record<string, unknown> = {}): ResidencyRecord {
  return {
    host: { country: 'NO', basis: 'declared', detail: '' }, endpoints, summary: { en: [], nb: [] }, groups: [], transfers: [],
    config: { source: 'default', file: null, sha256: null, differsFromCollection: false }, geolocation: null, resolver: { mode: null }, error: null, ...extra,
  } as ResidencyRecord;
}

describe('quarterly diff: transfer register, virtualization verdict, storage class, scores', () => {
  it('endpoints: new destination, removed destination, changed country / jurisdiction / basis / transfer basis', () => {
    const before = residency([endpoint('db:5432'), endpoint('s3'), endpoint('old-api')]);
    const after = residency([
      endpoint('db:5432'),
      endpoint('s3', { country: 'US', jurisdiction: 'third-country', basis: 'geolocation', declared: false, transferBasis: 'SCC 2021/914 module 2', outcome: 'warn', transfer: { mechanism: 'scc', module: '2' } } as Partial<EndpointRecord>),
      endpoint('new-api', { country: 'GB', jurisdiction: 'adequate' }),
    ], { transfers: [{ endpoint: 's3' }, { endpoint: 'new-api' }], host: { country: 'SE', basis: 'declared', detail: '' } });
    const { endpoints, hostLocation } = diffEndpoints(before, after);
    assert.deepEqual(endpoints.map((e) => [e.kind, e.id]), [['new-destination', 'new-api'], ['changed', 's3'], ['removed-destination', 'old-api']]);
    const s3 = endpoints[1];
    assert.deepEqual(s3.fields, ['country', 'jurisdiction', 'basis', 'transferBasis', 'transfer', 'outcome']);
    assert.deepEqual(s3.transfer, { old: false, new: true });
    assert.equal(s3.old?.country, 'NO');
    assert.equal(s3.new?.country, 'US');
    assert.deepEqual(endpoints[0].transfer, { old: false, new: true });
    assert.deepEqual(hostLocation, { old: { country: 'NO', basis: 'declared' }, new: { country: 'SE', basis: 'declared' } });
    assert.deepEqual(diffEndpoints(before, before), { endpoints: [], hostLocation: null });
    assert.deepEqual(diffEndpoints(null, after).endpoints, []);
  });

  it('a transfer field compared deeply: the same basis in another key order is no change, another TIA date is', () => {
    const a = residency([endpoint('s3', { transfer: { mechanism: 'scc', tiaDate: '2026-01-01' } } as Partial<EndpointRecord>)]);
    const b = residency([endpoint('s3', { transfer: { tiaDate: '2026-01-01', mechanism: 'scc' } } as Partial<EndpointRecord>)]);
    const c2 = residency([endpoint('s3', { transfer: { tiaDate: '2026-06-01', mechanism: 'scc' } } as Partial<EndpointRecord>)]);
    assert.deepEqual(diffEndpoints(a, b).endpoints, []);
    assert.deepEqual(diffEndpoints(a, c2).endpoints[0].fields, ['transfer']);
  });

  it('platform: the kernel verdict, the VM and the storage class per measured path', () => {
    const host: Target = { kind: 'host', id: 'h', name: 'h' };
    const disk: Target = { kind: 'storage', id: '/var/lib/docker', name: 'Docker data-root /var/lib/docker' };
    const doc = (kernel: string, vm: string | null, cls: string) => document([
      finding('virt-shared-kernel', 'virtualization', kernel === 'shared' ? 'fail' : 'pass', host, { check: 'virt-shared-kernel', observed: { kernel, stack: 'hardware > kvm' } }),
      finding('virt-hypervisor', 'virtualization', 'pass', host, { check: 'virt-hypervisor', observed: { vm, provider: null, stack: 'hardware > kvm' } }),
      finding('storage-performance', 'storage', 'info', disk, { check: 'storage-performance', observed: { classification: { consistentWith: cls, statement: '…' } } }),
    ]);
    const changes = diffPlatform(doc('dedicated', 'kvm', 'local-nvme'), doc('shared', 'openvz', 'network-block'));
    assert.deepEqual(changes.map((p) => [p.aspect, p.field, p.old, p.new]), [
      ['storage', 'class', 'local-nvme', 'network-block'],
      ['virtualization', 'kernel', 'dedicated', 'shared'],
      ['virtualization', 'vm', 'kvm', 'openvz'],
    ]);
    assert.deepEqual(diffPlatform(doc('dedicated', 'kvm', 'local-nvme'), doc('dedicated', 'kvm', 'local-nvme')), []);
  });

  it('scores per framework with deltas, and the trend oldest first with this run last', () => {
    const older = document([finding('cis-5.5', 'containers', 'fail', c('a')), finding('cis-5.6', 'containers', 'pass', c('a'))], { collectedAt: '2026-05-20T10:00:00Z', evaluatedAt: '2026-05-20T10:01:00Z' });
    const prev = document([finding('cis-5.5', 'containers', 'pass', c('a'))], { collectedAt: '2026-08-20T10:00:00Z', evaluatedAt: '2026-08-20T10:01:00Z' });
    const now = document([finding('cis-5.5', 'containers', 'pass', c('a')), finding('residency-x', 'residency', 'fail', c('a'))]);
    const pack = (findings: FindingsDocument, dir: string): TrustedPack => ({ dir, findings, manifestSha256: `sha-${dir}`, signedBy: null });
    const q = quarterlyRecord(now, pack(prev, '/p/q3'), [pack(prev, '/p/q3'), pack(older, '/p/q2')])!;
    assert.deepEqual(q.previous?.scores.find((s) => s.framework === 'cis'), { framework: 'cis', old: 100, new: 100, delta: 0 });
    assert.deepEqual(q.previous?.scores.find((s) => s.framework === 'residency'), { framework: 'residency', old: null, new: 0, delta: null });
    assert.deepEqual(q.history.map((p) => [p.dir, p.scores.cis, p.current]), [['/p/q2', 50, false], ['/p/q3', 100, false], [null, 100, true]]);
    assert.equal(q.previous?.new.dir, null);
    assert.equal(q.previous?.old.manifestSha256, 'sha-/p/q3');
    assert.equal(quarterlyRecord(now, undefined, []), null);
  });
});
