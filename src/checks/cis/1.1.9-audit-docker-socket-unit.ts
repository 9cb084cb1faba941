import { auditRuleCheck } from '../docker/host-check';
import { auditPath, noSocketUnit } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-docker-socket-unit',
  title: { en: 'Changes to the docker.socket unit are recorded by auditd', nb: 'docker.socket overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.9'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the docker.socket unit', nb: 'systemd-enheten docker.socket' },
    path: { en: 'The docker.socket unit file, only when systemd runs the daemon', nb: 'enhetsfilen docker.socket, bare når systemd kjører daemonen' },
  }),
  // CIS 1.6.0's 1.1.9; from 1.7.0 on, 1.1.9 audits the socket itself (1.8.0/1.1.9-audit-docker-sock.ts).
  watch: (host) => {
    const unit = host.systemd.units.find((u) => u.name === 'docker.socket');
    if (!unit || !unit.file.exists) return noSocketUnit(host);
    return auditPath(unit.file, 'docker.socket unit');
  },
});
