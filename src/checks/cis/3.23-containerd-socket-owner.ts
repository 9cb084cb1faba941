import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { containerdSocket } from '../docker/host-files';
import { SOCKET_OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.containerd-socket-owner',
  title: { en: 'The containerd socket is owned by root:root', nb: 'containerd-socketen eies av root:root' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.23'),
  automated: true,
  decidedBy: {
    en: 'The containerd socket the daemon really uses (--containerd, /run/containerd/containerd.sock, or the one under its exec root).',
    nb: 'containerd-socketen daemonen faktisk bruker (--containerd, /run/containerd/containerd.sock eller den under exec-root-mappen til daemonen).',
  },
  ...SOCKET_OWNER_TEXTS,
  files: (host) => containerdSocket(host),
  rule: { owner: 'root', group: 'root' },
});
