import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { ref } from '../define';

export default containerCheck({
  id: 'cis.privileged',
  title: 'Containers run unprivileged',
  section: 'containers',
  severity: 'critical',
  ...cis('5.5', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  decidedBy: 'HostConfig.Privileged of every container, running or not: a created container can be started at any time.',
  rationale: 'A privileged container has every capability and every host device, with no seccomp or AppArmor confinement: root in it is root on the host.',
  remediation: 'Remove --privileged from docker run (compose: privileged: false) and grant the specific --cap-add or --device the workload needs.',
  judge: (c) => {
    const privileged = !!c.HostConfig.Privileged;
    return {
      outcome: privileged ? 'fail' : 'pass',
      observed: { Privileged: privileged },
      expected: { Privileged: false },
      message: privileged ? 'is privileged.' : 'is not privileged.',
      fix: { drop: ['--privileged'] },
    };
  },
});
