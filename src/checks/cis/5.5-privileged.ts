import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { ref } from '../define';
import { templates } from '../text';

const m = templates({
  privileged: { en: '{target} is privileged.', nb: '{target} er privilegert.' },
  unprivileged: { en: '{target} is not privileged.', nb: '{target} er ikke privilegert.' },
});

export default containerCheck({
  id: 'cis.privileged',
  title: { en: 'Containers run unprivileged', nb: 'Containere kjører uten privilegier' },
  section: 'containers',
  severity: 'critical',
  ...cis('5.5', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.Privileged of every container, running or not: a created container can be started at any time.',
    nb: 'HostConfig.Privileged for hver container, enten den kjører eller ikke: en opprettet container kan startes når som helst.',
  },
  rationale: {
    en: 'A privileged container has every capability and every host device, with no seccomp or AppArmor confinement: root in it is root on the host.',
    nb: 'En privilegert container har alle capabilities og alle enheter på verten, uten seccomp- eller AppArmor-begrensning: root i den er root på verten.',
  },
  remediation: {
    en: 'Remove --privileged from docker run (compose: privileged: false) and grant the specific --cap-add or --device the workload needs.',
    nb: 'Fjern --privileged fra docker run (compose: privileged: false) og gi bare den --cap-add eller --device arbeidslasten trenger.',
  },
  judge: (c) => {
    const privileged = !!c.HostConfig.Privileged;
    return {
      outcome: privileged ? 'fail' : 'pass',
      observed: { Privileged: privileged },
      expected: { Privileged: false },
      message: m(privileged ? 'privileged' : 'unprivileged'),
      fix: { drop: ['--privileged'] },
    };
  },
});
