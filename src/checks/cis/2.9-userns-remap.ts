import { cis } from '../docker/cis';
import { engineTarget, securityOptions } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.userns-remap',
  title: 'User namespace remapping is enabled on the daemon',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.9'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'The engine reports `name=userns` in Info.SecurityOptions when --userns-remap / "userns-remap" is in effect (a rootless daemon is remapped by design).',
  rationale: 'With userns-remap, root inside a container maps to an unprivileged user on the host, so a breakout lands as nobody rather than root.',
  remediation: 'daemon.json: { "userns-remap": "default" } (or dockerd --userns-remap=default), then restart the daemon; check /etc/subuid and /etc/subgid. Existing images are pulled again into the remapped data root.',
  evaluate: ({ docker }) => {
    const opts = securityOptions(docker);
    const on = opts.some((o) => o.name === 'userns' || o.name === 'rootless');
    return [{
      outcome: on ? 'pass' : 'fail',
      target: engineTarget(docker),
      observed: { SecurityOptions: docker.info.SecurityOptions ?? [] },
      expected: { SecurityOptions: 'contains name=userns' },
      message: on ? 'The daemon remaps container users to an unprivileged range.' : 'The daemon runs containers without user namespace remapping: root in a container is root on the host.',
    }];
  },
});
