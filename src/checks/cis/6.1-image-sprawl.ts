import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { imagesInUse } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

export default defineCheck<'docker'>({
  id: 'cis.image-sprawl',
  title: 'Unused images are cleaned up',
  section: 'operations',
  severity: 'low',
  ...cis('6.1'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Compares the images on the engine with the images some container (running or not) was created from; unused ones are listed for a person to confirm they may be removed.',
  rationale: 'Old images keep old vulnerabilities one `docker run` away and make it hard to tell what is meant to be deployed.',
  remediation: 'Remove unused images regularly: docker image prune -a --filter "until=720h" (after checking nothing needs them).',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const used = imagesInUse(docker);
    const unused = docker.images.filter((i) => !used.has(i.Id));
    const observed = { images: docker.images.length, inUse: docker.images.length - unused.length, unused: unused.map((i) => imageTarget(i).name) };
    return [unused.length
      ? { outcome: 'manual', target, observed, expected: { unused: 'none kept without a reason' }, message: `${unused.length} of ${docker.images.length} image(s) are used by no container: ${observed.unused.slice(0, 10).join(', ')}${unused.length > 10 ? ', ...' : ''}. Confirm they are still needed.` }
      : { outcome: 'pass', target, observed, expected: { unused: 'none kept without a reason' }, message: `Every one of the ${docker.images.length} image(s) is used by a container.` }];
  },
});
