import { cis } from '../docker/cis';
import { daemonSetting } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.cgroup-parent',
  title: 'The daemon uses the default cgroup parent, or a confirmed one',
  section: 'daemon',
  severity: 'low',
  ...cis('2.10'),
  automated: true,
  decidedBy: 'The effective cgroup-parent: --cgroup-parent or "cgroup-parent" in daemon.json. Unset passes; a custom parent warns until someone confirms its limits are intended.',
  rationale: 'Containers inherit the resource limits of their parent cgroup; a custom parent can silently lift or tighten limits for every container.',
  remediation: 'Remove "cgroup-parent" from daemon.json unless the parent cgroup and its limits are deliberate; document the decision.',
  judge: (host) => {
    const s = daemonSetting(host, 'cgroup-parent');
    const observed = { 'cgroup-parent': s.value ?? null, source: s.where };
    return s.source === 'default' || !s.value
      ? { outcome: 'pass', observed, expected: { 'cgroup-parent': 'default' }, message: 'Containers use the default cgroup parent.' }
      : { outcome: 'warn', observed, expected: { 'cgroup-parent': 'default, or a documented choice' }, message: `Containers are placed under the custom cgroup parent ${String(s.value)} (${s.where}); confirm its limits are intended.` };
  },
});
