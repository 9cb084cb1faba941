import { deepStrictEqual } from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classify, observe } from '../../../src/collectors/virt';
import { dmiFromSysfs, type DmiFields } from '../../../src/collectors/virt/dmi';
import { CORPUS_DIR, expectedFacts, runCase } from './fixture-cases';

interface CorpusCase {
  arch: string;
  expected: string[];
  derivedDmiId: (Record<string, string | null> & { smbios_vm_bit?: boolean | null }) | null;
}

/** Read at load time so each case is its own test; a missing corpus is a failure that says where it looked. */
function loadCorpus(): Record<string, CorpusCase> {
  const index = path.join(CORPUS_DIR, 'cases.json');
  if (!existsSync(index)) {
    throw new Error(`virt-what corpus not found at ${CORPUS_DIR}: clone the shared repository beside this one (../shared/fixtures/virt-what-tests)`);
  }
  return (JSON.parse(readFileSync(index, 'utf8')) as { cases: Record<string, CorpusCase> }).cases;
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('virt detector on the virt-what 1.27 corpus', () => {
  const cases = loadCorpus();

  it('has all 46 cases', () => {
    deepStrictEqual(Object.keys(cases).length, 46);
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: facts = expected.txt (${c.expected.join(', ') || 'nothing'})`, async () => {
      const dir = path.join(CORPUS_DIR, name);
      const ev = await runCase(dir, { arch: c.arch });
      deepStrictEqual(sorted(ev.facts), sorted(expectedFacts(dir)));
      // Our emulation of virt-what also reproduces its print order, not only the set.
      deepStrictEqual(ev.virtWhat.facts, c.expected);
    });
  }

  // The same cases with DMI from /sys/class/dmi/id fields instead of dmidecode text (the unprivileged path).
  for (const [name, c] of Object.entries(cases)) {
    if (!c.derivedDmiId) continue;
    it(`${name}: same facts with sysfs DMI`, async () => {
      const dir = path.join(CORPUS_DIR, name);
      const file = (rel: string) => (existsSync(path.join(dir, rel)) ? path.join(dir, rel) : undefined);
      const { observations, sources } = await observe({ hostRoot: dir, cpuidFile: file('sbin/virt-what-cpuid-helper.txt'), arch: c.arch, exec: false, privileged: false });
      const { smbios_vm_bit: vmBit, ...raw } = c.derivedDmiId!;
      const fields: DmiFields = {};
      for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') fields[k as keyof DmiFields] = v;
      observations.dmi = dmiFromSysfs(fields, true, vmBit ?? null, '/sys/class/dmi/id (derived)');
      deepStrictEqual(sorted(classify(observations, sources).facts), sorted(c.expected));
    });
  }
});
