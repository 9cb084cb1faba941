import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-sysconfig-docker-owner',
  title: { en: '/etc/sysconfig/docker is owned by root:root', nb: '/etc/sysconfig/docker eies av root:root' },
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.22'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/sysconfig/docker when it exists.',
    nb: 'stat av /etc/sysconfig/docker når filen finnes.',
  },
  ...OWNER_TEXTS,
  files: (host) => configFiles(host, '/etc/sysconfig/docker'),
  rule: { owner: 'root', group: 'root' },
});
