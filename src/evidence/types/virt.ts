/**
 * Evidence from the virtualization collector (`virt`, issue #4): which kernel the containers really share.
 *
 * The collector reads a host through a root folder (live `/`, a read-only mount of the host, or a snapshot) and
 * answers three questions with the signals behind each answer: is there a hypervisor under the kernel (`vm`), is this
 * system itself inside OS-level virtualization (`containers`), and so is the kernel dedicated or shared (`kernel`).
 * Values read from the host are reduced to the part that decided something: no environment, command line or kernel
 * log is copied whole, so no secret can ride along.
 */

/** Verdict on the kernel the workloads run on. */
export type KernelIsolation =
  /** Bare metal or a hardware-virtualized VM, and this system is not itself a container. */
  | 'dedicated'
  /** OS-level virtualization (OpenVZ, LXC, Linux-VServer, Docker, WSL, ...): one kernel serves other tenants too. */
  | 'shared'
  /** A user-space application kernel (gVisor): the host kernel is reached only through a narrowed syscall surface. */
  | 'sandboxed'
  /** The evidence cannot decide; `kernelReason` and `missing` say what was lacking. */
  | 'unknown';

/** Whether a hypervisor sits under the kernel. */
export type MachineKind = 'vm' | 'bare-metal' | 'unknown';

export type Confidence = 'high' | 'medium' | 'low';

/** What a signal speaks for. */
export type SignalBearing = 'vm' | 'bare-metal' | 'container' | 'no-container' | 'provider' | 'nested' | 'confidential' | 'context';

/** One observation used by the decision, with where it came from. */
export interface VirtSignal {
  /** Stable id, e.g. `cpuid-signature`, `dockerenv`, `pid-namespace`. */
  id: string;
  /** Host path (as seen from the host root, e.g. `/proc/cpuinfo`), device, or command (`lscpu`, `--cpuid-file /x`). */
  source: string;
  /** The decisive part of what was read (a flag, a line, a link target), never a whole file. */
  value: string;
  bearing: SignalBearing;
  /** How much this one signal is worth on its own. Marker files are `low`: they can be left over in an image. */
  strength: Confidence;
  /** One sentence: what the signal means here. */
  meaning: string;
}

/** How reading one source went. `missing` is itself evidence (e.g. no `/proc/xen` means no Xen guest). */
export interface SourceRecord {
  /** Host path or command line. */
  source: string;
  status: 'read' | 'missing' | 'denied' | 'error' | 'timeout' | 'not-run';
  /** Error text, or why the source was not run (e.g. `snapshot: live-only source`). */
  detail?: string;
}

/** A container/OS-virtualization layer the system runs in. */
export interface ContainerLayer {
  /**
   * Runtime id: `docker`, `podman`, `lxc`, `systemd-nspawn`, `crio`, `oci`, `kubernetes`, `openvz`, `linux-vserver`,
   * `illumos-lx`, `wsl1`, `wsl2`, `gvisor`, `powervm-lx86`, `container-other`.
   */
  runtime: string;
  /** How the kernel relates to this layer. */
  kernel: Exclude<KernelIsolation, 'unknown' | 'dedicated'> | 'dedicated';
  confidence: Confidence;
  /** Ids of the signals (in `signals`) that establish the layer. */
  evidence: string[];
  /** Who else the kernel is shared with, in words (e.g. "every container on the OpenVZ hardware node"). */
  sharedWith?: string;
}

/** A container hint that was not enough to claim a layer (a lone marker file), and why. */
export interface UnconfirmedContainer {
  runtime: string;
  evidence: string[];
  /** `refuted`: other signals show no container (initial PID namespace); `uncorroborated`: nothing confirms or refutes it. */
  status: 'refuted' | 'uncorroborated';
  reason: string;
}

/** One row of the stack the pack draws, outermost first (hardware → hypervisor → kernel → container runtime). */
export interface VirtLayer {
  layer: 'hardware' | 'hypervisor' | 'kernel' | 'container-runtime' | 'emulator';
  /** e.g. `kvm`, `Linux 6.1.0-18-amd64`, `docker`, `unknown`, `none`. */
  name: string;
  /** Short human descriptions of the signals behind this row, e.g. "CPUID leaf 0x40000000 = KVMKVMKVM (/dev/cpu/0/cpuid)". */
  evidence: string[];
  /** Extra words for the row (role, confidence, caveat). */
  note?: string;
}

