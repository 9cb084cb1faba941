import { defineCheck } from '../define';
import { hostTarget } from '../targets';
import { databaseAgeDays } from '../../residency/geo';
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
  decidedBy: 'The build date of the geolocation data used for the run (geoip-lite’s country.checksum, or the .mmdb build_epoch) against the evaluation date.',
  rationale: 'IP blocks move between providers and regions every month; MaxMind’s licence also requires keeping GeoLite2 data current. Stale data makes geolocated countries less reliable (they are corroborating evidence only).',
  remediation: 'Pass a current MaxMind-format country database with --geoip-db FILE (GeoLite2-Country.mmdb, downloaded with your MaxMind licence key), or declare endpoint locations in the residency config.',
  references: [CAIQ_DSP_19],
  evaluate: ({ residency }, options) => {
    const g = residency.geolocation;
    if (!g) return [];
    const target = { ...hostTarget('geolocation-db'), name: g.description };
    const age = databaseAgeDays(g.buildDate, options.now);
    const observed = { database: g.description, buildDate: g.buildDate, buildDateSource: g.buildDateSource, ageDays: age };
    if (age === null) return [{ outcome: 'warn' as const, target, observed, expected: { maxAgeDays: GEO_MAX_AGE_DAYS }, message: `The build date of ${g.description} is unknown, so its age cannot be judged.` }];
    const months = Math.floor(age / 30.4);
    return [{
      outcome: age > GEO_MAX_AGE_DAYS ? ('warn' as const) : ('pass' as const),
      target,
      observed,
      expected: { maxAgeDays: GEO_MAX_AGE_DAYS },
      message: age > GEO_MAX_AGE_DAYS
        ? `${g.description} was built ${g.buildDate}, ${months} months before this evaluation: geolocated countries may be out of date.`
        : `${g.description} was built ${g.buildDate} (${age} days before this evaluation).`,
    }];
  },
});
