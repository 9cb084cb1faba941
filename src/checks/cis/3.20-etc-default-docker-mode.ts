import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { configFiles } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-default-docker-mode',
  title: { en: '/etc/default/docker is mode 644 or stricter', nb: '/etc/default/docker har filrettigheter 644 eller strengere' },
  section: 'daemon-files',
  severity: 'low',
  ...cis('3.20'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/default/docker; mode must not exceed 0644.',
    nb: 'stat av /etc/default/docker; filrettighetene må ikke være mer åpne enn 0644.',
  },
  ...MODE_TEXTS,
  files: (host) => configFiles(host, '/etc/default/docker'),
  rule: { maxMode: 0o644 },
});
