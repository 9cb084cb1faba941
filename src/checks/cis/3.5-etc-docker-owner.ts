import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';

export default fileCheck({
  id: 'cis.etc-docker-owner',
  title: '/etc/docker is owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.5'),
  automated: true,
  decidedBy: 'stat of /etc/docker on the host.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => [host.configDir],
  rule: { owner: 'root', group: 'root' },
});
