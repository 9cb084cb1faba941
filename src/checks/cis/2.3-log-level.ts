import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.log-level',
  title: "The daemon logs at level 'info'",
  section: 'daemon',
  severity: 'low',
  ...cis('2.3'),
  automated: true,
  decidedBy: 'The effective log-level of the running daemon: -l/--log-level on its command line, else "log-level" in its daemon.json, else the default info; --debug / "debug": true also counts as debug.',
  rationale: "'info' records the events an investigation needs; 'debug' floods the log and may record request details, while warn/error drop the events.",
  remediation: 'daemon.json: { "log-level": "info" } and remove --debug / "debug": true; restart the daemon.',
  judge: (host) => {
    const level = daemonSetting(host, 'log-level');
    const debug = daemonSetting(host, 'debug');
    const observed = { 'log-level': level.value ?? 'info', source: level.where, debug: debug.source === 'default' ? false : truthy(debug.value) };
    const expected = { 'log-level': 'info' };
    if (observed.debug) return { outcome: 'fail', observed, expected, message: `The daemon runs in debug mode (${debug.where}).` };
    const v = String(level.value ?? 'info').toLowerCase();
    return v === 'info'
      ? { outcome: 'pass', observed, expected, message: `The daemon logs at level info (${level.source}).` }
      : { outcome: 'fail', observed, expected, message: `The daemon logs at level ${v} (${level.where}), not info.` };
  },
});
