import { cis } from '../docker/cis';
import { engineTarget, swarmActive } from '../docker/engine';
import { defineCheck } from '../define';
import { isWildcard } from '../docker/ports';
import { SWARM_TEXTS } from '../docker/swarm-check';
import { templates } from '../text';

/** Swarm's cluster management port. */
const SWARM_PORT = 2377;

const m = templates({
  off: SWARM_TEXTS.templates.off,
  unreadable: { en: "Not evaluated: the host's listening sockets could not be read.", nb: 'Ikke vurdert: vertens lyttende socketer kunne ikke leses.' },
  nothing: {
    en: 'Not evaluated: nothing listens on port {port} on this host (a worker, or a custom --listen-addr port).',
    nb: 'Ikke vurdert: ingenting lytter på port {port} på denne verten (en worker, eller en egen port i --listen-addr).',
  },
  everywhere: { en: 'Swarm management listens on every interface ({listeners}).', nb: 'Swarm-administrasjonen lytter på alle grensesnitt ({listeners}).' },
  specific: { en: 'Swarm management listens on {listeners}.', nb: 'Swarm-administrasjonen lytter på {listeners}.' },
});

export default defineCheck<'docker' | 'host'>({
  id: 'cis.swarm-interface',
  title: { en: 'Swarm management listens on a specific interface', nb: 'Swarm-administrasjonen lytter på et bestemt grensesnitt' },
  section: 'swarm',
  severity: 'medium',
  ...cis('7.2'),
  automated: true,
  requires: ['docker', 'host'],
  messages: m.templates,
  decidedBy: {
    en: `Reads the host's listening sockets (/proc/1/net/tcp, tcp6): port ${SWARM_PORT} on 0.0.0.0 or :: fails. Not applicable when swarm mode is off.`,
    nb: `Leser vertens lyttende socketer (/proc/1/net/tcp, tcp6): port ${SWARM_PORT} på 0.0.0.0 eller :: består ikke. Ikke relevant når swarm-modus er slått av.`,
  },
  rationale: {
    en: 'The swarm management port accepts node joins and Raft traffic; bound to every interface it is reachable from networks that should never carry cluster traffic.',
    nb: 'Administrasjonsporten i swarm tar imot noder som slutter seg til klyngen, og Raft-trafikk; bundet til alle grensesnitt kan den nås fra nettverk som aldri skulle ha båret klyngetrafikk.',
  },
  remediation: {
    en: 'Re-initialise or re-join with an explicit address: docker swarm init --listen-addr <mgmt-ip>:2377 --advertise-addr <mgmt-ip>.',
    nb: 'Initialiser swarm eller koble noden til på nytt med en uttrykkelig adresse: docker swarm init --listen-addr <mgmt-ip>:2377 --advertise-addr <mgmt-ip>.',
  },
  evaluate: ({ docker, host }) => {
    const target = engineTarget(docker);
    if (!swarmActive(docker)) return [{ outcome: 'not-applicable', target, message: m('off') }];
    if (!host.tcpListeners) return [{ outcome: 'error', target, message: m('unreadable') }];
    const l = host.tcpListeners.filter((x) => x.port === SWARM_PORT);
    const observed = { listeners: l.map((x) => `${x.family === 6 ? `[${x.address}]` : x.address}:${x.port}`) };
    // A port is an identifier, not a quantity: written without digit grouping.
    if (!l.length) return [{ outcome: 'error', target, observed, message: m('nothing', { port: String(SWARM_PORT) }) }];
    const wild = l.filter((x) => isWildcard(x.address));
    return [wild.length
      ? { outcome: 'fail', target, observed, expected: { listen: 'a specific address' }, message: m('everywhere', { listeners: observed.listeners }) }
      : { outcome: 'pass', target, observed, expected: { listen: 'a specific address' }, message: m('specific', { listeners: observed.listeners }) }];
  },
});
