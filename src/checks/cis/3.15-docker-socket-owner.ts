import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { apiSockets } from '../docker/host-files';

export default fileCheck({
  id: 'cis.docker-socket-owner',
  title: 'The Docker API socket is owned by root and the docker group',
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.15'),
  automated: true,
  decidedBy: 'Every unix socket the daemon really listens on (-H / "hosts", docker.socket for fd://); the group is the --group of the daemon (default docker). docker-bench only looks at /var/run/docker.sock.',
  rationale: 'Whoever can connect to this socket controls the daemon, and through it every container and the host itself (a privileged container with / mounted is one API call away).',
  remediation: 'Start dockerd with --group docker (the default) so it creates the socket as root:docker, or chown root:docker <socket>; for the containerd socket chown root:root.',
  files: (host) => apiSockets(host),
  rule: { owner: 'root', group: 'socket-group' },
});
