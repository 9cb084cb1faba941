import { capabilityView, DANGEROUS_CAPS } from '../docker/capabilities';
import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { ref } from '../define';

export default containerCheck({
  id: 'cis.capabilities',
  title: 'Containers run with a restricted set of Linux capabilities',
  section: 'containers',
  severity: 'high',
  ...cis('5.4', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  decidedBy:
    "Computes each container's effective capabilities from HostConfig.CapAdd and CapDrop (Docker's default set, minus drops, plus adds; --privileged or --cap-add ALL is every capability). " +
    'Fails when a dangerous capability (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, ...) is in effect and names it; warns when the default set is kept; ' +
    'passes when ALL is dropped and only harmless capabilities are added back. Unlike docker-bench-security, dropped capabilities count.',
  rationale:
    "Capabilities split root's power into units. A container that keeps capabilities it does not need gives an attacker who gets in a shorter path to the host kernel.",
  remediation: 'docker run --cap-drop=ALL --cap-add=<only what the process needs, e.g. NET_BIND_SERVICE> ... (compose: cap_drop: [ALL], cap_add: [NET_BIND_SERVICE])',
  judge: (c) => {
    const v = capabilityView(c.HostConfig);
    const observed = { CapAdd: c.HostConfig.CapAdd ?? [], CapDrop: c.HostConfig.CapDrop ?? [], Privileged: !!c.HostConfig.Privileged, effective: v.effective };
    const expected = { CapDrop: ['ALL'], CapAdd: 'only capabilities the process needs; none of the dangerous ones' };
    // Keep the harmless capabilities the container asked for; drop everything else.
    const keep = v.added.filter((cap) => cap !== 'ALL' && !DANGEROUS_CAPS.includes(cap));
    const fix = {
      drop: ['--cap-add', '--cap-drop', '--privileged'],
      add: [{ flag: '--cap-drop', value: 'ALL' }, ...keep.map((cap) => ({ flag: '--cap-add', value: cap }))],
    };
    if (v.dangerous.length > 0) {
      const all = v.effective.includes('ALL');
      const addedDangerous = v.added.filter((cap) => DANGEROUS_CAPS.includes(cap));
      const what = c.HostConfig.Privileged
        ? 'every capability (privileged)'
        : all
          ? 'every capability (--cap-add ALL)'
          : `dangerous capabilities ${(addedDangerous.length ? addedDangerous : v.dangerous).join(', ')}`;
      return { outcome: 'fail', observed, expected, severity: all || v.dangerous.includes('SYS_ADMIN') || v.dangerous.includes('SYS_MODULE') ? 'critical' : 'high', message: `runs with ${what}.`, fix };
    }
    if (v.droppedAll) {
      return { outcome: 'pass', observed, expected, message: `drops ALL capabilities${v.added.length ? ` and adds back only ${v.added.join(', ')}` : ''}.` };
    }
    const kept = v.effective.length;
    return {
      outcome: 'warn',
      observed,
      expected,
      severity: 'medium',
      message: v.dropped.length
        ? `drops ${v.dropped.join(', ')} but keeps ${kept} of Docker's default capabilities instead of dropping ALL and adding back what it needs.`
        : `keeps Docker's ${kept} default capabilities instead of dropping ALL and adding back what it needs.`,
      fix,
    };
  },
});
