import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-sysconfig-docker-mode',
  title: { en: '/etc/sysconfig/docker is mode 644 or stricter', nb: '/etc/sysconfig/docker har filrettigheter 644 eller strengere' },
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.21'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/sysconfig/docker; mode must not exceed 0644.',
    nb: 'stat av /etc/sysconfig/docker; filrettighetene må ikke være mer åpne enn 0644.',
  },
  ...MODE_TEXTS,
  files: (host) => configFiles(host, '/etc/sysconfig/docker'),
  rule: { maxMode: 0o644 },
});
