import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { socketUnit } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-socket-unit-mode',
  title: { en: 'The docker.socket unit file is mode 644 or stricter', nb: 'Enhetsfilen docker.socket har filrettigheter 644 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.4'),
  automated: true,
  decidedBy: {
    en: 'Same unit file as 3.3; mode must not exceed 0644.',
    nb: 'Samme enhetsfil som 3.3; filrettighetene må ikke være mer åpne enn 0644.',
  },
  ...MODE_TEXTS,
  files: (host) => socketUnit(host),
  rule: { maxMode: 0o644 },
});
