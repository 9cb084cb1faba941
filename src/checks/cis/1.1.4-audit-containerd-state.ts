import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';
import { auditTexts, SELECTION_MESSAGES } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-state',
  title: { en: 'Changes to the containerd state directory are recorded by auditd', nb: 'Tilstandsmappen til containerd overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.4'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the containerd state directory', nb: 'tilstandsmappen til containerd' },
    path: {
      en: 'The directory of the containerd socket the daemon really uses: /run/containerd for a system containerd, <exec-root>/containerd when dockerd supervises its own',
      nb: 'mappen til containerd-socketen daemonen faktisk bruker: /run/containerd når containerd kjører som systemtjeneste, <exec-root>/containerd når dockerd styrer sin egen',
    },
  }),
  watch: (host) => {
    const sock = host.containerdSocket;
    if (!sock) return { outcome: 'error', message: SELECTION_MESSAGES('containerdUnknown') };
    const dir = sock.path.replace(/\/[^/]+$/, '') || '/';
    return { path: dir, origin: `directory of the containerd socket (${sock.origin})`, exists: sock.exists };
  },
});
