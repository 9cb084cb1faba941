import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { registryCerts } from '../docker/host-files';

export default fileCheck({
  id: 'cis.registry-certs-mode',
  title: 'Registry certificates are mode 444 or stricter',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.8'),
  automated: true,
  decidedBy: 'Every file under /etc/docker/certs.d; mode must not exceed 0444.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => registryCerts(host),
  rule: { maxMode: 0o444 },
});
