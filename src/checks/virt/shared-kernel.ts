import type { VirtEvidence } from '../../evidence/types/virt';
import { cisDocker, defineCheck } from '../define';
import type { CheckResult } from '../types';
import { CAIQ_IVS_06, ISO_A_5_23, ISO_A_8_22 } from './references';
import { stackLine, virtTarget } from './target';
import { templates } from '../text';

const m = templates({
  shared: { en: '{target} runs on a shared kernel: {reason}', nb: '{target} kjører på en delt kjerne: {reason}' },
  sandboxed: { en: '{target} runs in a gVisor sandbox: {reason}', nb: '{target} kjører i en gVisor-sandkasse: {reason}' },
  dedicated: { en: '{target} has a dedicated kernel: {reason}', nb: '{target} har en egen kjerne: {reason}' },
  undecided: {
    en: "Whether {target}'s kernel is shared could not be decided: {reason} Missing: {missing}.",
    nb: 'Om kjernen til {target} er delt, kunne ikke avgjøres: {reason} Mangler: {missing}.',
  },
  noDetail: { en: 'no further detail', nb: 'ingen flere opplysninger' },
});


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
  title: { en: 'Containers run on a kernel no other tenant shares', nb: 'Containerne kjører på en kjerne som ingen annen kunde deler' },
  section: 'virtualization',
  severity: 'high',
  automated: true,
  requires: ['virt'],
  messages: m.templates,
  decidedBy: {
    en: 'The virt collector\'s kernel verdict: shared when the host itself runs inside OS-level virtualization (OpenVZ/Virtuozzo, LXC, Linux-VServer, WSL, a container), confirmed by a kernel-provided signal or a marker plus a second signal; sandboxed under gVisor; dedicated on bare metal or in a hardware-virtualized VM; manual when undecidable.',
    nb: 'Virt-innsamlerens vurdering av kjernen: delt når verten selv kjører i virtualisering på OS-nivå (OpenVZ/Virtuozzo, LXC, Linux-VServer, WSL, en container), bekreftet av et signal fra kjernen eller en markørfil pluss et annet signal; sandkasse under gVisor; egen kjerne på maskinvare uten virtualisering eller i en maskinvarevirtualisert VM; manuell når det ikke kan avgjøres.',
  },
  rationale: {
    en: 'Every container on a Docker host shares that host\'s kernel. When the "host" is itself a container or an OS-level virtual server, that kernel also serves other tenants, so a single kernel exploit in any of them reaches this host\'s data, and the kernel version and its patching are the provider\'s choice.',
    nb: 'Alle containere på en Docker-vert deler vertens kjerne. Når «verten» selv er en container eller en virtuell server på OS-nivå, betjener kjernen også andre kunder, så én sårbarhet i kjernen hos hvilken som helst av dem når dataene på denne verten, og kjerneversjonen og oppdateringen av den bestemmes av leverandøren.',
  },
  remediation: {
    en: 'Run the Docker host on a dedicated kernel: a hardware-virtualized VM (KVM, Xen HVM, Hyper-V, VMware) or bare metal. With a VPS provider, move from an OpenVZ/LXC plan to a KVM plan; do not run production Docker inside another container.',
    nb: 'Kjør Docker-verten på en egen kjerne: en maskinvarevirtualisert VM (KVM, Xen HVM, Hyper-V, VMware) eller maskinvare uten virtualisering. Hos en VPS-leverandør, bytt fra et OpenVZ/LXC-abonnement til et KVM-abonnement; kjør ikke Docker i produksjon inne i en annen container.',
  },
  references: [ISO_A_8_22, CAIQ_IVS_06, ISO_A_5_23, cisDocker('1.2.1', 'Ensure the container host has been hardened')],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const observed = observedOf(virt);
    const expected = { kernel: 'dedicated' };
    switch (virt.kernel) {
      case 'shared':
        return [{ outcome: 'fail', target, observed, expected, message: m('shared', { target: target.name, reason: virt.kernelReason }) }];
      case 'sandboxed':
        return [{
          outcome: 'warn',
          severity: 'medium',
          target,
          observed,
          expected,
          message: m('sandboxed', { target: target.name, reason: virt.kernelReason }),
          remediation: {
            en: 'gVisor narrows the host kernel\'s exposure but does not remove it; for tenant isolation run the Docker host in its own VM, or confirm the sandbox host is single-tenant.',
            nb: 'gVisor reduserer hvor utsatt vertskjernen er, men fjerner ikke risikoen; for isolasjon mellom kunder, kjør Docker-verten i en egen VM, eller bekreft at verten for sandkassen bare har én kunde.',
          },
        }];
      case 'dedicated':
        return [{ outcome: 'pass', target, observed, expected, message: m('dedicated', { target: target.name, reason: virt.kernelReason }) }];
      default:
        return [{
          outcome: 'manual',
          target,
          observed: { ...observed, missing: virt.missing },
          expected,
          message: m('undecided', { target: target.name, reason: virt.kernelReason, missing: virt.missing.length ? virt.missing.join('; ') : m('noDetail') }),
          remediation: {
            en: 'Re-run the collector as root on the host itself (or with the host\'s /proc mounted and CAP_SYS_PTRACE), or confirm with the provider which virtualization the host runs on and record it.',
            nb: 'Kjør innsamleren på nytt som root på selve verten (eller med vertens /proc montert og CAP_SYS_PTRACE), eller få bekreftet av leverandøren hvilken virtualisering verten kjører på, og skriv det ned.',
          },
        }];
    }
  },
});
