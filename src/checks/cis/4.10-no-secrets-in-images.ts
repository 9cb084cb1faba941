import { isSecretName, REDACTED } from '../../evidence/redact';
import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

/** Names that look secret but hold public or indirect values (official images set GPG_KEY; *_FILE points at a secret file). */
const NOT_SECRET = /(^|_)(GPG|PGP)_KEYS?$|PUBLIC_KEY|_FILE$|_PATH$|_DIR$/i;

export default defineCheck<'docker'>({
  id: 'cis.no-secrets-in-images',
  title: 'Images carry no secrets in their configuration or build steps',
  section: 'images',
  severity: 'high',
  ...cis('4.10'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Looks at image metadata only: ENV names that name a secret (PASSWORD, TOKEN, API_KEY, ...) with a value, and build steps in which the collector had to redact a credential. A clean result still needs a person or a layer scanner (trivy, Dockle) for files inside layers.',
  rationale: 'Anything in an image is readable by everyone who can pull it, and stays in its layers even when a later step deletes it.',
  remediation: 'Pass secrets at run time (--secret with BuildKit for builds, docker secrets or a vault at run time); remove the ENV/ARG and rebuild; rotate the exposed secret.',
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const envNames = (img.Config?.Env ?? [])
        .map((e) => e.split('=', 2))
        .filter(([name, value]) => isSecretName(name) && !NOT_SECRET.test(name) && value !== undefined && value !== '')
        .map(([name]) => name);
      const steps = historySteps(img).filter((s) => s.includes(REDACTED));
      const observed = { secretEnvNames: envNames, stepsWithCredentials: steps.map((s) => s.slice(0, 160)) };
      if (envNames.length || steps.length) {
        const what = [envNames.length ? `ENV ${envNames.join(', ')}` : '', steps.length ? `${steps.length} build step(s) with a credential` : ''].filter(Boolean).join(' and ');
        return { outcome: 'fail' as const, target, observed, expected: { secrets: 'none' }, message: `${target.name} carries secrets in its metadata: ${what}.` };
      }
      return { outcome: 'manual' as const, target, observed, expected: { secrets: 'none' }, message: `No secret-looking ENV or build argument in ${target.name}'s metadata; its layer contents still need a secret scan.` };
    }),
});
