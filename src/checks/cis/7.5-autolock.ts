import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.autolock',
  title: 'Swarm managers run in auto-lock mode',
  section: 'swarm',
  severity: 'medium',
  ...cis('7.5'),
  automated: true,
  needsManager: true,
  decidedBy: 'GET /swarm/unlockkey: a key present means auto-lock is on (the key itself is dropped by the collector).',
  rationale: 'Without auto-lock the Raft encryption key sits on the manager\'s disk, so a stolen disk or backup exposes every swarm secret.',
  remediation: 'docker swarm update --autolock=true, and store the unlock key in a password manager.',
  judge: (docker) => {
    const on = docker.swarm?.autoLockEnabled ?? null;
    if (on === null) return [{ outcome: 'error', message: 'Not evaluated: the auto-lock state could not be read.' }];
    return [on
      ? { outcome: 'pass', observed: { autoLock: true }, expected: { autoLock: true }, message: 'Swarm auto-lock is on.' }
      : { outcome: 'fail', observed: { autoLock: false }, expected: { autoLock: true }, message: 'Swarm auto-lock is off: the Raft key is stored unencrypted on the managers.' }];
  },
});
