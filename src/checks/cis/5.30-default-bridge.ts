import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { defaultBridge } from '../docker/engine';
import { templates } from '../text';

const m = templates({
  onDefault: { en: '{target} is attached to the default bridge ({bridge}).', nb: '{target} er koblet til standardbroen ({bridge}).' },
  elsewhere: { en: '{target} is not on the default bridge ({networks}).', nb: '{target} er ikke koblet til standardbroen ({networks}).' },
});

export default containerCheck({
  id: 'cis.default-bridge',
  title: { en: 'Containers are not on the default bridge (docker0)', nb: 'Containere er ikke koblet til standardbroen (docker0)' },
  section: 'containers',
  severity: 'low',
  ...cis('5.30'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: "The container's networks (NetworkSettings.Networks, else HostConfig.NetworkMode default/bridge): attached to the engine's default bridge warns.",
    nb: 'Nettverkene til containeren (NetworkSettings.Networks, ellers HostConfig.NetworkMode default/bridge): tilkobling til motorens standardbro gir advarsel.',
  },
  rationale: {
    en: 'Every container on docker0 shares one flat network (with icc, all ports open to each other) and gets no DNS-based discovery; user-defined networks isolate applications from each other.',
    nb: 'Alle containere på docker0 deler ett flatt nettverk (med icc er alle porter åpne mellom dem) og kan ikke finne hverandre med DNS-navn; brukerdefinerte nettverk skiller applikasjonene fra hverandre.',
  },
  remediation: {
    en: 'docker network create app-net; docker run --network app-net ... (compose puts services on their own project network by default).',
    nb: 'docker network create app-net; docker run --network app-net ... (compose setter tjenestene på et eget prosjektnettverk som standard).',
  },
  judge: (c, { docker }) => {
    const bridge = defaultBridge(docker);
    const bridgeName = bridge?.Name ?? 'bridge';
    const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
    const mode = c.HostConfig.NetworkMode ?? 'default';
    const onDefault = nets.length ? nets.includes(bridgeName) : mode === 'default' || mode === 'bridge';
    const observed = { NetworkMode: mode, networks: nets };
    return onDefault
      ? { outcome: 'warn', observed, expected: { networks: 'user-defined networks only' }, message: m('onDefault', { bridge: bridgeName }), fix: { before: 'docker network create app-net', drop: ['--network'], add: [{ flag: '--network', value: 'app-net' }] } }
      : { outcome: 'pass', observed, expected: { networks: 'user-defined networks only' }, message: m('elsewhere', { networks: nets.length ? nets : mode }) };
  },
});
