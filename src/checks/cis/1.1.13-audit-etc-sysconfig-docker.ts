import { auditRuleCheck } from '../docker/host-check';
import { configFile } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditConfigFileTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-etc-sysconfig-docker',
  title: { en: 'Changes to /etc/sysconfig/docker are recorded by auditd', nb: '/etc/sysconfig/docker overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.13'),
  automated: true,
  ...auditConfigFileTexts('/etc/sysconfig/docker'),
  watch: (host) => configFile(host, '/etc/sysconfig/docker'),
});
