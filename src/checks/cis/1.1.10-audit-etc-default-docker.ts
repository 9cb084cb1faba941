import { auditRuleCheck } from '../docker/host-check';
import { configFile } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditConfigFileTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-etc-default-docker',
  title: { en: 'Changes to /etc/default/docker are recorded by auditd', nb: '/etc/default/docker overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.10'),
  automated: true,
  ...auditConfigFileTexts('/etc/default/docker'),
  watch: (host) => configFile(host, '/etc/default/docker'),
});
