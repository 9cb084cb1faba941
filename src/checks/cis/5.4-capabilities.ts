import { capabilityView } from '../docker/capabilities';
import { cisDocker, defineCheck, ref } from '../define';
import { containerTarget } from '../targets';

export default defineCheck({
  id: 'cis-5.4',
  title: 'Containers run with a restricted set of Linux capabilities',
  section: 'containers',
  severity: 'high',
  level: 1,
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Computes each container\'s effective capabilities from HostConfig.CapAdd and CapDrop (Docker defaults minus drops plus adds). ' +
    'Fails when a dangerous capability (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH ...) is in effect; warns when the default set is kept; ' +
    'passes when ALL is dropped and only harmless capabilities are added back. Unlike docker-bench-security, dropped capabilities count.',
  rationale:
    'Capabilities split root\'s power into units. A container that keeps capabilities it does not need gives an attacker who gets in a shorter path to the host kernel.',
  remediation: 'docker run --cap-drop=ALL --cap-add=<only what the process needs, e.g. NET_BIND_SERVICE> ...',
  references: [cisDocker('5.4', 'Ensure that Linux kernel capabilities are restricted within containers'), ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')],
  evaluate: ({ docker }) =>
    docker.containers.map((c) => {
      const v = capabilityView(c.HostConfig);
      const observed = { CapAdd: c.HostConfig.CapAdd ?? [], CapDrop: c.HostConfig.CapDrop ?? [], Privileged: !!c.HostConfig.Privileged, effective: v.effective };
      const expected = { CapDrop: ['ALL'], CapAdd: 'only capabilities the process needs; none of the dangerous ones' };
      const target = containerTarget(c);
      if (v.dangerous.length > 0) {
        const what = v.effective.includes('ALL') ? 'every capability' : `dangerous capabilities ${v.dangerous.join(', ')}`;
        return { outcome: 'fail' as const, target, observed, expected, severity: v.effective.includes('ALL') ? ('critical' as const) : ('high' as const), message: `${target.name} runs with ${what}.` };
      }
      if (v.droppedAll) {
        return { outcome: 'pass' as const, target, observed, expected, message: `${target.name} drops ALL capabilities${v.added.length ? ` and adds back ${v.added.join(', ')}` : ''}.` };
      }
      return { outcome: 'warn' as const, target, observed, expected, severity: 'medium' as const, message: `${target.name} keeps Docker's default capabilities (${v.effective.length}) instead of dropping ALL and adding back what it needs.` };
    }),
});
