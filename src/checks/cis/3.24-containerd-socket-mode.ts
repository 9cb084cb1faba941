import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { containerdSocket } from '../docker/host-files';

export default fileCheck({
  id: 'cis.containerd-socket-mode',
  title: 'The containerd socket is mode 660 or stricter',
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.24'),
  automated: true,
  decidedBy: 'Same socket as 3.23; mode must not exceed 0660.',
  rationale: 'Whoever can connect to this socket controls the daemon, and through it every container and the host itself (a privileged container with / mounted is one API call away).',
  remediation: 'chmod 660 <socket> (dockerd and containerd create their sockets 0660; something changed it afterwards).',
  files: (host) => containerdSocket(host),
  rule: { maxMode: 0o660 },
});
