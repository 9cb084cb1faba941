import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';

export default fileCheck({
  id: 'cis.daemon-json-owner',
  title: 'The daemon configuration file is owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.17'),
  automated: true,
  decidedBy: 'The effective daemon configuration file (--config-file or /etc/docker/daemon.json).',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => [host.daemonConfig.file],
  rule: { owner: 'root', group: 'root' },
});
