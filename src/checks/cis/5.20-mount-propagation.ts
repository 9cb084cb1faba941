import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { describeMount } from '../docker/mounts';
import { templates } from '../text';

const m = templates({
  shared: { en: '{target} mounts with shared propagation: {mounts}.', nb: '{target} har monteringer med delt propagering: {mounts}.' },
  none: { en: '{target} has no mounts with shared propagation.', nb: '{target} har ingen monteringer med delt propagering.' },
});

export default containerCheck({
  id: 'cis.mount-propagation',
  title: { en: 'Mount propagation is not shared', nb: 'Monteringspropagering er ikke delt' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.20'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'Mounts[].Propagation: shared or rshared fails.', nb: 'Mounts[].Propagation: shared eller rshared gir ikke bestått.' },
  rationale: {
    en: 'With shared propagation, mounts made inside the container appear on the host (and the other way round), so a container can change the host\'s mount table.',
    nb: 'Med delt propagering dukker monteringer som gjøres inne i containeren, opp på verten (og omvendt), så en container kan endre vertens monteringstabell.',
  },
  remediation: {
    en: 'Use the default private propagation: remove bind-propagation=shared / :shared from the mount (--mount type=bind,source=...,target=...).',
    nb: 'Bruk standardverdien, privat propagering: fjern bind-propagation=shared / :shared fra monteringen (--mount type=bind,source=...,target=...).',
  },
  judge: (c) => {
    const shared = (c.Mounts ?? []).filter((m) => /^r?shared$/.test(m.Propagation ?? ''));
    const observed = { shared: shared.map((m) => `${describeMount(m)} (${m.Propagation})`) };
    return shared.length
      ? {
          outcome: 'fail',
          observed,
          expected: { Propagation: 'private, rprivate, slave or rslave' },
          message: m('shared', { mounts: observed.shared }),
          fix: {
            map: { flag: '--mount', to: (v: string) => v.replace(/,bind-propagation=r?shared/, '') },
          },
        }
      : { outcome: 'pass', observed, expected: { Propagation: 'not shared' }, message: m('none') };
  },
});
