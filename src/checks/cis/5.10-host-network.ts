import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  host: { en: "{target} shares the host's network namespace.", nb: '{target} deler vertens nettverksnavnerom.' },
  own: { en: '{target} uses its own network namespace ({mode}).', nb: '{target} har sitt eget nettverksnavnerom ({mode}).' },
});

export default containerCheck({
  id: 'cis.host-network',
  title: { en: "Containers do not share the host's network namespace", nb: 'Containere deler ikke vertens nettverksnavnerom' },
  section: 'containers',
  severity: 'high',
  ...cis('5.10'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'HostConfig.NetworkMode = host fails.', nb: 'HostConfig.NetworkMode = host gir ikke bestått.' },
  rationale: {
    en: "On the host network a container sees every host interface, can bind any host port and reach services bound to the host's loopback (including a TCP Docker socket).",
    nb: 'På vertens nettverk ser en container alle grensesnittene på verten, kan lytte på hvilken som helst port på verten og nå tjenester som bare lytter på vertens loopback (også en Docker-socket over TCP).',
  },
  remediation: {
    en: 'Put the container on a user-defined network and publish only what it serves: docker network create app-net; docker run --network app-net -p 127.0.0.1:8080:8080 ...',
    nb: 'Koble containeren til et brukerdefinert nettverk, og publiser bare det den tilbyr: docker network create app-net; docker run --network app-net -p 127.0.0.1:8080:8080 ...',
  },
  judge: (c) => {
    const host = c.HostConfig.NetworkMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { NetworkMode: c.HostConfig.NetworkMode ?? 'default' },
      expected: { NetworkMode: 'not host' },
      message: host ? m('host') : m('own', { mode: c.HostConfig.NetworkMode || 'default' }),
      fix: { before: 'docker network create app-net', drop: ['--network'], add: [{ flag: '--network', value: 'app-net' }] },
    };
  },
});
