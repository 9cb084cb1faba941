import { cis } from '../docker/cis';
import { engineTarget, swarmActive } from '../docker/engine';
import { defineCheck } from '../define';
import { isWildcard } from '../docker/ports';

/** Swarm's cluster management port. */
const SWARM_PORT = 2377;

export default defineCheck<'docker' | 'host'>({
  id: 'cis.swarm-interface',
  title: 'Swarm management listens on a specific interface',
  section: 'swarm',
  severity: 'medium',
  ...cis('7.2'),
  automated: true,
  requires: ['docker', 'host'],
  decidedBy: `Reads the host's listening sockets (/proc/1/net/tcp, tcp6): port ${SWARM_PORT} on 0.0.0.0 or :: fails. Not applicable when swarm mode is off.`,
  rationale: 'The swarm management port accepts node joins and Raft traffic; bound to every interface it is reachable from networks that should never carry cluster traffic.',
  remediation: 'Re-initialise or re-join with an explicit address: docker swarm init --listen-addr <mgmt-ip>:2377 --advertise-addr <mgmt-ip>.',
  evaluate: ({ docker, host }) => {
    const target = engineTarget(docker);
    if (!swarmActive(docker)) return [{ outcome: 'not-applicable', target, message: 'Swarm mode is off on this engine.' }];
    if (!host.tcpListeners) return [{ outcome: 'error', target, message: "Not evaluated: the host's listening sockets could not be read." }];
    const l = host.tcpListeners.filter((x) => x.port === SWARM_PORT);
    const observed = { listeners: l.map((x) => `${x.family === 6 ? `[${x.address}]` : x.address}:${x.port}`) };
    if (!l.length) return [{ outcome: 'error', target, observed, message: `Not evaluated: nothing listens on port ${SWARM_PORT} on this host (a worker, or a custom --listen-addr port).` }];
    const wild = l.filter((x) => isWildcard(x.address));
    return [wild.length
      ? { outcome: 'fail', target, observed, expected: { listen: 'a specific address' }, message: `Swarm management listens on every interface (${observed.listeners.join(', ')}).` }
      : { outcome: 'pass', target, observed, expected: { listen: 'a specific address' }, message: `Swarm management listens on ${observed.listeners.join(', ')}.` }];
  },
});
