import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.daemon-json-mode',
  title: { en: 'The daemon configuration file is mode 644 or stricter', nb: 'Konfigurasjonsfilen til daemonen har filrettigheter 644 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.18'),
  automated: true,
  decidedBy: {
    en: 'Same file as 3.17; mode must not exceed 0644.',
    nb: 'Samme fil som 3.17; filrettighetene må ikke være mer åpne enn 0644.',
  },
  ...MODE_TEXTS,
  files: (host) => [host.daemonConfig.file],
  rule: { maxMode: 0o644 },
});
