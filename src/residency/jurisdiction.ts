/** Country code → jurisdiction, with the decision behind it in words a compliance officer can quote. */
import { JURISDICTION_TABLE, TABLE_REVIEWED, type Jurisdiction, type JurisdictionEntry } from './jurisdiction-table';

export { JURISDICTION_TABLE, TABLE_REVIEWED, JURISDICTIONS } from './jurisdiction-table';
export type { AdequacyDecision, CountryJurisdiction, Jurisdiction, JurisdictionEntry } from './jurisdiction-table';

/** What GDPR Chapter V asks for when data goes to a third country (and, by way of fallback, to an adequate-in-part one). */
export const TRANSFER_TOOLS =
  'GDPR Art. 46 safeguards — standard contractual clauses (Implementing Decision (EU) 2021/914) or binding corporate rules — with a transfer impact assessment (EDPB Recommendations 01/2020), or, for occasional transfers only, an Art. 49 derogation.';

let names: Intl.DisplayNames | null = null;

/** English name of a region code (from the ICU data Node ships), or the code itself. */
export function countryName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function lookupCountry(code: string): JurisdictionEntry | undefined {
  return JURISDICTION_TABLE.get(code.toUpperCase());
}

/** A classified location: the country (when known), its jurisdiction and the decision behind it. */
export interface JurisdictionVerdict {
  /** ISO code, upper case; null for internal and unlocated addresses. */
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
  switch (e.jurisdiction) {
    case 'eea':
      return `${name} is in the EEA: the GDPR applies, no transfer under Chapter V.`;
    case 'eea-special':
      return e.withinEea === true
        ? `${name} is EU territory (special territory of ${e.parent ? countryName(e.parent) : 'a member state'}): the GDPR applies.`
        : `${name} is a special territory of ${e.parent ? countryName(e.parent) : 'an EEA state'} whose EEA status is not settled: ${e.note}`;
    case 'adequate':
      return `${name}: adequacy decision ${e.decision!.act} of ${e.decision!.adopted}${e.decision!.validUntil ? `, valid until ${e.decision!.validUntil}` : ''} (GDPR Art. 45). Scope: ${e.decision!.scope}`;
    case 'adequate-partial':
      return `${name}: adequacy in part only — ${e.decision!.act} of ${e.decision!.adopted}. ${e.decision!.condition ?? e.decision!.scope}`;
    case 'third-country':
      return `${name} is a third country without an adequacy decision: a transfer needs ${TRANSFER_TOOLS}`;
  }
}

/** The entry's note plus its open question, if any. */
export function detailText(e: JurisdictionEntry): string {
  return `${e.note}${e.unverified ? ` Not confirmed: ${e.unverified}` : ''}`;
}

/** Classify a country code; an empty or missing code is `unknown` (geolocation gave no country). */
export function classifyCountry(code: string | null | undefined): JurisdictionVerdict {
  if (!code) {
    return { country: null, countryName: null, jurisdiction: 'unknown', decision: 'No country: the address has no located country in the geolocation data (often anycast or a CDN).' };
  }
  const entry = lookupCountry(code);
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
 * name. unknown ranks between adequate-partial and third-country: it cannot pass, but is not a known fail.
 */
export const JURISDICTION_RANK: Record<Jurisdiction, number> = {
  internal: 0,
  eea: 1,
  'eea-special': 2,
  adequate: 3,
  'adequate-partial': 4,
  unknown: 5,
  'third-country': 6,
};

export function isCountryCode(text: string): boolean {
  return /^[A-Za-z]{2}$/.test(text);
}
