import { PATHS, type Observations } from './observations';

/**
 * virt-what 1.27's decision rules, re-expressed over our observations (our own code; virt-what is GPL and only its
 * documented behaviour is followed). Kept separate from our own classification so we can both reproduce virt-what's
 * answer exactly (the test corpus) and say where and why we differ from it.
 *
 * Deliberate departures, all of them safety: no Alibaba metadata probe (virt-what opens a TCP connection to
 * 100.100.100.200; we print `alibaba_cloud` as virt-what does when the probe fails), no ia64 RDTSC timing test, no
 * execution of the host's `/usr/lib/ldoms/mdprop.py`, and the ppc64 device-tree file is read under the host root
 * (virt-what reads the auditor's own `/proc`, a bug).
 */

export interface VirtWhatFact {
  fact: string;
  /** What triggered it, e.g. `cpuid KVMKVMKVM`, `/.dockerenv`. */
  because: string;
}

/** Every fact virt-what 1.27 can print, in print order (used to place facts we add). */
export const VIRT_WHAT_ORDER: readonly string[] = [
  'alibaba_cloud', 'alibaba_cloud-ebm', 'vmware', 'hyperv', 'virtualpc', 'virtualbox', 'bhyve', 'openvz', 'lxc',
  'illumos-lx', 'docker', 'oci', 'crio', 'podman', 'systemd_nspawn', 'linux_vserver', 'linux_vserver-host',
  'linux_vserver-guest', 'uml', 'powervm_lx86', 'virtage', 'ibm_systemz', 'ibm_systemz-kvm', 'ibm_systemz-zvm',
  'ibm_systemz-lpar', 'ibm_systemz-direct', 'parallels', 'nutanix_ahv', 'ovirt', 'rhev', 'google_cloud', 'redhat',
  'xen', 'xen-dom0', 'xen-domU', 'xen-hvm', 'virt', 'kvm', 'qemu', 'lkvm', 'ibm_power-kvm', 'ibm_power-lpar_shared',
  'ibm_power-lpar_dedicated', 'vmm', 'ldoms', 'ldoms-control', 'ldoms-guest', 'ldoms-root', 'ldoms-io', 'aws', 'upcloud',
];

/** `uname -m` the way virt-what normalises it: i?86 → i386, arm* → arm. */
export function virtWhatArch(arch: string | null): string {
  return (arch ?? '').replace(/i.86/, 'i386').replace(/arm.*/, 'arm');
}

