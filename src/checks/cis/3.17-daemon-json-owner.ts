import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.daemon-json-owner',
  title: { en: 'The daemon configuration file is owned by root:root', nb: 'Konfigurasjonsfilen til daemonen eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.17'),
  automated: true,
  decidedBy: {
    en: 'The effective daemon configuration file (--config-file or /etc/docker/daemon.json).',
    nb: 'Konfigurasjonsfilen daemonen faktisk bruker (--config-file eller /etc/docker/daemon.json).',
  },
  ...OWNER_TEXTS,
  files: (host) => [host.daemonConfig.file],
  rule: { owner: 'root', group: 'root' },
});
