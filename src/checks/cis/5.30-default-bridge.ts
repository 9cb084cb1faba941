import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { defaultBridge } from '../docker/engine';

export default containerCheck({
  id: 'cis.default-bridge',
  title: 'Containers are not on the default bridge (docker0)',
  section: 'containers',
  severity: 'low',
  ...cis('5.30'),
  automated: true,
  decidedBy: "The container's networks (NetworkSettings.Networks, else HostConfig.NetworkMode default/bridge): attached to the engine's default bridge warns.",
  rationale: 'Every container on docker0 shares one flat network (with icc, all ports open to each other) and gets no DNS-based discovery; user-defined networks isolate applications from each other.',
  remediation: 'docker network create app-net; docker run --network app-net ... (compose puts services on their own project network by default).',
  judge: (c, { docker }) => {
    const bridge = defaultBridge(docker);
    const bridgeName = bridge?.Name ?? 'bridge';
    const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
    const mode = c.HostConfig.NetworkMode ?? 'default';
    const onDefault = nets.length ? nets.includes(bridgeName) : mode === 'default' || mode === 'bridge';
    const observed = { NetworkMode: mode, networks: nets };
    return onDefault
      ? { outcome: 'warn', observed, expected: { networks: 'user-defined networks only' }, message: `is attached to the default bridge (${bridgeName}).`, fix: { before: 'docker network create app-net', drop: ['--network'], add: [{ flag: '--network', value: 'app-net' }] } }
      : { outcome: 'pass', observed, expected: { networks: 'user-defined networks only' }, message: `is not on the default bridge (${nets.join(', ') || mode}).` };
  },
});
