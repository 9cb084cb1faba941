import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-docker-socket-unit',
  title: 'Changes to the docker.socket unit are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.9'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the docker.socket unit. Path: The docker.socket unit file, only when systemd runs the daemon. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  // CIS 1.6.0's 1.1.9; from 1.7.0 on, 1.1.9 audits the socket itself (1.8.0/1.1.9-audit-docker-sock.ts).
  watch: (host) => {
    const unit = host.systemd.units.find((u) => u.name === 'docker.socket');
    if (!unit || !unit.file.exists) return { outcome: 'not-applicable', message: host.systemd.startedBySystemd ? 'The daemon runs under systemd without a docker.socket unit.' : 'The daemon was not started by systemd, so no docker.socket unit is in effect.' };
    return { path: unit.file.path, aliases: unit.file.namedAs ? [unit.file.namedAs] : [], origin: 'docker.socket unit', exists: true };
  },
});
