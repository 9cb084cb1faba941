import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.host-network',
  title: "Containers do not share the host's network namespace",
  section: 'containers',
  severity: 'high',
  ...cis('5.10'),
  automated: true,
  decidedBy: 'HostConfig.NetworkMode = host fails.',
  rationale: "On the host network a container sees every host interface, can bind any host port and reach services bound to the host's loopback (including a TCP Docker socket).",
  remediation: 'Put the container on a user-defined network and publish only what it serves: docker network create app-net; docker run --network app-net -p 127.0.0.1:8080:8080 ...',
  judge: (c) => {
    const host = c.HostConfig.NetworkMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { NetworkMode: c.HostConfig.NetworkMode ?? 'default' },
      expected: { NetworkMode: 'not host' },
      message: host ? "shares the host's network namespace." : `uses its own network namespace (${c.HostConfig.NetworkMode || 'default'}).`,
      fix: { before: 'docker network create app-net', drop: ['--network'], add: [{ flag: '--network', value: 'app-net' }] },
    };
  },
});
