import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.exec-privileged',
  title: 'docker exec is not used with --privileged',
  section: 'containers',
  severity: 'high',
  ...cis('5.23'),
  decidedBy: 'Exec sessions leave no trace in container inspect; a person reviews the daemon\'s audit trail (auditd rules from 1.1.x, an authorization plugin log, or `docker events --filter event=exec_create`) for exec with Privileged: true.',
  rationale: 'A privileged exec gives the process full capabilities inside an otherwise restricted container.',
  remediation: 'Do not use docker exec --privileged; enforce it with an authorization plugin policy (2.12).',
});
