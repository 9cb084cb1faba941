import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SourceRecord, VirtInputs } from '../../evidence/types/virt';
import { cpuidFromFileText, parseLscpu, readCpuidDevice, type LscpuReading } from './cpuid';
import { DMI_FIELD_NAMES, dmiFromDmidecode, dmiFromSysfs, noDmi, vmBitFromRawType0, type DmiData, type DmiFields } from './dmi';
import { HostView, MAX_READ_BYTES } from './host-view';
import { containerFromEnviron, PATHS, type AcpiHeader, type Observations, type Text } from './observations';
import { runTool, TOOL_TIMEOUT_MS } from './run-tool';

/** How to observe a host. Every field except `hostRoot` is optional. */
export interface ObserveOptions {
  /** Folder the host's filesystem is visible at (`/`, a read-only host mount, or a snapshot). */
  hostRoot: string;
  /** virt-what-cpuid-helper style file: the hypervisor CPUID signature (empty = none). For snapshots. */
  cpuidFile?: string;
  /** `dmidecode 2>&1` output saved to a file. For snapshots, or to avoid running dmidecode. */
  dmidecodeFile?: string;
  /** `uname -m` of the host. For snapshots. */
  arch?: string;
  /** Run helper tools (lscpu, dmidecode, dmesg, systemd-detect-virt) on a live host; default true. */
  exec?: boolean;
  /** Treat the process as root (default: the real effective uid is 0). Tests set false to see the unprivileged path. */
  privileged?: boolean;
  /** Per-tool limit in ms (default 5000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Kernel log lines worth keeping: they name a hypervisor, the firmware, memory encryption or gVisor. */
const KERNEL_LOG_PATTERNS = [
  /Hypervisor detected: .*/,
  /DMI: .*/,
  /DMI not present or invalid.*/,
  /Booting paravirtualized kernel on .*/,
  /Memory Encryption Features active: .*/,
  /Starting gVisor.*/,
  /ACPI: [A-Z0-9]{4} .*(FIRECK|FCVM|BOCHS|VBOX|XEN|AMAZON|VRTUAL|HVLITE|PRLS|QEMU).*/,
];

function asText(p: { status: string; value: string | null }): Text {
  return p.status === 'read' ? { status: 'read', value: p.value as string } : { status: p.status as 'missing' | 'denied' | 'error', value: null };
}

/** Arch from `/proc/cpuinfo` when a snapshot does not say (`--arch` is better). */
export function archFromCpuinfo(cpuinfo: string | null): string | null {
  if (!cpuinfo) return null;
  if (/^vendor_id\s*:\s*IBM\/S390/m.test(cpuinfo)) return 's390x';
  if (/^cpu\s*:\s*POWER/m.test(cpuinfo) || /^platform\s*:\s*(pSeries|PowerNV)/m.test(cpuinfo)) return 'ppc64';
  if (/^CPU implementer/m.test(cpuinfo)) return 'aarch64';
  if (/^flags\s*:.*\blm\b/m.test(cpuinfo)) return 'x86_64';
  if (/^vendor_id\s*:\s*(GenuineIntel|AuthenticAMD|HygonGenuine|CentaurHauls)/m.test(cpuinfo)) return 'i686';
  return null;
}

function acpiHeader(table: string, raw: Buffer): AcpiHeader | null {
  if (raw.length < 36) return null;
  const s = (a: number, b: number) => raw.subarray(a, b).toString('latin1').replace(/[\0\s]+$/, '');
  return { table, oemId: s(10, 16), oemTableId: s(16, 24), creatorId: s(28, 32) };
}

/**
 * Reads everything the classifiers need. Unprivileged sources first (procfs, sysfs, lscpu), then root-only ones
 * when running as root (cpuid device, dmidecode, raw SMBIOS, ACPI headers, kernel log). Helper tools run only when
 * the root shows a live procfs, since on a snapshot they would describe the auditing machine instead.
 */
async function readInputFile(flag: string, file: string | undefined, encoding: BufferEncoding): Promise<string | null> {
  if (!file) return null;
  const fail = (why: string) => new Error(`cannot read ${flag} ${file}: ${why}`);
  const st = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw fail(err.code === 'ENOENT' ? 'no such file' : err.message);
  });
  // A device or FIFO given by mistake would never end; a real capture is a small regular file.
  if (!st.isFile()) throw fail('not a regular file');
  if (st.size > MAX_READ_BYTES) throw fail(`larger than ${MAX_READ_BYTES} bytes; not a capture of this tool's output`);
  return fs.readFile(file, encoding).catch((err: NodeJS.ErrnoException) => {
    throw fail(err.message);
  });
}

