import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Hypervisor CPUID signatures (leaf 0x40000000 + N*0x100, EBX ECX EDX as 12 ASCII bytes, cut at the first NUL) and the
 * hypervisor each names. The first eight are virt-what's list; the rest come from systemd's table.
 */
export const CPUID_SIGNATURES: Readonly<Record<string, string>> = {
  'bhyve bhyve ': 'bhyve',
  KVMKVMKVM: 'kvm',
  LKVMLKVMLKVM: 'lkvm',
  'Microsoft Hv': 'hyperv',
  OpenBSDVMM58: 'vmm',
  TCGTCGTCGTCG: 'qemu',
  VMwareVMware: 'vmware',
  XenVMMXenVMM: 'xen',
  'Linux KVM Hv': 'kvm',
  QNXQVMBSQG: 'qnx',
  ACRNACRNACRN: 'acrn',
  SRESRESRESRE: 'sre',
  'Apple VZ': 'apple',
};

/** Signatures virt-what's helper recognises; it prints the highest leaf carrying one of them. */
export const VIRT_WHAT_SIGNATURES: readonly string[] = Object.keys(CPUID_SIGNATURES).slice(0, 8);

export interface CpuidReading {
  /** Signature of the highest leaf with a known signature, else the base leaf's, `''` when there is none. */
  signature: string;
  /** Leaf it came from, hex. */
  leaf: string;
  /** Signature at the base leaf 0x40000000 (what systemd reads). */
  baseSignature: string;
  /** CPUID.1:ECX[31]: set by every hypervisor that admits to being one. */
  hypervisorBit: boolean;
  /** CPU vendor from leaf 0 (`GenuineIntel`, `AuthenticAMD`, ...). */
  vendor: string;
}

function signatureOf(regs: Buffer): string {
  // EBX, ECX, EDX follow EAX in the 16 bytes the cpuid driver returns.
  const raw = regs.subarray(4, 16).toString('latin1');
  const nul = raw.indexOf('\0');
  return nul === -1 ? raw : raw.slice(0, nul);
}

/**
 * Reads CPUID through the kernel's cpuid driver (`/dev/cpu/N/cpuid`, root only): one positioned 16-byte read per
 * leaf, the file offset being the leaf. Never read this file sequentially: every read returns 16 bytes, so a
 * whole-file read never ends. Throws the open error (ENOENT/EACCES) for the caller to record.
 */
export async function readCpuidDevice(device: string): Promise<CpuidReading> {
  // Synchronous positioned reads: each returns at once (the driver runs CPUID on CPU 0), and 258 of them through
  // the async thread pool cost ~50 ms against ~8 ms here.
  const fd = openSync(device, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isCharacterDevice()) throw Object.assign(new Error(`${device} is not the cpuid character device`), { code: 'EINVAL' });
    const leaf = (n: number): Buffer => {
      const buf = Buffer.alloc(16);
      const bytesRead = readSync(fd, buf, 0, 16, n);
      if (bytesRead !== 16) throw new Error(`short read of CPUID leaf 0x${n.toString(16)} from ${device}`);
      return buf;
    };
    const l0 = leaf(0);
    const vendor = Buffer.concat([l0.subarray(4, 8), l0.subarray(12, 16), l0.subarray(8, 12)]).toString('latin1').replace(/\0+$/, '');
    const hypervisorBit = (leaf(1).readUInt32LE(8) & 0x80000000) !== 0;
    const baseSignature = signatureOf(leaf(0x40000000));
    // Like virt-what's helper, scan down from the top of the hypervisor range: a real hypervisor above a Hyper-V
    // compatibility ("Viridian") leaf then wins over it.
    for (let n = 0x4000ff00; n >= 0x40000000; n -= 0x100) {
      const sig = n === 0x40000000 ? baseSignature : signatureOf(leaf(n));
      if (VIRT_WHAT_SIGNATURES.includes(sig)) return { signature: sig, leaf: `0x${n.toString(16)}`, baseSignature, hypervisorBit, vendor };
    }
    return { signature: baseSignature, leaf: '0x40000000', baseSignature, hypervisorBit, vendor };
  } finally {
    closeSync(fd);
  }
}

/** Signature from a `--cpuid-file` (virt-what-cpuid-helper output): the text without its final newline. */
export function cpuidFromFileText(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** `lscpu` names hypervisor vendors, not signatures; the ones that map back to exactly one signature. */
const LSCPU_VENDOR_SIGNATURE: Readonly<Record<string, string>> = {
  KVM: 'KVMKVMKVM',
  Xen: 'XenVMMXenVMM',
  Microsoft: 'Microsoft Hv',
  VMware: 'VMwareVMware',
};

export interface LscpuReading {
  /** "Hypervisor vendor:" (lscpu executes CPUID itself, unprivileged). */
  vendor: string | null;
  /** "Virtualization type:" full, para, container, none. */
  type: string | null;
  /** The CPUID signature the vendor stands for, when unambiguous. */
  signature: string | null;
}

export function parseLscpu(text: string): LscpuReading {
  const field = (label: string): string | null => {
    const m = new RegExp(`^${label}:\\s*(.+)$`, 'm').exec(text);
    return m ? m[1].trim() : null;
  };
  const vendor = field('Hypervisor vendor');
  return { vendor, type: field('Virtualization type'), signature: vendor ? (LSCPU_VENDOR_SIGNATURE[vendor] ?? null) : null };
}
