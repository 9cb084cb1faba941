import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

const m = templates({
  digest: { en: 'Confirm {image} ({digest}) comes from an approved source.', nb: 'Bekreft at {image} ({digest}) kommer fra en godkjent kilde.' },
  local: {
    en: 'Confirm {image} comes from an approved source; it has no registry digest (built or loaded locally).',
    nb: 'Bekreft at {image} kommer fra en godkjent kilde; det har ingen registerdigest (bygget eller lastet inn lokalt).',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.trusted-base-images',
  title: { en: 'Images come from trusted sources', nb: 'Images kommer fra klarerte kilder' },
  section: 'images',
  severity: 'high',
  ...cis('4.2'),
  automated: false,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Lists every image on the engine with its tags and registry digests; a person confirms each registry and publisher is approved.',
    nb: 'Lister opp hvert image på motoren med tagger og registerdigester; en person bekrefter at hvert register og hver utgiver er godkjent.',
  },
  rationale: {
    en: 'An image runs with the privileges it is given; an image from an unvetted publisher is code from an unvetted publisher.',
    nb: 'Et image kjører med de privilegiene det får; et image fra en utgiver ingen har vurdert, er kode fra en utgiver ingen har vurdert.',
  },
  remediation: {
    en: 'Pull only from approved registries (an internal mirror or verified publishers), pin images by digest (image@sha256:...), and document the approved list.',
    nb: 'Hent bare fra godkjente registre (et internt speil eller verifiserte utgivere), lås images til en digest (image@sha256:...), og dokumenter listen over godkjente kilder.',
  },
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const digest = (img.RepoDigests ?? [])[0];
      return {
        outcome: 'manual' as const,
        target,
        observed: { RepoTags: img.RepoTags ?? [], RepoDigests: img.RepoDigests ?? [] },
        expected: { source: 'an approved registry and publisher' },
        message: digest ? m('digest', { image: target.name, digest }) : m('local', { image: target.name }),
      };
    }),
});
