import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';

export default fileCheck({
  id: 'cis.etc-sysconfig-docker-owner',
  title: '/etc/sysconfig/docker is owned by root:root',
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.22'),
  automated: true,
  decidedBy: 'stat of /etc/sysconfig/docker when it exists.',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => configFiles(host, '/etc/sysconfig/docker'),
  rule: { owner: 'root', group: 'root' },
});
