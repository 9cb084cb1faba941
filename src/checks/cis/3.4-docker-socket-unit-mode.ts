import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { socketUnit } from '../docker/host-files';

export default fileCheck({
  id: 'cis.docker-socket-unit-mode',
  title: 'The docker.socket unit file is mode 644 or stricter',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.4'),
  automated: true,
  decidedBy: 'Same unit file as 3.3; mode must not exceed 0644.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => socketUnit(host),
  rule: { maxMode: 0o644 },
});
