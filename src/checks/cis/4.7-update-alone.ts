import { cis } from '../docker/cis';
import { historySteps } from '../docker/images';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

/** `apt-get update` / `apk update` / `yum makecache` in a RUN step that installs nothing. */
const UPDATE = /\b(apt-get|apt|yum|dnf|zypper|apk|microdnf)\s+(-\S+\s+)*(update|makecache|refresh)\b/;
const INSTALL = /\b(install|add|upgrade|dist-upgrade)\b/;

export default defineCheck<'docker'>({
  id: 'cis.update-alone',
  title: 'Package index updates are never a build step of their own',
  section: 'images',
  severity: 'low',
  ...cis('4.7'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Reads the build history of every image (GET /images/{id}/history): a RUN step that updates the package index without installing in the same step warns.',
  rationale: 'A lone `apt-get update` layer is cached; later installs then use a stale index and silently miss security updates.',
  remediation: 'Combine update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*`.',
  evaluate: ({ docker }) =>
    docker.images.map((img) => {
      const target = imageTarget(img);
      const alone = historySteps(img).filter((s) => s.startsWith('RUN') && UPDATE.test(s) && !INSTALL.test(s));
      return alone.length
        ? { outcome: 'warn' as const, target, observed: { steps: alone }, expected: { steps: 'update and install in the same RUN' }, message: `${target.name} updates its package index in a step of its own: ${alone[0].slice(0, 120)}` }
        : { outcome: 'pass' as const, target, observed: { steps: [] }, expected: { steps: 'update and install in the same RUN' }, message: `${target.name} has no lone package index update.` };
    }),
});
