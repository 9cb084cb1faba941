import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { normalizeRef } from '../docker/images';

export default containerCheck({
  id: 'cis.current-image',
  title: 'Containers run the image their tag currently points to',
  section: 'containers',
  severity: 'low',
  ...cis('5.28'),
  automated: true,
  decidedBy:
    "Compares the image a container was created from (Image id) with the image its tag (Config.Image) points to on this engine now: a difference means a newer image was pulled but the container was not re-created. Whether the local tag is the registry's latest needs a person.",
  rationale: 'A container keeps running the image it was created from; pulling a patched image does nothing until the container is re-created.',
  remediation: 'Re-create the container from the current image: docker pull <image> && docker rm -f <name> && docker run ... (compose: docker compose pull && docker compose up -d).',
  judge: (c, { docker }) => {
    const ref = c.Config.Image ?? '';
    const observed: Record<string, unknown> = { configImage: ref, imageId: c.Image ?? null };
    const expected = { imageId: 'the image the tag points to now' };
    if (!ref || /^sha256:/.test(ref) || /^[0-9a-f]{12,64}$/.test(ref)) return { outcome: 'manual', observed, expected, message: `was created from an image id (${ref.slice(0, 19)}), not a tag; confirm it is current.` };
    const want = normalizeRef(ref);
    const tagged = docker.images.find((i) => (i.RepoTags ?? []).includes(want) || (i.RepoDigests ?? []).includes(ref));
    if (!tagged) return { outcome: 'manual', observed, expected, message: `was created from ${ref}, which no longer names an image on this engine; confirm it is current.` };
    observed.tagImageId = tagged.Id;
    return tagged.Id === c.Image
      ? { outcome: 'pass', observed, expected, message: `runs the image ${ref} currently points to.` }
      : { outcome: 'warn', observed, expected, message: `runs an older image than ${ref} now points to (${String(c.Image).slice(7, 19)} vs ${tagged.Id.slice(7, 19)}); re-create it.` };
  },
});
