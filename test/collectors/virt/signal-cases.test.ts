import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classify, observe } from '../../../src/collectors/virt';
import { dmiFromDmidecode, dmiFromSysfs, type DmiFields } from '../../../src/collectors/virt/dmi';
import { caseNames, expectedFacts, runCase, SIGNAL_CASES_DIR } from './fixture-cases';

/**
 * The case names of virt-what 1.27's regression suite (tests/<case>/ upstream). Only the names are kept here: each
 * has an equivalent of ours under test/fixtures/virt-signals, written from the signal it exercises. Developers can
 * still run the upstream corpus itself with scripts/virt-what-corpus.ts.
 */
const VIRT_WHAT_CORPUS = [
  'alibaba-cloud-arm', 'alibaba-cloud-x86', 'aws-baremetal-x86', 'aws-kvm-arm', 'aws-kvm-x86', 'aws-xen-x86', 'baremetal',
  'bhyve', 'crio', 'docker', 'esx-arm', 'esx4.1', 'google-cloud', 'hyperv', 'hyperv-arm', 'illumos-lx', 'kvm',
  'kvm-explicit-cpu', 'ldoms', 'linux-vserver', 'lkvm', 'lkvm-arm', 'lx86', 'lxc', 'nspawn', 'nutanix-ahv', 'oci',
  'parallels-desktop', 'podman', 'ppc64-baremetal', 'ppc64-kvm', 'ppc64-lpar-dedicated', 'ppc64-lpar-shared', 'qemu',
  'qemu-arm', 'qemu-smbios', 'qemu-smbios-kvm', 'rhel5-xen-dom0', 'rhel5-xen-domU-hvm', 'rhel5-xen-domU-hvm-ia64',
  'rhel5-xen-domU-pv', 'rhev', 'upcloud', 'vmm', 'xen-arm', 'zvm',
];

interface Expected {
  /** The virt-what corpus case this one stands for. */
  corpus: string;
  /** The signal it exercises. */
  signal: string;
  machine: string;
  vm: string | null;
  kernel: string;
  containers: string[];
  provider: string | null;
}

/** What `/sys/class/dmi/id/*` would hold on the same machine, and the SMBIOS VM bit (root-only raw type-0 entry). */
interface DmiJson {
  id: DmiFields;
  vmBit: boolean;
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const read = <T>(dir: string, file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
const optional = (dir: string, rel: string) => (existsSync(path.join(dir, rel)) ? path.join(dir, rel) : undefined);

describe('virt detector on our signal cases (test/fixtures/virt-signals)', () => {
  const names = caseNames(SIGNAL_CASES_DIR);

  it('has a case for every case of the virt-what 1.27 corpus', () => {
    const standsFor = names.map((n) => read<Expected>(path.join(SIGNAL_CASES_DIR, n), 'expected.json').corpus);
    deepStrictEqual(sorted(standsFor), sorted(VIRT_WHAT_CORPUS));
  });

  for (const name of names) {
    const dir = path.join(SIGNAL_CASES_DIR, name);
    const exp = read<Expected>(dir, 'expected.json');
    it(`${name}: ${exp.signal}`, async () => {
      const ev = await runCase(dir);
      const facts = expectedFacts(dir);
      deepStrictEqual(sorted(ev.facts), sorted(facts), 'facts');
      // expected.txt is in virt-what's print order: our emulation reproduces the order, not only the set.
      deepStrictEqual(ev.virtWhat.facts, facts, 'virt-what emulation');
      deepStrictEqual(ev.virtWhat.differences, [], 'no difference from virt-what on its own cases');
      strictEqual(ev.machine, exp.machine, 'machine');
      strictEqual(ev.vm, exp.vm, 'vm');
      strictEqual(ev.kernel, exp.kernel, `kernel (${ev.kernelReason})`);
      deepStrictEqual(ev.containers.map((c) => c.runtime), exp.containers, 'containers');
      strictEqual(ev.provider, exp.provider, 'provider');
    });
  }

  // The same cases with DMI from /sys/class/dmi/id instead of dmidecode text: what an unprivileged run reads.
  for (const name of names) {
    const dir = path.join(SIGNAL_CASES_DIR, name);
    if (!existsSync(path.join(dir, 'dmi.json'))) continue;
    it(`${name}: same answer with DMI from /sys/class/dmi/id (dmi.json)`, async () => {
      const dmi = read<DmiJson>(dir, 'dmi.json');
      // dmi.json and dmidecode.txt must describe the same firmware, or this variant would test something else.
      const fromText = dmiFromDmidecode(readFileSync(path.join(dir, 'sbin/dmidecode.txt'), 'utf8'), 'dmidecode.txt');
      deepStrictEqual(fromText.fields, dmi.id, 'dmidecode.txt fields = dmi.json');
      strictEqual(fromText.vmBit, dmi.vmBit, 'SMBIOS VM bit');

      const arch = readFileSync(path.join(dir, 'sbin/uname.txt'), 'utf8').trim();
      const { observations, sources } = await observe({ hostRoot: dir, cpuidFile: optional(dir, 'sbin/virt-what-cpuid-helper.txt'), arch, exec: false, privileged: false });
      observations.dmi = dmiFromSysfs(dmi.id, true, dmi.vmBit, '/sys/class/dmi/id (dmi.json)');
      const ev = classify(observations, sources);
      const facts = expectedFacts(dir);
      deepStrictEqual(ev.virtWhat.facts, facts, 'virt-what emulation');
      deepStrictEqual(sorted(ev.facts), sorted(facts), 'facts');
      const exp = read<Expected>(dir, 'expected.json');
      strictEqual(ev.vm, exp.vm, 'vm');
      strictEqual(ev.provider, exp.provider, 'provider');
    });
  }
});
