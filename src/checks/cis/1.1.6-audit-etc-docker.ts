import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-etc-docker',
  title: 'Changes to /etc/docker are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.6'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering /etc/docker. Path: /etc/docker (configuration, TLS material, registry certificates). Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => ({ path: host.configDir.path, origin: host.configDir.origin, exists: host.configDir.exists }),
});
