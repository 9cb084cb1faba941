/**
 * Runs the virt detector on the upstream virt-what regression corpus (fake roots with `expected.txt` per case, the
 * command stubs turned into `sbin/*.txt`) and prints pass/fail per case and the totals. For developers only: the
 * corpus is GPL test data kept outside this repository, and no test runs this script; the suite uses our own
 * equivalents in test/fixtures/virt-signals.
 *
 *   npm run build && node dist/scripts/virt-what-corpus.js DIR
 *
 * A case passes when our facts equal `expected.txt` as a set and our virt-what emulation prints them in the same
 * order. When DIR/cases.json gives `derivedDmiId` (the dmidecode fields under their /sys/class/dmi/id names), the
 * case is run a second time with that DMI instead of the dmidecode text. Exit 0: all pass; 1: some fail; 2: bad DIR.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { classify, detectVirt, observe } from '../src/collectors/virt';
import { dmiFromSysfs, type DmiFields } from '../src/collectors/virt/dmi';

interface CorpusIndexCase {
  arch?: string;
  derivedDmiId?: (Record<string, string | null> & { smbios_vm_bit?: boolean | null }) | null;
}

const sameSet = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'nothing');

function fail(message: string): never {
  process.stderr.write(`virt-what-corpus: ${message}\nusage: node dist/scripts/virt-what-corpus.js DIR\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  const dirArg = process.argv[2];
  if (!dirArg || process.argv.length > 3) fail('give exactly one corpus folder');
  const dir = path.resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir} is not a folder`);
  const cases = readdirSync(dir).filter((n) => existsSync(path.join(dir, n, 'expected.txt'))).sort();
  if (!cases.length) fail(`no case folders (<case>/expected.txt) in ${dir}`);
  let index: Record<string, CorpusIndexCase> = {};
  const indexFile = path.join(dir, 'cases.json');
  if (existsSync(indexFile)) {
    try {
      index = (JSON.parse(readFileSync(indexFile, 'utf8')) as { cases?: Record<string, CorpusIndexCase> }).cases ?? {};
    } catch (err) {
      fail(`${indexFile}: ${(err as Error).message}`);
    }
  }

  let passed = 0;
  let sysfsRun = 0;
  let sysfsPassed = 0;
  for (const name of cases) {
    const root = path.join(dir, name);
    const file = (rel: string) => (existsSync(path.join(root, rel)) ? path.join(root, rel) : undefined);
    const expected = readFileSync(path.join(root, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
    const unameFile = file('sbin/uname.txt');
    const arch = index[name]?.arch ?? (unameFile ? readFileSync(unameFile, 'utf8').trim() : undefined);
    const base = { hostRoot: root, cpuidFile: file('sbin/virt-what-cpuid-helper.txt'), arch, exec: false, privileged: false };

    const problems: string[] = [];
    try {
      const ev = await detectVirt({ ...base, dmidecodeFile: file('sbin/dmidecode.txt') });
      if (!sameSet(ev.facts, expected)) problems.push(`facts ${list(ev.facts)}`);
      if (JSON.stringify(ev.virtWhat.facts) !== JSON.stringify(expected)) problems.push(`virt-what order ${list(ev.virtWhat.facts)}`);

      const derived = index[name]?.derivedDmiId;
      if (derived) {
        sysfsRun++;
        const { smbios_vm_bit: vmBit, ...raw } = derived;
        const fields: DmiFields = {};
        for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') fields[k as keyof DmiFields] = v;
        const { observations, sources } = await observe(base);
        observations.dmi = dmiFromSysfs(fields, true, vmBit ?? null, '/sys/class/dmi/id (derivedDmiId)');
        const sysfsFacts = classify(observations, sources).facts;
        if (sameSet(sysfsFacts, expected)) sysfsPassed++;
        else problems.push(`with sysfs DMI: facts ${list(sysfsFacts)}`);
      }
    } catch (err) {
      problems.push(`error: ${(err as Error).message}`);
    }
    if (!problems.length) passed++;
    process.stdout.write(problems.length ? `FAIL ${name}: expected ${list(expected)}; got ${problems.join('; ')}\n` : `pass ${name}: ${list(expected)}\n`);
  }
  process.stdout.write(`\n${passed}/${cases.length} cases pass${sysfsRun ? ` (with sysfs DMI: ${sysfsPassed}/${sysfsRun})` : ''}\n`);
  return passed === cases.length ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`virt-what-corpus: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
