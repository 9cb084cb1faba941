import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.host-pid',
  title: "Containers do not share the host's process namespace",
  section: 'containers',
  severity: 'high',
  ...cis('5.16'),
  automated: true,
  decidedBy: 'HostConfig.PidMode = host fails.',
  rationale: 'With the host PID namespace a container sees every host process, and as root can signal or ptrace them, including the Docker daemon.',
  remediation: 'Remove --pid=host (compose: pid: host); use a sidecar that shares only the target container\'s namespace (--pid container:<name>) for debugging.',
  judge: (c) => {
    const host = c.HostConfig.PidMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { PidMode: c.HostConfig.PidMode ?? '' },
      expected: { PidMode: 'not host' },
      message: host ? "shares the host's process namespace." : 'has its own process namespace.',
      fix: { drop: ['--pid'] },
    };
  },
});
