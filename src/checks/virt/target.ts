import type { VirtEvidence } from '../../evidence/types/virt';
import type { Target } from '../../findings/types';
import { hostTarget } from '../targets';

/** The audited host as the target of a virtualization finding. */
export function virtTarget(virt: VirtEvidence): Target {
  return hostTarget(virt.hostname ?? 'unknown-host');
}

/** The stack in one line, outermost first: "hardware > kvm > Linux 6.1 > docker". */
export function stackLine(virt: VirtEvidence): string {
  return virt.layers.filter((l) => l.layer !== 'container-runtime' || l.name !== 'none').map((l) => l.name).join(' > ');
}
