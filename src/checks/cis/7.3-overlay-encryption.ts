import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.overlay-encryption',
  title: 'Overlay network traffic is encrypted',
  section: 'swarm',
  severity: 'medium',
  ...cis('7.3'),
  automated: true,
  decidedBy: 'Every overlay network from the Engine API: Options must contain encrypted. The ingress network is reported too, since it carries published-port traffic between nodes.',
  rationale: 'Unencrypted overlay (VXLAN) traffic between nodes can be read and injected by anyone on the underlying network.',
  remediation: 'docker network create --driver overlay --opt encrypted <name> (networks cannot be changed in place: create, move services, remove the old one).',
  judge: (docker) => {
    const overlays = docker.networks.filter((n) => n.Driver === 'overlay');
    if (!overlays.length) return [{ outcome: 'not-applicable', observed: { overlays: [] }, message: 'There are no overlay networks.' }];
    const plain = overlays.filter((n) => !Object.prototype.hasOwnProperty.call(n.Options ?? {}, 'encrypted'));
    const observed = { overlays: overlays.map((n) => n.Name), unencrypted: plain.map((n) => n.Name) };
    return [plain.length
      ? { outcome: 'fail', observed, expected: { unencrypted: [] }, message: `Overlay networks without encryption: ${observed.unencrypted.join(', ')}.` }
      : { outcome: 'pass', observed, expected: { unencrypted: [] }, message: `All ${overlays.length} overlay network(s) are encrypted.` }];
  },
});
