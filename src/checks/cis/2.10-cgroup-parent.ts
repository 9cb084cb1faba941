import { cis } from '../docker/cis';
import { daemonSetting } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingWhere } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  default: { en: 'Containers use the default cgroup parent.', nb: 'Containere bruker standard cgroup-forelder.' },
  custom: {
    en: 'Containers are placed under the custom cgroup parent {parent} ({where}); confirm its limits are intended.',
    nb: 'Containere legges under den egendefinerte cgroup-forelderen {parent} ({where}); bekreft at grensene dens er tilsiktet.',
  },
});

export default daemonConfigCheck({
  id: 'cis.cgroup-parent',
  title: { en: 'The daemon uses the default cgroup parent, or a confirmed one', nb: 'Daemonen bruker standard cgroup-forelder, eller en som er bekreftet' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.10'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective cgroup-parent: --cgroup-parent or "cgroup-parent" in daemon.json. Unset passes; a custom parent warns until someone confirms its limits are intended.',
    nb: 'Den effektive cgroup-parent: --cgroup-parent eller "cgroup-parent" i daemon.json. Ikke satt: bestått; en egendefinert forelder gir advarsel til noen har bekreftet at grensene dens er tilsiktet.',
  },
  rationale: {
    en: 'Containers inherit the resource limits of their parent cgroup; a custom parent can silently lift or tighten limits for every container.',
    nb: 'Containere arver ressursgrensene til foreldre-cgroupen sin; en egendefinert forelder kan i det stille heve eller stramme inn grensene for alle containere.',
  },
  remediation: {
    en: 'Remove "cgroup-parent" from daemon.json unless the parent cgroup and its limits are deliberate; document the decision.',
    nb: 'Fjern "cgroup-parent" fra daemon.json med mindre foreldre-cgroupen og grensene dens er valgt med vilje; dokumenter beslutningen.',
  },
  judge: (host) => {
    const s = daemonSetting(host, 'cgroup-parent');
    const observed = { 'cgroup-parent': s.value ?? null, source: s.where };
    return s.source === 'default' || !s.value
      ? { outcome: 'pass', observed, expected: { 'cgroup-parent': 'default' }, message: m('default') }
      : { outcome: 'warn', observed, expected: { 'cgroup-parent': 'default, or a documented choice' }, message: m('custom', { parent: String(s.value), where: settingWhere(s) }) };
  },
});
