import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';

export default fileCheck({
  id: 'cis.etc-docker-mode',
  title: '/etc/docker is mode 755 or stricter',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.6'),
  automated: true,
  decidedBy: 'stat of /etc/docker; mode must not exceed 0755.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => [host.configDir],
  rule: { maxMode: 0o755 },
});
