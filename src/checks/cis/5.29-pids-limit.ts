import { cisDocker, defineCheck } from '../define';
import { containerTarget } from '../targets';

export default defineCheck({
  id: 'cis-5.29',
  title: 'Containers have a PIDs cgroup limit',
  section: 'containers',
  severity: 'medium',
  level: 1,
  automated: true,
  requires: ['docker'],
  decidedBy: 'HostConfig.PidsLimit: null, 0 or -1 mean unlimited.',
  rationale: "Without a PIDs limit a fork bomb in one container exhausts the host's process table and takes every container down with it.",
  remediation: 'docker run --pids-limit=100 ... (compose: pids_limit: 100), sized to the workload',
  references: [cisDocker('5.29', 'Ensure that the PIDs cgroup limit is used')],
  evaluate: ({ docker }) =>
    docker.containers.map((c) => {
      const target = containerTarget(c);
      const limit = c.HostConfig.PidsLimit ?? null;
      const ok = typeof limit === 'number' && limit > 0;
      return {
        outcome: ok ? ('pass' as const) : ('fail' as const),
        target,
        observed: { PidsLimit: limit },
        expected: { PidsLimit: '> 0' },
        message: ok ? `${target.name} is limited to ${limit} processes.` : `${target.name} has no PIDs limit.`,
      };
    }),
});
