import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-docker-service',
  title: 'Changes to the docker.service unit are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.7'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the docker.service unit. Path: The unit file of the service systemd really runs dockerd in (from /proc/<pid>/cgroup); not applicable when systemd did not start the daemon. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => {
    if (!host.daemon) return { outcome: 'error', message: 'Not evaluated: the dockerd process was not found, so whether systemd runs it is unknown.' };
    if (!host.systemd.startedBySystemd) return { outcome: 'not-applicable', message: `dockerd (pid ${host.daemon.pid}) was not started by systemd (parent: ${host.daemon.parentCommand ?? 'unknown'}), so no service unit is in effect.` };
    const unit = host.systemd.units.find((u) => u.name === host.daemon!.systemdUnit);
    if (!unit) return { outcome: 'error', message: `Not evaluated: the unit file of ${host.daemon.systemdUnit} was not found in the systemd search path.` };
    return { path: unit.file.path, aliases: unit.file.namedAs ? [unit.file.namedAs] : [], origin: `unit of ${unit.name}`, exists: unit.file.exists };
  },
});
