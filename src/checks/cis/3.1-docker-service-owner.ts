import { cis } from '../docker/cis';
import { fileCheck } from '../docker/host-check';
import { serviceUnit } from '../docker/host-files';
import { OWNER_TEXTS } from '../docker/host-texts';

export default fileCheck({
  id: 'cis.docker-service-owner',
  title: { en: 'The docker.service unit file is owned by root:root', nb: 'Enhetsfilen docker.service eies av root:root' },
  section: 'daemon-files',
  severity: 'medium',
  ...cis('3.1'),
  automated: true,
  decidedBy: {
    en: 'The unit file of the service systemd really runs dockerd in; not applicable when systemd did not start the daemon (docker-bench judges the packaged unit even then).',
    nb: 'Enhetsfilen til tjenesten systemd faktisk kjører dockerd i; ikke relevant når systemd ikke startet daemonen (docker-bench vurderer den medfølgende enhetsfilen også da).',
  },
  ...OWNER_TEXTS,
  files: (host) => serviceUnit(host),
  rule: { owner: 'root', group: 'root' },
});
