import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-daemon-json',
  title: 'Changes to the daemon configuration file are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.11'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the daemon configuration file. Path: The effective configuration file of the daemon (--config-file or /etc/docker/daemon.json). Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => ({ path: host.daemonConfig.file.path, aliases: host.daemonConfig.file.namedAs ? [host.daemonConfig.file.namedAs] : [], origin: host.daemonConfig.file.origin, exists: host.daemonConfig.file.exists }),
});
