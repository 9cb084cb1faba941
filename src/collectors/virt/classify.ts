import type {
  Confidence, ConfidentialClaim, ContainerLayer, CrossCheck, KernelIsolation, MachineKind, SourceRecord,
  UnconfirmedContainer, VirtEvidence, VirtLayer, VirtSignal,
} from '../../evidence/types/virt';
import { CPUID_SIGNATURES } from './cpuid';
import { PATHS, type Observations } from './observations';
import { detectProvider } from './provider';
import { VIRT_WHAT_ORDER, virtWhatFacts } from './virt-what';

/** Inode numbers of the kernel's initial namespaces (include/linux/proc_ns.h): fixed since Linux 3.8. */
const INITIAL_NS = { pid: 'pid:[4026531836]', cgroup: 'cgroup:[4026531835]', user: 'user:[4026531837]' } as const;

/** Who shares the kernel with a system inside each kind of layer (worded for the pack). */
const SHARED_WITH: Readonly<Record<string, string>> = {
  openvz: 'every container on the OpenVZ/Virtuozzo hardware node, typically other customers of the provider',
  'linux-vserver': 'every guest on the Linux-VServer host',
  lxc: 'the LXC host and every other container on it',
  'systemd-nspawn': 'the host and its other nspawn machines',
  'illumos-lx': 'the illumos global zone and every other zone (Linux syscalls are emulated by the illumos kernel)',
  wsl1: 'Windows itself and every WSL1 distribution: there is no Linux kernel, the NT kernel translates the syscalls',
  wsl2: 'every WSL2 distribution of the Windows user (and Docker Desktop), all in one Hyper-V utility VM',
  kubernetes: 'the Kubernetes node and every pod scheduled on it',
};
const SHARED_WITH_DEFAULT = 'the host that runs this container and every other container on it';

/** Outermost first: system containers hold application containers, gVisor sandboxes the application. */
const LAYER_RANK: Readonly<Record<string, number>> = {
  wsl1: 0, wsl2: 0, openvz: 1, 'linux-vserver': 1, 'illumos-lx': 1, lxc: 2, 'systemd-nspawn': 2,
  kubernetes: 3, docker: 4, podman: 4, crio: 4, containerd: 4, oci: 4, rkt: 4, pouch: 4, proot: 4, 'container-other': 5, gvisor: 6,
};

/** Our runtime id → virt-what fact, for the runtimes virt-what can name. */
const RUNTIME_FACT: Readonly<Record<string, string>> = {
  docker: 'docker', podman: 'podman', lxc: 'lxc', 'systemd-nspawn': 'systemd_nspawn', oci: 'oci', crio: 'crio', openvz: 'openvz', 'illumos-lx': 'illumos-lx',
};

/** virt-what fact → hypervisor id (and flavour), in precedence order. */
const FACT_HYPERVISOR: readonly [string, string, string | null][] = [
  ['xen-dom0', 'xen', 'xen-dom0'], ['xen-domU', 'xen', 'xen-pv'], ['xen-hvm', 'xen', 'xen-hvm'], ['xen', 'xen', null],
  ['vmware', 'vmware', null], ['hyperv', 'hyperv', null], ['virtualpc', 'virtualpc', null], ['virtualbox', 'virtualbox', null],
  ['parallels', 'parallels', null], ['bhyve', 'bhyve', null], ['kvm', 'kvm', null], ['qemu', 'qemu', null], ['lkvm', 'lkvm', null],
  ['vmm', 'vmm', null], ['ibm_power-kvm', 'kvm', 'powerkvm'], ['ibm_power-lpar_shared', 'powervm', 'lpar-shared'],
  ['ibm_power-lpar_dedicated', 'powervm', 'lpar-dedicated'], ['ibm_systemz-zvm', 'zvm', null], ['ibm_systemz-kvm', 'kvm', 's390'],
  ['ibm_systemz-lpar', 'prsm', 'lpar'], ['ldoms-control', 'ldoms', 'control-domain'], ['ldoms-guest', 'ldoms', 'guest'], ['ldoms', 'ldoms', null],
  ['virtage', 'virtage', null], ['uml', 'uml', null], ['virt', 'vm-other', null],
];

/** "Hypervisor detected: X" in the kernel log → hypervisor id. */
const KERNEL_LOG_HYPERVISOR: readonly [RegExp, string, string | null][] = [
  [/Hypervisor detected: PVM/, 'kvm', 'pvm'], [/Hypervisor detected: KVM/, 'kvm', null], [/Hypervisor detected: Xen/, 'xen', null],
  [/Hypervisor detected: Microsoft Hyper-V/, 'hyperv', null], [/Hypervisor detected: VMware/, 'vmware', null],
  [/Hypervisor detected: ACRN/, 'acrn', null], [/Hypervisor detected: Jailhouse/, 'jailhouse', null], [/Hypervisor detected: Bhyve/i, 'bhyve', null],
];

/** systemd-detect-virt ids → ours. */
const SYSTEMD_VM: Readonly<Record<string, string | null>> = {
  none: null, oracle: 'virtualbox', microsoft: 'hyperv', google: 'kvm', amazon: 'kvm', bochs: 'qemu',
};

function lines(s: string | null): string[] {
  return s ? s.split('\n') : [];
}

/** Root filesystem type from mountinfo (the last mount on `/` is the visible one). */
export function rootFsType(mountinfo: string | null): string | null {
  let type: string | null = null;
  for (const line of lines(mountinfo)) {
    const [left, right] = line.split(' - ');
    if (!right) continue;
    if (left.split(' ')[4] === '/') type = right.split(' ')[0] ?? null;
  }
  return type;
}

