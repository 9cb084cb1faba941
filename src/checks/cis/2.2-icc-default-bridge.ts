import { cis } from '../docker/cis';
import { defaultBridge, engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.icc-default-bridge',
  title: 'Containers on the default bridge cannot talk to each other',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.2'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Reads the option com.docker.network.bridge.enable_icc of the default bridge network from the Engine API, which is what --icc / "icc" set; works against remote engines and whatever file configured it.',
  rationale: 'With inter-container communication on, any container on docker0 can reach every port of every other container on it; one compromised container can then probe the rest.',
  remediation: 'daemon.json: { "icc": false } (or dockerd --icc=false) and restart the daemon; put containers that must talk to each other on a user-defined network (docker network create app-net).',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const bridge = defaultBridge(docker);
    if (!bridge) return [{ outcome: 'not-applicable', target, observed: { defaultBridge: null }, message: 'The daemon has no default bridge network (started with --bridge=none).' }];
    const icc = bridge.Options?.['com.docker.network.bridge.enable_icc'] ?? null;
    const attached = Object.keys(bridge.Containers ?? {}).length;
    const observed = { network: bridge.Name, 'com.docker.network.bridge.enable_icc': icc, attachedContainers: attached };
    const expected = { 'com.docker.network.bridge.enable_icc': 'false' };
    return [icc === 'false'
      ? { outcome: 'pass', target, observed, expected, message: 'Inter-container communication is off on the default bridge.' }
      : { outcome: 'fail', target, observed, expected, message: `Inter-container communication is on for the default bridge (${attached} container(s) attached now).` }];
  },
});
