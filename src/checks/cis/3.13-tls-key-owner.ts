import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';

export default fileCheck({
  id: 'cis.tls-key-owner',
  title: 'The daemon TLS private key is owned by root:root',
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.13'),
  automated: true,
  decidedBy: 'The file named by --tlskey / "tlskey" (or the default), only when TLS is configured.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => tlsFile(host, 'key'),
  rule: { owner: 'root', group: 'root' },
});
