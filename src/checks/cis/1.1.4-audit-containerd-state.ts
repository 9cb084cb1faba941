import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';

export default auditRuleCheck({
  id: 'cis.audit-containerd-state',
  title: 'Changes to the containerd state directory are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cis('1.1.4'),
  automated: true,
  decidedBy: 'Looks for an audit rule (-w path, or -F path=/dir=) covering the containerd state directory. Path: The directory of the containerd socket the daemon really uses: /run/containerd for a system containerd, <exec-root>/containerd when dockerd supervises its own. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  watch: (host) => {
    const sock = host.containerdSocket;
    if (!sock) return { outcome: 'error', message: 'Not evaluated: the containerd socket of this daemon is unknown.' };
    const dir = sock.path.replace(/\/[^/]+$/, '') || '/';
    return { path: dir, origin: `directory of the containerd socket (${sock.origin})`, exists: sock.exists };
  },
});