export function virtWhatFacts(o: Observations): VirtWhatFact[] {
  const out: VirtWhatFact[] = [];
  const say = (fact: string, because: string) => {
    if (!out.some((f) => f.fact === fact)) out.push({ fact, because });
  };
  const cpuid = o.inputs.cpuid.signature ?? '';
  const dmi = o.dmi.text;
  const has = (re: RegExp | string) => (typeof re === 'string' ? dmi.includes(re) : re.test(dmi));
  const arch = virtWhatArch(o.inputs.arch.value);
  const isArm = arch === 'arm' || arch === 'aarch64';
  const cpuinfo = o.cpuinfo.value;
  const environ = o.environContainer.value;
  const env = (re: RegExp) => environ !== null && re.test(`container=${environ}`);
  const cgroup = o.cgroup.value ?? '';
  const dmiSrc = `DMI (${o.dmi.source})`;
  let skipQemuKvm = false;
  let skipLkvm = false;

  if (has('Manufacturer: Alibaba')) say('alibaba_cloud', `${dmiSrc} Manufacturer: Alibaba; metadata probe not made`);

  if (cpuid === 'VMwareVMware') say('vmware', `cpuid ${cpuid}`);
  else if (has('Manufacturer: VMware')) say('vmware', `${dmiSrc} Manufacturer: VMware`);

  const msVm = has('Manufacturer: Microsoft Corporation') && has('Product Name: Virtual Machine');
  if (cpuid === 'Microsoft Hv') say('hyperv', `cpuid ${cpuid}`);
  else if (msVm && has('Version: Hyper-V')) say('hyperv', `${dmiSrc} Microsoft Corporation / Virtual Machine / Hyper-V`);
  if (cpuid !== 'Microsoft Hv' && msVm && !has('Version: Hyper-V')) say('virtualpc', `${dmiSrc} Microsoft Corporation / Virtual Machine`);

  if (has('Manufacturer: innotek GmbH')) say('virtualbox', `${dmiSrc} Manufacturer: innotek GmbH`);

  if (cpuid === 'bhyve bhyve ') say('bhyve', `cpuid ${cpuid}`);
  else if (has('Vendor: BHYVE')) say('bhyve', `${dmiSrc} Vendor: BHYVE`);

  if (o.dirs.vz && !o.dirs.bc) say('openvz', `${PATHS.vz} exists, ${PATHS.bc} does not`);

  if (env(/^container=lxc/im)) say('lxc', `${PATHS.environ} container=${environ}`);
  if (environ === 'zone' && o.version.value?.includes('BrandZ virtual linux')) say('illumos-lx', `${PATHS.environ} container=zone, BrandZ kernel`);

  if (o.files.dockerenv) say('docker', PATHS.dockerenv);
  else if (o.files.dockerinit) say('docker', PATHS.dockerinit);
  else if (cgroup.includes('/docker/')) say('docker', `${o.cgroup.path} has /docker/`);

  if (env(/^container=oci/im)) say('oci', `${PATHS.environ} container=${environ}`);
  if (env(/^container=crio/im)) say('crio', `${PATHS.environ} container=${environ}`);
  if (env(/^container=podman/im)) say('podman', `${PATHS.environ} container=${environ}`);
  else if (cgroup.includes('/libpod-')) say('podman', `${o.cgroup.path} has /libpod-`);
  if (env(/^container=systemd-nspawn/im)) say('systemd_nspawn', `${PATHS.environ} container=${environ}`);

  const status = o.status.value;
  if (status !== null && status.includes('VxID: ')) {
    say('linux_vserver', `${o.status.path} VxID`);
    if (/VxID: 0$/m.test(status)) say('linux_vserver-host', `${o.status.path} VxID: 0`);
    else say('linux_vserver-guest', `${o.status.path} VxID non-zero`);
  }

  if (cpuinfo?.includes('UML')) say('uml', `${PATHS.cpuinfo} mentions UML`);
  if (cpuinfo && /^vendor_id.*PowerVM Lx86/m.test(cpuinfo)) say('powervm_lx86', `${PATHS.cpuinfo} vendor_id PowerVM Lx86`);
  if (has(/Manufacturer.*HITACHI/) && has(/Product.* LPAR/)) say('virtage', `${dmiSrc} HITACHI LPAR`);

  if (cpuinfo && /^vendor_id.*IBM\/S390/m.test(cpuinfo)) {
    say('ibm_systemz', `${PATHS.cpuinfo} vendor_id IBM/S390`);
    const si = o.sysinfo.value;
    if (si !== null) {
      if (/VM.*Control Program.*KVM\/Linux/.test(si)) say('ibm_systemz-kvm', `${PATHS.sysinfo} Control Program KVM/Linux`);
      else if (/VM.*Control Program.*z\/VM/.test(si)) say('ibm_systemz-zvm', `${PATHS.sysinfo} Control Program z/VM`);
      else if (/^LPAR/m.test(si)) say('ibm_systemz-lpar', `${PATHS.sysinfo} LPAR`);
      else say('ibm_systemz-direct', `${PATHS.sysinfo} without VM or LPAR lines`);
    }
  }

  if (has('Vendor: Parallels')) {
    say('parallels', `${dmiSrc} Vendor: Parallels`);
    skipQemuKvm = true;
  }
  if (has('Manufacturer: Nutanix') && has('Product Name: AHV')) say('nutanix_ahv', `${dmiSrc} Nutanix AHV`);
  if (has('Manufacturer: oVirt')) say('ovirt', `${dmiSrc} Manufacturer: oVirt`);
  if (has('Product Name: RHEV Hypervisor')) say('rhev', `${dmiSrc} Product Name: RHEV Hypervisor`);
  if (has('Product Name: Google Compute Engine')) say('google_cloud', `${dmiSrc} Product Name: Google Compute Engine`);
  if (has('Manufacturer: Red Hat')) say('redhat', `${dmiSrc} Manufacturer: Red Hat`);

  if (cpuid === 'XenVMMXenVMM' && !has('No SMBIOS nor DMI entry point found, sorry')) {
    say('xen', `cpuid ${cpuid}`);
    say('xen-hvm', `cpuid ${cpuid} with SMBIOS`);
    skipQemuKvm = true;
  } else if (o.dirs.xen) {
    say('xen', `${PATHS.xen} exists`);
    if (o.xenCapabilities.value?.includes('control_d')) say('xen-dom0', `${PATHS.xenCapabilities} control_d`);
    else say('xen-domU', `${PATHS.xenCapabilities} without control_d`);
    skipQemuKvm = true;
    skipLkvm = true;
  } else if (o.files.hypervisorType && o.hypervisorType.value?.includes('xen')) {
    say('xen', `${PATHS.hypervisorType} xen`);
  } else if (isArm) {
    const compat = o.dirs.dtHypervisor ? (o.dtHypervisorCompatible.value ?? '') : '';
    if (compat.includes('xen')) {
      say('xen', `${PATHS.dtHypervisorCompatible} xen`);
      skipQemuKvm = true;
      skipLkvm = true;
    } else if (compat.includes('vmware')) {
      say('vmware', `${PATHS.dtHypervisorCompatible} vmware`);
      skipLkvm = true;
    }
  } else if (arch === 'ia64') {
    if (o.dirs.busXen && !o.dirs.busXenBackend) {
      say('xen', `${PATHS.busXen} without ${PATHS.busXenBackend}`);
      say('xen-hvm', `${PATHS.busXen} without ${PATHS.busXenBackend}`);
    }
    // virt-what would now run an RDTSC timing test and may print `virt`; we do not execute host code.
  }

  if (!skipQemuKvm) {
    const vmBit = has('System is a virtual machine');
    if (cpuid === 'KVMKVMKVM') say('kvm', `cpuid ${cpuid}`);
    else if (cpuid === 'TCGTCGTCGTCG') {
      say('qemu', `cpuid ${cpuid}`);
      skipLkvm = true;
    } else if (has('Product Name: KVM') || has('Manufacturer: KVM')) {
      say('kvm', `${dmiSrc} KVM`);
      skipLkvm = true;
    } else if (has('Manufacturer: Amazon EC2') && vmBit) {
      say('kvm', `${dmiSrc} Amazon EC2, SMBIOS VM bit`);
      skipLkvm = true;
    } else if (has('Manufacturer: Alibaba Cloud') && vmBit) {
      say('kvm', `${dmiSrc} Alibaba Cloud, SMBIOS VM bit`);
      skipLkvm = true;
    } else if (has('Manufacturer: QEMU')) {
      say('qemu', `${dmiSrc} Manufacturer: QEMU`);
      skipLkvm = true;
    } else if (isArm) {
      if (o.dirs.deviceTree && o.dtEntries?.some((n) => n.includes('fw-cfg'))) {
        say('qemu', `${PATHS.deviceTree} has a fw-cfg node`);
        skipLkvm = true;
      }
    } else if (o.dirs.dtHypervisor && o.dtHypervisorCompatible.value?.includes('linux,kvm')) {
      say('kvm', `${PATHS.dtHypervisorCompatible} linux,kvm`);
      skipLkvm = true;
    } else if (cpuinfo?.includes('QEMU')) {
      say('qemu', `${PATHS.cpuinfo} mentions QEMU`);
    }
  }

  if (!skipLkvm) {
    if (cpuid === 'LKVMLKVMLKVM') say('lkvm', `cpuid ${cpuid}`);
    else if (isArm && o.dirs.deviceTree && o.dtCompatible.value?.includes('dummy-virt')) say('lkvm', `${PATHS.dtCompatible} dummy-virt`);
  }

  if ((arch === 'ppc64' || arch === 'ppc64le') && cpuinfo && /platform.*pSeries/.test(cpuinfo)) {
    if (/model.*emulated by qemu/.test(cpuinfo)) say('ibm_power-kvm', `${PATHS.cpuinfo} pSeries emulated by qemu`);
    else if (o.lparcfg.value?.includes('shared_processor_mode=1')) say('ibm_power-lpar_shared', `${PATHS.lparcfg} shared_processor_mode=1`);
    else say('ibm_power-lpar_dedicated', `${PATHS.cpuinfo} pSeries, ${PATHS.lparcfg} not shared`);
  }

  if (cpuid === 'OpenBSDVMM58') say('vmm', `cpuid ${cpuid}`);

  if (arch.startsWith('sparc') && o.exists.mdesc) {
    say('ldoms', `${PATHS.mdesc} exists`);
    if (o.dirs.vldsCtrl && o.dirs.vldsSp) say('ldoms-control', `${PATHS.vldsCtrl} and ${PATHS.vldsSp}`);
    else say('ldoms-guest', `no ${PATHS.vldsCtrl}/${PATHS.vldsSp}`);
  }

  if (has(/Version: [0-9]+\.[0-9]+\.amazon/)) say('aws', `${dmiSrc} Version: N.N.amazon`);
  else if (has('Vendor: Amazon EC2')) say('aws', `${dmiSrc} Vendor: Amazon EC2`);

  if (has('Manufacturer: UpCloud')) say('upcloud', `${dmiSrc} Manufacturer: UpCloud`);
  return out;
}
