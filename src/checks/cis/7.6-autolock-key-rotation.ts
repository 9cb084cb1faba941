import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.autolock-key-rotation',
  title: 'The swarm auto-lock key is rotated periodically',
  section: 'swarm',
  severity: 'low',
  ...cis('7.6'),
  automated: false,
  decidedBy: 'The engine does not record when the unlock key was last rotated; a person checks the rotation record (e.g. change tickets for `docker swarm unlock-key --rotate`).',
  rationale: 'A key that never changes stays valid for anyone who ever saw it.',
  remediation: 'docker swarm unlock-key --rotate on a schedule, and store the new key safely.',
  judge: () => [],
});
