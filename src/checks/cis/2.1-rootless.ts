import { cis } from '../docker/cis';
import { engineTarget, hasSecurityOption } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  rootless: { en: 'The daemon runs rootless.', nb: 'Daemonen kjører uten root (rootless).' },
  root: {
    en: 'The daemon runs as root. Decide whether these workloads could run under a rootless daemon and record why not.',
    nb: 'Daemonen kjører som root. Vurder om disse arbeidslastene kunne kjørt under en rootless daemon, og dokumenter hvorfor ikke.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.rootless',
  title: { en: 'The Docker daemon runs rootless where possible', nb: 'Docker-daemonen kjører uten root (rootless) der det er mulig' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.1'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'The engine reports `name=rootless` in Info.SecurityOptions when it runs rootless. A root daemon is left to a person to judge, because rootless mode is only recommended where the workloads allow it.',
    nb: 'Motoren oppgir `name=rootless` i Info.SecurityOptions når den kjører uten root. En daemon som kjører som root, må vurderes av en person, fordi rootless-modus bare anbefales der arbeidslastene tillater det.',
  },
  rationale: {
    en: 'A rootless daemon and its containers run as an unprivileged user, so a daemon or container escape does not give root on the host.',
    nb: 'En rootless daemon og containerne dens kjører som en bruker uten privilegier, så den som bryter ut av daemonen eller en container, får ikke root på verten.',
  },
  remediation: {
    en: 'Install and run the daemon in rootless mode (dockerd-rootless-setuptool.sh install) for workloads that do not need host networking, privileged ports or devices.',
    nb: 'Installer og kjør daemonen i rootless-modus (dockerd-rootless-setuptool.sh install) for arbeidslaster som ikke trenger vertens nettverk, privilegerte porter eller enheter.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const observed = { SecurityOptions: docker.info.SecurityOptions ?? [] };
    return [hasSecurityOption(docker, 'rootless')
      ? { outcome: 'pass', target, observed, expected: { SecurityOptions: 'contains name=rootless' }, message: m('rootless') }
      : { outcome: 'manual', target, observed, expected: { SecurityOptions: 'contains name=rootless, where workloads allow' }, message: m('root') }];
  },
});
