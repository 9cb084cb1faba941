import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';

export default fileCheck({
  id: 'cis.tls-ca-owner',
  title: 'The daemon TLS CA certificate is owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.9'),
  automated: true,
  decidedBy: 'The file named by --tlscacert / "tlscacert" (or the default), only when TLS is configured.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => tlsFile(host, 'ca'),
  rule: { owner: 'root', group: 'root' },
});
