import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { describeMount } from '../docker/mounts';

export default containerCheck({
  id: 'cis.mount-propagation',
  title: 'Mount propagation is not shared',
  section: 'containers',
  severity: 'medium',
  ...cis('5.20'),
  automated: true,
  decidedBy: 'Mounts[].Propagation: shared or rshared fails.',
  rationale: 'With shared propagation, mounts made inside the container appear on the host (and the other way round), so a container can change the host\'s mount table.',
  remediation: 'Use the default private propagation: remove bind-propagation=shared / :shared from the mount (--mount type=bind,source=...,target=...).',
  judge: (c) => {
    const shared = (c.Mounts ?? []).filter((m) => /^r?shared$/.test(m.Propagation ?? ''));
    const observed = { shared: shared.map((m) => `${describeMount(m)} (${m.Propagation})`) };
    return shared.length
      ? {
          outcome: 'fail',
          observed,
          expected: { Propagation: 'private, rprivate, slave or rslave' },
          message: `mounts with shared propagation: ${observed.shared.join(', ')}.`,
          fix: {
            map: { flag: '--mount', to: (v: string) => v.replace(/,bind-propagation=r?shared/, '') },
          },
        }
      : { outcome: 'pass', observed, expected: { Propagation: 'not shared' }, message: 'has no mounts with shared propagation.' };
  },
});
