import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.exec-root',
  title: { en: 'docker exec is not used with --user=root', nb: 'docker exec brukes ikke med --user=root' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.24'),
  decidedBy: {
    en: "Exec sessions leave no trace in container inspect; a person reviews the daemon's audit trail (auditd, authorization plugin log, docker events) for exec sessions run as root in containers that run as a non-root user.",
    nb: 'Exec-økter etterlater ingen spor i container inspect; en person går gjennom revisjonssporet til daemonen (auditd, loggen til en autorisasjonsplugin, docker events) og ser etter exec-økter som root i containere som ellers kjører som en annen bruker enn root.',
  },
  rationale: {
    en: 'Exec as root undoes the non-root user the container was built to run as.',
    nb: 'En exec som root opphever den uprivilegerte brukeren containeren er bygget til å kjøre som.',
  },
  // The authorization plugin control is named by check id: its CIS number differs between benchmark versions.
  remediation: {
    en: 'Do not use docker exec --user root (or -u 0); enforce it with an authorization plugin policy (cis.authorization-plugin).',
    nb: 'Ikke bruk docker exec --user root (eller -u 0); håndhev det med en regel i en autorisasjonsplugin (cis.authorization-plugin).',
  },
});
