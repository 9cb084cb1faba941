import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-ca-owner',
  title: { en: 'The daemon TLS CA certificate is owned by root:root', nb: 'TLS-CA-sertifikatet til daemonen eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.9'),
  automated: true,
  decidedBy: {
    en: 'The file named by --tlscacert / "tlscacert" (or the default), only when TLS is configured.',
    nb: 'Filen som --tlscacert / "tlscacert" peker på (eller standardfilen), bare når TLS er satt opp.',
  },
  ...OWNER_TEXTS,
  files: (host) => tlsFile(host, 'ca'),
  rule: { owner: 'root', group: 'root' },
});
