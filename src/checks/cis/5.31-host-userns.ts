import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { securityOptions } from '../docker/engine';

export default containerCheck({
  id: 'cis.host-userns',
  title: "Containers do not share the host's user namespace",
  section: 'containers',
  severity: 'high',
  ...cis('5.31'),
  automated: true,
  decidedBy:
    'HostConfig.UsernsMode = host fails. Without userns-remap on the daemon every container shares the host user namespace anyway, so the per-container setting is not applicable and 2.9 carries the finding.',
  rationale: "--userns=host opts a container out of the daemon's user namespace remapping: root in it is root on the host again.",
  remediation: 'Remove --userns=host (compose: userns_mode: host) so the daemon\'s remapping applies.',
  judge: (c, { docker }) => {
    const remap = securityOptions(docker).some((o) => o.name === 'userns' || o.name === 'rootless');
    const host = c.HostConfig.UsernsMode === 'host';
    const observed = { UsernsMode: c.HostConfig.UsernsMode ?? '', daemonUsernsRemap: remap };
    const expected = { UsernsMode: 'not host' };
    if (host) return { outcome: 'fail', observed, expected, message: "shares the host's user namespace (--userns=host).", fix: { drop: ['--userns'] } };
    if (!remap) return { outcome: 'not-applicable', observed, expected, message: 'runs on a daemon without userns-remap, so it shares the host user namespace like every container (see the user namespace remapping control, cis.userns-remap).' };
    return { outcome: 'pass', observed, expected, message: 'runs in the remapped user namespace.' };
  },
});
