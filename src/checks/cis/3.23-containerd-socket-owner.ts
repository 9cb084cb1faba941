import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { containerdSocket } from '../docker/host-files';

export default fileCheck({
  id: 'cis.containerd-socket-owner',
  title: 'The containerd socket is owned by root:root',
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.23'),
  automated: true,
  decidedBy: 'The containerd socket the daemon really uses (--containerd, /run/containerd/containerd.sock, or the one under its exec root).',
  rationale: 'Whoever can connect to this socket controls the daemon, and through it every container and the host itself (a privileged container with / mounted is one API call away).',
  remediation: 'Start dockerd with --group docker (the default) so it creates the socket as root:docker, or chown root:docker <socket>; for the containerd socket chown root:root.',
  files: (host) => containerdSocket(host),
  rule: { owner: 'root', group: 'root' },
});
