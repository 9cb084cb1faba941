import type { VirtEvidence } from '../../evidence/types/virt';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { CAIQ_IVS_04, ISO_A_5_23, ISO_A_5_9 } from './references';
import { stackLine, virtTarget } from './target';

function describeVm(v: VirtEvidence): string {
  const parts = [`hypervisor ${v.vm}${v.vmFlavour ? ` (${v.vmFlavour})` : ''}`];
  parts.push(v.provider ? `provider ${v.provider}` : 'no cloud provider recognised in DMI');
  if (v.nested.observed) parts.push(`nested inside ${v.nested.outer}`);
  if (v.confidential) parts.push(`confidential VM claimed (${v.confidential.technology}, not attested)`);
  const layer = v.layers.find((l) => l.layer === 'hypervisor' && l.name === v.vm);
  const why = layer?.evidence.slice(0, 2).join('; ');
  return `${parts.join(', ')}${why ? `; evidence: ${why}` : ''}`;
}

export default defineCheck<'virt'>({
  id: 'virt-hypervisor',
  title: 'The platform under the host (hypervisor, provider) is identified',
  section: 'virtualization',
  severity: 'medium',
  automated: true,
  requires: ['virt'],
  decidedBy:
    'The virt collector\'s machine verdict: a VM names its hypervisor (CPUID, SMBIOS/DMI, device tree, kernel log, paravirtual clock) and the provider from DMI; bare metal needs positive evidence (no CPUID hypervisor bit, PowerNV, or SMBIOS VM bit clear); otherwise manual with what was missing.',
  rationale:
    'The audit pack must name the platform the data runs on: the hypervisor and the cloud or hosting provider are part of the processing chain (sub-processors, location, who can reach memory), and a platform that cannot be identified cannot be assessed.',
  remediation:
    'Record the platform in the asset inventory; if it cannot be read from the host, run the collector as root on the host itself, or document the provider and instance type from the provider\'s console or contract.',
  references: [ISO_A_5_9, ISO_A_5_23, CAIQ_IVS_04],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const observed = { machine: virt.machine, vm: virt.vm, vmFlavour: virt.vmFlavour, provider: virt.provider, nested: virt.nested.observed ? virt.nested.outer : null, facts: virt.facts, stack: stackLine(virt) };
    const expected = { machine: 'vm or bare-metal, identified' };
    if (virt.machine === 'vm') {
      if (virt.vm === 'vm-other') {
        return [{ outcome: 'manual', target, observed, expected, message: `${target.name} is a virtual machine, but the hypervisor could not be named (${virt.missing.join('; ') || 'only generic signals such as the CPUID hypervisor bit'}).` }];
      }
      return [{ outcome: 'pass', target, observed, expected, message: `${target.name} is a virtual machine: ${describeVm(virt)}.` }];
    }
    if (virt.machine === 'bare-metal') {
      const why = virt.layers.find((l) => l.layer === 'hypervisor')?.evidence.join('; ');
      return [{ outcome: 'pass', target, observed, expected, message: `${target.name} runs on bare metal${virt.provider ? ` at ${virt.provider}` : ''}${why ? ` (${why})` : ''}.` }];
    }
    return [{
      outcome: 'manual',
      target,
      observed: { ...observed, missing: virt.missing },
      expected,
      message: `Whether ${target.name} runs on a hypervisor could not be decided; missing: ${virt.missing.join('; ') || 'every hypervisor signal'}.`,
    }];
  },
});
