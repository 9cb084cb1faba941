import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

const m = templates({
  defined: { en: '{image} defines a health check.', nb: '{image} har en helsesjekk.' },
  missing: { en: '{image} defines no health check.', nb: '{image} har ingen helsesjekk.' },
});

export default defineCheck<'docker'>({
  id: 'cis.image-healthcheck',
  title: { en: 'Images define a HEALTHCHECK', nb: 'Images har en HEALTHCHECK' },
  section: 'images',
  severity: 'low',
  ...cis('4.6'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Config.Healthcheck of every image: absent or NONE fails.',
    nb: 'Config.Healthcheck i hvert image: mangler den eller er den NONE, består ikke imaget.',
  },
  rationale: {
    en: 'Without a health check the engine and orchestrators cannot tell a hung service from a working one and will not restart it.',
    nb: 'Uten en helsesjekk kan verken motoren eller orkestreringsverktøy skille en tjeneste som har hengt seg opp, fra en som virker, og de starter den ikke på nytt.',
  },
  remediation: {
    en: 'Add to the Dockerfile, e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/health || exit 1`.',
    nb: 'Legg til i Dockerfile, f.eks. `HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/health || exit 1`.',
  },
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
        message: m(ok ? 'defined' : 'missing', { image: target.name }),
      };
    }),
});
