import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { socketUnit } from '../docker/host-files';

export default fileCheck({
  id: 'cis.docker-socket-unit-owner',
  title: 'The docker.socket unit file is owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.3'),
  automated: true,
  decidedBy: 'The docker.socket unit file, when systemd runs the daemon with it.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => socketUnit(host),
  rule: { owner: 'root', group: 'root' },
});
