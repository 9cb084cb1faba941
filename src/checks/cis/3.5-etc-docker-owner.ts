import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-docker-owner',
  title: { en: '/etc/docker is owned by root:root', nb: '/etc/docker eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.5'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/docker on the host.',
    nb: 'stat av /etc/docker på verten.',
  },
  ...OWNER_TEXTS,
  files: (host) => [host.configDir],
  rule: { owner: 'root', group: 'root' },
});
