import { auditRuleCheck } from '../docker/host-check';
import { auditPath } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-daemon-json',
  title: { en: 'Changes to the daemon configuration file are recorded by auditd', nb: 'Konfigurasjonsfilen til daemonen overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.11'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the daemon configuration file', nb: 'konfigurasjonsfilen til daemonen' },
    path: { en: 'The effective configuration file of the daemon (--config-file or /etc/docker/daemon.json)', nb: 'konfigurasjonsfilen daemonen faktisk bruker (--config-file eller /etc/docker/daemon.json)' },
  }),
  watch: (host) => auditPath(host.daemonConfig.file),
});
