import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.cgroup-usage',
  title: 'Containers use the default cgroup, or a confirmed one',
  section: 'containers',
  severity: 'low',
  ...cis('5.25'),
  automated: true,
  decidedBy: 'HostConfig.CgroupParent: empty passes; a custom parent warns until someone confirms its limits are intended.',
  rationale: 'A container placed under a custom cgroup parent inherits that parent\'s limits, which may be looser than the ones set on the container.',
  remediation: 'Remove --cgroup-parent unless the parent and its limits are deliberate; document the decision.',
  judge: (c) => {
    const p = c.HostConfig.CgroupParent ?? '';
    return p
      ? { outcome: 'warn', observed: { CgroupParent: p }, expected: { CgroupParent: '' }, message: `runs under the custom cgroup parent ${p}; confirm its limits are intended.`, fix: { drop: ['--cgroup-parent'] } }
      : { outcome: 'pass', observed: { CgroupParent: '' }, expected: { CgroupParent: '' }, message: 'uses the default cgroup parent.' };
  },
});
