/** Country code → jurisdiction, with the decision behind it in words a compliance officer can quote. */
import type { LocalText } from '../findings/types';
import { JURISDICTION_TABLE, ORGANISATION_TABLE, TABLE_REVIEWED, type Jurisdiction, type JurisdictionEntry } from './jurisdiction-table';

export { EEA_EFTA_CONFIRMED_THROUGH, EEA_EFTA_STATES, eeaEftaStatus, JURISDICTION_TABLE, JURISDICTIONS, ORGANISATION_TABLE, TABLE_REVIEWED } from './jurisdiction-table';
export type { AdequacyDecision, CountryJurisdiction, EeaEftaStatus, Jurisdiction, JurisdictionEntry } from './jurisdiction-table';

/** What GDPR Chapter V asks for when data goes to a third country (and, by way of fallback, to an adequate-in-part one). */
export const TRANSFER_TOOLS =
  'GDPR Art. 46 safeguards — standard contractual clauses (Implementing Decision (EU) 2021/914) or binding corporate rules — with a transfer impact assessment (EDPB Recommendations 01/2020), or, for occasional transfers only, an Art. 49 derogation.';

/** TRANSFER_TOOLS in every pack language. */
export const TRANSFER_TOOLS_TEXT: LocalText = {
  en: TRANSFER_TOOLS,
  nb: 'garantier etter GDPR art. 46 — standard personvernbestemmelser (gjennomføringsbeslutning (EU) 2021/914) eller bindende virksomhetsregler — med en vurdering av overføringen (EDPB-anbefaling 01/2020), eller et unntak etter art. 49, men bare for enkeltstående overføringer.',
};

/** Norwegian names of the international organisations (their English names are in the table). */
const ORGANISATION_NAMES_NB: Record<string, string> = { EPO: 'Den europeiske patentorganisasjonen' };

let names: Intl.DisplayNames | null = null;
let namesNb: Intl.DisplayNames | null = null;

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

/** The name of a region code or organisation in every pack language (Norwegian from Node's ICU data). */
export function countryNames(code: string): LocalText {
  const en = countryName(code);
  const org = ORGANISATION_TABLE.get(code.toUpperCase());
  if (org) return { en, nb: ORGANISATION_NAMES_NB[org.code] ?? en };
  try {
    namesNb ??= new Intl.DisplayNames(['nb'], { type: 'region' });
    return { en, nb: namesNb.of(code) ?? en };
  } catch {
    return { en, nb: en };
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
  /** One sentence: the act and date behind the classification, or why it is unknown (English). */
  decision: string;
  /** The same sentence in every pack language (set wherever a finding may print it). */
  text?: LocalText;
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

/**
 * The decision sentence in every pack language. The table's own free-text fields (scope, condition,
 * court status) are English source summaries: the Norwegian sentence quotes them in «…».
 */
export function decisionTexts(e: JurisdictionEntry): LocalText {
  const en = decisionText(e);
  const name = countryNames(e.code).nb;
  const d = e.decision;
  const q = (x: string | undefined) => (x ? `«${x}»` : '');
  const status = d?.status ? ` Status: ${q(d.status)}` : '';
  const parent = e.parent ? countryNames(e.parent).nb : null;
  let nb: string;
  switch (e.jurisdiction) {
    case 'eea':
      nb = `${name} er i EØS: GDPR gjelder, og det er ingen overføring etter kapittel V.`;
      break;
    case 'eea-special':
      nb = `${name} er EU-territorium (særskilt område under ${parent ?? 'en medlemsstat'}): GDPR gjelder.`;
      break;
    case 'outside-eea-agreement':
      nb = `${name} er et område under ${parent ?? 'en EØS-stat'} som EØS-avtalen ikke omfatter (${e.outsideBasis ? q(e.outsideBasis) : 'se merknaden'}): ikke EØS-territorium etter GDPR, og uten beslutning om tilstrekkelig beskyttelsesnivå; en person avgjør hvordan en overføring dit er dekket.`;
      break;
    case 'adequate':
      nb = `${name}: beslutning om tilstrekkelig beskyttelsesnivå ${d!.act} av ${d!.adopted}${d!.renewed ? `, fornyet ${d!.renewed}` : ''}${d!.validUntil ? `, gyldig til ${d!.validUntil}` : ''} (GDPR art. 45). Omfang: ${q(d!.scope)}${status}`;
      break;
    case 'adequate-partial':
      nb = `${name}: tilstrekkelig beskyttelsesnivå bare delvis — ${d!.act} av ${d!.adopted}.${status} Vilkår: ${q(d!.condition ?? d!.scope)}`;
      break;
    case 'third-country':
      nb = `${name} er et tredjeland uten beslutning om tilstrekkelig beskyttelsesnivå: en overføring dit krever ${TRANSFER_TOOLS_TEXT.nb}`;
      break;
  }
  return { en, nb };
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
    const decision = 'No country: the address has no located country in the geolocation data (often anycast or a CDN).';
    return { country: null, countryName: null, jurisdiction: 'unknown', decision, text: { en: decision, nb: 'Intet land: adressen har ikke noe land i geolokasjonsdataene (ofte anycast eller et CDN).' } };
  }
  const entry = lookupRecipient(code);
  if (!entry) {
    return {
      country: code.toUpperCase(),
      countryName: countryName(code.toUpperCase()),
      jurisdiction: 'unknown',
      decision: `Country code ${code.toUpperCase()} is not in the jurisdiction table (reviewed ${TABLE_REVIEWED}); decide it by hand.`,
      text: {
        en: `Country code ${code.toUpperCase()} is not in the jurisdiction table (reviewed ${TABLE_REVIEWED}); decide it by hand.`,
        nb: `Landkoden ${code.toUpperCase()} finnes ikke i jurisdiksjonstabellen (gjennomgått ${TABLE_REVIEWED}); avgjør den manuelt.`,
      },
    };
  }
  return { country: entry.code, countryName: countryName(entry.code), jurisdiction: entry.jurisdiction, decision: decisionText(entry), text: decisionTexts(entry), detail: detailText(entry), entry };
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
