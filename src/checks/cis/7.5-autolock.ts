import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the auto-lock state could not be read.', nb: 'Ikke vurdert: tilstanden til auto-lock kunne ikke leses.' },
  on: { en: 'Swarm auto-lock is on.', nb: 'Auto-lock er slått på i swarm-klyngen.' },
  off: {
    en: 'Swarm auto-lock is off: the Raft key is stored unencrypted on the managers.',
    nb: 'Auto-lock er slått av i swarm-klyngen: Raft-nøkkelen lagres ukryptert på managerne.',
  },
});

export default swarmCheck({
  id: 'cis.autolock',
  title: { en: 'Swarm managers run in auto-lock mode', nb: 'Swarm-managere kjører med automatisk låsing (auto-lock)' },
  section: 'swarm',
  severity: 'medium',
  ...cis('7.5'),
  automated: true,
  needsManager: true,
  messages: m.templates,
  decidedBy: {
    en: 'GET /swarm/unlockkey: a key present means auto-lock is on (the key itself is dropped by the collector).',
    nb: 'GET /swarm/unlockkey: finnes det en nøkkel, er auto-lock slått på (selve nøkkelen forkastes av innsamleren).',
  },
  rationale: {
    en: 'Without auto-lock the Raft encryption key sits on the manager\'s disk, so a stolen disk or backup exposes every swarm secret.',
    nb: 'Uten auto-lock ligger krypteringsnøkkelen til Raft på disken til manageren, så en stjålet disk eller sikkerhetskopi avslører alle swarm-hemmeligheter.',
  },
  remediation: {
    en: 'docker swarm update --autolock=true, and store the unlock key in a password manager.',
    nb: 'docker swarm update --autolock=true, og oppbevar opplåsingsnøkkelen i en passordbehandler.',
  },
  judge: (docker) => {
    const on = docker.swarm?.autoLockEnabled ?? null;
    if (on === null) return [{ outcome: 'error', message: m('unknown') }];
    return [on
      ? { outcome: 'pass', observed: { autoLock: true }, expected: { autoLock: true }, message: m('on') }
      : { outcome: 'fail', observed: { autoLock: false }, expected: { autoLock: true }, message: m('off') }];
  },
});
