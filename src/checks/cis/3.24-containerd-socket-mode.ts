import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { containerdSocket } from '../docker/host-files';
import { SOCKET_MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.containerd-socket-mode',
  title: { en: 'The containerd socket is mode 660 or stricter', nb: 'containerd-socketen har filrettigheter 660 eller strengere' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.24'),
  automated: true,
  decidedBy: {
    en: 'Same socket as 3.23; mode must not exceed 0660.',
    nb: 'Samme socket som 3.23; filrettighetene må ikke være mer åpne enn 0660.',
  },
  ...SOCKET_MODE_TEXTS,
  files: (host) => containerdSocket(host),
  rule: { maxMode: 0o660 },
});
