import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { registryCerts } from '../docker/host-files';

export default fileCheck({
  id: 'cis.registry-certs-owner',
  title: 'Registry certificates are owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.7'),
  automated: true,
  decidedBy: 'Every file under /etc/docker/certs.d.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => registryCerts(host),
  rule: { owner: 'root', group: 'root' },
});
