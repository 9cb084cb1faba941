import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-ca-mode',
  title: { en: 'The daemon TLS CA certificate is mode 444 or stricter', nb: 'TLS-CA-sertifikatet til daemonen har filrettigheter 444 eller strengere' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.10'),
  automated: true,
  decidedBy: {
    en: 'Same file as 3.9; mode must not exceed 0444.',
    nb: 'Samme fil som 3.9; filrettighetene må ikke være mer åpne enn 0444.',
  },
  ...MODE_TEXTS,
  files: (host) => tlsFile(host, 'ca'),
  rule: { maxMode: 0o444 },
});