/** Container runtime named by a cgroup path, with the matching path. */
export function runtimeFromCgroup(cgroup: string | null): { runtime: string; path: string } | null {
  const rules: [RegExp, string][] = [
    [/kubepods/, 'kubernetes'],
    [/\/docker\/|\/docker-[0-9a-f]{12,}\.scope/, 'docker'],
    [/\/libpod-/, 'podman'],
    [/\/lxc\/|\/lxc\.payload[./]/, 'lxc'],
    [/cri-containerd-[0-9a-f]{12,}/, 'containerd'],
    [/crio-[0-9a-f]{12,}/, 'crio'],
  ];
  for (const line of lines(cgroup)) {
    const p = line.split(':').slice(2).join(':');
    for (const [re, runtime] of rules) if (re.test(p)) return { runtime, path: `${line.split(':')[1] || 'unified'}:${p}` };
  }
  return null;
}

/** `container=` / container-manager names → our runtime ids. */
export function runtimeFromName(name: string, version: string | null): string {
  const n = name.trim().toLowerCase();
  if (n.startsWith('lxc')) return 'lxc';
  if (n === 'zone') return version?.includes('BrandZ virtual linux') ? 'illumos-lx' : 'container-other';
  if (n === 'cri-o') return 'crio';
  if (['docker', 'podman', 'systemd-nspawn', 'rkt', 'pouch', 'proot', 'crio', 'oci', 'openvz'].includes(n)) return n;
  return 'container-other';
}

