import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { serviceUnit } from '../docker/host-files';

export default fileCheck({
  id: 'cis.docker-service-owner',
  title: 'The docker.service unit file is owned by root:root',
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.1'),
  automated: true,
  decidedBy: 'The unit file of the service systemd really runs dockerd in; not applicable when systemd did not start the daemon (docker-bench judges the packaged unit even then).',
  rationale: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  remediation: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
  files: (host) => serviceUnit(host),
  rule: { owner: 'root', group: 'root' },
});
