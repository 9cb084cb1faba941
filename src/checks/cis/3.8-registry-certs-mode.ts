import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { registryCerts } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.registry-certs-mode',
  title: { en: 'Registry certificates are mode 444 or stricter', nb: 'Registersertifikatene har filrettigheter 444 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.8'),
  automated: true,
  decidedBy: {
    en: 'Every file under /etc/docker/certs.d; mode must not exceed 0444.',
    nb: 'Hver fil under /etc/docker/certs.d; filrettighetene må ikke være mer åpne enn 0444.',
  },
  ...MODE_TEXTS,
  files: (host) => registryCerts(host),
  rule: { maxMode: 0o444 },
});
