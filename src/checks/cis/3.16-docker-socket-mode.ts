import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { apiSockets } from '../docker/host-files';
import { SOCKET_MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-socket-mode',
  title: { en: 'The Docker API socket is mode 660 or stricter', nb: 'Docker-socketen har filrettigheter 660 eller strengere' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.16'),
  automated: true,
  decidedBy: {
    en: 'Every unix socket the daemon really listens on; mode must not exceed 0660.',
    nb: 'Hver unix-socket daemonen faktisk lytter på; filrettighetene må ikke være mer åpne enn 0660.',
  },
  ...SOCKET_MODE_TEXTS,
  files: (host) => apiSockets(host),
  rule: { maxMode: 0o660 },
});
