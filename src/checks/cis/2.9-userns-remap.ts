import { cisDocker, defineCheck } from '../define';
import { daemonTarget } from '../targets';

export default defineCheck({
  id: 'cis-2.9',
  title: 'User namespace remapping is enabled on the daemon',
  section: 'daemon',
  severity: 'medium',
  level: 2,
  automated: true,
  requires: ['docker'],
  decidedBy: 'The engine reports `name=userns` in Info.SecurityOptions when --userns-remap is in effect.',
  rationale: 'With userns-remap, root inside a container maps to an unprivileged user on the host, so a breakout lands as nobody rather than root.',
  remediation: 'daemon.json: { "userns-remap": "default" } (or dockerd --userns-remap=default), then restart the daemon; check /etc/subuid and /etc/subgid.',
  references: [cisDocker('2.9', 'Enable user namespace support')],
  evaluate: ({ docker }) => {
    const opts = docker.info.SecurityOptions ?? [];
    const on = opts.some((o) => /(^|,)name=userns(,|$)/.test(o));
    const target = daemonTarget(docker.info.ID ?? null, docker.info.Name ?? 'unknown-host');
    return [{
      outcome: on ? 'pass' : 'fail',
      target,
      observed: { SecurityOptions: opts },
      expected: { SecurityOptions: 'contains name=userns' },
      message: on ? 'The daemon remaps container users to an unprivileged range.' : 'The daemon runs containers without user namespace remapping: root in a container is root on the host.',
    }];
  },
});
