import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.host-uts',
  title: "Containers do not share the host's UTS namespace",
  section: 'containers',
  severity: 'low',
  ...cis('5.21'),
  automated: true,
  decidedBy: 'HostConfig.UTSMode = host fails.',
  rationale: "With the host UTS namespace a root container can change the host's hostname and domain name.",
  remediation: 'Remove --uts=host (compose: uts: host).',
  judge: (c) => {
    const host = c.HostConfig.UTSMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { UTSMode: c.HostConfig.UTSMode ?? '' },
      expected: { UTSMode: 'not host' },
      message: host ? "shares the host's UTS namespace." : 'has its own UTS namespace.',
      fix: { drop: ['--uts'] },
    };
  },
});
