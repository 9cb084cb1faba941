import { auditRuleCheck } from '../docker/host-check';
import { configFile } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditConfigFileTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-config',
  title: { en: 'Changes to /etc/containerd/config.toml are recorded by auditd', nb: '/etc/containerd/config.toml overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.12'),
  automated: true,
  ...auditConfigFileTexts('/etc/containerd/config.toml'),
  watch: (host) => configFile(host, '/etc/containerd/config.toml'),
});
