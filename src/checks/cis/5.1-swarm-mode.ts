import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  off: { en: 'Swarm mode is off.', nb: 'Swarm-modus er av.' },
  state: { en: 'Swarm mode is {state}.', nb: 'Swarm-modus er i tilstanden «{state}».' },
  worker: {
    en: 'Swarm mode is on and this node is a worker; confirm the cluster needs it.',
    nb: 'Swarm-modus er på, og noden er en worker; bekreft at klyngen trenger swarm-modus.',
  },
  used: { en: 'Swarm mode is on and runs {count} service(s).', nb: 'Swarm-modus er på og kjører {count} tjeneste(r).' },
  unused: { en: 'Swarm mode is on but runs no services.', nb: 'Swarm-modus er på, men kjører ingen tjenester.' },
});

export default defineCheck<'docker'>({
  id: 'cis.swarm-mode',
  title: { en: 'Swarm mode is off unless the node runs swarm services', nb: 'Swarm-modus er av med mindre noden kjører swarm-tjenester' },
  section: 'containers',
  severity: 'low',
  ...cis('5.1'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.Swarm.LocalNodeState; when swarm is active on a manager, the service list decides whether it is used (no services: fail). On a worker the services cannot be listed, so a person decides.',
    nb: 'Info.Swarm.LocalNodeState; når swarm er aktiv på en manager, avgjør tjenestelisten om den er i bruk (ingen tjenester: ikke bestått). På en worker kan tjenestene ikke listes, så en person avgjør.',
  },
  rationale: {
    en: 'Swarm mode opens management ports (2377, 7946, 4789) and keeps cluster credentials on the node; unused, it is attack surface for nothing.',
    nb: 'Swarm-modus åpner administrasjonsporter (2377, 7946, 4789) og lagrer klyngens påloggingsdata på noden; brukes den ikke, er den angrepsflate uten nytte.',
  },
  remediation: {
    en: 'docker swarm leave (on the last manager: docker swarm leave --force) when the node runs no swarm services.',
    nb: 'Kjør docker swarm leave (på den siste manageren: docker swarm leave --force) når noden ikke kjører swarm-tjenester.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const state = docker.info.Swarm?.LocalNodeState ?? '';
    const observed: Record<string, unknown> = { LocalNodeState: state || 'inactive' };
    const expected = { LocalNodeState: 'inactive unless needed' };
    if (state === '' || state === 'inactive') return [{ outcome: 'pass', target, observed, expected, message: m('off') }];
    if (state !== 'active') return [{ outcome: 'warn', target, observed, expected, message: m('state', { state }) }];
    const services = docker.swarm?.services ?? null;
    observed.services = services?.length ?? null;
    if (services === null) return [{ outcome: 'manual', target, observed, expected, message: m('worker') }];
    return [services.length
      ? { outcome: 'pass', target, observed, expected, message: m('used', { count: services.length }) }
      : { outcome: 'fail', target, observed, expected, message: m('unused') }];
  },
});
