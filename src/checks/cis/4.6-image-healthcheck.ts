import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

export default defineCheck<'docker'>({
  id: 'cis.image-healthcheck',
  title: 'Images define a HEALTHCHECK',
  section: 'images',
  severity: 'low',
  ...cis('4.6'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Config.Healthcheck of every image: absent or NONE fails.',
  rationale: 'Without a health check the engine and orchestrators cannot tell a hung service from a working one and will not restart it.',
  remediation: 'Add to the Dockerfile, e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/health || exit 1`.',
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const test = img.Config?.Healthcheck?.Test ?? null;
      const ok = !!test && test.length > 0 && test[0] !== 'NONE';
      return {
        outcome: ok ? ('pass' as const) : ('fail' as const),
        target,
        observed: { Healthcheck: img.Config?.Healthcheck ?? null },
        expected: { Healthcheck: 'a HEALTHCHECK instruction' },
        message: ok ? `${target.name} defines a health check.` : `${target.name} defines no health check.`,
      };
    }),
});
