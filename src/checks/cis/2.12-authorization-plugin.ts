import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.authorization-plugin',
  title: 'An authorization plugin controls Docker client commands',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.12'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Info.Plugins.Authorization from the Engine API: the authorization plugins the daemon loaded (from --authorization-plugin / "authorization-plugins").',
  rationale: 'Without an authorization plugin every client that can reach the socket may do everything, including starting privileged containers.',
  remediation: 'Install an authorization plugin (e.g. Open Policy Agent\'s opa-docker-authz) and set "authorization-plugins": ["<plugin>"] in daemon.json; restart the daemon.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const plugins = docker.info.Plugins as { Authorization?: string[] | null } | undefined;
    if (!plugins) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its plugins.' }];
    const authz = plugins.Authorization ?? [];
    return [authz.length
      ? { outcome: 'pass', target, observed: { Authorization: authz }, expected: { Authorization: 'at least one plugin' }, message: `Client commands are authorized by ${authz.join(', ')}.` }
      : { outcome: 'fail', target, observed: { Authorization: [] }, expected: { Authorization: 'at least one plugin' }, message: 'No authorization plugin: every client with socket access may run any command.' }];
  },
});
