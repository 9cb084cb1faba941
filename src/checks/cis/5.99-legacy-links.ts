import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'docker-legacy-links',
  title: 'Containers do not use legacy --link',
  section: 'containers',
  severity: 'medium',
  references: cis('2.2').references,
  automated: true,
  decidedBy: 'HostConfig.Links: any legacy link fails. Not a CIS recommendation of its own; it undermines 2.2 (icc) and the isolation of user-defined networks.',
  rationale:
    "A legacy link copies the linked container's environment variables (often database passwords) into this container as <ALIAS>_ENV_*, and opens every port between them on the default bridge even with icc off.",
  remediation: 'Replace --link with a user-defined network and DNS names: docker network create app-net; run both containers with --network app-net and address the other by its name.',
  judge: (c) => {
    const links = (c.HostConfig.Links ?? []).map((l) => {
      const [target, alias] = l.split(':');
      return `${target.replace(/^\//, '')} as ${(alias ?? '').split('/').pop()}`;
    });
    return links.length
      ? {
          outcome: 'fail',
          observed: { Links: c.HostConfig.Links ?? [] },
          expected: { Links: [] },
          message: `uses legacy links (${links.join(', ')}): the linked containers' environment variables, secrets included, are copied into it.`,
          fix: { before: 'docker network create app-net', drop: ['--link', '--network'], add: [{ flag: '--network', value: 'app-net' }] },
        }
      : { outcome: 'pass', observed: { Links: [] }, expected: { Links: [] }, message: 'uses no legacy links.' };
  },
});
