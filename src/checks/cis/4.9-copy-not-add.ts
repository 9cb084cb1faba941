import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

/** `ADD file:<hash> in /` is how a base image's root filesystem is recorded, not a Dockerfile choice. */
const BASE_ROOTFS = /^ADD (file|dir):[0-9a-f]+ in \/\s*$/;

export default defineCheck<'docker'>({
  id: 'cis.copy-not-add',
  title: 'Dockerfiles use COPY instead of ADD',
  section: 'images',
  severity: 'low',
  ...cis('4.9'),
  automated: true,
  requires: ['docker'],
  decidedBy: "Reads each image's build history: an ADD step other than the base image's root filesystem warns.",
  rationale: 'ADD fetches URLs and unpacks archives implicitly; a remote or malicious archive can write anywhere in the image.',
  remediation: 'Replace ADD with COPY; fetch remote files with curl + checksum verification in a RUN step.',
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const adds = historySteps(img).filter((s) => /^ADD\b/.test(s) && !BASE_ROOTFS.test(s));
      return adds.length
        ? { outcome: 'warn' as const, target, observed: { steps: adds }, expected: { steps: 'COPY instead of ADD' }, message: `${target.name} was built with ADD: ${adds[0].slice(0, 120)}` }
        : { outcome: 'pass' as const, target, observed: { steps: [] }, expected: { steps: 'COPY instead of ADD' }, message: `${target.name} uses no ADD steps.` };
    }),
});
