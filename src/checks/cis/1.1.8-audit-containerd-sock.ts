import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';
import { auditTexts, SELECTION_MESSAGES } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-sock',
  title: { en: 'Changes to the containerd socket are recorded by auditd', nb: 'containerd-socketen overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.8'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the containerd socket', nb: 'containerd-socketen' },
    path: {
      en: 'The containerd socket the daemon really uses (--containerd, the system socket, or the one under its exec root)',
      nb: 'containerd-socketen daemonen faktisk bruker (--containerd, systemets socket eller den under exec-root-mappen til daemonen)',
    },
  }),
  watch: (host) => {
    const sock = host.containerdSocket;
    if (!sock) return { outcome: 'error', message: SELECTION_MESSAGES('containerdUnknown') };
    return { path: sock.path, origin: sock.origin, exists: sock.exists };
  },
});
