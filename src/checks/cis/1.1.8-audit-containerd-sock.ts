import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-containerd-sock',
  title: 'Changes to the containerd socket are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.8'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the containerd socket. Path: The containerd socket the daemon really uses (--containerd, the system socket, or the one under its exec root). Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => {
    const sock = host.containerdSocket;
    if (!sock) return { outcome: 'error', message: 'Not evaluated: the containerd socket of this daemon is unknown.' };
    return { path: sock.path, origin: sock.origin, exists: sock.exists };
  },
});
