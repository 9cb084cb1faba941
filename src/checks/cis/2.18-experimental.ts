import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report ExperimentalBuild.', nb: 'Ikke vurdert: motoren oppga ikke ExperimentalBuild.' },
  on: { en: 'Experimental features are enabled on the daemon.', nb: 'Eksperimentelle funksjoner er slått på i daemonen.' },
  off: { en: 'Experimental features are off.', nb: 'Eksperimentelle funksjoner er slått av.' },
});

export default defineCheck<'docker'>({
  id: 'cis.experimental',
  title: { en: 'Experimental features are off in production', nb: 'Eksperimentelle funksjoner er slått av i produksjon' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.18'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.ExperimentalBuild from the Engine API (set by --experimental / "experimental": true).',
    nb: 'Info.ExperimentalBuild fra Engine API (settes av --experimental / "experimental": true).',
  },
  rationale: {
    en: 'Experimental features are unfinished and not covered by the same security review and support as stable ones.',
    nb: 'Eksperimentelle funksjoner er uferdige og får ikke den samme sikkerhetsgjennomgangen og støtten som stabile funksjoner.',
  },
  remediation: {
    en: 'Remove --experimental / "experimental": true from the daemon configuration and restart the daemon.',
    nb: 'Fjern --experimental / "experimental": true fra daemonkonfigurasjonen, og start daemonen på nytt.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const on = docker.info.ExperimentalBuild;
    if (on === undefined) return [{ outcome: 'error', target, message: m('unknown') }];
    return [on
      ? { outcome: 'fail', target, observed: { ExperimentalBuild: true }, expected: { ExperimentalBuild: false }, message: m('on') }
      : { outcome: 'pass', target, observed: { ExperimentalBuild: false }, expected: { ExperimentalBuild: false }, message: m('off') }];
  },
});
