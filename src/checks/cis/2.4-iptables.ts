import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.iptables',
  title: 'Docker manages the iptables rules for its networks',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.4'),
  automated: true,
  decidedBy: 'The effective iptables setting: --iptables on the command line, else "iptables" in daemon.json, else the default true.',
  rationale: 'With iptables off, Docker no longer writes the rules that isolate networks and publish only the declared ports; hand-written rules drift from what the containers need.',
  remediation: 'Remove --iptables=false / "iptables": false from the daemon configuration and restart the daemon.',
  judge: (host) => {
    const s = daemonSetting(host, 'iptables');
    const on = s.source === 'default' ? true : truthy(s.value);
    const observed = { iptables: on, source: s.where };
    return on
      ? { outcome: 'pass', observed, expected: { iptables: true }, message: `Docker manages iptables (${s.source}).` }
      : { outcome: 'fail', observed, expected: { iptables: true }, message: `Docker is told not to manage iptables (${s.where}).` };
  },
});
