import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { detectVirt, virtCollector } from '../../../src/collectors/virt';
import { runCollector } from '../../../src/collectors/run';
import type { VirtEvidence } from '../../../src/evidence/types/virt';
import { REPO_ROOT } from './fixture-cases';

const run = promisify(execFile);

/** `residency-audit virt ARGS` through the compiled command (main.ts wiring is the lead's). */
async function virtCli(args: string[]): Promise<{ stdout: string; code: number }> {
  const script = `require(${JSON.stringify(path.join(REPO_ROOT, 'dist/src/cli/commands/virt.js'))}).virtCommand(process.argv.slice(1)).then((c) => { process.exitCode = c; }, (e) => { console.error(e.message); process.exitCode = 9; })`;
  try {
    const r = await run(process.execPath, ['-e', script, '--', ...args], { timeout: 30_000 });
    return { stdout: r.stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: `${e.stdout ?? ''}${e.stderr ?? ''}`, code: e.code ?? -1 };
  }
}

describe('virt on the machine running the tests', function () {
  this.timeout(30_000);
  let ev: VirtEvidence;
  before(async () => {
    const r = await virtCli(['--json']);
    strictEqual(r.code, 0, r.stdout);
    ev = JSON.parse(r.stdout) as VirtEvidence;
  });

  it('answers with facts, vm, containers, kernel, provider and signals', () => {
    for (const k of ['facts', 'vm', 'containers', 'kernel', 'provider', 'signals', 'layers', 'sources']) ok(k in ev, k);
    ok(['dedicated', 'shared', 'sandboxed', 'unknown'].includes(ev.kernel));
    deepStrictEqual(ev.layers.map((l) => l.layer).filter((l, i, a) => a.indexOf(l) === i).slice(0, 3), ['hardware', 'hypervisor', 'kernel']);
    ok(ev.inputs.live);
  });

  it('never claims a container from /.dockerenv alone', function () {
    let pidNs: string;
    try {
      pidNs = readlinkSync('/proc/self/ns/pid');
    } catch {
      this.skip();
    }
    if (!existsSync('/.dockerenv') || pidNs !== 'pid:[4026531836]') this.skip();
    // This project's build machine: a KVM guest whose image kept a /.dockerenv.
    deepStrictEqual(ev.containers, []);
    strictEqual(ev.unconfirmed[0]?.status, 'refuted');
    ok(!ev.facts.includes('docker'));
    strictEqual(ev.kernel, 'dedicated');
  });

  it('says vm: kvm where the kernel sees KVM', function () {
    if (process.geteuid?.() !== 0 || !existsSync('/dev/cpu/0/cpuid')) this.skip();
    if (ev.inputs.cpuid.signature !== 'KVMKVMKVM') this.skip();
    strictEqual(ev.vm, 'kvm');
    ok(ev.facts.includes('kvm'));
  });

  it('prints a readable stack by default', async () => {
    const r = await virtCli([]);
    strictEqual(r.code, 0);
    ok(/^Kernel: /m.test(r.stdout) && /Stack \(outermost first\):/.test(r.stdout), r.stdout);
  });

  it('rejects bad usage with a clear message', async () => {
    const r = await virtCli(['--cpuid-file', '/nonexistent/cpuid.txt']);
    ok(/--cpuid-file \/nonexistent\/cpuid\.txt: no such file/.test(r.stdout), r.stdout);
    ok((await virtCli(['--help'])).stdout.includes('Usage: residency-audit virt'));
  });
});

describe('virt collector', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ra-virt-snap-'));
    mkdirSync(path.join(root, 'proc/1'), { recursive: true });
    mkdirSync(path.join(root, 'proc/self'), { recursive: true });
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    // Secrets in PID 1's environment and the kernel command line must never reach the evidence.
    writeFileSync(path.join(root, 'proc/1/environ'), 'container=lxc\0DB_PASSWORD=hunter2-virt\0AWS_SECRET_ACCESS_KEY=AKIAVIRTSECRET\0');
    writeFileSync(path.join(root, 'proc/cmdline'), 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 rd.luks.key=s3cr3t-virt-key\n');
    writeFileSync(path.join(root, 'proc/cpuinfo'), 'processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu lm hypervisor\n');
    writeFileSync(path.join(root, 'proc/self/cgroup'), '0::/\n');
    writeFileSync(path.join(root, 'etc/hostname'), 'web-01\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('wraps the answer in the evidence envelope, with the host name and status', async () => {
    const file = await runCollector(virtCollector, {
      hostRoot: root,
      earlier: {},
      log: () => undefined,
      signal: new AbortController().signal,
      options: { virt: { arch: 'x86_64', exec: false } },
    });
    strictEqual(file.collector, 'virt');
    const data = file.data as VirtEvidence;
    strictEqual(data.hostname, 'web-01');
    deepStrictEqual(data.containers.map((c) => c.runtime), ['lxc']);
    strictEqual(data.kernel, 'shared');
    ok(file.status === 'ok' || file.status === 'partial');
    const json = JSON.stringify(file);
    for (const secret of ['hunter2-virt', 'AKIAVIRTSECRET', 's3cr3t-virt-key', 'DB_PASSWORD']) ok(!json.includes(secret), `${secret} leaked into the evidence`);
  });

  it('fails with the reason when a provider file cannot be read', async () => {
    const file = await runCollector(virtCollector, {
      hostRoot: root,
      earlier: {},
      log: () => undefined,
      signal: new AbortController().signal,
      options: { virt: { cpuidFile: path.join(root, 'no-such-cpuid.txt'), exec: false } },
    });
    strictEqual(file.status, 'failed');
    ok(/cannot read --cpuid-file .*no such file/.test(file.error ?? ''), file.error);
  });

  it('reads the same host the same way through the API', async () => {
    const a = await detectVirt({ hostRoot: root, arch: 'x86_64', exec: false, privileged: false });
    const b = await detectVirt({ hostRoot: root, arch: 'x86_64', exec: false, privileged: false });
    deepStrictEqual(a, b);
  });
});
