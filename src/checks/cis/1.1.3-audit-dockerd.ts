import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-dockerd',
  title: 'Changes to the dockerd binary are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.3'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the dockerd binary. Path: The binary of the running daemon (/proc/<pid>/exe), not a fixed /usr/bin/dockerd. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => {
    const f = host.binaries[0];
    return { path: f.path, aliases: f.namedAs ? [f.namedAs] : [], origin: f.origin, exists: f.exists };
  },
});
