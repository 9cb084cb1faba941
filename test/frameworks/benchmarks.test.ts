import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { controlRecord, controlRecords, waiversFor } from '../../src/checks/catalog';
import { findCheck, ALL_CHECKS } from '../../src/checks/registry';
import { parseConfig } from '../../src/config/load';
import { InputError } from '../../src/errors';
import { readEvidenceDir } from '../../src/evidence/store';
import { benchmarkById, BENCHMARKS, controlIdOf, DEFAULT_BENCHMARK, isBenchmarkCheck } from '../../src/frameworks/benchmarks';
import { CIS_DOCKER_1_6_0 } from '../../src/frameworks/cis-docker-1.6.0';
import { CIS_DOCKER_1_8_0 } from '../../src/frameworks/cis-docker-1.8.0';
import { buildFindings } from '../../src/pipeline/evaluate';
import { PROJECT_ROOT } from '../../src/version';

const V16 = BENCHMARKS['cis-docker-1.6.0'];
const V18 = BENCHMARKS['cis-docker-1.8.0'];

/**
 * CIS Docker Benchmark 1.6.0 number → 1.8.0 number, written out by hand from the published change
 * list (1.7.0 kept the numbers; 1.8.0 inserted 2.7 devicemapper and moved 2.7-2.18 down by one).
 */
function expectedIdMap(): Record<string, string> {
  const m: Record<string, string> = {};
  for (let i = 1; i <= 18; i++) m[`1.1.${i}`] = `1.1.${i}`;
  m['1.2.1'] = '1.2.1';
  m['1.2.2'] = '1.2.2';
  Object.assign(m, {
    '2.1': '2.1', '2.2': '2.2', '2.3': '2.3', '2.4': '2.4', '2.5': '2.5', '2.6': '2.6',
    '2.7': '2.8', '2.8': '2.9', '2.9': '2.10', '2.10': '2.11', '2.11': '2.12', '2.12': '2.13',
    '2.13': '2.14', '2.14': '2.15', '2.15': '2.16', '2.16': '2.17', '2.17': '2.18', '2.18': '2.19',
  });
  for (const [s, n] of [[3, 24], [4, 12], [5, 32], [6, 2], [7, 9]]) for (let i = 1; i <= n; i++) m[`${s}.${i}`] = `${s}.${i}`;
  return m;
}

