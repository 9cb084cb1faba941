import { auditRuleCheck } from '../docker/host-check';
import { binary } from '../docker/host-files';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-containerd-binary',
  title: 'Changes to the containerd binary are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.14'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the containerd binary. Path: The containerd binary found on the host PATH. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => binary(host, 'containerd'),
});
