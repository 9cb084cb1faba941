import { cis } from '../docker/cis';
import { defaultBridge, engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  noBridge: {
    en: 'The daemon has no default bridge network (started with --bridge=none).',
    nb: 'Daemonen har ikke noe standardbronettverk (startet med --bridge=none).',
  },
  iccOff: { en: 'Inter-container communication is off on the default bridge.', nb: 'Kommunikasjon mellom containere er slått av på standardbroen.' },
  iccOn: {
    en: 'Inter-container communication is on for the default bridge ({attached} container(s) attached now).',
    nb: 'Kommunikasjon mellom containere er tillatt på standardbroen (containere tilkoblet nå: {attached}).',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.icc-default-bridge',
  title: { en: 'Containers on the default bridge cannot talk to each other', nb: 'Containere på standardbroen kan ikke kommunisere med hverandre' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.2'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Reads the option com.docker.network.bridge.enable_icc of the default bridge network from the Engine API, which is what --icc / "icc" set; works against remote engines and whatever file configured it.',
    nb: 'Leser valget com.docker.network.bridge.enable_icc for standardbronettverket fra Engine API; det er dette --icc / "icc" setter. Virker også mot eksterne motorer, uansett hvilken fil som satte det.',
  },
  rationale: {
    en: 'With inter-container communication on, any container on docker0 can reach every port of every other container on it; one compromised container can then probe the rest.',
    nb: 'Når kommunikasjon mellom containere er slått på, kan enhver container på docker0 nå alle porter i alle de andre containerne der; én kompromittert container kan da undersøke resten.',
  },
  remediation: {
    en: 'daemon.json: { "icc": false } (or dockerd --icc=false) and restart the daemon; put containers that must talk to each other on a user-defined network (docker network create app-net).',
    nb: 'daemon.json: { "icc": false } (eller dockerd --icc=false), og start daemonen på nytt; legg containere som må snakke sammen, på et brukerdefinert nettverk (docker network create app-net).',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const bridge = defaultBridge(docker);
    if (!bridge) return [{ outcome: 'not-applicable', target, observed: { defaultBridge: null }, message: m('noBridge') }];
    const icc = bridge.Options?.['com.docker.network.bridge.enable_icc'] ?? null;
    const attached = Object.keys(bridge.Containers ?? {}).length;
    const observed = { network: bridge.Name, 'com.docker.network.bridge.enable_icc': icc, attachedContainers: attached };
    const expected = { 'com.docker.network.bridge.enable_icc': 'false' };
    return [icc === 'false'
      ? { outcome: 'pass', target, observed, expected, message: m('iccOff') }
      : { outcome: 'fail', target, observed, expected, message: m('iccOn', { attached }) }];
  },
});
