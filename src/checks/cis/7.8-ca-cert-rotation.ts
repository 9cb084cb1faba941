import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.ca-cert-rotation',
  title: 'Swarm CA certificates are rotated as appropriate',
  section: 'swarm',
  severity: 'low',
  ...cis('7.8'),
  automated: false,
  decidedBy: 'The engine does not report when the root CA was last rotated; a person checks the rotation record (`docker swarm ca --rotate`).',
  rationale: 'Rotating the cluster CA limits the damage of a leaked CA key.',
  remediation: 'docker swarm ca --rotate on a schedule, and after any suspected manager compromise.',
  judge: () => [],
});