export async function observe(opts: ObserveOptions): Promise<{ observations: Observations; sources: SourceRecord[] }> {
  // Input files first: a bad path fails before anything is read or spawned.
  const cpuidFileText = await readInputFile('--cpuid-file', opts.cpuidFile, 'latin1');
  const dmidecodeFileText = await readInputFile('--dmidecode-file', opts.dmidecodeFile, 'utf8');
  const view = new HostView(opts.hostRoot);
  const live = await view.hasLiveProc();
  const privileged = opts.privileged ?? process.geteuid?.() === 0;
  const exec = (opts.exec ?? true) && live;
  const atRoot = view.root === '/';
  const timeoutMs = opts.timeoutMs ?? TOOL_TIMEOUT_MS;
  const toolRecords: SourceRecord[] = [];
  const tool = async (file: string, args: string[], env?: Record<string, string>) => {
    const r = await runTool(file, args, { timeoutMs, signal: opts.signal, ...(env ? { env } : {}) });
    toolRecords.push({ source: [file, ...args].join(' '), status: r.status, ...(r.detail ? { detail: r.detail } : {}) });
    return r;
  };
  const notRun = (source: string, detail: string) => toolRecords.push({ source, status: 'not-run', detail });

  // Process-scoped files: our own process on the live root; through a host mount, the host's PID 1 (our /proc/self
  // there would describe the auditing container, not the host). Snapshots keep whichever the capture wrote.
  const procFile = async (name: string): Promise<Text & { path: string }> => {
    if (!atRoot) {
      const p1 = `/proc/1/${name}`;
      const t = asText(await view.readText(p1));
      if (t.status !== 'missing') return { ...t, path: p1 };
    }
    const ps = `/proc/self/${name}`;
    return { ...asText(await view.readText(ps)), path: ps };
  };
  const procLink = async (name: string): Promise<Text & { path: string }> => {
    if (!atRoot) {
      const p1 = `/proc/1/${name}`;
      const t = asText(await view.readlink(p1));
      if (t.status !== 'missing') return { ...t, path: p1 };
    }
    const ps = `/proc/self/${name}`;
    return { ...asText(await view.readlink(ps)), path: ps };
  };
  const text = async (p: string, max = MAX_READ_BYTES) => asText(await view.readText(p, max));

  // Helper tools start now and run while the files are read; each has its own time limit.
  const lscpuRun = exec ? tool('lscpu', []) : null;
  const dmesgRun = exec ? tool('dmesg', []) : null;
  const sdvRuns = exec && atRoot
    ? Promise.all([tool('systemd-detect-virt', ['--vm'], { SYSTEMD_LOG_LEVEL: 'debug' }), tool('systemd-detect-virt', ['--container'])])
    : null;

  const [cpuinfo, status, cgroup, mountinfo, environRaw, version, osrelease, cmdline] = await Promise.all([
    text(PATHS.cpuinfo),
    procFile('status'),
    procFile('cgroup'),
    procFile('mountinfo'),
    text(PATHS.environ, 1024 * 1024),
    text(PATHS.version, 64 * 1024),
    text(PATHS.osrelease, 4096),
    text(PATHS.cmdline, 64 * 1024),
  ]);
  const environContainer: Text = environRaw.status === 'read'
    ? (() => {
        const c = containerFromEnviron(environRaw.value);
        return c === null ? { status: 'missing' as const, value: null } : { status: 'read' as const, value: c };
      })()
    : environRaw;

  const dirKeys = ['vz', 'bc', 'xen', 'busXen', 'busXenBackend', 'deviceTree', 'dtHypervisor', 'vldsCtrl', 'vldsSp', 'k8sServiceAccount', 'runWsl', 'dmiId', 'armCca'] as const;
  const fileKeys = ['dockerenv', 'dockerinit', 'containerenv', 'hypervisorType', 'beancounters', 'sysinfo'] as const;
  const existKeys = ['mdesc', 'wslInterop', 'devKvm', 'sevGuest', 'tdxGuest'] as const;
  const dirs: Observations['dirs'] = {};
  const files: Observations['files'] = {};
  const exists: Observations['exists'] = {};
  await Promise.all([
    ...dirKeys.map(async (k) => { dirs[k] = await view.isDir(PATHS[k]); }),
    ...fileKeys.map(async (k) => { files[k] = await view.isFile(PATHS[k]); }),
    ...existKeys.map(async (k) => { exists[k] = await view.exists(PATHS[k]); }),
  ]);

  const [xenCapabilities, hypervisorType, hypervisorUuid, dtHypervisorCompatible, dtCompatible, dtList, sysinfo, lparcfg,
    runSystemdContainer, runHostContainerManager, containerenv, clocksources, protVirtGuest, nestedIntel, nestedAmd] = await Promise.all([
    dirs.xen ? text(PATHS.xenCapabilities, 4096) : Promise.resolve<Text>({ status: 'missing', value: null }),
    files.hypervisorType ? text(PATHS.hypervisorType, 4096) : Promise.resolve<Text>({ status: 'missing', value: null }),
    text(PATHS.hypervisorUuid, 4096),
    dirs.dtHypervisor ? text(PATHS.dtHypervisorCompatible, 4096) : Promise.resolve<Text>({ status: 'missing', value: null }),
    dirs.deviceTree ? text(PATHS.dtCompatible, 4096) : Promise.resolve<Text>({ status: 'missing', value: null }),
    dirs.deviceTree ? view.readdir(PATHS.deviceTree) : Promise.resolve(null),
    text(PATHS.sysinfo, 256 * 1024),
    text(PATHS.lparcfg, 256 * 1024),
    text(PATHS.runSystemdContainer, 4096),
    text(PATHS.runHostContainerManager, 4096),
    files.containerenv ? text(PATHS.containerenv, 64 * 1024) : Promise.resolve<Text>({ status: 'missing', value: null }),
    text(PATHS.clocksource, 4096),
    text(PATHS.protVirtGuest, 64),
    text(PATHS.kvmNestedIntel, 64),
    text(PATHS.kvmNestedAmd, 64),
  ]);
  // Only whether the VM's uuid starts with "ec2" (EC2 on Xen); the uuid itself is an identifier we do not keep.
  const hypervisorUuidPrefix: Text = hypervisorUuid.status === 'read' ? { status: 'read', value: hypervisorUuid.value.trim().slice(0, 3).toLowerCase() } : hypervisorUuid;

  const ns = {
    pid: await procLink('ns/pid'),
    cgroup: await procLink('ns/cgroup'),
    user: await procLink('ns/user'),
  };

  // PCI vendor ids: one small sysfs read per device.
  let pciVendors: string[] | null = null;
  const pci = await view.readdir(PATHS.pciDevices);
  if (pci.status === 'read') {
    const ids = await Promise.all(pci.value.slice(0, 512).map(async (d) => {
      const v = await new HostView(view.root).readText(`${PATHS.pciDevices}/${d}/vendor`, 64);
      return v.status === 'read' ? v.value.trim().toLowerCase() : null;
    }));
    pciVendors = [...new Set(ids.filter((x): x is string => !!x))].sort();
  }

  // ---- CPUID: file > kernel cpuid driver (root) > lscpu (unprivileged, executes CPUID itself).
  const arch: VirtInputs['arch'] = opts.arch
    ? { value: opts.arch, source: '--arch' }
    : live
      ? { value: os.machine(), source: 'uname -m (live kernel)' }
      : (() => {
          const a = archFromCpuinfo(cpuinfo.value);
          return { value: a, source: a ? `inferred from ${PATHS.cpuinfo}` : 'unknown (snapshot without --arch)' };
        })();
  const isX86 = /^(x86_64|i.86|amd64)$/.test(arch.value ?? '');
  let cpuid: VirtInputs['cpuid'] = { signature: null, source: 'none' };
  let lscpu: LscpuReading | null = null;
  if (cpuidFileText !== null) cpuid = { signature: cpuidFromFileText(cpuidFileText.slice(0, 4096)), source: `--cpuid-file ${opts.cpuidFile}` };
  if (exec) {
    const r = await lscpuRun!;
    if (r.status === 'read' && r.code === 0) lscpu = parseLscpu(r.stdout);
  } else notRun('lscpu', live ? 'helper tools disabled' : 'snapshot: would describe the auditing machine');
  if (cpuidFileText === null && live && isX86) {
    const devices = [...new Set([path.join(view.root, 'dev/cpu/0/cpuid'), '/dev/cpu/0/cpuid'])];
    if (!privileged) toolRecords.push({ source: '/dev/cpu/0/cpuid', status: 'not-run', detail: 'root only' });
    else {
      for (const dev of devices) {
        try {
          const r = await readCpuidDevice(dev);
          cpuid = { signature: r.signature, source: dev, leaf: r.leaf, baseSignature: r.baseSignature, hypervisorBit: r.hypervisorBit };
          toolRecords.push({ source: dev, status: 'read', detail: `positioned 16-byte reads, leaves 0, 1, 0x40000000-0x4000ff00` });
          break;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          toolRecords.push({ source: dev, status: code === 'ENOENT' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'error', detail: (err as Error).message });
        }
      }
    }
    if (cpuid.signature === null && lscpu) {
      // lscpu prints a vendor only when it recognises the signature; no vendor line with the hypervisor flag set
      // means "some hypervisor", not "none", so the signature stays unknown then.
      if (lscpu.signature) cpuid = { signature: lscpu.signature, source: 'lscpu' };
      else if (cpuinfo.value !== null && !/^flags\s*:.*\bhypervisor\b/m.test(cpuinfo.value)) cpuid = { signature: '', source: 'lscpu (no hypervisor)' };
    }
  }

  // ---- DMI: file > dmidecode (root) > /sys/class/dmi/id (world-readable fields).
  let dmi: DmiData = noDmi('none');
  if (dmidecodeFileText !== null) {
    dmi = dmiFromDmidecode(dmidecodeFileText.slice(0, MAX_READ_BYTES), `--dmidecode-file ${opts.dmidecodeFile}`);
  } else {
    const fields: DmiFields = {};
    if (dirs.dmiId) {
      await Promise.all(DMI_FIELD_NAMES.map(async (name) => {
        const t = await view.readText(`${PATHS.dmiId}/${name}`, 4096);
        if (t.status === 'read') fields[name] = t.value.trim();
      }));
    }
    const raw0 = privileged ? await view.readBytes(PATHS.dmiRawType0, 4096) : null;
    if (!privileged) toolRecords.push({ source: PATHS.dmiRawType0, status: 'not-run', detail: 'root only' });
    const vmBit = raw0?.status === 'read' ? vmBitFromRawType0(raw0.value) : null;
    dmi = dmiFromSysfs(fields, dirs.dmiId ? true : live ? false : null, vmBit, PATHS.dmiId);
    if (exec && privileged && dirs.dmiId) {
      const r = await tool('dmidecode', []);
      if (r.status === 'read' && r.code === 0 && r.stdout.includes('DMI type')) dmi = dmiFromDmidecode(`${r.stdout}${r.stderr}`, 'dmidecode');
    } else notRun('dmidecode', !exec ? (live ? 'helper tools disabled' : 'snapshot') : !privileged ? 'root only' : 'no SMBIOS (/sys/class/dmi/id absent)');
  }

  // ---- ACPI table headers (root only): Firecracker and other microVMs name themselves in the OEM id.
  const acpi: AcpiHeader[] = [];
  if (privileged) {
    for (const table of ['FACP', 'APIC', 'DSDT']) {
      const raw = await view.readBytes(`${PATHS.acpiTables}/${table}`, 36);
      const h = raw.status === 'read' ? acpiHeader(table, raw.value) : null;
      if (h) acpi.push(h);
    }
  } else toolRecords.push({ source: PATHS.acpiTables, status: 'not-run', detail: 'root only' });

  // ---- Kernel log: only the lines that name a hypervisor or firmware are kept.
  let kernelLog: Observations['kernelLog'] = { lines: [], status: 'not-run', source: 'dmesg' };
  if (exec) {
    const r = await dmesgRun!;
    if (r.status === 'read' && r.code === 0) {
      const lines: string[] = [];
      for (const line of r.stdout.split('\n')) {
        for (const re of KERNEL_LOG_PATTERNS) {
          const m = re.exec(line);
          if (m && lines.length < 40) lines.push(m[0].slice(0, 200));
        }
      }
      kernelLog = { lines, status: 'read', source: 'dmesg' };
    } else kernelLog = { lines: [], status: r.status === 'read' ? 'denied' : r.status, source: 'dmesg' };
  } else notRun('dmesg', live ? 'helper tools disabled' : 'snapshot');

  // ---- User-mode CPUID through systemd-detect-virt's debug log: only meaningful for the machine we run on.
  // systemd-detect-virt is also kept as a second opinion. (virt-what is never run: it may contact a cloud
  // metadata address.)
  let userCpuid: string | null = null;
  const crossTools: Observations['crossTools'] = [];
  if (exec && atRoot) {
    const [vm, ct] = await sdvRuns!;
    const m = /CPUID=(.*)$/m.exec(vm.stderr);
    if (m) userCpuid = m[1].slice(0, 12);
    for (const [args, r] of [['--vm', vm], ['--container', ct]] as const) {
      // It exits non-zero when it prints "none": that is still an answer.
      const out = r.stdout.trim().split('\n')[0] ?? '';
      crossTools.push({ command: `systemd-detect-virt ${args}`, output: r.status === 'read' && out ? out.slice(0, 64) : null, status: r.status });
    }
  } else notRun('systemd-detect-virt', !exec ? (live ? 'helper tools disabled' : 'snapshot') : 'host mounted under another root: it would describe the auditing process');

  // Host name: our own on the live root; through a mount or snapshot, the host's /etc/hostname (the procfs file
  // would answer for the reader's UTS namespace, not the host's).
  let hostname: string | null = atRoot && live ? os.hostname() : null;
  for (const p of atRoot && live ? [] : ['/etc/hostname', '/proc/sys/kernel/hostname']) {
    const t = await view.readText(p, 256);
    const name = t.status === 'read' ? t.value.trim().split('\n')[0] : '';
    if (name) {
      hostname = name;
      break;
    }
  }

  const observations: Observations = {
    hostname,
    inputs: {
      hostRoot: view.root,
      live,
      privileged,
      arch,
      cpuid,
      dmi: { source: dmi.source, present: dmi.present },
      procSubject: status.path.split('/')[2] ?? 'self',
    },
    lscpu,
    dmi,
    cpuinfo,
    status,
    cgroup,
    mountinfo,
    environContainer,
    version,
    osrelease,
    cmdline,
    xenCapabilities,
    hypervisorType,
    hypervisorUuidPrefix,
    dtHypervisorCompatible,
    dtCompatible,
    dtEntries: dtList && dtList.status === 'read' ? dtList.value : null,
    sysinfo,
    lparcfg,
    runSystemdContainer,
    runHostContainerManager,
    containerenv,
    clocksources,
    protVirtGuest,
    kvmNested: nestedIntel.status === 'read' ? nestedIntel : nestedAmd,
    ns,
    pciVendors,
    acpi,
    kernelLog,
    dirs,
    files,
    exists,
    userCpuid,
    crossTools,
  };
  // Reads run in parallel; sort so the same host always gives the same evidence (stable hashes and diffs).
  const sources = [...view.sources, ...toolRecords].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { observations, sources };
}
