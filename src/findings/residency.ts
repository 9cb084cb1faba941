/**
 * The residency decisions of a run as recorded in findings.json (`residency`): the host's location,
 * one row per endpoint with its jurisdiction and the basis of that decision, and the Chapter V summary
 * in every pack language. Decided once, at evaluation; the pack only prints it.
 */
import type { LocalText, Outcome } from './types';

export type JurisdictionKey = 'eea' | 'eea-special' | 'adequate' | 'adequate-partial' | 'outside-eea-agreement' | 'third-country' | 'internal' | 'disputed' | 'unknown';
export const JURISDICTION_KEYS: readonly JurisdictionKey[] = ['eea', 'eea-special', 'adequate', 'adequate-partial', 'outside-eea-agreement', 'third-country', 'internal', 'disputed', 'unknown'];

export interface EndpointRecord {
  /** The endpoint id, also the finding target id. */
  id: string;
  /** As a reader writes it: `postgres://db.example.com:5432`. */
  display: string;
  kinds: string[];
  /** `container web: Env DATABASE_URL`, one per place found. */
  foundIn: string[];
  addresses: { ip: string; range: string; internal: boolean; country: string | null }[];
  resolution: { method: string; error: string | null };
  country: string | null;
  jurisdiction: JurisdictionKey;
  /** Where the location came from: declared, provider-region, host, geolocation, none. */
  basis: string;
  declared: boolean;
  provider: { name: string; parent: string | null; parentCountry: string | null } | null;
  providerRegion: { provider: string; region: string; country: string } | null;
  transferBasis: string | null;
  /** The decision text (English) behind the outcome. */
  decision: string;
  /** Outcome as decided, before waivers. */
  outcome: Exclude<Outcome, 'waived' | 'attested'>;
  /** Ids of the findings about this endpoint. */
  findings: string[];
}

export interface ResidencyRecord {
  host: { country: string | null; basis: string; detail: string };
  endpoints: EndpointRecord[];
  /** The plain-language GDPR Chapter V summary, one string per paragraph. */
  summary: { en: string[]; nb: string[] };
  /** Endpoints per jurisdiction, as the summary counts them (internal endpoints grouped as internal). */
  groups: { jurisdiction: JurisdictionKey; endpoints: string[]; countries: string[] }[];
  /**
   * Which residency config the decisions used: the audit config's, the one recorded with the evidence
   * at collection (file and hash), or the defaults; and whether the audit config's differs from the recorded one.
   */
  config: { source: 'audit-config' | 'collection' | 'default'; file: string | null; sha256: string | null; differsFromCollection: boolean };
  /** The geolocation sources as the evidence recorded them. */
  geolocation: unknown;
  resolver: { mode: string | null };
  /** Why the residency decisions could not be made from evidence that is present (malformed evidence). */
  error: LocalText | null;
}
