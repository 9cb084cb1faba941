import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/** Options: `options['cis-4.4'] = { maxAgeDays: 90 }`. */
const DEFAULT_MAX_AGE_DAYS = 90;

const m = templates({
  noCreated: { en: 'Not evaluated: {image} has no creation time.', nb: 'Ikke vurdert: {image} har ikke noe opprettelsestidspunkt.' },
  old: {
    en: '{image} was built {days} days ago and has missed every base-image fix since.',
    nb: '{image} er {days} dager gammelt og mangler alle rettelser i grunnimaget siden det ble bygget.',
  },
  recent: {
    en: '{image} was built {days} days ago; confirm it was scanned for vulnerabilities.',
    nb: '{image} er {days} dager gammelt; bekreft at det er skannet etter sårbarheter.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.images-rebuilt',
  title: { en: 'Images are scanned and rebuilt to pick up security patches', nb: 'Images skannes og bygges på nytt, slik at de får med sikkerhetsoppdateringer' },
  section: 'images',
  severity: 'high',
  ...cis('4.4'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Image creation time from the Engine API against the evaluation date: an image built more than 90 days ago (check option maxAgeDays) has missed its base image\'s patches and warns; newer images still need a person to confirm they were scanned.',
    nb: 'Opprettelsestidspunktet til imaget fra Engine API sammenlignet med vurderingsdatoen: et image bygget for mer enn 90 dager siden (kontrollvalget maxAgeDays) mangler oppdateringene i grunnimaget og gir advarsel; for nyere images må en person fortsatt bekrefte at de er skannet.',
  },
  rationale: {
    en: 'Base images receive security fixes continuously; an image that is not rebuilt keeps the vulnerabilities of the day it was built.',
    nb: 'Grunnimages får sikkerhetsrettelser hele tiden; et image som ikke bygges på nytt, beholder sårbarhetene fra dagen det ble bygget.',
  },
  remediation: {
    en: 'Rebuild images on a schedule and on base-image updates (e.g. weekly CI with --pull --no-cache) and scan them (trivy image, docker scout cves) before deployment.',
    nb: 'Bygg images på nytt etter en fast plan og når grunnimaget oppdateres (f.eks. ukentlig CI med --pull --no-cache), og skann dem (trivy image, docker scout cves) før utrulling.',
  },
  evaluate: ({ docker }, options) => {
    const maxAge = (options['cis-4.4'] as { maxAgeDays?: number } | undefined)?.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const now = Date.parse(options.now);
    return docker.images.map((img) => {
      const target = imageTarget(img);
      const image = target.name;
      const created = img.Created ? Date.parse(img.Created) : Number.NaN;
      if (Number.isNaN(created)) return { outcome: 'error' as const, target, message: m('noCreated', { image }) };
      const days = Math.floor((now - created) / 86_400_000);
      const observed = { Created: img.Created, ageDays: days };
      return days > maxAge
        ? { outcome: 'warn' as const, target, observed, expected: { ageDays: `<= ${maxAge}` }, message: m('old', { image, days }) }
        : { outcome: 'manual' as const, target, observed, expected: { scanned: true }, message: m('recent', { image, days }) };
    });
  },
});
