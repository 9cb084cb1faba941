import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.ca-cert-rotation',
  title: { en: 'Swarm CA certificates are rotated as appropriate', nb: 'CA-sertifikatene i swarm byttes i passende takt' },
  section: 'swarm',
  severity: 'low',
  ...cis('7.8'),
  automated: false,
  decidedBy: {
    en: 'The engine does not report when the root CA was last rotated; a person checks the rotation record (`docker swarm ca --rotate`).',
    nb: 'Motoren oppgir ikke når rot-CA-en sist ble byttet; en person kontrollerer dokumentasjonen av byttene (`docker swarm ca --rotate`).',
  },
  rationale: {
    en: 'Rotating the cluster CA limits the damage of a leaked CA key.',
    nb: 'Å bytte CA-en til klyngen begrenser skaden av en lekket CA-nøkkel.',
  },
  remediation: {
    en: 'docker swarm ca --rotate on a schedule, and after any suspected manager compromise.',
    nb: 'docker swarm ca --rotate etter en fast plan, og etter enhver mistanke om at en manager er kompromittert.',
  },
  judge: () => [],
});
