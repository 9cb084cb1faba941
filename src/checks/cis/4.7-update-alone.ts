import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/** `apt-get update` / `apk update` / `yum makecache` in a RUN step that installs nothing. */
const UPDATE = /\b(apt-get|apt|yum|dnf|zypper|apk|microdnf)\s+(-\S+\s+)*(update|makecache|refresh)\b/;
const INSTALL = /\b(install|add|upgrade|dist-upgrade)\b/;

const m = templates({
  alone: { en: '{image} updates its package index in a step of its own: {step}', nb: '{image} oppdaterer pakkeindeksen i et eget trinn: {step}' },
  none: { en: '{image} has no lone package index update.', nb: '{image} har ingen frittstående oppdatering av pakkeindeksen.' },
});

export default defineCheck<'docker'>({
  id: 'cis.update-alone',
  title: { en: 'Package index updates are never a build step of their own', nb: 'Oppdatering av pakkeindeksen er aldri et eget byggetrinn' },
  section: 'images',
  severity: 'low',
  ...cis('4.7'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Reads the build history of every image (GET /images/{id}/history): a RUN step that updates the package index without installing in the same step warns.',
    nb: 'Leser byggehistorikken til hvert image (GET /images/{id}/history): et RUN-trinn som oppdaterer pakkeindeksen uten å installere noe i samme trinn, gir advarsel.',
  },
  rationale: {
    en: 'A lone `apt-get update` layer is cached; later installs then use a stale index and silently miss security updates.',
    nb: 'Et lag med bare `apt-get update` mellomlagres; senere installasjoner bruker da en utdatert indeks og går i det stille glipp av sikkerhetsoppdateringer.',
  },
  remediation: {
    en: 'Combine update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*`.',
    nb: 'Slå sammen oppdatering og installasjon i én RUN: `RUN apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*`.',
  },
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const alone = historySteps(img).filter((s) => s.startsWith('RUN') && UPDATE.test(s) && !INSTALL.test(s));
      return alone.length
        ? { outcome: 'warn' as const, target, observed: { steps: alone }, expected: { steps: 'update and install in the same RUN' }, message: m('alone', { image: target.name, step: alone[0].slice(0, 120) }) }
        : { outcome: 'pass' as const, target, observed: { steps: [] }, expected: { steps: 'update and install in the same RUN' }, message: m('none', { image: target.name }) };
    }),
});
