import type { VirtEvidence } from '../../evidence/types/virt';
import { cisDocker, defineCheck } from '../define';
import type { CheckResult } from '../types';
import { CAIQ_IVS_06, ISO_A_5_23, ISO_A_8_22 } from './references';
import { stackLine, virtTarget } from './target';

/** What the finding shows of the stack: the verdict and the layers, not the raw sources. */
function observedOf(v: VirtEvidence) {
  return {
    kernel: v.kernel,
    kernelRelease: v.kernelRelease,
    vm: v.vm,
    containers: v.containers.map((c) => ({ runtime: c.runtime, confidence: c.confidence, sharedWith: c.sharedWith })),
    unconfirmed: v.unconfirmed.map((u) => ({ runtime: u.runtime, status: u.status })),
    stack: stackLine(v),
  };
}

export default defineCheck<'virt'>({
  id: 'virt-shared-kernel',
  title: 'Containers run on a kernel no other tenant shares',
  section: 'virtualization',
  severity: 'high',
  automated: true,
  requires: ['virt'],
  decidedBy:
    'The virt collector\'s kernel verdict: shared when the host itself runs inside OS-level virtualization (OpenVZ/Virtuozzo, LXC, Linux-VServer, WSL, a container), confirmed by a kernel-provided signal or a marker plus a second signal; sandboxed under gVisor; dedicated on bare metal or in a hardware-virtualized VM; manual when undecidable.',
  rationale:
    'Every container on a Docker host shares that host\'s kernel. When the "host" is itself a container or an OS-level virtual server, that kernel also serves other tenants, so a single kernel exploit in any of them reaches this host\'s data, and the kernel version and its patching are the provider\'s choice.',
  remediation:
    'Run the Docker host on a dedicated kernel: a hardware-virtualized VM (KVM, Xen HVM, Hyper-V, VMware) or bare metal. With a VPS provider, move from an OpenVZ/LXC plan to a KVM plan; do not run production Docker inside another container.',
  references: [ISO_A_8_22, CAIQ_IVS_06, ISO_A_5_23, cisDocker('1.2.1', 'Ensure the container host has been hardened')],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const observed = observedOf(virt);
    const expected = { kernel: 'dedicated' };
    switch (virt.kernel) {
      case 'shared':
        return [{ outcome: 'fail', target, observed, expected, message: `${target.name} runs on a shared kernel: ${virt.kernelReason}` }];
      case 'sandboxed':
        return [{
          outcome: 'warn',
          severity: 'medium',
          target,
          observed,
          expected,
          message: `${target.name} runs in a gVisor sandbox: ${virt.kernelReason}`,
          remediation: 'gVisor narrows the host kernel\'s exposure but does not remove it; for tenant isolation run the Docker host in its own VM, or confirm the sandbox host is single-tenant.',
        }];
      case 'dedicated':
        return [{ outcome: 'pass', target, observed, expected, message: `${target.name} has a dedicated kernel: ${virt.kernelReason}` }];
      default:
        return [{
          outcome: 'manual',
          target,
          observed: { ...observed, missing: virt.missing },
          expected,
          message: `Whether ${target.name}'s kernel is shared could not be decided: ${virt.kernelReason} Missing: ${virt.missing.join('; ') || 'no further detail'}.`,
          remediation: 'Re-run the collector as root on the host itself (or with the host\'s /proc mounted and CAP_SYS_PTRACE), or confirm with the provider which virtualization the host runs on and record it.',
        }];
    }
  },
});
