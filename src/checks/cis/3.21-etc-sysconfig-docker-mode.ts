import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';

export default fileCheck({
  id: 'cis.etc-sysconfig-docker-mode',
  title: '/etc/sysconfig/docker is mode 644 or stricter',
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.21'),
  automated: true,
  decidedBy: 'stat of /etc/sysconfig/docker; mode must not exceed 0644.',
  rationale: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  remediation: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
  files: (host) => configFiles(host, '/etc/sysconfig/docker'),
  rule: { maxMode: 0o644 },
});
