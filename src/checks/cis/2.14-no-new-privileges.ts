import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.daemon-no-new-privileges',
  title: 'The daemon stops containers from gaining new privileges by default',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.14'),
  automated: true,
  decidedBy: 'The effective no-new-privileges setting: --no-new-privileges or "no-new-privileges": true in daemon.json (default false).',
  rationale: 'no-new-privileges stops setuid binaries and file capabilities from raising privileges inside every container, unless a container opts out explicitly.',
  remediation: 'daemon.json: { "no-new-privileges": true }, then restart the daemon (containers that rely on sudo/setuid will need changes).',
  judge: (host) => {
    const s = daemonSetting(host, 'no-new-privileges');
    const on = s.source !== 'default' && truthy(s.value);
    const observed = { 'no-new-privileges': on, source: s.where };
    return on
      ? { outcome: 'pass', observed, expected: { 'no-new-privileges': true }, message: `no-new-privileges is on for every container (${s.source}).` }
      : { outcome: 'fail', observed, expected: { 'no-new-privileges': true }, message: 'no-new-privileges is not set on the daemon: setuid binaries can raise privileges in containers that do not set it themselves.' };
  },
});
