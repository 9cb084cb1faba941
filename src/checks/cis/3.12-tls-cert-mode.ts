import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-cert-mode',
  title: { en: 'The daemon TLS server certificate is mode 444 or stricter', nb: 'TLS-serversertifikatet til daemonen har filrettigheter 444 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.12'),
  automated: true,
  decidedBy: {
    en: 'Same file as 3.11; mode must not exceed 0444.',
    nb: 'Samme fil som 3.11; filrettighetene må ikke være mer åpne enn 0444.',
  },
  ...MODE_TEXTS,
  files: (host) => tlsFile(host, 'cert'),
  rule: { maxMode: 0o444 },
});