/** Decides the stack from observations. Pure: no I/O. */
export function classify(o: Observations, sources: SourceRecord[] = []): VirtEvidence {
  const signals: VirtSignal[] = [];
  const add = (s: VirtSignal): string => {
    let id = s.id;
    for (let i = 2; signals.some((x) => x.id === id); i++) id = `${s.id}-${i}`;
    signals.push({ ...s, id });
    return id;
  };
  const describe = (id: string): string => {
    const s = signals.find((x) => x.id === id);
    return s ? `${s.meaning} (${s.source}: ${s.value})` : id;
  };
  const missing: string[] = [];
  const vw = virtWhatFacts(o);
  const vwFacts = vw.map((f) => f.fact);
  const cpuinfo = o.cpuinfo.value;
  const flags = cpuinfo ? (/^flags\s*:(.*)$/m.exec(cpuinfo)?.[1] ?? '').trim().split(/\s+/) : [];
  const osrelease = o.osrelease.value?.trim() || null;

  // ---------------- container layers ----------------
  const strong = new Map<string, string[]>();
  const weak = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, runtime: string, id: string) => m.set(runtime, [...(m.get(runtime) ?? []), id]);

  if (o.dirs.vz && !o.dirs.bc) {
    push(strong, 'openvz', add({ id: 'openvz-proc-vz', source: PATHS.vz, value: `${PATHS.vz} present, ${PATHS.bc} absent`, bearing: 'container', strength: 'high', meaning: 'OpenVZ/Virtuozzo container (the node has /proc/bc, a container does not)' }));
    if (o.files.beancounters) push(strong, 'openvz', add({ id: 'openvz-beancounters', source: PATHS.beancounters, value: 'present', bearing: 'container', strength: 'medium', meaning: 'OpenVZ resource accounting (user beancounters)' }));
    if (osrelease && /stab|vz7|\.vz/.test(osrelease)) push(strong, 'openvz', add({ id: 'openvz-kernel', source: PATHS.osrelease, value: osrelease, bearing: 'container', strength: 'medium', meaning: 'OpenVZ kernel release (the host node\'s kernel, seen from inside)' }));
  } else if (o.dirs.vz && o.dirs.bc) {
    add({ id: 'openvz-node', source: PATHS.bc, value: `${PATHS.vz} and ${PATHS.bc} present`, bearing: 'no-container', strength: 'high', meaning: 'OpenVZ hardware node: this kernel hosts containers, it is not inside one' });
  }

  const vx = o.status.value ? /^VxID:\s*(\d+)/m.exec(o.status.value) : null;
  if (vx && vx[1] !== '0') push(strong, 'linux-vserver', add({ id: 'vserver-vxid', source: o.status.path, value: `VxID: ${vx[1]}`, bearing: 'container', strength: 'high', meaning: 'Linux-VServer guest context' }));
  else if (vx) add({ id: 'vserver-host', source: o.status.path, value: 'VxID: 0', bearing: 'no-container', strength: 'high', meaning: 'Linux-VServer host context' });

  if (osrelease && /Microsoft|WSL/i.test(osrelease)) {
    const wsl2 = /microsoft-standard|WSL2/i.test(osrelease) || !/Microsoft/.test(osrelease);
    push(strong, wsl2 ? 'wsl2' : 'wsl1', add({ id: 'wsl-osrelease', source: PATHS.osrelease, value: osrelease, bearing: 'container', strength: 'high', meaning: wsl2 ? 'WSL2 kernel built by Microsoft' : 'WSL1: the release string of the NT syscall translation layer' }));
    if (o.exists.wslInterop) add({ id: 'wsl-interop', source: PATHS.wslInterop, value: 'present', bearing: 'container', strength: 'medium', meaning: 'Windows interop binfmt handler registered' });
  }

  const gvisorIds: string[] = [];
  if (o.version.value?.includes('Sun Jan 10 15:06:54 PST 2016')) gvisorIds.push(add({ id: 'gvisor-version', source: PATHS.version, value: o.version.value.trim().slice(0, 120), bearing: 'container', strength: 'medium', meaning: 'gVisor\'s fixed fake kernel build date' }));
  const bootImage = o.cmdline.value ? /BOOT_IMAGE=\S*gvisor\S*/.exec(o.cmdline.value) : null;
  if (bootImage) gvisorIds.push(add({ id: 'gvisor-cmdline', source: PATHS.cmdline, value: bootImage[0], bearing: 'container', strength: 'high', meaning: 'gVisor boot image name' }));
  const gLog = o.kernelLog.lines.find((l) => l.includes('Starting gVisor'));
  if (gLog) gvisorIds.push(add({ id: 'gvisor-kernel-log', source: o.kernelLog.source, value: gLog, bearing: 'container', strength: 'high', meaning: 'gVisor Sentry boot message' }));
  for (const id of gvisorIds) push(strong, 'gvisor', id);

  if (o.environContainer.value !== null) {
    const rt = runtimeFromName(o.environContainer.value, o.version.value);
    push(strong, rt, add({ id: 'pid1-environ', source: PATHS.environ, value: `container=${o.environContainer.value}`, bearing: 'container', strength: 'high', meaning: 'container manager\'s declaration in PID 1\'s environment' }));
  }
  for (const [key, path] of [['runSystemdContainer', PATHS.runSystemdContainer], ['runHostContainerManager', PATHS.runHostContainerManager]] as const) {
    const v = o[key].value?.trim();
    if (v) push(strong, runtimeFromName(v, o.version.value), add({ id: key === 'runSystemdContainer' ? 'run-systemd-container' : 'run-host-container-manager', source: path, value: v, bearing: 'container', strength: 'high', meaning: 'container manager\'s declaration' }));
  }

  const cg = runtimeFromCgroup(o.cgroup.value);
  if (cg) push(strong, cg.runtime, add({ id: 'cgroup-path', source: o.cgroup.path, value: cg.path, bearing: 'container', strength: 'high', meaning: `${cg.runtime} cgroup of the process` }));

  if (o.files.dockerenv) push(weak, 'docker', add({ id: 'dockerenv', source: PATHS.dockerenv, value: 'present', bearing: 'container', strength: 'low', meaning: 'Docker marker file (can be left over in an image)' }));
  if (o.files.dockerinit) push(weak, 'docker', add({ id: 'dockerinit', source: PATHS.dockerinit, value: 'present', bearing: 'container', strength: 'low', meaning: 'old Docker marker file (can be left over in an image)' }));
  if (o.files.containerenv) {
    const engine = o.containerenv.value ? /^engine="?([^"\n]*)"?/m.exec(o.containerenv.value)?.[1] : undefined;
    push(weak, 'podman', add({ id: 'containerenv', source: PATHS.containerenv, value: engine ? `engine=${engine}` : 'present', bearing: 'container', strength: 'low', meaning: 'Podman marker file (can be left over in an image)' }));
  }

  // Corroboration and refutation: what the kernel says about our isolation, independent of any marker.
  const corroborators: string[] = [];
  let pidInitial: string | null = null;
  const pidNs = o.ns.pid.value;
  if (pidNs !== null) {
    if (pidNs === INITIAL_NS.pid) pidInitial = add({ id: 'pid-namespace', source: o.ns.pid.path, value: pidNs, bearing: 'no-container', strength: 'high', meaning: 'the kernel\'s initial PID namespace (not in a container)' });
    else corroborators.push(add({ id: 'pid-namespace', source: o.ns.pid.path, value: pidNs, bearing: 'container', strength: 'high', meaning: 'a non-initial PID namespace (isolated like a container)' }));
  } else if (o.ns.pid.status !== 'missing' || o.inputs.live) {
    missing.push(`PID namespace (${o.ns.pid.path}): ${o.ns.pid.status}`);
  }
  const cgNs = o.ns.cgroup.value;
  if (cgNs !== null) {
    if (cgNs === INITIAL_NS.cgroup) add({ id: 'cgroup-namespace', source: o.ns.cgroup.path, value: cgNs, bearing: 'no-container', strength: 'medium', meaning: 'the kernel\'s initial cgroup namespace' });
    else corroborators.push(add({ id: 'cgroup-namespace', source: o.ns.cgroup.path, value: cgNs, bearing: 'container', strength: 'medium', meaning: 'a non-initial cgroup namespace' }));
  }
  if (o.ns.user.value !== null && o.ns.user.value !== INITIAL_NS.user) add({ id: 'user-namespace', source: o.ns.user.path, value: o.ns.user.value, bearing: 'context', strength: 'low', meaning: 'a non-initial user namespace (rootless or user-namespaced)' });
  const rootFs = rootFsType(o.mountinfo.value);
  if (rootFs) {
    const layered = /^(overlay|aufs|fuse-overlayfs|fuse\.fuse-overlayfs|shiftfs)$/.test(rootFs);
    const id = add({ id: 'root-filesystem', source: o.mountinfo.path, value: `/ is ${rootFs}`, bearing: layered ? 'container' : 'context', strength: layered ? 'medium' : 'low', meaning: layered ? 'layered root filesystem, as container images use' : 'root filesystem type' });
    if (layered) corroborators.push(id);
  }
  // PID 1's container= only matters when PID 1 might be a container's init, i.e. not in the initial PID namespace.
  if (o.environContainer.status === 'denied' && !pidInitial) missing.push(`${PATHS.environ} (container= of PID 1): permission denied`);
  if (o.dirs.k8sServiceAccount) corroborators.push(add({ id: 'kubernetes-service-account', source: PATHS.k8sServiceAccount, value: 'present', bearing: 'container', strength: 'medium', meaning: 'Kubernetes mounts a service-account token into pods' }));

  const containers: ContainerLayer[] = [];
  const unconfirmed: UnconfirmedContainer[] = [];
  for (const [runtime, ids] of strong) containers.push({ runtime, kernel: 'shared', confidence: 'high', evidence: ids });
  for (const [runtime, ids] of weak) {
    const confirmed = containers.find((c) => c.runtime === runtime);
    if (confirmed) {
      confirmed.evidence.push(...ids);
      continue;
    }
    const names = ids.map((id) => signals.find((s) => s.id === id)!.source).join(' and ');
    if (corroborators.length) {
      containers.push({ runtime, kernel: 'shared', confidence: 'medium', evidence: [...ids, ...corroborators] });
    } else if (pidInitial) {
      unconfirmed.push({ runtime, evidence: [...ids, pidInitial], status: 'refuted', reason: `${names} exists, but this system is in the kernel's initial PID namespace with no runtime cgroup or layered root: a marker left over in the image, not a ${runtime} container` });
    } else if (containers.length) {
      unconfirmed.push({ runtime, evidence: ids, status: 'uncorroborated', reason: `${names} exists, but only ${containers.map((c) => c.runtime).join(', ')} is confirmed` });
    } else {
      unconfirmed.push({ runtime, evidence: ids, status: 'uncorroborated', reason: `${names} exists, but no second signal (PID namespace, cgroup path, layered root) confirms or refutes a ${runtime} container` });
    }
  }
  if (!containers.length && corroborators.some((id) => id === 'pid-namespace' || id === 'cgroup-namespace')) {
    containers.push({ runtime: 'container-other', kernel: 'shared', confidence: 'medium', evidence: corroborators });
  }
  const gvisor = containers.some((c) => c.runtime === 'gvisor');
  for (const c of containers) {
    if (gvisor) c.kernel = 'sandboxed';
    c.sharedWith = gvisor ? 'the host kernel, reached only through gVisor\'s narrowed syscall surface' : (SHARED_WITH[c.runtime] ?? SHARED_WITH_DEFAULT);
  }
  containers.sort((a, b) => (LAYER_RANK[a.runtime] ?? 5) - (LAYER_RANK[b.runtime] ?? 5));
  const runtimes = new Set(containers.map((c) => c.runtime));

  // ---------------- facts: virt-what's answer, minus unconfirmed markers, plus what virt-what misses ----------------
  const differences: VirtEvidence['virtWhat']['differences'] = [];
  const facts = vwFacts.filter((f) => {
    const runtime = Object.entries(RUNTIME_FACT).find(([, fact]) => fact === f)?.[0];
    if (!runtime || runtimes.has(runtime) || runtime === 'openvz' || runtime === 'illumos-lx') return true;
    const u = unconfirmed.find((x) => x.runtime === runtime);
    differences.push({ fact: f, virtWhat: true, ours: false, reason: u?.reason ?? `${f}: no confirmed ${runtime} layer` });
    return false;
  });
  for (const c of containers) {
    const f = RUNTIME_FACT[c.runtime];
    if (!f || facts.includes(f)) continue;
    const at = facts.findIndex((x) => VIRT_WHAT_ORDER.indexOf(x) > VIRT_WHAT_ORDER.indexOf(f));
    facts.splice(at === -1 ? facts.length : at, 0, f);
    differences.push({ fact: f, virtWhat: false, ours: true, reason: `virt-what does not read ${c.evidence.map((id) => signals.find((s) => s.id === id)?.source).filter(Boolean).join(', ')}` });
  }

  // ---------------- hypervisor ----------------
  const vmIds: string[] = [];
  let vm: string | null = null;
  let vmFlavour: string | null = null;
  let vmConfidence: Confidence | null = null;
  const cpuidSig = o.inputs.cpuid.signature;
  const cpuidSrc = o.inputs.cpuid.source;
  if (cpuidSig) {
    vmIds.push(add({ id: 'cpuid-signature', source: cpuidSrc, value: JSON.stringify(cpuidSig) + (o.inputs.cpuid.leaf ? ` at leaf ${o.inputs.cpuid.leaf}` : ''), bearing: 'vm', strength: CPUID_SIGNATURES[cpuidSig] ? 'high' : 'low', meaning: CPUID_SIGNATURES[cpuidSig] ? `CPUID hypervisor signature of ${CPUID_SIGNATURES[cpuidSig]}` : 'unrecognised CPUID hypervisor signature' }));
  }
  const hvFact = FACT_HYPERVISOR.find(([f]) => facts.includes(f));
  if (hvFact) {
    [, vm, vmFlavour] = hvFact;
    const because = vw.find((f) => f.fact === hvFact[0])?.because ?? hvFact[0];
    const source = because.startsWith('DMI (') ? o.dmi.source : because.split(' ')[0];
    if (!because.startsWith('cpuid')) vmIds.push(add({ id: 'virt-what-rule', source, value: because, bearing: 'vm', strength: 'high', meaning: `virt-what's rule for ${hvFact[0]}` }));
    vmConfidence = 'high';
  }
  // Corroborating and fallback signals, strongest first.
  const logHv = o.kernelLog.lines.map((l) => ({ l, m: KERNEL_LOG_HYPERVISOR.find(([re]) => re.test(l)) })).find((x) => x.m);
  if (logHv?.m) {
    vmIds.push(add({ id: 'kernel-log-hypervisor', source: o.kernelLog.source, value: logHv.l, bearing: 'vm', strength: 'high', meaning: 'the kernel\'s own hypervisor detection at boot' }));
    if (!vm) [vm, vmFlavour, vmConfidence] = [logHv.m[1], logHv.m[2], 'high'];
    else if (vm === logHv.m[1] && logHv.m[2]) vmFlavour = logHv.m[2];
  }
  const clock = o.clocksources.value?.trim() ?? '';
  const clockHv = /\bkvm-clock\b/.test(clock) ? 'kvm' : /\bxen\b/.test(clock) ? 'xen' : /hyperv_clocksource/.test(clock) ? 'hyperv' : null;
  if (clockHv) {
    vmIds.push(add({ id: 'clocksource', source: PATHS.clocksource, value: clock, bearing: 'vm', strength: 'medium', meaning: `paravirtual clock of ${clockHv}` }));
    if (!vm) [vm, vmConfidence] = [clockHv, 'medium'];
  }
  const dtHv = o.dtHypervisorCompatible.value?.replace(/\0/g, ' ').trim();
  if (dtHv && !vm) {
    vmIds.push(add({ id: 'device-tree-hypervisor', source: PATHS.dtHypervisorCompatible, value: dtHv, bearing: 'vm', strength: 'high', meaning: 'device tree hypervisor node' }));
    [vm, vmConfidence] = [dtHv.includes('linux,kvm') ? 'kvm' : 'vm-other', 'high'];
  }
  if (o.hypervisorType.value && !vm) {
    vmIds.push(add({ id: 'sys-hypervisor-type', source: PATHS.hypervisorType, value: o.hypervisorType.value.trim(), bearing: 'vm', strength: 'high', meaning: 'kernel-reported hypervisor type' }));
    [vm, vmConfidence] = ['vm-other', 'medium'];
  }
  if (cpuidSig && !CPUID_SIGNATURES[cpuidSig] && !vm && flags.includes('hypervisor')) [vm, vmConfidence] = ['vm-other', 'medium'];
  else if (cpuidSig && CPUID_SIGNATURES[cpuidSig] && !vm) [vm, vmConfidence] = [CPUID_SIGNATURES[cpuidSig], 'high'];
  const PCI: Readonly<Record<string, string>> = { '0x1af4': 'virtio (KVM/QEMU family, Firecracker, bhyve)', '0x1b36': 'Red Hat/QEMU', '0x15ad': 'VMware', '0x80ee': 'VirtualBox', '0x5853': 'Xen platform', '0x1d0f': 'Amazon (ENA/NVMe)', '0x1ae0': 'Google' };
  const pciHits = (o.pciVendors ?? []).filter((v) => PCI[v]);
  if (pciHits.length) vmIds.push(add({ id: 'pci-vendors', source: PATHS.pciDevices, value: pciHits.join(' '), bearing: 'vm', strength: 'low', meaning: `virtual devices: ${pciHits.map((v) => PCI[v]).join(', ')}` }));
  if (flags.includes('hypervisor')) {
    vmIds.push(add({ id: 'cpuinfo-hypervisor-flag', source: PATHS.cpuinfo, value: 'flags: hypervisor', bearing: 'vm', strength: 'medium', meaning: 'CPUID hypervisor bit: some hypervisor is present' }));
    if (!vm) [vm, vmConfidence] = ['vm-other', 'medium'];
  }
  if (o.dmi.vmBit) {
    vmIds.push(add({ id: 'smbios-vm-bit', source: o.dmi.source, value: 'System is a virtual machine', bearing: 'vm', strength: 'medium', meaning: 'SMBIOS BIOS characteristic: virtual machine' }));
    if (!vm) [vm, vmConfidence] = ['vm-other', 'medium'];
  }
  if (o.lscpu?.vendor) add({ id: 'lscpu-hypervisor', source: 'lscpu', value: `Hypervisor vendor: ${o.lscpu.vendor}${o.lscpu.type ? `, type ${o.lscpu.type}` : ''}`, bearing: 'vm', strength: 'medium', meaning: 'lscpu (user-mode CPUID)' });

  // A hypervisor found without virt-what's inputs (e.g. unprivileged: no CPUID, only the paravirtual clock) is still
  // our answer; say it in virt-what's vocabulary too, and record that virt-what would not.
  const VOCAB_VM = ['kvm', 'xen', 'vmware', 'hyperv', 'bhyve', 'qemu', 'virtualbox', 'parallels', 'lkvm', 'vmm', 'uml'];
  if (vm && !hvFact && VOCAB_VM.includes(vm) && !facts.includes(vm)) {
    const at = facts.findIndex((x) => VIRT_WHAT_ORDER.indexOf(x) > VIRT_WHAT_ORDER.indexOf(vm!));
    facts.splice(at === -1 ? facts.length : at, 0, vm);
    differences.push({ fact: vm, virtWhat: false, ours: true, reason: `virt-what's inputs (CPUID, dmidecode) did not name it; ${vmIds.filter((id) => id !== 'cpuid-signature').slice(0, 2).map(describe).join('; ')}` });
  }

  // Flavour: what kind of VM this is, when the evidence says.
  const acpiOem = o.acpi.find((a) => a.oemId);
  if (acpiOem) add({ id: 'acpi-oem', source: `${PATHS.acpiTables}/${acpiOem.table}`, value: `OEM ${acpiOem.oemId} ${acpiOem.oemTableId}, creator ${acpiOem.creatorId}`, bearing: acpiOem.oemId === 'FIRECK' ? 'vm' : 'context', strength: 'high', meaning: 'ACPI table author' });
  const mmio = o.cmdline.value ? /virtio_mmio\.device=\S+/.exec(o.cmdline.value) : null;
  if (mmio) vmIds.push(add({ id: 'virtio-mmio-cmdline', source: PATHS.cmdline, value: mmio[0], bearing: 'vm', strength: 'low', meaning: 'virtio-mmio devices declared on the kernel command line, as microVMs without PCI boot' }));
  if (o.dmi.present === false) add({ id: 'no-smbios', source: o.dmi.source, value: 'no SMBIOS tables', bearing: 'context', strength: 'medium', meaning: 'firmware without SMBIOS, as microVMs (Firecracker, cloud-hypervisor, QEMU microvm) boot' });
  if (vm === 'qemu' && cpuidSig === 'TCGTCGTCGTCG') vmFlavour = 'tcg';
  if (vm === 'kvm') {
    if (acpiOem?.oemId === 'FIRECK' || o.kernelLog.lines.some((l) => /FIRECK|Firecracker/i.test(l))) vmFlavour = vmFlavour === 'pvm' ? 'firecracker-pvm' : 'firecracker';
    else if (o.dmi.present === false && !vmFlavour) vmFlavour = 'microvm';
  }

  // Bare metal needs positive evidence: no hypervisor bit on x86, PowerNV, or SMBIOS saying "not a VM".
  let machine: MachineKind = vm ? 'vm' : 'unknown';
  const arch = o.inputs.arch.value ?? '';
  if (!vm) {
    // Under PowerVM Lx86 the x86 cpuinfo is the translator's invention on a POWER partition: no evidence of metal.
    if (/^(x86_64|i.86|amd64)$/.test(arch) && cpuinfo !== null && !flags.includes('hypervisor') && !cpuidSig && !facts.includes('powervm_lx86')) {
      machine = 'bare-metal';
      add({ id: 'cpuinfo-no-hypervisor', source: PATHS.cpuinfo, value: 'no hypervisor flag', bearing: 'bare-metal', strength: cpuidSig === '' ? 'high' : 'medium', meaning: 'CPUID hypervisor bit clear: no hypervisor admits to being there' });
    } else if (cpuinfo && /^platform\s*:\s*PowerNV/m.test(cpuinfo)) {
      machine = 'bare-metal';
      add({ id: 'powernv', source: PATHS.cpuinfo, value: 'platform: PowerNV', bearing: 'bare-metal', strength: 'high', meaning: 'POWER non-virtualized (OPAL) platform' });
    } else if (o.dmi.present && o.dmi.vmBit === false) {
      machine = 'bare-metal';
      add({ id: 'smbios-not-vm', source: o.dmi.source, value: 'VM bit clear', bearing: 'bare-metal', strength: 'medium', meaning: 'SMBIOS does not mark the system as a virtual machine' });
    }
  }
  if (machine === 'unknown') {
    if (cpuinfo === null) missing.push(`${PATHS.cpuinfo}: ${o.cpuinfo.status}`);
    if (cpuidSig === null) missing.push(`CPUID hypervisor signature (${cpuidSrc === 'none' ? (o.inputs.live ? 'not root and lscpu named no vendor' : 'snapshot without --cpuid-file') : cpuidSrc})`);
    if (o.dmi.present === null) missing.push(`SMBIOS/DMI (${o.dmi.source === 'none' ? 'no dmidecode output or /sys/class/dmi/id' : o.dmi.source})`);
    if (!arch) missing.push('machine architecture (pass --arch for a snapshot)');
  }

  // ---------------- nested virtualization ----------------
  const nestedEvidence: string[] = [];
  let observed: boolean | null = null;
  let outer: string | null = null;
  if (o.userCpuid !== null && vm) {
    const userHv = CPUID_SIGNATURES[o.userCpuid] ?? null;
    const kernelSide = cpuidSrc.startsWith('/dev/cpu') || signals.some((s) => s.id === 'clocksource' || s.id === 'kernel-log-hypervisor');
    if (userHv && userHv !== vm && kernelSide) {
      observed = true;
      outer = userHv;
      nestedEvidence.push(add({ id: 'user-mode-cpuid', source: 'systemd-detect-virt --vm (debug log)', value: `CPUID=${JSON.stringify(o.userCpuid)}`, bearing: 'nested', strength: 'medium', meaning: `user-mode CPUID reaches ${userHv} while the kernel runs on ${vm}: a paravirtualized guest nested in ${userHv}` }));
    } else if (userHv === vm) observed = false;
  }
  if (facts.includes('xen-dom0') && cpuidSig && CPUID_SIGNATURES[cpuidSig] && CPUID_SIGNATURES[cpuidSig] !== 'xen') {
    observed = true;
    outer = CPUID_SIGNATURES[cpuidSig];
    nestedEvidence.push(add({ id: 'dom0-under-hypervisor', source: cpuidSrc, value: cpuidSig, bearing: 'nested', strength: 'medium', meaning: 'Xen dom0 that itself sees another hypervisor' }));
  }
  let canHostVms: boolean | null = null;
  if (flags.includes('vmx') || flags.includes('svm')) {
    canHostVms = true;
    nestedEvidence.push(add({ id: 'cpu-virt-extensions', source: PATHS.cpuinfo, value: flags.includes('vmx') ? 'vmx' : 'svm', bearing: 'nested', strength: 'medium', meaning: 'hardware virtualization exposed to this kernel' }));
  }
  if (o.exists.devKvm) {
    canHostVms = true;
    nestedEvidence.push(add({ id: 'dev-kvm', source: PATHS.devKvm, value: 'present', bearing: 'nested', strength: 'medium', meaning: 'KVM available: this kernel can run VMs' }));
  }
  if (canHostVms === null && cpuinfo !== null && /^(x86_64|i.86)$/.test(arch)) canHostVms = false;

  // ---------------- confidential computing ----------------
  let confidential: ConfidentialClaim | null = null;
  const claim = (technology: string, id: string) => {
    if (!confidential) confidential = { technology, evidence: [id], attested: false };
    else confidential.evidence.push(id);
  };
  const mem = o.kernelLog.lines.find((l) => l.startsWith('Memory Encryption Features active'));
  if (mem) claim(/SEV-SNP/.test(mem) ? 'amd-sev-snp' : /SEV-ES/.test(mem) ? 'amd-sev-es' : /SEV/.test(mem) ? 'amd-sev' : /TDX/.test(mem) ? 'intel-tdx' : 'unknown', add({ id: 'kernel-log-memory-encryption', source: o.kernelLog.source, value: mem, bearing: 'confidential', strength: 'high', meaning: 'memory encryption active (claimed by firmware, not attested)' }));
  if (flags.includes('tdx_guest') || o.exists.tdxGuest) claim('intel-tdx', add({ id: 'tdx-guest', source: flags.includes('tdx_guest') ? PATHS.cpuinfo : PATHS.tdxGuest, value: 'tdx_guest', bearing: 'confidential', strength: 'high', meaning: 'Intel TDX guest (not attested)' }));
  if (o.exists.sevGuest) claim('amd-sev-snp', add({ id: 'sev-guest', source: PATHS.sevGuest, value: 'present', bearing: 'confidential', strength: 'medium', meaning: 'AMD SEV-SNP guest attestation device (not attested)' }));
  if (o.protVirtGuest.value?.trim() === '1') claim('s390-protvirt', add({ id: 'prot-virt-guest', source: PATHS.protVirtGuest, value: '1', bearing: 'confidential', strength: 'high', meaning: 'IBM Secure Execution guest (not attested)' }));
  if (o.dirs.armCca) claim('arm-cca', add({ id: 'arm-cca', source: PATHS.armCca, value: 'present', bearing: 'confidential', strength: 'medium', meaning: 'Arm CCA realm (not attested)' }));

  // ---------------- provider ----------------
  const prov = detectProvider(o.dmi.fields, facts, o.hypervisorUuidPrefix.value);
  if (prov) add({ id: 'provider', source: prov.because.startsWith('/sys') ? PATHS.hypervisorUuid : o.dmi.source, value: prov.because, bearing: 'provider', strength: 'high', meaning: `platform ${prov.id}` });
  if (vm === 'kvm' && prov?.id === 'aws' && !vmFlavour) vmFlavour = 'nitro';

  // ---------------- kernel verdict ----------------
  const lx86 = facts.includes('powervm_lx86');
  let kernel: KernelIsolation;
  let kernelReason: string;
  const innermost = containers[containers.length - 1];
  const sharedLayer = [...containers].reverse().find((c) => c.kernel === 'shared');
  const uncorroborated = unconfirmed.filter((u) => u.status === 'uncorroborated');
  const vmWords = vm ? `${vm}${vmFlavour ? ` (${vmFlavour})` : ''} VM` : machine === 'bare-metal' ? 'bare-metal machine' : 'machine of unknown kind';
  if (gvisor) {
    kernel = 'sandboxed';
    kernelReason = `Workloads run on gVisor's user-space kernel (${innermost.evidence.map(describe).join('; ')}); the host kernel below it is shared but reached only through gVisor's narrowed syscall surface.`;
  } else if (sharedLayer) {
    kernel = 'shared';
    const eol = sharedLayer.runtime === 'openvz' && osrelease && /^2\.6\.(18|32)/.test(osrelease) ? ` The shared kernel ${osrelease} is an end-of-life OpenVZ branch.` : '';
    kernelReason = `This system runs inside ${sharedLayer.runtime} (${sharedLayer.evidence.slice(0, 3).map(describe).join('; ')}), so its kernel${osrelease ? ` (${osrelease})` : ''} is shared with ${sharedLayer.sharedWith}.${eol}`;
  } else if (uncorroborated.length) {
    kernel = 'unknown';
    kernelReason = `${uncorroborated.map((u) => u.reason).join('; ')}; whether the kernel is shared cannot be decided.`;
    missing.push('a second container signal: PID/cgroup namespace of the host (/proc/1/ns/*, needs CAP_SYS_PTRACE through a host mount) or its cgroup path');
  } else if (cpuinfo === null && o.status.value === null && o.cgroup.value === null && o.ns.pid.value === null && !facts.length) {
    kernel = 'unknown';
    kernelReason = `Nothing under ${o.inputs.hostRoot}/proc could be read, so neither a container layer nor its absence can be shown.`;
    missing.push(`/proc under the host root (${o.inputs.hostRoot})`);
  } else {
    kernel = 'dedicated';
    const negatives = [pidInitial ? 'the initial PID namespace' : null, ...unconfirmed.map((u) => `a refuted ${u.runtime} marker`), 'no container declaration, runtime cgroup or OS-virtualization signal'].filter(Boolean);
    kernelReason = `No container layer (${negatives.join('; ')}): the kernel${osrelease ? ` ${osrelease}` : ''} is this ${vmWords}'s own${lx86 ? ' (x86 binaries run through the PowerVM Lx86 translator on it)' : ''}.`;
  }

  // ---------------- cross-checks ----------------
  const crossChecks: CrossCheck[] = o.crossTools.map((t) => {
    if (t.output === null) return { command: t.command, output: null, status: t.status, agrees: null };
    if (t.command.endsWith('--vm')) {
      const theirs = t.output in SYSTEMD_VM ? SYSTEMD_VM[t.output] : t.output;
      const agrees = theirs === vm || (t.output === 'amazon' && (vm === 'kvm' || vm === 'xen'));
      const note = agrees ? undefined : observed && outer === theirs
        ? `it executes CPUID in user mode, which in this paravirtualized guest reaches the outer hypervisor ${outer}; the kernel's own view is ${vm}`
        : `it answers ${t.output}; ours is ${vm ?? 'none'} from ${vmIds.slice(0, 2).map(describe).join('; ') || 'no hypervisor signal'}`;
      return { command: t.command, output: t.output, status: t.status, agrees, ...(note ? { note } : {}) };
    }
    const theirs = t.output === 'none' ? null : t.output === 'lxc-libvirt' ? 'lxc' : t.output;
    const agrees = theirs === null ? containers.length === 0 : containers.some((c) => c.runtime === theirs || (theirs === 'wsl' && c.runtime.startsWith('wsl')));
    const refuted = unconfirmed.find((u) => u.runtime === theirs);
    const markers = refuted?.evidence.map((id) => signals.find((s) => s.id === id)).filter((s) => s?.strength === 'low').map((s) => s!.source).join(', ');
    const note = agrees ? undefined : refuted
      ? `it trusts ${markers || 'a marker file'} alone, which ${refuted.status === 'refuted' ? 'other signals refute' : 'nothing corroborates'}`
      : `it answers ${t.output}; we found ${containers.map((c) => c.runtime).join(', ') || 'no container layer'}`;
    return { command: t.command, output: t.output, status: t.status, agrees, ...(note ? { note } : {}) };
  });

  // ---------------- layers (outermost first) ----------------
  const layers: VirtLayer[] = [];
  const dmiName = [o.dmi.fields.sys_vendor, o.dmi.fields.product_name].filter((x) => x && !/^(Not Specified|To be filled.*|System manufacturer|System Product Name|Default string)$/i.test(x)).join(' ');
  const dmiEvidence = (['sys_vendor', 'product_name'] as const).filter((k) => o.dmi.fields[k]).map((k) => `DMI ${k} = ${o.dmi.fields[k]} (${o.dmi.source})`);
  if (machine === 'bare-metal') layers.push({ layer: 'hardware', name: dmiName || 'physical machine', evidence: [...dmiEvidence, ...(prov ? [describe('provider')] : [])] });
  else layers.push({ layer: 'hardware', name: prov ? `${prov.id} host` : 'physical host (not visible from a guest)', evidence: prov ? [describe('provider')] : [], ...(machine === 'unknown' ? { note: 'unknown whether a hypervisor sits between' } : {}) });
  if (outer) layers.push({ layer: 'hypervisor', name: outer, evidence: nestedEvidence.filter((id) => id === 'user-mode-cpuid' || id === 'dom0-under-hypervisor').map(describe), note: 'outer hypervisor (nested virtualization)' });
  if (vm) {
    layers.push({ layer: 'hypervisor', name: vm, evidence: vmIds.map(describe), note: [vmFlavour, vmConfidence ? `${vmConfidence} confidence` : null, prov ? `provider ${prov.id}` : null, confidential ? `confidential: ${(confidential as ConfidentialClaim).technology}, not attested` : null].filter(Boolean).join('; ') });
  } else if (machine === 'bare-metal') layers.push({ layer: 'hypervisor', name: 'none', evidence: signals.filter((s) => s.bearing === 'bare-metal').map((s) => `${s.meaning} (${s.source})`) });
  else layers.push({ layer: 'hypervisor', name: 'unknown', evidence: missing.map((m) => `not available: ${m}`) });
  const wsl1 = runtimes.has('wsl1');
  layers.push({
    layer: 'kernel',
    name: wsl1 ? 'Windows NT kernel (WSL1 syscall translation)' : gvisor ? 'host Linux kernel behind gVisor' : `Linux${osrelease ? ` ${osrelease}` : ''}`,
    evidence: osrelease ? [`kernel release (${PATHS.osrelease}: ${osrelease})`] : [],
    note: `${kernel}${kernel === 'shared' && sharedLayer ? ` with ${sharedLayer.sharedWith}` : ''}`,
  });
  if (lx86) layers.push({ layer: 'emulator', name: 'PowerVM Lx86', evidence: [vw.find((f) => f.fact === 'powervm_lx86')!.because] });
  for (const c of containers) layers.push({ layer: 'container-runtime', name: c.runtime, evidence: c.evidence.map(describe), note: `${c.confidence} confidence` });
  if (!containers.length) {
    layers.push({
      layer: 'container-runtime',
      name: uncorroborated.length ? 'undecided' : 'none',
      evidence: [
        ...(pidInitial ? [describe(pidInitial)] : uncorroborated.length ? [] : ['no container declaration, runtime cgroup or OS-virtualization signal']),
        ...unconfirmed.map((u) => u.reason),
      ],
    });
  }

  return {
    hostname: o.hostname,
    facts,
    virtWhat: { facts: vwFacts, differences },
    machine,
    vm,
    vmFlavour,
    vmConfidence,
    containers,
    unconfirmed,
    kernel,
    kernelReason,
    kernelRelease: osrelease,
    provider: prov?.id ?? null,
    nested: { observed, outer, canHostVms, evidence: nestedEvidence },
    confidential,
    layers,
    signals,
    missing: [...new Set(missing)],
    crossChecks,
    inputs: o.inputs,
    sources,
  };
}
