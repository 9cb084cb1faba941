import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { socketUnit } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-socket-unit-owner',
  title: { en: 'The docker.socket unit file is owned by root:root', nb: 'Enhetsfilen docker.socket eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.3'),
  automated: true,
  decidedBy: {
    en: 'The docker.socket unit file, when systemd runs the daemon with it.',
    nb: 'Enhetsfilen docker.socket, når systemd kjører daemonen med den.',
  },
  ...OWNER_TEXTS,
  files: (host) => socketUnit(host),
  rule: { owner: 'root', group: 'root' },
});
