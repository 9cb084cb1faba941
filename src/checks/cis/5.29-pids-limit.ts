import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  limited: { en: '{target} is limited to {limit} processes.', nb: '{target} er begrenset til {limit} prosesser.' },
  none: { en: '{target} has no PIDs limit.', nb: '{target} har ingen PIDs-grense.' },
});

export default containerCheck({
  id: 'cis.pids-limit',
  title: { en: 'Containers have a PIDs cgroup limit', nb: 'Containere har en grense for antall prosesser (PIDs)' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.29'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'HostConfig.PidsLimit: null, 0 or -1 mean unlimited and fail.', nb: 'HostConfig.PidsLimit: null, 0 eller -1 betyr ubegrenset og gir ikke bestått.' },
  rationale: {
    en: "Without a PIDs limit a fork bomb in one container exhausts the host's process table and takes every container down with it.",
    nb: 'Uten PIDs-grense kan en fork-bombe i én container fylle opp prosesstabellen på verten og ta ned alle containerne.',
  },
  remediation: {
    en: 'docker run --pids-limit 200 ... (compose: pids_limit: 200), sized to the workload.',
    nb: 'docker run --pids-limit 200 ... (compose: pids_limit: 200), tilpasset arbeidslasten.',
  },
  judge: (c) => {
    const limit = c.HostConfig.PidsLimit ?? null;
    const ok = typeof limit === 'number' && limit > 0;
    return {
      outcome: ok ? 'pass' : 'fail',
      observed: { PidsLimit: limit },
      expected: { PidsLimit: '> 0' },
      message: ok ? m('limited', { limit }) : m('none'),
      fix: { drop: ['--pids-limit'], add: [{ flag: '--pids-limit', value: '200' }] },
    };
  },
});
