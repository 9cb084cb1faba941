import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.exec-root',
  title: 'docker exec is not used with --user=root',
  section: 'containers',
  severity: 'medium',
  ...cis('5.24'),
  decidedBy: "Exec sessions leave no trace in container inspect; a person reviews the daemon's audit trail (auditd, authorization plugin log, docker events) for exec sessions run as root in containers that run as a non-root user.",
  rationale: 'Exec as root undoes the non-root user the container was built to run as.',
  remediation: 'Do not use docker exec --user root (or -u 0); enforce it with an authorization plugin policy (2.12).',
});
