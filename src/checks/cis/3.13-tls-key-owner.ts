import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { tlsFile } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.tls-key-owner',
  title: { en: 'The daemon TLS private key is owned by root:root', nb: 'Den private TLS-nøkkelen til daemonen eies av root:root' },
  section: 'daemon-files',
  severity: 'high',
  ...cis('3.13'),
  automated: true,
  decidedBy: {
    en: 'The file named by --tlskey / "tlskey" (or the default), only when TLS is configured.',
    nb: 'Filen som --tlskey / "tlskey" peker på (eller standardfilen), bare når TLS er satt opp.',
  },
  ...OWNER_TEXTS,
  files: (host) => tlsFile(host, 'key'),
  rule: { owner: 'root', group: 'root' },
});
