import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

export default defineCheck<'docker'>({
  id: 'cis.trusted-base-images',
  title: 'Images come from trusted sources',
  section: 'images',
  severity: 'high',
  ...cis('4.2'),
  automated: false,
  requires: ['docker'],
  decidedBy: 'Lists every image on the engine with its tags and registry digests; a person confirms each registry and publisher is approved.',
  rationale: 'An image runs with the privileges it is given; an image from an unvetted publisher is code from an unvetted publisher.',
  remediation: 'Pull only from approved registries (an internal mirror or verified publishers), pin images by digest (image@sha256:...), and document the approved list.',
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      return {
        outcome: 'manual' as const,
        target,
        observed: { RepoTags: img.RepoTags ?? [], RepoDigests: img.RepoDigests ?? [] },
        expected: { source: 'an approved registry and publisher' },
        message: (img.RepoDigests ?? []).length
          ? `Confirm ${target.name} (${img.RepoDigests![0]}) comes from an approved source.`
          : `Confirm ${target.name} comes from an approved source; it has no registry digest (built or loaded locally).`,
      };
    }),
});
