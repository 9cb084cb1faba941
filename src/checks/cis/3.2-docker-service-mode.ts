import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { serviceUnit } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-service-mode',
  title: { en: 'The docker.service unit file is mode 644 or stricter', nb: 'Enhetsfilen docker.service har filrettigheter 644 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.2'),
  automated: true,
  decidedBy: {
    en: 'Same unit file as 3.1; mode must not exceed 0644.',
    nb: 'Samme enhetsfil som 3.1; filrettighetene må ikke være mer åpne enn 0644.',
  },
  ...MODE_TEXTS,
  files: (host) => serviceUnit(host),
  rule: { maxMode: 0o644 },
});
