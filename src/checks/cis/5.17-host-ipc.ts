import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.host-ipc',
  title: "Containers do not share the host's IPC namespace",
  section: 'containers',
  severity: 'medium',
  ...cis('5.17'),
  automated: true,
  decidedBy: 'HostConfig.IpcMode = host fails.',
  rationale: "The host IPC namespace exposes the host's shared memory segments and semaphores, where other processes keep data.",
  remediation: 'Remove --ipc=host (compose: ipc: host); share IPC only between the containers that need it (--ipc shareable / --ipc container:<name>).',
  judge: (c) => {
    const host = c.HostConfig.IpcMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { IpcMode: c.HostConfig.IpcMode ?? '' },
      expected: { IpcMode: 'not host' },
      message: host ? "shares the host's IPC namespace." : `has its own IPC namespace (${c.HostConfig.IpcMode || 'private'}).`,
      fix: { drop: ['--ipc'] },
    };
  },
});
