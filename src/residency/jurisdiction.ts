/** Country code → jurisdiction, with the decision behind it in words a compliance officer can quote. */
import { JURISDICTION_TABLE, ORGANISATION_TABLE, TABLE_REVIEWED, type Jurisdiction, type JurisdictionEntry } from './jurisdiction-table';

export { EEA_EFTA_CONFIRMED_THROUGH, EEA_EFTA_STATES, eeaEftaStatus, JURISDICTION_TABLE, JURISDICTIONS, ORGANISATION_TABLE, TABLE_REVIEWED } from './jurisdiction-table';
export type { AdequacyDecision, CountryJurisdiction, EeaEftaStatus, Jurisdiction, JurisdictionEntry } from './jurisdiction-table';

/** What GDPR Chapter V asks for when data goes to a third country (and, by way of fallback, to an adequate-in-part one). */
export const TRANSFER_TOOLS =
  'GDPR Art. 46 safeguards — standard contractual clauses (Implementing Decision (EU) 2021/914) or binding corporate rules — with a transfer impact assessment (EDPB Recommendations 01/2020), or, for occasional transfers only, an Art. 49 derogation.';

let names: Intl.DisplayNames | null = null;

/** English name of a region code (from the ICU data Node ships), an organisation's name, or the code itself. */
export function countryName(code: string): string {
  const org = ORGANISATION_TABLE.get(code.toUpperCase());
  if (org) return org.name ?? org.code;
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country or territory by ISO code. */
export function lookupCountry(code: string): JurisdictionEntry | undefined {
  return JURISDICTION_TABLE.get(code.toUpperCase());
}

/** An international organisation by id (`EPO`). */
export function lookupOrganisation(code: string): JurisdictionEntry | undefined {
  return ORGANISATION_TABLE.get(code.toUpperCase());
}

/** A country, territory or international organisation. */
export function lookupRecipient(code: string): JurisdictionEntry | undefined {
  return lookupCountry(code) ?? lookupOrganisation(code);
}

/** A classified location: the country (when known), its jurisdiction and the decision behind it. */
export interface JurisdictionVerdict {
  /** ISO code, upper case, or an international organisation's id (`EPO`, see entry.kind); null for internal, unlocated and disputed addresses. */
  country: string | null;
  countryName: string | null;
  jurisdiction: Jurisdiction;
  /** One sentence: the act and date behind the classification, or why it is unknown. */
  decision: string;
  /** The table's note on the entry and any open question, for readers who want the why. */
  detail?: string;
  entry?: JurisdictionEntry;
}

/** The one-sentence decision text for a table entry. */
export function decisionText(e: JurisdictionEntry): string {
  const name = countryName(e.code);
  const d = e.decision;
  const status = d?.status ? ` ${d.status}` : '';
  switch (e.jurisdiction) {
    case 'eea':
      return `${name} is in the EEA: the GDPR applies, no transfer under Chapter V.`;
    case 'eea-special':
      return `${name} is EU territory (special territory of ${e.parent ? countryName(e.parent) : 'a member state'}): the GDPR applies.`;
    case 'outside-eea-agreement':
      return `${name} is a territory of ${e.parent ? countryName(e.parent) : 'an EEA state'} outside the scope of the EEA Agreement (${e.outsideBasis ?? 'see the note'}): not EEA territory for the GDPR, and without an adequacy decision; a person decides how a transfer there is covered.`;
    case 'adequate':
      return `${name}: adequacy decision ${d!.act} of ${d!.adopted}${d!.renewed ? `, renewed ${d!.renewed}` : ''}${d!.validUntil ? `, valid until ${d!.validUntil}` : ''} (GDPR Art. 45). Scope: ${d!.scope}${status}`;
    case 'adequate-partial':
      return `${name}: adequacy in part only — ${d!.act} of ${d!.adopted}.${status} ${d!.condition ?? d!.scope}`;
    case 'third-country':
      return `${name} is a third country without an adequacy decision: a transfer needs ${TRANSFER_TOOLS}`;
  }
}

/** The entry's note plus its open question, if any. */
export function detailText(e: JurisdictionEntry): string {
  return `${e.note}${e.unverified ? ` Not confirmed: ${e.unverified}` : ''}`;
}

/**
 * Classify a country code (or an international organisation's id); an empty or missing code is
 * `unknown` (geolocation gave no country).
 */
export function classifyCountry(code: string | null | undefined): JurisdictionVerdict {
  if (!code) {
    return { country: null, countryName: null, jurisdiction: 'unknown', decision: 'No country: the address has no located country in the geolocation data (often anycast or a CDN).' };
  }
  const entry = lookupRecipient(code);
  if (!entry) {
    return {
      country: code.toUpperCase(),
      countryName: countryName(code.toUpperCase()),
      jurisdiction: 'unknown',
      decision: `Country code ${code.toUpperCase()} is not in the jurisdiction table (reviewed ${TABLE_REVIEWED}); decide it by hand.`,
    };
  }
  return { country: entry.code, countryName: countryName(entry.code), jurisdiction: entry.jurisdiction, decision: decisionText(entry), detail: detailText(entry), entry };
}

/**
 * How much a jurisdiction restricts transfers, for picking the worst of several addresses of one
 * name. The ones a person decides (adequate in part, outside the EEA Agreement, unknown, disputed)
 * rank between adequate and third-country: they cannot pass, but are not a known fail. Disputed ranks
 * above unknown: one of its sources may name a third country.
 */
export const JURISDICTION_RANK: Record<Jurisdiction, number> = {
  internal: 0,
  eea: 1,
  'eea-special': 2,
  adequate: 3,
  'adequate-partial': 4,
  'outside-eea-agreement': 5,
  unknown: 6,
  disputed: 7,
  'third-country': 8,
};

export function isCountryCode(text: string): boolean {
  return /^[A-Za-z]{2}$/.test(text);
}
