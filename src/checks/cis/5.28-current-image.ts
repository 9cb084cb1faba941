import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { normalizeRef } from '../docker/images';
import { templates } from '../text';

const m = templates({
  byId: {
    en: '{target} was created from an image id ({id}), not a tag; confirm it is current.',
    nb: '{target} ble opprettet fra en image-ID ({id}), ikke en tagg; bekreft at imaget er oppdatert.',
  },
  gone: {
    en: '{target} was created from {ref}, which no longer names an image on this engine; confirm it is current.',
    nb: '{target} ble opprettet fra {ref}, som ikke lenger peker på noe image i denne motoren; bekreft at imaget er oppdatert.',
  },
  current: { en: '{target} runs the image {ref} currently points to.', nb: '{target} kjører imaget som {ref} peker på nå.' },
  stale: {
    en: '{target} runs an older image than {ref} now points to ({running} vs {current}); re-create it.',
    nb: '{target} kjører et eldre image enn det {ref} peker på nå ({running} mot {current}); opprett containeren på nytt.',
  },
});

export default containerCheck({
  id: 'cis.current-image',
  title: { en: 'Containers run the image their tag currently points to', nb: 'Containere kjører imaget som taggen deres peker på nå' },
  section: 'containers',
  severity: 'low',
  ...cis('5.28'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: "Compares the image a container was created from (Image id) with the image its tag (Config.Image) points to on this engine now: a difference means a newer image was pulled but the container was not re-created. Whether the local tag is the registry's latest needs a person.",
    nb: 'Sammenligner imaget en container ble opprettet fra (Image-ID), med imaget taggen (Config.Image) peker på i denne motoren nå: en forskjell betyr at et nyere image er hentet, men at containeren ikke er opprettet på nytt. Om den lokale taggen er den nyeste i registeret, må en person avgjøre.',
  },
  rationale: {
    en: 'A container keeps running the image it was created from; pulling a patched image does nothing until the container is re-created.',
    nb: 'En container fortsetter å kjøre imaget den ble opprettet fra; å hente et oppdatert image endrer ingenting før containeren opprettes på nytt.',
  },
  remediation: {
    en: 'Re-create the container from the current image: docker pull <image> && docker rm -f <name> && docker run ... (compose: docker compose pull && docker compose up -d).',
    nb: 'Opprett containeren på nytt fra det gjeldende imaget: docker pull <image> && docker rm -f <navn> && docker run ... (compose: docker compose pull && docker compose up -d).',
  },
  judge: (c, { docker }) => {
    const ref = c.Config.Image ?? '';
    const observed: Record<string, unknown> = { configImage: ref, imageId: c.Image ?? null };
    const expected = { imageId: 'the image the tag points to now' };
    if (!ref || /^sha256:/.test(ref) || /^[0-9a-f]{12,64}$/.test(ref)) return { outcome: 'manual', observed, expected, message: m('byId', { id: ref.slice(0, 19) }) };
    const want = normalizeRef(ref);
    const tagged = docker.images.find((i) => (i.RepoTags ?? []).includes(want) || (i.RepoDigests ?? []).includes(ref));
    if (!tagged) return { outcome: 'manual', observed, expected, message: m('gone', { ref }) };
    observed.tagImageId = tagged.Id;
    return tagged.Id === c.Image
      ? { outcome: 'pass', observed, expected, message: m('current', { ref }) }
      : { outcome: 'warn', observed, expected, message: m('stale', { ref, running: String(c.Image).slice(7, 19), current: tagged.Id.slice(7, 19) }) };
  },
});
