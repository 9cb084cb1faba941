import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report its plugins.', nb: 'Ikke vurdert: motoren oppga ikke tilleggene (plugins) sine.' },
  authorized: { en: 'Client commands are authorized by {plugins}.', nb: 'Kommandoer fra klienter autoriseres av {plugins}.' },
  none: {
    en: 'No authorization plugin: every client with socket access may run any command.',
    nb: 'Ingen autorisasjonstillegg: hver klient med tilgang til socketen kan kjøre hvilken som helst kommando.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.authorization-plugin',
  title: { en: 'An authorization plugin controls Docker client commands', nb: 'Et autorisasjonstillegg styrer kommandoene fra Docker-klienter' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.12'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.Plugins.Authorization from the Engine API: the authorization plugins the daemon loaded (from --authorization-plugin / "authorization-plugins").',
    nb: 'Info.Plugins.Authorization fra Engine API: autorisasjonstilleggene daemonen har lastet (fra --authorization-plugin / "authorization-plugins").',
  },
  rationale: {
    en: 'Without an authorization plugin every client that can reach the socket may do everything, including starting privileged containers.',
    nb: 'Uten et autorisasjonstillegg kan hver klient som når socketen, gjøre alt, også starte privilegerte containere.',
  },
  remediation: {
    en: 'Install an authorization plugin (e.g. Open Policy Agent\'s opa-docker-authz) and set "authorization-plugins": ["<plugin>"] in daemon.json; restart the daemon.',
    nb: 'Installer et autorisasjonstillegg (f.eks. opa-docker-authz fra Open Policy Agent), og sett "authorization-plugins": ["<plugin>"] i daemon.json; start daemonen på nytt.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const plugins = docker.info.Plugins as { Authorization?: string[] | null } | undefined;
    if (!plugins) return [{ outcome: 'error', target, message: m('unknown') }];
    const authz = plugins.Authorization ?? [];
    return [authz.length
      ? { outcome: 'pass', target, observed: { Authorization: authz }, expected: { Authorization: 'at least one plugin' }, message: m('authorized', { plugins: authz }) }
      : { outcome: 'fail', target, observed: { Authorization: [] }, expected: { Authorization: 'at least one plugin' }, message: m('none') }];
  },
});
