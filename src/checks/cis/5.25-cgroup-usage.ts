import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  custom: {
    en: '{target} runs under the custom cgroup parent {parent}; confirm its limits are intended.',
    nb: '{target} kjører under den egendefinerte overordnede cgroupen {parent}; bekreft at grensene der er tilsiktet.',
  },
  default: { en: '{target} uses the default cgroup parent.', nb: '{target} bruker den overordnede cgroupen som er standard.' },
});

export default containerCheck({
  id: 'cis.cgroup-usage',
  title: { en: 'Containers use the default cgroup, or a confirmed one', nb: 'Containere bruker standard-cgroup eller en som er bekreftet' },
  section: 'containers',
  severity: 'low',
  ...cis('5.25'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.CgroupParent: empty passes; a custom parent warns until someone confirms its limits are intended.',
    nb: 'HostConfig.CgroupParent: tom består; en egendefinert overordnet cgroup gir advarsel til noen har bekreftet at grensene der er tilsiktet.',
  },
  rationale: {
    en: 'A container placed under a custom cgroup parent inherits that parent\'s limits, which may be looser than the ones set on the container.',
    nb: 'En container som plasseres under en egendefinert overordnet cgroup, arver grensene til den, og de kan være løsere enn dem som er satt på containeren.',
  },
  remediation: {
    en: 'Remove --cgroup-parent unless the parent and its limits are deliberate; document the decision.',
    nb: 'Fjern --cgroup-parent med mindre den overordnede cgroupen og grensene dens er valgt med vilje; dokumenter beslutningen.',
  },
  judge: (c) => {
    const p = c.HostConfig.CgroupParent ?? '';
    return p
      ? { outcome: 'warn', observed: { CgroupParent: p }, expected: { CgroupParent: '' }, message: m('custom', { parent: p }), fix: { drop: ['--cgroup-parent'] } }
      : { outcome: 'pass', observed: { CgroupParent: '' }, expected: { CgroupParent: '' }, message: m('default') };
  },
});
