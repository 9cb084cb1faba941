import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  host: { en: "{target} shares the host's IPC namespace.", nb: '{target} deler vertens IPC-navnerom.' },
  own: { en: '{target} has its own IPC namespace ({mode}).', nb: '{target} har sitt eget IPC-navnerom ({mode}).' },
});

export default containerCheck({
  id: 'cis.host-ipc',
  title: { en: "Containers do not share the host's IPC namespace", nb: 'Containere deler ikke vertens IPC-navnerom' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.17'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'HostConfig.IpcMode = host fails.', nb: 'HostConfig.IpcMode = host gir ikke bestått.' },
  rationale: {
    en: "The host IPC namespace exposes the host's shared memory segments and semaphores, where other processes keep data.",
    nb: 'Vertens IPC-navnerom gir tilgang til vertens delte minnesegmenter og semaforer, der andre prosesser holder data.',
  },
  remediation: {
    en: 'Remove --ipc=host (compose: ipc: host); share IPC only between the containers that need it (--ipc shareable / --ipc container:<name>).',
    nb: 'Fjern --ipc=host (compose: ipc: host); del IPC bare mellom containerne som trenger det (--ipc shareable / --ipc container:<navn>).',
  },
  judge: (c) => {
    const host = c.HostConfig.IpcMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { IpcMode: c.HostConfig.IpcMode ?? '' },
      expected: { IpcMode: 'not host' },
      message: host ? m('host') : m('own', { mode: c.HostConfig.IpcMode || 'private' }),
      fix: { drop: ['--ipc'] },
    };
  },
});
