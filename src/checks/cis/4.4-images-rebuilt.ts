import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

/** Options: `options['cis-4.4'] = { maxAgeDays: 90 }`. */
const DEFAULT_MAX_AGE_DAYS = 90;

export default defineCheck<'docker'>({
  id: 'cis.images-rebuilt',
  title: 'Images are scanned and rebuilt to pick up security patches',
  section: 'images',
  severity: 'high',
  ...cis('4.4'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Image creation time from the Engine API against the evaluation date: an image built more than 90 days ago (check option maxAgeDays) has missed its base image\'s patches and warns; newer images still need a person to confirm they were scanned.',
  rationale: 'Base images receive security fixes continuously; an image that is not rebuilt keeps the vulnerabilities of the day it was built.',
  remediation: 'Rebuild images on a schedule and on base-image updates (e.g. weekly CI with --pull --no-cache) and scan them (trivy image, docker scout cves) before deployment.',
  evaluate: ({ docker }, options) => {
    const maxAge = (options['cis-4.4'] as { maxAgeDays?: number } | undefined)?.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const now = Date.parse(options.now);
    return docker.images.map((img) => {
      const target = imageTarget(img);
      const created = img.Created ? Date.parse(img.Created) : Number.NaN;
      if (Number.isNaN(created)) return { outcome: 'error' as const, target, message: `Not evaluated: ${target.name} has no creation time.` };
      const days = Math.floor((now - created) / 86_400_000);
      const observed = { Created: img.Created, ageDays: days };
      return days > maxAge
        ? { outcome: 'warn' as const, target, observed, expected: { ageDays: `<= ${maxAge}` }, message: `${target.name} was built ${days} days ago and has missed every base-image fix since.` }
        : { outcome: 'manual' as const, target, observed, expected: { scanned: true }, message: `${target.name} was built ${days} days ago; confirm it was scanned for vulnerabilities.` };
    });
  },
});
