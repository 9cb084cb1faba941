import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { joinTexts, templates } from '../text';

const m = templates({
  links: {
    en: "{target} uses legacy links ({links}): the linked containers' environment variables, secrets included, are copied into it.",
    nb: '{target} bruker foreldede lenker ({links}): miljøvariablene til de lenkede containerne, også hemmeligheter, kopieres inn i den.',
  },
  link: { en: '{container} as {alias}', nb: '{container} som {alias}' },
  none: { en: '{target} uses no legacy links.', nb: '{target} bruker ingen foreldede lenker.' },
});

export default containerCheck({
  id: 'docker-legacy-links',
  title: { en: 'Containers do not use legacy --link', nb: 'Containere bruker ikke den foreldede --link-mekanismen' },
  section: 'containers',
  severity: 'medium',
  references: cis('2.2').references,
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.Links: any legacy link fails. Not a CIS recommendation of its own; it undermines 2.2 (icc) and the isolation of user-defined networks.',
    nb: 'HostConfig.Links: enhver foreldet lenke gir ikke bestått. Ikke en egen CIS-anbefaling; den undergraver 2.2 (icc) og isolasjonen i brukerdefinerte nettverk.',
  },
  rationale: {
    en: "A legacy link copies the linked container's environment variables (often database passwords) into this container as <ALIAS>_ENV_*, and opens every port between them on the default bridge even with icc off.",
    nb: 'En foreldet lenke kopierer miljøvariablene til den lenkede containeren (ofte databasepassord) inn i denne containeren som <ALIAS>_ENV_*, og åpner alle porter mellom dem på standardbroen, selv med icc slått av.',
  },
  remediation: {
    en: 'Replace --link with a user-defined network and DNS names: docker network create app-net; run both containers with --network app-net and address the other by its name.',
    nb: 'Erstatt --link med et brukerdefinert nettverk og DNS-navn: docker network create app-net; kjør begge containerne med --network app-net, og nå den andre ved navnet.',
  },
  judge: (c) => {
    const links = (c.HostConfig.Links ?? []).map((l) => {
      const [target, alias] = l.split(':');
      return m('link', { container: target.replace(/^\//, ''), alias: (alias ?? '').split('/').pop() ?? '' });
    });
    return links.length
      ? {
          outcome: 'fail',
          observed: { Links: c.HostConfig.Links ?? [] },
          expected: { Links: [] },
          message: m('links', { links: joinTexts(links) }),
          fix: { before: 'docker network create app-net', drop: ['--link', '--network'], add: [{ flag: '--network', value: 'app-net' }] },
        }
      : { outcome: 'pass', observed: { Links: [] }, expected: { Links: [] }, message: m('none') };
  },
});
