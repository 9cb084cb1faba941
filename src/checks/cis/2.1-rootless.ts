import { cis } from '../docker/cis';
import { engineTarget, hasSecurityOption } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.rootless',
  title: 'The Docker daemon runs rootless where possible',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.1'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'The engine reports `name=rootless` in Info.SecurityOptions when it runs rootless. A root daemon is left to a person to judge, because rootless mode is only recommended where the workloads allow it.',
  rationale: 'A rootless daemon and its containers run as an unprivileged user, so a daemon or container escape does not give root on the host.',
  remediation: 'Install and run the daemon in rootless mode (dockerd-rootless-setuptool.sh install) for workloads that do not need host networking, privileged ports or devices.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const observed = { SecurityOptions: docker.info.SecurityOptions ?? [] };
    return [hasSecurityOption(docker, 'rootless')
      ? { outcome: 'pass', target, observed, expected: { SecurityOptions: 'contains name=rootless' }, message: 'The daemon runs rootless.' }
      : { outcome: 'manual', target, observed, expected: { SecurityOptions: 'contains name=rootless, where workloads allow' }, message: 'The daemon runs as root. Decide whether these workloads could run under a rootless daemon and record why not.' }];
  },
});
