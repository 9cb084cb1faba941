import { strict as assert } from 'node:assert';
import { cisChecks } from '../../../src/checks/cis';
import { CIS_DOCKER_1_6_0, cisRecommendation } from '../../../src/frameworks/cis-docker-1.6.0';

/** Recommendations per section in CIS Docker Benchmark 1.6.0 (and docker-bench-security 1.6.0's default run). */
const PER_SECTION: Record<number, number> = { 1: 20, 2: 18, 3: 24, 4: 12, 5: 32, 6: 2, 7: 9 };

function expectedIds(): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= 18; i++) ids.push(`1.1.${i}`);
  ids.push('1.2.1', '1.2.2');
  for (const [s, n] of Object.entries(PER_SECTION)) if (s !== '1') for (let i = 1; i <= n; i++) ids.push(`${s}.${i}`);
  return ids;
}

describe('CIS Docker Benchmark 1.6.0 catalog', () => {
  it('lists every recommendation of sections 1-7 exactly once', () => {
    const ids = CIS_DOCKER_1_6_0.map((r) => r.id);
    assert.deepEqual([...ids].sort(), expectedIds().sort());
    assert.equal(new Set(ids).size, 117);
  });

  it('maps every recommendation to a check that exists, whose 1.6.0 number is that row, with the same level', () => {
    const byId = new Map(cisChecks.map((c) => [c.id, c]));
    for (const r of CIS_DOCKER_1_6_0) {
      const c = byId.get(r.check);
      assert.ok(c, `no check ${r.check} (1.6.0 ${r.id})`);
      assert.equal(c.cis, r.id, `${r.check} carries 1.6.0 number ${r.id}`);
      assert.equal(c.level, r.level, `${r.check} level`);
      assert.ok(c.references.some((ref) => ref.framework === 'CIS Docker Benchmark 1.6.0' && ref.id === r.id && ref.title === r.title), `${r.check} must cite CIS ${r.id}`);
    }
    assert.equal(cisChecks.filter((c) => c.cis).length, 117, 'every check with a 1.6.0 number has its row');
  });

  it('has complete metadata on every check, in benchmark order, with unique ids', () => {
    assert.equal(new Set(cisChecks.map((c) => c.id)).size, cisChecks.length);
    for (const c of cisChecks) {
      assert.ok(c.title.en.length > 0 && c.title.en.length <= 120, `${c.id} title length`);
      for (const k of ['decidedBy', 'rationale', 'remediation'] as const) assert.ok(c[k].en.trim().length > 20, `${c.id} ${k}`);
      assert.ok(c.references.length > 0, `${c.id} references`);
    }
    const cisOrder = cisChecks.filter((c) => c.cis).map((c) => c.cis!.split('.').map(Number));
    for (let i = 1; i < cisOrder.length; i++) {
      const [a, b] = [cisOrder[i - 1], cisOrder[i]];
      const cmp = a.map((x, j) => x - (b[j] ?? 0)).find((d) => d !== 0) ?? a.length - b.length;
      assert.ok(cmp < 0, `${a.join('.')} before ${b.join('.')}`);
    }
  });

  it('rejects an unknown recommendation number', () => {
    assert.throws(() => cisRecommendation('5.33'), /has no recommendation 5\.33/);
  });
});
