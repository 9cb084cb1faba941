import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-cert-owner',
  title: { en: 'The daemon TLS server certificate is owned by root:root', nb: 'TLS-serversertifikatet til daemonen eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.11'),
  automated: true,
  decidedBy: {
    en: 'The file named by --tlscert / "tlscert" (or the default), only when TLS is configured.',
    nb: 'Filen som --tlscert / "tlscert" peker på (eller standardfilen), bare når TLS er satt opp.',
  },
  ...OWNER_TEXTS,
  files: (host) => tlsFile(host, 'cert'),
  rule: { owner: 'root', group: 'root' },
});
