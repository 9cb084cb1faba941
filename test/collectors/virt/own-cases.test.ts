import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectedFacts, OWN_CASES_DIR, runCase } from './fixture-cases';

interface Expected {
  machine: string;
  vm: string | null;
  vmFlavour?: string;
  kernel: string;
  containers: string[];
  unconfirmed?: Record<string, string>;
  provider: string | null;
  /** What virt-what 1.27 would print (worked out from its rules). */
  virtWhat: string[];
  /** Signal ids that must be in the evidence. */
  signals?: string[];
  options?: { privileged?: boolean };
  note: string;
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('virt detector on our own cases (test/fixtures/virt)', () => {
  const names = readdirSync(OWN_CASES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('covers the gaps of the corpus', () => {
    for (const n of ['openvz-guest', 'wsl1', 'wsl2', 'gvisor', 'firecracker', 'lxc-cgroup2', 'kvm-leftover-dockerenv']) ok(names.includes(n), `missing case ${n}`);
  });

  for (const name of names) {
    const dir = path.join(OWN_CASES_DIR, name);
    const exp = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    it(`${name}: ${exp.note}`, async () => {
      const ev = await runCase(dir, exp.options ?? {});
      deepStrictEqual(sorted(ev.facts), sorted(expectedFacts(dir)), 'facts');
      deepStrictEqual(ev.virtWhat.facts, exp.virtWhat, 'virt-what emulation');
      strictEqual(ev.machine, exp.machine, 'machine');
      strictEqual(ev.vm, exp.vm, 'vm');
      if (exp.vmFlavour) strictEqual(ev.vmFlavour, exp.vmFlavour, 'vmFlavour');
      strictEqual(ev.kernel, exp.kernel, `kernel (${ev.kernelReason})`);
      deepStrictEqual(ev.containers.map((c) => c.runtime), exp.containers, 'containers');
      deepStrictEqual(Object.fromEntries(ev.unconfirmed.map((u) => [u.runtime, u.status])), exp.unconfirmed ?? {}, 'unconfirmed');
      strictEqual(ev.provider, exp.provider, 'provider');
      for (const id of exp.signals ?? []) ok(ev.signals.some((s) => s.id === id), `signal ${id} in ${ev.signals.map((s) => s.id).join(', ')}`);
      // Every container layer and every fact difference is backed by signals that exist in the evidence.
      for (const c of ev.containers) for (const id of c.evidence) ok(ev.signals.some((s) => s.id === id), `signal ${id}`);
      if (ev.kernel === 'unknown') ok(ev.missing.length > 0, 'an unknown verdict names what was missing');
    });
  }
});
