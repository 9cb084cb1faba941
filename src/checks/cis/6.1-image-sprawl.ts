import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { imagesInUse } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/** How many unused images a message names; the rest are in `observed`. */
const NAMED = 10;

const m = templates({
  unused: {
    en: '{unused} of {total} image(s) are used by no container: {names}. Confirm they are still needed.',
    nb: '{unused} av {total} images brukes ikke av noen container: {names}. Bekreft at de fortsatt trengs.',
  },
  allUsed: { en: 'Every one of the {total} image(s) is used by a container.', nb: 'Alle images ({total}) brukes av en container.' },
});

export default defineCheck<'docker'>({
  id: 'cis.image-sprawl',
  title: { en: 'Unused images are cleaned up', nb: 'Ubrukte images ryddes bort' },
  section: 'operations',
  severity: 'low',
  ...cis('6.1'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Compares the images on the engine with the images some container (running or not) was created from; unused ones are listed for a person to confirm they may be removed.',
    nb: 'Sammenligner imagene på motoren med imagene som en container (kjørende eller ikke) ble opprettet fra; ubrukte images listes opp, slik at en person kan bekrefte at de kan fjernes.',
  },
  rationale: {
    en: 'Old images keep old vulnerabilities one `docker run` away and make it hard to tell what is meant to be deployed.',
    nb: 'Gamle images holder gamle sårbarheter bare én `docker run` unna og gjør det vanskelig å se hva som faktisk skal være i drift.',
  },
  remediation: {
    en: 'Remove unused images regularly: docker image prune -a --filter "until=720h" (after checking nothing needs them).',
    nb: 'Fjern ubrukte images jevnlig: docker image prune -a --filter "until=720h" (etter å ha kontrollert at ingenting trenger dem).',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const used = imagesInUse(docker);
    const unused = docker.images.filter((i) => !used.has(i.Id));
    const total = docker.images.length;
    const observed = { images: total, inUse: total - unused.length, unused: unused.map((i) => imageTarget(i).name) };
    // The names as evidence values; an ellipsis says the list goes on.
    const names = [...observed.unused.slice(0, NAMED), ...(unused.length > NAMED ? ['...'] : [])];
    return [unused.length
      ? { outcome: 'manual', target, observed, expected: { unused: 'none kept without a reason' }, message: m('unused', { unused: unused.length, total, names }) }
      : { outcome: 'pass', target, observed, expected: { unused: 'none kept without a reason' }, message: m('allUsed', { total }) }];
  },
});