describe('CIS Docker Benchmark versions (src/frameworks)', () => {
  it('1.8.0 is the default; 1.6.0 stays selectable by id or version; anything else is an input error naming both', () => {
    assert.equal(DEFAULT_BENCHMARK, 'cis-docker-1.8.0');
    for (const v of ['1.8.0', 'cis-1.8.0', 'cis-docker-1.8.0']) assert.equal(benchmarkById(v), V18, v);
    for (const v of ['1.6.0', 'cis-docker-1.6.0']) assert.equal(benchmarkById(v), V16, v);
    for (const v of ['1.7.0', '1.8', 'cis-docker-', 'toString', '__proto__']) {
      assert.throws(() => benchmarkById(v), (e: Error) => e instanceof InputError && /known: cis-docker-1\.8\.0, cis-docker-1\.6\.0/.test(e.message), v);
    }
  });

  it('1.8.0 has 118 recommendations, 1.6.0 has 117, each numbered once and each evaluated by a distinct existing check', () => {
    for (const [b, n] of [[V18, 118], [V16, 117]] as const) {
      assert.equal(b.recommendations.length, n);
      assert.equal(new Set(b.recommendations.map((r) => r.id)).size, n, `${b.id} numbers`);
      assert.equal(new Set(b.recommendations.map((r) => r.check)).size, n, `${b.id} checks`);
      for (const r of b.recommendations) assert.ok(findCheck(r.check, b), `${b.id} ${r.id}: no check ${r.check}`);
    }
    // A check that carries a 1.6.0 number is that number's row (else it would silently drop out of every run).
    for (const c of ALL_CHECKS.filter((x) => x.cis)) assert.equal(V16.entryFor(c)?.id, c.cis, `${c.id} (cis ${c.cis}) is not 1.6.0's row ${c.cis}`);
  });

  it('maps every 1.6.0 id to its 1.8.0 id by check; only 1.1.9 changes check (the docker.socket unit became docker.sock)', () => {
    const map = expectedIdMap();
    assert.equal(Object.keys(map).length, 117);
    assert.deepEqual(Object.keys(map).sort(), CIS_DOCKER_1_6_0.map((r) => r.id).sort());
    for (const r16 of CIS_DOCKER_1_6_0) {
      const check = findCheck(r16.check)!;
      assert.equal(controlIdOf(check, V16), `cis-${r16.id}`);
      if (r16.id === '1.1.9') {
        assert.equal(check.id, 'cis.audit-docker-socket-unit');
        assert.equal(V18.entryFor(check), null, 'the docker.socket unit check is not in 1.8.0');
        continue;
      }
      assert.equal(controlIdOf(check, V18), `cis-${map[r16.id]}`, `1.6.0 ${r16.id} (${check.id})`);
    }
    // The 1.8.0 numbers no 1.6.0 check has: 2.7 (new) and 1.1.9 (new target).
    const continued = new Set(CIS_DOCKER_1_6_0.filter((r) => r.id !== '1.1.9').map((r) => r.check));
    assert.deepEqual(CIS_DOCKER_1_8_0.filter((r) => !continued.has(r.check)).map((r) => [r.id, r.check]), [['1.1.9', 'cis.audit-docker-sock'], ['2.7', 'cis.devicemapper']]);
  });

  it('finds checks that 1.6.0 does not have by their check id, and keeps them out of 1.6.0 runs', () => {
    const dm = findCheck('cis.devicemapper')!;
    assert.equal(dm.cis, undefined, 'no 1.6.0 number');
    assert.deepEqual(V18.entryFor(dm), { id: '2.7', section: 2, title: 'Ensure devicemapper storage driver is not used', level: 1, assessment: 'manual', check: 'cis.devicemapper' });
    assert.equal(V16.entryFor(dm), null);
    assert.ok(isBenchmarkCheck(dm));
    assert.ok(!isBenchmarkCheck(findCheck('docker-legacy-links')!), 'the tool\'s own checks are in every version');
    assert.equal(findCheck('cis-2.7', V18)!.id, 'cis.devicemapper');
    assert.equal(findCheck('cis-2.7', V16)!.id, 'cis.tls-auth');
    const in16 = Object.values(controlRecords(ALL_CHECKS, V16)).map((r) => r.check);
    const in18 = Object.values(controlRecords(ALL_CHECKS, V18)).map((r) => r.check);
    assert.ok(!in16.includes('cis.devicemapper') && !in16.includes('cis.audit-docker-sock'));
    assert.ok(!in18.includes('cis.audit-docker-socket-unit'));
    assert.ok(in16.includes('docker-legacy-links') && in18.includes('docker-legacy-links'));
    assert.equal(in18.length, in16.length + 1);
  });

  it('records the selected version\'s level, CIS label and reference (number and title) in the control record', () => {
    const tls = findCheck('cis.tls-auth')!;
    const r18 = controlRecord(tls, V18);
    assert.equal(r18.control, 'cis-2.8');
    assert.deepEqual(r18.benchmark, { name: 'CIS Docker Benchmark', version: '1.8.0', id: '2.8', assessment: 'manual' });
    assert.deepEqual(r18.references.filter((x) => x.framework.startsWith('CIS')), [{ framework: 'CIS Docker Benchmark 1.8.0', id: '2.8', title: 'Ensure TLS authentication for Docker daemon is configured' }]);
    const r16 = controlRecord(tls, V16);
    assert.equal(r16.control, 'cis-2.7');
    assert.deepEqual(r16.references.filter((x) => x.framework.startsWith('CIS')), [{ framework: 'CIS Docker Benchmark 1.6.0', id: '2.7', title: 'Ensure TLS authentication for Docker daemon is configured' }]);
    // The tool's own checks cite CIS recommendations too: translated the same way.
    const links = controlRecord(findCheck('docker-legacy-links')!, V18);
    assert.deepEqual(links.references.filter((x) => x.framework.startsWith('CIS')), [{ framework: 'CIS Docker Benchmark 1.8.0', id: '2.2', title: 'Ensure network traffic is restricted between containers on the default bridge' }]);
    assert.ok(controlRecord(findCheck('virt-shared-kernel')!, V18).references.some((x) => x.framework === 'CIS Docker Benchmark 1.8.0' && x.id === '1.2.1'));
    // Levels and labels that differ between the versions come from the selected one.
    const owner = findCheck('cis.daemon-json-owner')!;
    assert.deepEqual([controlRecord(owner, V16).level, controlRecord(owner, V18).level], [1, 2]);
    const state = findCheck('cis.audit-containerd-state')!;
    assert.deepEqual([controlRecord(state, V16).benchmark!.assessment, controlRecord(state, V18).benchmark!.assessment], ['automated', 'manual']);
  });

  it('1.7.0 relabelled exactly 1.1.4 (Manual) and 1.1.15, 1.1.17, 1.1.18 (Automated); 1.8.0 kept the rest', () => {
    const label16 = new Map(CIS_DOCKER_1_6_0.map((r) => [r.check, r.assessment]));
    const changed = CIS_DOCKER_1_8_0.filter((r) => label16.has(r.check) && label16.get(r.check) !== r.assessment).map((r) => `${r.id} ${r.assessment}`);
    assert.deepEqual(changed, ['1.1.4 manual', '1.1.15 automated', '1.1.17 automated', '1.1.18 automated']);
  });

  it('config: `benchmark` must be a known version (a typo is an input error naming the file)', () => {
    assert.equal(parseConfig('benchmark: 1.6.0\n', 'audit.yaml').benchmark, '1.6.0');
    assert.equal(parseConfig('benchmark: cis-docker-1.8.0\n', 'audit.yaml').benchmark, 'cis-docker-1.8.0');
    assert.throws(() => parseConfig('benchmark: cis-docker-1.9.0\n', 'audit.yaml'), (e: Error) => e instanceof InputError && /^audit\.yaml: "benchmark": unknown benchmark "cis-docker-1\.9\.0" \(known: /.test(e.message));
  });

  it('waiver control ids follow the config\'s numbering: a 1.6.0 cis-2.7 waiver stays on the TLS check in a 1.8.0 run', () => {
    const w = (control: string) => ({ control, justification: 'j', approvedBy: 'a', expires: '2099-01-01' });
    const written = [w('cis-2.7'), w('cis-5.5'), w('cis.devicemapper'), w('cis-1.1.9')];
    assert.deepEqual(waiversFor(written, ALL_CHECKS, V16, V18).map((x) => x.control), ['cis.tls-auth', 'cis-5.5', 'cis.devicemapper', 'cis.audit-docker-socket-unit']);
    assert.deepEqual(waiversFor(written, ALL_CHECKS, V18, V18).map((x) => x.control), written.map((x) => x.control));
    assert.deepEqual(waiversFor([w('cis-2.8')], ALL_CHECKS, V18, V16).map((x) => x.control), ['cis.tls-auth']);
  });

  describe('one catalog evaluated in both versions (evidence/sample)', () => {
    let ev: Awaited<ReturnType<typeof readEvidenceDir>>;
    before(async () => {
      ev = await readEvidenceDir(path.join(PROJECT_ROOT, 'evidence', 'sample'));
    });

    it('the same checks decide the same way; only control ids, levels and labels follow the version; findings.json records it', () => {
      const now = '2026-11-24T12:00:00Z';
      const d16 = buildFindings(ev.evidence, { config: { benchmark: '1.6.0' }, now });
      const d18 = buildFindings(ev.evidence, { config: {}, now });
      assert.equal(d16.run.catalog.benchmark, 'cis-docker-1.6.0');
      assert.equal(d18.run.catalog.benchmark, 'cis-docker-1.8.0');
      assert.equal(d18.run.catalog.checks, d16.run.catalog.checks + 1);
      const key = (f: { id: string; outcome: string }) => `${f.id} ${f.outcome}`;
      const only18 = new Set(['cis.devicemapper', 'cis.audit-docker-sock']);
      const only16 = new Set(['cis.audit-docker-socket-unit']);
      assert.deepEqual(d18.findings.filter((f) => !only18.has(f.check)).map(key).sort(), d16.findings.filter((f) => !only16.has(f.check)).map(key).sort(), 'findings match by check (ids are check + target)');
      const tls16 = d16.findings.find((f) => f.check === 'cis.tls-auth')!;
      const tls18 = d18.findings.find((f) => f.check === 'cis.tls-auth')!;
      assert.deepEqual([tls16.control, tls18.control, tls16.id === tls18.id], ['cis-2.7', 'cis-2.8', true]);
      assert.ok(tls18.references.some((r) => r.framework === 'CIS Docker Benchmark 1.8.0' && r.id === '2.8'));
      assert.deepEqual(d18.controls['cis-2.7'].benchmark, { name: 'CIS Docker Benchmark', version: '1.8.0', id: '2.7', assessment: 'manual' });
      const dm = d18.findings.find((f) => f.control === 'cis-2.7')!;
      assert.deepEqual([dm.check, dm.outcome], ['cis.devicemapper', 'pass']);
      assert.match(dm.message.en, /overlay2/);
      // --benchmark (the evaluate option) wins over the config.
      assert.equal(buildFindings(ev.evidence, { config: { benchmark: '1.6.0' }, benchmark: 'cis-docker-1.8.0', now }).run.catalog.benchmark, 'cis-docker-1.8.0');
    });

    it('a waiver written in the config\'s 1.6.0 numbering waives the check it meant when the run uses 1.8.0', () => {
      const now = '2026-11-24T12:00:00Z';
      // The sample daemon listens on no TCP address, so 2.7 (TLS) is not applicable; 2.16 (1.6.0: userland proxy) fails.
      const waiver = { control: 'cis-2.16', justification: 'docker-proxy needed for IPv6 clients', approvedBy: 'CISO', expires: '2099-12-31' };
      const doc = buildFindings(ev.evidence, { config: { benchmark: '1.6.0', waivers: [waiver] }, benchmark: '1.8.0', now });
      const proxy = doc.findings.find((f) => f.check === 'cis.userland-proxy')!;
      assert.deepEqual([proxy.control, proxy.outcome, proxy.waiver?.control], ['cis-2.17', 'waived', 'cis.userland-proxy']);
      const liveRestore = doc.findings.find((f) => f.control === 'cis-2.16')!;
      assert.equal(liveRestore.check, 'cis.live-restore');
      assert.notEqual(liveRestore.outcome, 'waived', '1.8.0\'s 2.16 is another check');
    });
  });
});
