import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.exec-privileged',
  title: { en: 'docker exec is not used with --privileged', nb: 'docker exec brukes ikke med --privileged' },
  section: 'containers',
  severity: 'high',
  ...cis('5.23'),
  decidedBy: {
    en: 'Exec sessions leave no trace in container inspect; a person reviews the daemon\'s audit trail (auditd rules from 1.1.x, an authorization plugin log, or `docker events --filter event=exec_create`) for exec with Privileged: true.',
    nb: 'Exec-økter etterlater ingen spor i container inspect; en person går gjennom revisjonssporet til daemonen (audit-regler fra 1.1.x, loggen til en autorisasjonsplugin eller `docker events --filter event=exec_create`) og ser etter exec med Privileged: true.',
  },
  rationale: {
    en: 'A privileged exec gives the process full capabilities inside an otherwise restricted container.',
    nb: 'En privilegert exec gir prosessen alle capabilities inne i en container som ellers er begrenset.',
  },
  // The authorization plugin control is named by check id: its CIS number differs between benchmark versions.
  remediation: {
    en: 'Do not use docker exec --privileged; enforce it with an authorization plugin policy (cis.authorization-plugin).',
    nb: 'Ikke bruk docker exec --privileged; håndhev det med en regel i en autorisasjonsplugin (cis.authorization-plugin).',
  },
});
