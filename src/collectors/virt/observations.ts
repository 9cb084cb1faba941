import type { SourceRecord, VirtInputs } from '../../evidence/types/virt';
import type { LscpuReading } from './cpuid';
import type { DmiData } from './dmi';

/** Host paths the detector reads (relative to the host root). Process-scoped ones depend on `procSubject`. */
export const PATHS = {
  cpuinfo: '/proc/cpuinfo',
  version: '/proc/version',
  osrelease: '/proc/sys/kernel/osrelease',
  cmdline: '/proc/cmdline',
  environ: '/proc/1/environ',
  vz: '/proc/vz',
  bc: '/proc/bc',
  beancounters: '/proc/user_beancounters',
  xen: '/proc/xen',
  xenCapabilities: '/proc/xen/capabilities',
  sysinfo: '/proc/sysinfo',
  lparcfg: '/proc/ppc64/lparcfg',
  hypervisorType: '/sys/hypervisor/type',
  hypervisorUuid: '/sys/hypervisor/uuid',
  busXen: '/sys/bus/xen',
  busXenBackend: '/sys/bus/xen-backend',
  deviceTree: '/proc/device-tree',
  dtHypervisor: '/proc/device-tree/hypervisor',
  dtHypervisorCompatible: '/proc/device-tree/hypervisor/compatible',
  dtCompatible: '/proc/device-tree/compatible',
  mdesc: '/dev/mdesc',
  vldsCtrl: '/sys/class/vlds/ctrl',
  vldsSp: '/sys/class/vlds/sp',
  dockerenv: '/.dockerenv',
  dockerinit: '/.dockerinit',
  containerenv: '/run/.containerenv',
  runSystemdContainer: '/run/systemd/container',
  runHostContainerManager: '/run/host/container-manager',
  k8sServiceAccount: '/var/run/secrets/kubernetes.io/serviceaccount',
  wslInterop: '/proc/sys/fs/binfmt_misc/WSLInterop',
  runWsl: '/run/WSL',
  dmiId: '/sys/class/dmi/id',
  dmiRawType0: '/sys/firmware/dmi/entries/0-0/raw',
  acpiTables: '/sys/firmware/acpi/tables',
  clocksource: '/sys/devices/system/clocksource/clocksource0/available_clocksource',
  pciDevices: '/sys/bus/pci/devices',
  devKvm: '/dev/kvm',
  kvmNestedIntel: '/sys/module/kvm_intel/parameters/nested',
  kvmNestedAmd: '/sys/module/kvm_amd/parameters/nested',
  sevGuest: '/dev/sev-guest',
  tdxGuest: '/dev/tdx_guest',
  protVirtGuest: '/sys/firmware/uv/prot_virt_guest',
  armCca: '/sys/devices/platform/arm-cca-dev',
} as const;

/** ACPI table header fields (the first 36 bytes; root only). Firecracker writes OEM id `FIRECK`. */
export interface AcpiHeader {
  table: string;
  oemId: string;
  oemTableId: string;
  creatorId: string;
}

/** A file's text, or why there is none. `missing` is meaningful (absence is evidence); the others are gaps. */
export type Text = { value: string; status: 'read' } | { value: null; status: 'missing' | 'denied' | 'error' };

/**
 * Everything read from the host, before any decision: the pure classifiers work on this alone. Held in memory only;
 * the evidence keeps just the decisive parts (see `VirtSignal.value`).
 */
export interface Observations {
  inputs: VirtInputs;
  hostname: string | null;
  lscpu: LscpuReading | null;
  dmi: DmiData;
  cpuinfo: Text;
  status: Text & { path: string };
  cgroup: Text & { path: string };
  mountinfo: Text & { path: string };
  /** `container=` value in PID 1's environment; nothing else of the environment is kept. */
  environContainer: Text;
  version: Text;
  osrelease: Text;
  cmdline: Text;
  xenCapabilities: Text;
  hypervisorType: Text;
  hypervisorUuidPrefix: Text;
  dtHypervisorCompatible: Text;
  dtCompatible: Text;
  dtEntries: string[] | null;
  sysinfo: Text;
  lparcfg: Text;
  runSystemdContainer: Text;
  runHostContainerManager: Text;
  containerenv: Text;
  clocksources: Text;
  protVirtGuest: Text;
  kvmNested: Text;
  /** Namespace links (`pid:[4026531836]`) of the process subject. */
  ns: { pid: Text & { path: string }; cgroup: Text & { path: string }; user: Text & { path: string } };
  /** PCI vendor ids present (`0x1af4`, ...). */
  pciVendors: string[] | null;
  acpi: AcpiHeader[];
  /** Kernel log lines that matter (hypervisor, DMI, memory encryption, gVisor); the rest of the log is not kept. */
  kernelLog: { lines: string[]; status: SourceRecord['status']; source: string };
  /** Existence of marker paths, keyed by the PATHS key. `isDir`/`isFile` follow virt-what's `-d`/`-f` tests. */
  dirs: Partial<Record<keyof typeof PATHS, boolean>>;
  files: Partial<Record<keyof typeof PATHS, boolean>>;
  exists: Partial<Record<keyof typeof PATHS, boolean>>;
  /** User-mode CPUID signature seen by `systemd-detect-virt --vm` (debug log), when run. */
  userCpuid: string | null;
  /** Answers of helper detectors run for comparison (`systemd-detect-virt --vm`, `--container`). */
  crossTools: { command: string; output: string | null; status: SourceRecord['status'] }[];
}

/** Lines of PID 1's environment reduced to the `container=` entry; values of other variables never leave this function. */
export function containerFromEnviron(raw: string): string | null {
  for (const entry of raw.split('\0')) {
    // virt-what matches `^container=` case-insensitively.
    if (/^container=/i.test(entry)) return entry.slice('container='.length);
  }
  return null;
}
