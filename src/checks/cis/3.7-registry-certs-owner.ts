import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { registryCerts } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.registry-certs-owner',
  title: { en: 'Registry certificates are owned by root:root', nb: 'Registersertifikatene eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.7'),
  automated: true,
  decidedBy: {
    en: 'Every file under /etc/docker/certs.d.',
    nb: 'Hver fil under /etc/docker/certs.d.',
  },
  ...OWNER_TEXTS,
  files: (host) => registryCerts(host),
  rule: { owner: 'root', group: 'root' },
});
