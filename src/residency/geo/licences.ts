/**
 * Licences and attribution of the geolocation data the tool ships or reads. Each source's evidence
 * record carries them, so the pack can print the attribution its licence requires.
 */
import type { GeoDatabaseInfo } from '../../evidence/types/residency';

export type DataLicence = Pick<GeoDatabaseInfo, 'licence' | 'licenceId' | 'attribution' | 'attributionUrl'>;

/**
 * MaxMind GeoLite2 (geoip-lite, geoip-country, a GeoLite2 .mmdb): the GeoLite2 End User License
 * Agreement, whose copyrightable elements are under CC BY-SA 4.0. It requires the attribution below,
 * keeping the data current, and forbids using it to identify households or individuals.
 */
export const GEOLITE2_LICENCE: DataLicence = {
  licenceId: 'GeoLite2-EULA',
  licence:
    'MaxMind GeoLite2 End User License Agreement (copyrightable elements under CC BY-SA 4.0); the data must be kept current and must not be used to identify households or individuals. Attribution: This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com',
  attribution: 'This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com',
  attributionUrl: 'https://www.maxmind.com',
};

/** DB-IP IP to Country Lite: CC BY 4.0, attribution to DB-IP.com with a link back (DBIP-LICENSE in the package). */
export const DBIP_LITE_LICENCE: DataLicence = {
  licenceId: 'CC-BY-4.0',
  licence: 'Creative Commons Attribution 4.0 International (CC BY 4.0); attribution to DB-IP.com required, with a link to https://db-ip.com. Attribution: IP Geolocation by DB-IP (https://db-ip.com)',
  attribution: 'IP Geolocation by DB-IP',
  attributionUrl: 'https://db-ip.com',
};

/** A database given with --geoip-db whose vendor the tool does not recognise. */
export const UNKNOWN_LICENCE: DataLicence = {
  licenceId: null,
  licence: 'As given by the database vendor (see the licence that came with the file); not known to the tool.',
  attribution: null,
  attributionUrl: null,
};
