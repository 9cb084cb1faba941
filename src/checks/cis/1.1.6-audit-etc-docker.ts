import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';
import { auditTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-etc-docker',
  title: { en: 'Changes to /etc/docker are recorded by auditd', nb: '/etc/docker overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.6'),
  automated: true,
  ...auditTexts({
    subject: { en: '/etc/docker', nb: '/etc/docker' },
    path: { en: '/etc/docker (configuration, TLS material, registry certificates)', nb: '/etc/docker (konfigurasjon, TLS-materiale, registersertifikater)' },
  }),
  watch: (host) => ({ path: host.configDir.path, origin: host.configDir.origin, exists: host.configDir.exists }),
});
