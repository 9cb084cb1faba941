import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.pids-limit',
  title: 'Containers have a PIDs cgroup limit',
  section: 'containers',
  severity: 'medium',
  ...cis('5.29'),
  automated: true,
  decidedBy: 'HostConfig.PidsLimit: null, 0 or -1 mean unlimited and fail.',
  rationale: "Without a PIDs limit a fork bomb in one container exhausts the host's process table and takes every container down with it.",
  remediation: 'docker run --pids-limit 200 ... (compose: pids_limit: 200), sized to the workload.',
  judge: (c) => {
    const limit = c.HostConfig.PidsLimit ?? null;
    const ok = typeof limit === 'number' && limit > 0;
    return {
      outcome: ok ? 'pass' : 'fail',
      observed: { PidsLimit: limit },
      expected: { PidsLimit: '> 0' },
      message: ok ? `is limited to ${limit} processes.` : 'has no PIDs limit.',
      fix: { drop: ['--pids-limit'], add: [{ flag: '--pids-limit', value: '200' }] },
    };
  },
});
