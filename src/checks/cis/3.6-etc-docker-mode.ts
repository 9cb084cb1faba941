import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.etc-docker-mode',
  title: { en: '/etc/docker is mode 755 or stricter', nb: '/etc/docker har filrettigheter 755 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.6'),
  automated: true,
  decidedBy: {
    en: 'stat of /etc/docker; mode must not exceed 0755.',
    nb: 'stat av /etc/docker; filrettighetene må ikke være mer åpne enn 0755.',
  },
  ...MODE_TEXTS,
  files: (host) => [host.configDir],
  rule: { maxMode: 0o755 },
});
