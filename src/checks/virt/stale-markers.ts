import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { ISO_A_8_9 } from './references';
import { virtTarget } from './target';

export default defineCheck<'virt'>({
  id: 'virt-stale-container-markers',
  title: 'No leftover container marker files misdescribe the host',
  section: 'virtualization',
  severity: 'low',
  automated: true,
  requires: ['virt'],
  decidedBy: 'Marker files (/.dockerenv, /.dockerinit, /run/.containerenv) that the virt collector refuted: present, while the host is in the kernel\'s initial PID namespace with no runtime cgroup or layered root.',
  rationale:
    'virt-what, systemd-detect-virt and many scanners trust these files alone. A marker left over in a VM or host image makes them report a container that is not there, which misleads inventories, scanners and the next auditor.',
  remediation: 'Delete the leftover marker file from the host (and from the image it was built from), or record why it is kept.',
  references: [ISO_A_8_9],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const refuted = virt.unconfirmed.filter((u) => u.status === 'refuted');
    const markers = (u: (typeof refuted)[number]) => u.evidence.map((id) => virt.signals.find((s) => s.id === id)).filter((s) => s?.strength === 'low').map((s) => s!.source);
    if (!refuted.length) {
      return [{ outcome: 'pass', target, observed: { refuted: [] }, message: `${target.name} has no container marker file that contradicts the other signals.` }];
    }
    const files = refuted.flatMap(markers);
    const tools = virt.crossChecks.filter((c) => c.agrees === false && c.command.includes('--container')).map((c) => `${c.command} says ${c.output}`);
    return [{
      outcome: 'warn',
      target,
      observed: { markers: files, tools },
      expected: { markers: [] },
      message: `${target.name} carries ${files.join(', ')} although it is not a container (${refuted[0].reason})${tools.length ? `; ${tools.join(', ')}` : ''}.`,
    }];
  },
});
