import { cisDocker, defineCheck, ref } from '../define';
import { containerTarget } from '../targets';

export default defineCheck({
  id: 'cis-5.5',
  title: 'Containers run unprivileged',
  section: 'containers',
  severity: 'critical',
  level: 1,
  automated: true,
  requires: ['docker'],
  decidedBy: 'HostConfig.Privileged of every container, running or not: a created container can be started at any time.',
  rationale: 'A privileged container has every capability and every host device, with no seccomp or AppArmor confinement: root in it is root on the host.',
  remediation: 'Remove --privileged from docker run (compose: privileged: false) and grant the specific --cap-add or --device the workload needs.',
  references: [cisDocker('5.5', 'Ensure that privileged containers are not used'), ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')],
  evaluate: ({ docker }) =>
    docker.containers.map((c) => {
      const target = containerTarget(c);
      const privileged = !!c.HostConfig.Privileged;
      return {
        outcome: privileged ? ('fail' as const) : ('pass' as const),
        target,
        observed: { Privileged: privileged },
        expected: { Privileged: false },
        message: privileged ? `${target.name} (${target.state}) is privileged.` : `${target.name} is not privileged.`,
      };
    }),
});
