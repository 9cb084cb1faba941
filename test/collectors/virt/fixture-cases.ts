import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectVirt } from '../../../src/collectors/virt';
import type { VirtEvidence } from '../../../src/evidence/types/virt';

/** Repo root from the compiled test folder (dist/test/collectors/virt) or the source one. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..');
/** Our own cases for what virt-what's corpus does not cover (OpenVZ, WSL, gVisor, Firecracker, cgroup v2, ...). */
export const OWN_CASES_DIR = path.join(REPO_ROOT, 'test/fixtures/virt');
/** Our own case for each signal family of virt-what 1.27's regression corpus (written here, nothing copied). */
export const SIGNAL_CASES_DIR = path.join(REPO_ROOT, 'test/fixtures/virt-signals');

/** Case folders of a fixture root, sorted. */
export function caseNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** Run the detector on one case folder the way the CLI would on a snapshot (`--cpuid-file`, `--dmidecode-file`, `--arch`). */
export async function runCase(dir: string, opts: { arch?: string; privileged?: boolean } = {}): Promise<VirtEvidence> {
  const file = (rel: string) => (existsSync(path.join(dir, rel)) ? path.join(dir, rel) : undefined);
  const unameFile = file('sbin/uname.txt');
  return detectVirt({
    hostRoot: dir,
    cpuidFile: file('sbin/virt-what-cpuid-helper.txt'),
    dmidecodeFile: file('sbin/dmidecode.txt'),
    arch: opts.arch ?? (unameFile ? readFileSync(unameFile, 'utf8').trim() : undefined),
    exec: false,
    // The test's own uid must not change what a snapshot says.
    privileged: opts.privileged ?? false,
  });
}

export function expectedFacts(dir: string): string[] {
  return readFileSync(path.join(dir, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
}
