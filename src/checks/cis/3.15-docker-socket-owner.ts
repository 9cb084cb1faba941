import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { apiSockets } from '../docker/host-files';
import { SOCKET_OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-socket-owner',
  title: { en: 'The Docker API socket is owned by root and the docker group', nb: 'Docker-socketen eies av root og gruppen docker' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.15'),
  automated: true,
  decidedBy: {
    en: 'Every unix socket the daemon really listens on (-H / "hosts", docker.socket for fd://); the group is the --group of the daemon (default docker). docker-bench only looks at /var/run/docker.sock.',
    nb: 'Hver unix-socket daemonen faktisk lytter på (-H / "hosts", docker.socket ved fd://); gruppen er --group til daemonen (standardverdi docker). docker-bench ser bare på /var/run/docker.sock.',
  },
  ...SOCKET_OWNER_TEXTS,
  files: (host) => apiSockets(host),
  rule: { owner: 'root', group: 'socket-group' },
});
