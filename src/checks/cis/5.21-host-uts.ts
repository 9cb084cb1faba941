import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  host: { en: "{target} shares the host's UTS namespace.", nb: '{target} deler vertens UTS-navnerom.' },
  own: { en: '{target} has its own UTS namespace.', nb: '{target} har sitt eget UTS-navnerom.' },
});

export default containerCheck({
  id: 'cis.host-uts',
  title: { en: "Containers do not share the host's UTS namespace", nb: 'Containere deler ikke vertens UTS-navnerom' },
  section: 'containers',
  severity: 'low',
  ...cis('5.21'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'HostConfig.UTSMode = host fails.', nb: 'HostConfig.UTSMode = host gir ikke bestått.' },
  rationale: {
    en: "With the host UTS namespace a root container can change the host's hostname and domain name.",
    nb: 'Med vertens UTS-navnerom kan en container som kjører som root, endre vertsnavnet og domenenavnet til verten.',
  },
  remediation: {
    en: 'Remove --uts=host (compose: uts: host).',
    nb: 'Fjern --uts=host (compose: uts: host).',
  },
  judge: (c) => {
    const host = c.HostConfig.UTSMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { UTSMode: c.HostConfig.UTSMode ?? '' },
      expected: { UTSMode: 'not host' },
      message: m(host ? 'host' : 'own'),
      fix: { drop: ['--uts'] },
    };
  },
});
