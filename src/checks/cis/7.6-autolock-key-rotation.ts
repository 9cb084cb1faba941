import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.autolock-key-rotation',
  title: { en: 'The swarm auto-lock key is rotated periodically', nb: 'Nøkkelen til automatisk låsing (auto-lock) i swarm byttes jevnlig' },
  section: 'swarm',
  severity: 'low',
  ...cis('7.6'),
  automated: false,
  decidedBy: {
    en: 'The engine does not record when the unlock key was last rotated; a person checks the rotation record (e.g. change tickets for `docker swarm unlock-key --rotate`).',
    nb: 'Motoren registrerer ikke når opplåsingsnøkkelen sist ble byttet; en person kontrollerer dokumentasjonen av nøkkelbyttene (f.eks. endringssaker med `docker swarm unlock-key --rotate`).',
  },
  rationale: {
    en: 'A key that never changes stays valid for anyone who ever saw it.',
    nb: 'En nøkkel som aldri byttes, forblir gyldig for alle som noen gang har sett den.',
  },
  remediation: {
    en: 'docker swarm unlock-key --rotate on a schedule, and store the new key safely.',
    nb: 'docker swarm unlock-key --rotate etter en fast plan, og oppbevar den nye nøkkelen trygt.',
  },
  judge: () => [],
});
