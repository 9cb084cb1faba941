import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { MODE_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-key-mode',
  title: { en: 'The daemon TLS private key is mode 400', nb: 'Den private TLS-nøkkelen til daemonen har filrettigheter 400' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.14'),
  automated: true,
  decidedBy: {
    en: 'Same file as 3.13; mode must not exceed 0400.',
    nb: 'Samme fil som 3.13; filrettighetene må ikke være mer åpne enn 0400.',
  },
  ...MODE_TEXTS,
  files: (host) => tlsFile(host, 'key'),
  rule: { maxMode: 0o400 },
});