/** A helper tool run for comparison (never virt-what: it can contact a cloud metadata address). */
export interface CrossCheck {
  /** Command line. */
  command: string;
  /** Trimmed output, or null when the tool did not run. */
  output: string | null;
  status: SourceRecord['status'];
  /** Whether its answer matches ours; null when it did not run or speaks of something else. */
  agrees: boolean | null;
  /** Why the answers differ, when they do. */
  note?: string;
}

/** Where the CPUID/DMI/arch inputs came from; each can be a file for a snapshot. */
export interface VirtInputs {
  /** Host root the files were read through. */
  hostRoot: string;
  /** true when the root shows a live procfs (the running machine, or its read-only mount); false for a snapshot. */
  live: boolean;
  /** true when the collector ran with root rights (root-only sources were tried). */
  privileged: boolean;
  /** Machine architecture (`uname -m`), and where it came from. */
  arch: { value: string | null; source: string };
  /**
   * Hypervisor CPUID signature (12 bytes from leaves 0x40000000..0x4000FF00, highest known leaf wins), `''` when
   * CPUID shows none, null when CPUID could not be read (non-x86, snapshot without `--cpuid-file`, unprivileged).
   */
  cpuid: { signature: string | null; source: string; leaf?: string; baseSignature?: string | null; hypervisorBit?: boolean | null };
  /** SMBIOS source: `dmidecode`, `/sys/class/dmi/id`, `--dmidecode-file F`, or `none`; `present` false = no SMBIOS. */
  dmi: { source: string; present: boolean | null };
  /** Which `/proc/<pid>` the process-scoped files were read from (`self` on the live host, `1` through a host mount). */
  procSubject: string;
}

/** Confidential-computing claim (memory encryption of this VM); detection is not attestation. */
export interface ConfidentialClaim {
  /** `amd-sev`, `amd-sev-snp`, `intel-tdx`, `s390-protvirt`, `arm-cca`, or `unknown`. */
  technology: string;
  evidence: string[];
  attested: false;
}

export interface VirtEvidence {
  /** Host name of the audited system (`/etc/hostname` through a host mount or snapshot), or null; names the finding target. */
  hostname?: string | null;
  /** Our answer in virt-what's vocabulary (e.g. `["xen","xen-domU","aws"]`), in virt-what 1.27 print order. */
  facts: string[];
  /** What virt-what 1.27 would print on the same inputs, and where our `facts` deliberately differ. */
  virtWhat: { facts: string[]; differences: { fact: string; virtWhat: boolean; ours: boolean; reason: string }[] };
  machine: MachineKind;
  /** Nearest hypervisor under this kernel (`kvm`, `xen`, `vmware`, `hyperv`, ...), or null (bare metal / unknown). */
  vm: string | null;
  /** Product detail of the VM when known: `firecracker`, `microvm`, `pvm`, `nitro`, `xen-dom0`, `xen-pv`, `xen-hvm`, ... */
  vmFlavour: string | null;
  vmConfidence: Confidence | null;
  /** Confirmed container layers, outermost first, innermost last. Empty = this system is not in a container. */
  containers: ContainerLayer[];
  /** Container hints that were not enough to claim a layer. */
  unconfirmed: UnconfirmedContainer[];
  kernel: KernelIsolation;
  /** One sentence giving the reason for `kernel`. */
  kernelReason: string;
  /** Kernel release as the system reports it (`/proc/sys/kernel/osrelease`), or null. */
  kernelRelease: string | null;
  /** Cloud or virtualization platform from DMI (`aws`, `google-cloud`, `azure`, `hetzner`, `nutanix`, ...), or null. */
  provider: string | null;
  /** Nested virtualization: `observed` when a second hypervisor shows through; `canHostVms` when this kernel can run VMs. */
  nested: { observed: boolean | null; outer: string | null; canHostVms: boolean | null; evidence: string[] };
  confidential: ConfidentialClaim | null;
  /** The stack, directly renderable: outermost first. */
  layers: VirtLayer[];
  /** Every signal used, with its source and the decisive value. */
  signals: VirtSignal[];
  /** What could not be checked and would have mattered, one phrase each (feeds `manual` findings). */
  missing: string[];
  /** Helper tools run for comparison. */
  crossChecks: CrossCheck[];
  inputs: VirtInputs;
  /** Every source tried, with its status. */
  sources: SourceRecord[];
}
