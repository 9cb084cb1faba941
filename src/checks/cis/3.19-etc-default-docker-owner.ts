import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-default-docker-owner',
  title: { en: '/etc/default/docker is owned by root:root', nb: '/etc/default/docker eies av root:root' },
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.19'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/default/docker when it exists.',
    nb: 'stat av /etc/default/docker når filen finnes.',
  },
  ...OWNER_TEXTS,
  files: (host) => configFiles(host, '/etc/default/docker'),
  rule: { owner: 'root', group: 'root' },
});
