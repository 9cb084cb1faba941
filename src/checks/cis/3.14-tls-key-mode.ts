import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';

export default fileCheck({
  id: 'cis.tls-key-mode',
  title: 'The daemon TLS private key is mode 400',
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.14'),
  automated: true,
  decidedBy: 'Same file as 3.13; mode must not exceed 0400.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => tlsFile(host, 'key'),
  rule: { maxMode: 0o400 },
});
