import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.swarm-mode',
  title: 'Swarm mode is off unless the node runs swarm services',
  section: 'containers',
  severity: 'low',
  ...cis('5.1'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Info.Swarm.LocalNodeState; when swarm is active on a manager, the service list decides whether it is used (no services: fail). On a worker the services cannot be listed, so a person decides.',
  rationale: 'Swarm mode opens management ports (2377, 7946, 4789) and keeps cluster credentials on the node; unused, it is attack surface for nothing.',
  remediation: 'docker swarm leave (on the last manager: docker swarm leave --force) when the node runs no swarm services.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const state = docker.info.Swarm?.LocalNodeState ?? '';
    const observed: Record<string, unknown> = { LocalNodeState: state || 'inactive' };
    if (state === '' || state === 'inactive') return [{ outcome: 'pass', target, observed, expected: { LocalNodeState: 'inactive unless needed' }, message: 'Swarm mode is off.' }];
    if (state !== 'active') return [{ outcome: 'warn', target, observed, expected: { LocalNodeState: 'inactive unless needed' }, message: `Swarm mode is ${state}.` }];
    const services = docker.swarm?.services ?? null;
    observed.services = services?.length ?? null;
    if (services === null) return [{ outcome: 'manual', target, observed, expected: { LocalNodeState: 'inactive unless needed' }, message: 'Swarm mode is on and this node is a worker; confirm the cluster needs it.' }];
    return [services.length
      ? { outcome: 'pass', target, observed, expected: { LocalNodeState: 'inactive unless needed' }, message: `Swarm mode is on and runs ${services.length} service(s).` }
      : { outcome: 'fail', target, observed, expected: { LocalNodeState: 'inactive unless needed' }, message: 'Swarm mode is on but runs no services.' }];
  },
});
