import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.plane-separation',
  title: 'Swarm management traffic is separated from data traffic',
  section: 'swarm',
  severity: 'low',
  ...cis('7.9'),
  automated: false,
  decidedBy: 'A person checks that nodes joined with --advertise-addr on a management network and --data-path-addr on a separate data network; the node address is shown for reference.',
  rationale: 'Separate networks keep a flood or compromise of application traffic away from the cluster control plane.',
  remediation: 'docker swarm init/join --advertise-addr <mgmt-ip> --data-path-addr <data-ip>.',
  judge: () => [],
});
