import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cpuidFromFileText, parseLscpu, readCpuidDevice } from '../../../src/collectors/virt/cpuid';
import { dmiFromDmidecode, dmiFromSysfs, vmBitFromRawType0 } from '../../../src/collectors/virt/dmi';
import { HostView } from '../../../src/collectors/virt/host-view';
import { runTool } from '../../../src/collectors/virt/run-tool';

describe('virt: reading a host through a root folder', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ra-virt-root-'));
    outside = mkdtempSync(path.join(tmpdir(), 'ra-virt-outside-'));
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    mkdirSync(path.join(root, 'usr/share'), { recursive: true });
    writeFileSync(path.join(root, 'usr/share/os-release'), 'inside\n');
    writeFileSync(path.join(outside, 'secret'), 'outside\n');
    // A snapshot's absolute link must land inside the snapshot, never on the auditor's own /usr.
    symlinkSync('/usr/share/os-release', path.join(root, 'etc/os-release'));
    symlinkSync(`../../../../../../../../${outside}/secret`, path.join(root, 'etc/escape'));
    execFileSync('mkfifo', [path.join(root, 'etc/fifo')]);
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('resolves absolute symlinks inside the root', async () => {
    const v = new HostView(root);
    deepStrictEqual(await v.readText('/etc/os-release'), { status: 'read', value: 'inside\n' });
  });

  it('does not let .. climb out of the root', async () => {
    const r = await new HostView(root).readText('/etc/escape');
    strictEqual(r.status, 'missing');
  });

  it('refuses a FIFO or a character device instead of blocking on it', async () => {
    const v = new HostView(root);
    const fifo = await v.readText('/etc/fifo');
    strictEqual(fifo.status, 'error');
    ok(/not a regular file \(fifo\)/.test(fifo.status === 'error' ? fifo.detail ?? '' : ''));
    // /dev/zero never ends and /dev/kmsg waits forever: both must come back at once, unread.
    const zero = await new HostView('/').readText('/dev/zero');
    strictEqual(zero.status, 'error');
  });

  it('caps a read at the byte limit', async () => {
    writeFileSync(path.join(root, 'etc/big'), 'x'.repeat(10_000));
    const r = await new HostView(root).readText('/etc/big', 100);
    strictEqual(r.value?.length, 100);
  });

  it('logs every source once with its status', async () => {
    const v = new HostView(root);
    await v.readText('/etc/os-release');
    await v.readText('/etc/os-release');
    await v.isDir('/proc/vz');
    deepStrictEqual(v.sources, [{ source: '/etc/os-release', status: 'read' }, { source: '/proc/vz', status: 'missing' }]);
  });
});

describe('virt: CPUID and DMI inputs', () => {
  it('keeps the significant trailing space of a CPUID signature file', () => {
    strictEqual(cpuidFromFileText('bhyve bhyve \n'), 'bhyve bhyve ');
    strictEqual(cpuidFromFileText('\n'), '');
  });

  it('maps lscpu hypervisor vendors to signatures', () => {
    deepStrictEqual(parseLscpu('Architecture: x86_64\nHypervisor vendor:     KVM\nVirtualization type:   full\n'), { vendor: 'KVM', type: 'full', signature: 'KVMKVMKVM' });
    deepStrictEqual(parseLscpu('Architecture: x86_64\n'), { vendor: null, type: null, signature: null });
  });

  it('reads fields and the VM bit from dmidecode text, without serials', () => {
    const d = dmiFromDmidecode('Handle 0x0000, DMI type 0, 24 bytes\nBIOS Information\n\tVendor: SeaBIOS\n\tCharacteristics:\n\t\tSystem is a virtual machine\n\nHandle 0x0100, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: Hetzner\n\tProduct Name: vServer\n\tSerial Number: 12345\n', 'x');
    deepStrictEqual(d.fields, { bios_vendor: 'SeaBIOS', sys_vendor: 'Hetzner', product_name: 'vServer' });
    strictEqual(d.vmBit, true);
    strictEqual(d.present, true);
    strictEqual(dmiFromDmidecode('# No SMBIOS nor DMI entry point found, sorry.\n', 'x').present, false);
    strictEqual(dmiFromDmidecode('/dev/mem: Permission denied\n', 'x').present, null);
  });

  it('turns sysfs fields into the lines virt-what greps', () => {
    const d = dmiFromSysfs({ sys_vendor: 'Amazon EC2', bios_vendor: 'Amazon EC2' }, true, true, 'sysfs');
    ok(d.text.includes('Manufacturer: Amazon EC2') && d.text.includes('Vendor: Amazon EC2') && d.text.includes('System is a virtual machine'));
  });

  it('reads the SMBIOS VM bit from a raw type-0 structure', () => {
    const raw = Buffer.alloc(0x18);
    raw[0] = 0;
    raw[1] = 0x18;
    strictEqual(vmBitFromRawType0(raw), false);
    raw[0x13] = 0x10;
    strictEqual(vmBitFromRawType0(raw), true);
    strictEqual(vmBitFromRawType0(Buffer.from([0, 0x12])), null);
  });

  it('reads /dev/cpu/0/cpuid with positioned reads (root, cpuid driver)', async function () {
    if (!existsSync('/dev/cpu/0/cpuid') || process.geteuid?.() !== 0) this.skip();
    const r = await readCpuidDevice('/dev/cpu/0/cpuid');
    ok(/^[\x20-\x7e]*$/.test(r.signature));
    ok(['GenuineIntel', 'AuthenticAMD', 'HygonGenuine'].includes(r.vendor) || r.vendor.length === 12, r.vendor);
    if (r.signature) strictEqual(r.hypervisorBit, true);
  });
});

describe('virt: spawned tools', () => {
  it('kills a tool at its time limit and says so', async () => {
    const r = await runTool('sleep', ['5'], { timeoutMs: 150 });
    strictEqual(r.status, 'timeout');
  });

  it('reports a missing tool as missing', async () => {
    strictEqual((await runTool('ra-no-such-tool-virt', [])).status, 'missing');
  });
});
