import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/** `ADD file:<hash> in /` is how a base image's root filesystem is recorded, not a Dockerfile choice. */
const BASE_ROOTFS = /^ADD (file|dir):[0-9a-f]+ in \/\s*$/;

const m = templates({
  add: { en: '{image} was built with ADD: {step}', nb: '{image} ble bygget med ADD: {step}' },
  none: { en: '{image} uses no ADD steps.', nb: '{image} bruker ingen ADD-trinn.' },
});

export default defineCheck<'docker'>({
  id: 'cis.copy-not-add',
  title: { en: 'Dockerfiles use COPY instead of ADD', nb: 'Dockerfiler bruker COPY i stedet for ADD' },
  section: 'images',
  severity: 'low',
  ...cis('4.9'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: "Reads each image's build history: an ADD step other than the base image's root filesystem warns.",
    nb: 'Leser byggehistorikken til hvert image: et ADD-trinn som ikke er rotfilsystemet til grunnimaget, gir advarsel.',
  },
  rationale: {
    en: 'ADD fetches URLs and unpacks archives implicitly; a remote or malicious archive can write anywhere in the image.',
    nb: 'ADD henter URL-er og pakker ut arkiver uten at det synes; et eksternt eller ondsinnet arkiv kan skrive hvor som helst i imaget.',
  },
  remediation: {
    en: 'Replace ADD with COPY; fetch remote files with curl + checksum verification in a RUN step.',
    nb: 'Bytt ut ADD med COPY; hent eksterne filer med curl og kontroll av sjekksum i et RUN-trinn.',
  },
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const adds = historySteps(img).filter((s) => /^ADD\b/.test(s) && !BASE_ROOTFS.test(s));
      return adds.length
        ? { outcome: 'warn' as const, target, observed: { steps: adds }, expected: { steps: 'COPY instead of ADD' }, message: m('add', { image: target.name, step: adds[0].slice(0, 120) }) }
        : { outcome: 'pass' as const, target, observed: { steps: [] }, expected: { steps: 'COPY instead of ADD' }, message: m('none', { image: target.name }) };
    }),
});
