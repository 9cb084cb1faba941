import { strict as assert } from 'node:assert';
import { ALL_CHECKS } from '../../src/checks/registry';
import type { EvidenceFile } from '../../src/evidence/types';
import type { DockerEvidence, UninspectedObject } from '../../src/evidence/types/docker';
import { buildFindings } from '../../src/pipeline/evaluate';
import { container, dockerEvidence, hostEvidence, loaded, NOW, run } from './cis/fixtures';

const LOST_CONTAINER: UninspectedObject = { kind: 'container', id: 'f'.repeat(64), name: 'billing-db', reason: 'HTTP 500 lock timeout', state: 'running' };
const LOST_IMAGE: UninspectedObject = { kind: 'image', id: `sha256:${'e'.repeat(64)}`, name: 'shop/api:1.4', reason: 'ECONNRESET' };

function partial(d: DockerEvidence, warnings: string[]): ReturnType<typeof loaded> {
  const ev = loaded(d, hostEvidence());
  (ev.docker as EvidenceFile<DockerEvidence>).status = 'partial';
  (ev.docker as EvidenceFile<DockerEvidence>).warnings = warnings;
  return ev;
}

describe('checks/gaps: objects that could not be inspected are error findings, never silently missing', () => {
  const docker = dockerEvidence([container('hardened')], (d) => { d.uninspected = [LOST_CONTAINER, LOST_IMAGE]; });
  const ev = partial(docker, ['container billing-db (ffffffffffff) could not be inspected: HTTP 500 lock timeout', 'image shop/api:1.4 (eeeeeeeeeeee) could not be inspected: ECONNRESET', 'container old (aaaaaaaaaaaa) could not be inspected: HTTP 404 no such container (removed during collection)']);

  it('a container check judges what it saw and reports the uninspected container as an error with its target and both languages', () => {
    const findings = run('cis.privileged', ev);
    assert.equal(findings.length, 2, findings.map((f) => `${f.target.name}: ${f.outcome}`).join(', '));
    const gap = findings.find((f) => f.target.id === LOST_CONTAINER.id)!;
    assert.equal(gap.outcome, 'error');
    assert.deepEqual(gap.target, { kind: 'container', id: LOST_CONTAINER.id, name: 'billing-db', state: 'running' });
    assert.equal(gap.message.en, 'Could not inspect container billing-db: HTTP 500 lock timeout. This check could not judge it.');
    assert.equal(gap.message.nb, 'Kunne ikke inspisere containeren billing-db: HTTP 500 lock timeout. Denne kontrollen kunne ikke vurdere den.');
    assert.deepEqual(gap.evidence, [{ file: 'evidence/docker.json', pointers: ['/data/uninspected/0'] }]);
    assert.notEqual(findings.find((f) => f.target.id !== LOST_CONTAINER.id)?.outcome, 'error');
  });

  it('an image check reports the uninspected image, not the container', () => {
    const findings = run('cis.image-healthcheck', ev);
    const gaps = findings.filter((f) => f.outcome === 'error');
    assert.deepEqual(gaps.map((f) => [f.target.kind, f.target.name]), [['image', 'shop/api:1.4']]);
  });

  it('every check that reads the container list reports it; checks that do not read it do not', () => {
    const doc = buildFindings(ev, { config: {}, now: NOW, checks: ALL_CHECKS });
    const byCheck = new Set(doc.findings.filter((f) => f.target.id === LOST_CONTAINER.id).map((f) => f.check));
    for (const id of ['cis.privileged', 'cis.container-user', 'cis.memory-limit']) assert.ok(byCheck.has(id), `${id} reports the uninspected container`);
    // A daemon setting is decided from the host's dockerd flags and daemon.json: the container list is not read.
    assert.ok(!byCheck.has('cis.live-restore'), 'cis.live-restore does not read containers');
    for (const f of doc.findings.filter((x) => x.target.id === LOST_CONTAINER.id)) assert.equal(f.outcome, 'error', f.check);
  });

  it('with nothing inspected a container check gives the gaps, not "nothing to which the control applies"', () => {
    const none = partial(dockerEvidence([], (d) => { d.uninspected = [LOST_CONTAINER]; }), ['container billing-db could not be inspected: HTTP 500']);
    const findings = run('cis.privileged', none);
    assert.deepEqual(findings.map((f) => [f.outcome, f.target.name]), [['error', 'billing-db']]);
  });

  it('run.gaps lists each uninspected object and leaves out objects removed during the collection', () => {
    const doc = buildFindings(ev, { config: {}, now: NOW, checks: ALL_CHECKS });
    assert.ok(doc.run.gaps.includes('docker: container billing-db (ffffffffffff) could not be inspected: HTTP 500 lock timeout'), doc.run.gaps.join('\n'));
    assert.ok(doc.run.gaps.includes('docker: image shop/api:1.4 (eeeeeeeeeeee) could not be inspected: ECONNRESET'));
    assert.ok(!doc.run.gaps.some((g) => g.includes('removed during collection')), doc.run.gaps.join('\n'));
  });

  it('evidence without uninspected objects evaluates as before (no extra findings)', () => {
    const plain = loaded(dockerEvidence([container('hardened')]), hostEvidence());
    assert.ok(!run('cis.privileged', plain).some((f) => f.outcome === 'error'));
  });
});
