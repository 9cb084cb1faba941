import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.experimental',
  title: 'Experimental features are off in production',
  section: 'daemon',
  severity: 'low',
  ...cis('2.18'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Info.ExperimentalBuild from the Engine API (set by --experimental / "experimental": true).',
  rationale: 'Experimental features are unfinished and not covered by the same security review and support as stable ones.',
  remediation: 'Remove --experimental / "experimental": true from the daemon configuration and restart the daemon.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const on = docker.info.ExperimentalBuild;
    if (on === undefined) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report ExperimentalBuild.' }];
    return [on
      ? { outcome: 'fail', target, observed: { ExperimentalBuild: true }, expected: { ExperimentalBuild: false }, message: 'Experimental features are enabled on the daemon.' }
      : { outcome: 'pass', target, observed: { ExperimentalBuild: false }, expected: { ExperimentalBuild: false }, message: 'Experimental features are off.' }];
  },
});
