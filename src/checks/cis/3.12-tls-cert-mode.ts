import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';

export default fileCheck({
  id: 'cis.tls-cert-mode',
  title: 'The daemon TLS server certificate is mode 444 or stricter',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.12'),
  automated: true,
  decidedBy: 'Same file as 3.11; mode must not exceed 0444.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => tlsFile(host, 'cert'),
  rule: { maxMode: 0o444 },
});
