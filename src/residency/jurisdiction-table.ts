/**
 * The project's jurisdiction table: every country code the geolocation data can return, mapped to
 * its status for GDPR Chapter V transfers from the EEA, with the decision behind it, its sources and
 * the date it was last reviewed. Facts come from public sources (cited per entry, see sources.ts),
 * compiled 2026-11-23 and reviewed again 2026-12-01 for the entries dated so; the wording is ours.
 * Not legal advice.
 *
 * To update: change the entry, its sources and `lastReviewed`, bump TABLE_REVIEWED, and run the
 * residency tests (they pin every EEA member, adequacy country and special territory).
 */
import type { SourceKey } from './sources';

/**
 * Jurisdictions a country code (or an international organisation) can map to. `eea-special`: EU
 * territory with a code of its own (Åland, the outermost regions). `outside-eea-agreement`: territory of
 * an EEA state that the EEA Agreement does not cover (Svalbard and Jan Mayen), needing a person.
 */
export type CountryJurisdiction = 'eea' | 'eea-special' | 'adequate' | 'adequate-partial' | 'outside-eea-agreement' | 'third-country';

/**
 * Everything an endpoint can be classified as. `internal`, `unknown` and `disputed` (the geolocation
 * sources name different countries) are for addresses, never for a code.
 */
export type Jurisdiction = CountryJurisdiction | 'internal' | 'unknown' | 'disputed';

export const JURISDICTIONS: readonly Jurisdiction[] = ['eea', 'eea-special', 'adequate', 'adequate-partial', 'outside-eea-agreement', 'third-country', 'internal', 'unknown', 'disputed'];

/** An adequacy decision under GDPR Art. 45 (or a pre-GDPR decision kept by Art. 45(9)). */
export interface AdequacyDecision {
  /** The act, e.g. `Commission Decision 2010/625/EU`. */
  act: string;
  /** Date the Commission adopted it (ISO date). */
  adopted: string;
  /** What the decision covers. */
  scope: string;
  /** For a partial decision: what the exporter must verify about the recipient before relying on it. */
  condition?: string;
  /** Expiry date when the decision has a sunset clause (ISO date). */
  validUntil?: string;
  /** Date of the latest renewal, when the decision was renewed (ISO date); the renewal is what applies now. */
  renewed?: string;
  /** Court challenges and their state, with dates, as one or two sentences quoted in the decision text. */
  status?: string;
  /**
   * What the sources say about the decision in the EEA Agreement (for exporters in Iceland,
   * Liechtenstein and Norway it applies once an EEA Joint Committee Decision incorporates it). Whether
   * an EEA EFTA exporter may rely on it is decided by one rule for every decision: see eeaEftaStatus().
   */
  eeaEfta?: { note: string; incorporatedBy?: string };
}

/**
 * The newest adequacy decision the sources show applying to exporters in Iceland, Liechtenstein and
 * Norway: the EU–US DPF of 10 Jul 2023, which Datatilsynet applied from that day. Every decision
 * adopted or renewed after it (Brazil 2026, the 2025 UK renewal, the EPO) has no confirmed EEA
 * incorporation unless its entry names the Joint Committee Decision (`eeaEfta.incorporatedBy`).
 */
export const EEA_EFTA_CONFIRMED_THROUGH = '2023-07-10';

/** The EEA EFTA states: exporters there rely on a decision only once the EEA Agreement incorporates it. */
export const EEA_EFTA_STATES: readonly string[] = ['IS', 'LI', 'NO'];

export interface EeaEftaStatus {
  /** `applies`: adopted by the confirmed date, or incorporation confirmed; `not-confirmed`: a person checks. */
  status: 'applies' | 'not-confirmed';
  /** The date that counts: the latest renewal, else the adoption. */
  date: string;
  /** The incorporation status, with dates, as a clause that follows a colon (lower-case start). */
  text: string;
  /** The same clause in bokmål (the table's English notes quoted in «…»). */
  textNb: string;
}

/** The one rule for EEA EFTA exporters, for every adequacy decision. */
export function eeaEftaStatus(d: AdequacyDecision): EeaEftaStatus {
  const date = d.renewed ?? d.adopted;
  const what = d.renewed ? `the renewal of ${d.renewed} of ${d.act}` : `${d.act} of ${d.adopted}`;
  const whatNb = d.renewed ? `fornyelsen av ${d.act} fra ${d.renewed}` : `${d.act} av ${d.adopted}`;
  const note = d.eeaEfta?.note ? ` ${d.eeaEfta.note}` : '';
  const noteNb = d.eeaEfta?.note ? ` «${d.eeaEfta.note}»` : '';
  if (d.eeaEfta?.incorporatedBy) {
    return { status: 'applies', date, text: `incorporated into the EEA Agreement by ${d.eeaEfta.incorporatedBy}.${note}`, textNb: `innlemmet i EØS-avtalen ved ${d.eeaEfta.incorporatedBy}.${noteNb}` };
  }
  if (date <= EEA_EFTA_CONFIRMED_THROUGH) {
    return { status: 'applies', date, text: `adopted by ${EEA_EFTA_CONFIRMED_THROUGH}, so it applies in the EEA EFTA states.${note}`, textNb: `vedtatt senest ${EEA_EFTA_CONFIRMED_THROUGH}, så den gjelder i EØS/EFTA-statene.${noteNb}` };
  }
  return {
    status: 'not-confirmed',
    date,
    text: `for ${what} this was not confirmed as of ${TABLE_REVIEWED} (it is later than ${EEA_EFTA_CONFIRMED_THROUGH}, the last decision confirmed to apply in the EEA EFTA states).${note}`,
    textNb: `for ${whatNb} var dette ikke bekreftet per ${TABLE_REVIEWED} (den er nyere enn ${EEA_EFTA_CONFIRMED_THROUGH}, den siste beslutningen som er bekreftet å gjelde i EØS/EFTA-statene).${noteNb}`,
  };
}

export interface JurisdictionEntry {
  /** ISO 3166-1 alpha-2 code as geolocation databases return it (plus MaxMind's `XK`), or an organisation's id (`EPO`). */
  code: string;
  /** `international-organisation` for a recipient that is not a place (the EPO); absent for countries and territories. */
  kind?: 'international-organisation';
  /** Display name where the code has no ISO region name (organisations). */
  name?: string;
  jurisdiction: CountryJurisdiction;
  /** Whether the GDPR applies there as EEA law: true for members, the EU's outermost regions and Åland. */
  withinEea: boolean;
  /** For `outside-eea-agreement`: the provision that puts the territory outside the EEA Agreement. */
  outsideBasis?: string;
  /** The state the territory belongs to or depends on, when it has its own code. */
  parent?: string;
  decision?: AdequacyDecision;
  /** Why the entry is what it is, in one or two sentences. */
  note: string;
  sources: SourceKey[];
  /** ISO date this entry was last checked against its sources. */
  lastReviewed: string;
  /** A fact the entry rests on that the sources did not confirm; the pack shows it and asks for review. */
  unverified?: string;
}

/** Date the table as a whole was last reviewed; printed on the pack. */
export const TABLE_REVIEWED = '2026-12-01';
/** The first compilation; entries not touched on TABLE_REVIEWED keep this date. */
const COMPILED = '2026-11-23';
/** Entries re-checked on TABLE_REVIEWED (EEA EFTA incorporation rule, DPF litigation, Svalbard, EPO). */
const REVIEWED_AGAIN = new Set(['BR', 'GB', 'US', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI', 'SJ', 'EPO']);

// ---- EEA ----------------------------------------------------------------------------------------

const EU_MEMBERS = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EFTA_EEA = 'IS LI NO'.split(' ');

const EU_NOTES: Record<string, string> = {
  CY: 'EU member state. The acquis is suspended in the areas not under the government’s effective control; geolocation cannot tell them apart.',
  DK: 'EU member state. The Faroe Islands (FO) and Greenland (GL) are outside the EU and EEA and have codes of their own.',
  ES: 'EU member state; the Canary Islands, Ceuta and Melilla are EU territory and geolocate as ES.',
  FI: 'EU member state; Åland (AX) is EU territory with a code of its own.',
  FR: 'EU member state. The outermost regions (GF, GP, MQ, RE, YT, MF) are EU territory; the overseas countries and territories (BL, PM, PF, NC, WF, TF) are not.',
  GR: 'EU member state (ISO code GR; the EU’s own abbreviation EL is never returned by geolocation).',
  NL: 'EU member state. Aruba, Curaçao, Sint Maarten and the Caribbean Netherlands (AW, CW, SX, BQ) are outside the EU.',
  PT: 'EU member state; the Azores and Madeira are EU territory and geolocate as PT.',
};

const EFTA_NOTES: Record<string, string> = {
  IS: 'EEA EFTA state: the GDPR applies through the EEA Agreement (JCD 154/2018, in force 20 Jul 2018). Geolocation data flags it as non-EU, which is not the test.',
  LI: 'EEA EFTA state: the GDPR applies through the EEA Agreement (JCD 154/2018, in force 20 Jul 2018). Geolocation data flags it as non-EU, which is not the test.',
  NO: 'EEA EFTA state: the GDPR applies through the EEA Agreement (JCD 154/2018) and is Norwegian law by the personopplysningsloven (Act 15 Jun 2018 no. 38); supervisory authority Datatilsynet. Svalbard and Jan Mayen have their own code (SJ).',
};

// ---- Special territories ------------------------------------------------------------------------

const OUTERMOST: Record<string, string> = { GF: 'French Guiana', GP: 'Guadeloupe', MQ: 'Martinique', RE: 'Réunion', YT: 'Mayotte', MF: 'Saint-Martin' };

// ---- Adequacy decisions -------------------------------------------------------------------------

const DPF_CONDITION =
  'Check that the recipient is an active participant on the Data Privacy Framework List (dataprivacyframework.gov) for the kind of data sent (HR or non-HR); otherwise use SCCs (EU) 2021/914 with a transfer impact assessment.';
const DPF_NOTE =
  'After Trump v. Slaughter (US Supreme Court, 29 Jun 2026) the FTC-independence pillar is contested: keep SCCs and a documented TIA ready as a fallback. An EEA region of a US-parented provider stays within US legal reach (CLOUD Act, FISA 702).';
const DPF_DECISION: AdequacyDecision = {
  act: 'Commission Implementing Decision (EU) 2023/1795 (EU–US Data Privacy Framework)',
  adopted: '2023-07-10',
  scope: 'Only US organisations self-certified on the DPF List, for the data category they certified.',
  condition: DPF_CONDITION,
  status:
    'The General Court dismissed the annulment action T-553/23 Latombe v Commission on 3 Sep 2025 (ECLI:EU:T:2025:831); the appeal C-703/25 P, lodged on 31 Oct 2025, is pending before the Court of Justice.',
  eeaEfta: { note: 'Datatilsynet applied the DPF in Norway from 10 Jul 2023.' },
};

const ADEQUACY: Record<string, Omit<JurisdictionEntry, 'code' | 'lastReviewed' | 'withinEea'>> = {
  AD: {
    jurisdiction: 'adequate',
    decision: { act: 'Commission Decision 2010/625/EU', adopted: '2010-10-19', scope: 'Full: processing under Andorran data protection law.' },
    note: 'Pre-GDPR decision kept in force by Art. 45(9) GDPR; maintained by the 2024 review.',
    sources: ['eurlex-2016-2295', 'com-2024-7', 'commission-adequacy'],
  },
  AR: {
    jurisdiction: 'adequate',
    decision: { act: 'Commission Decision 2003/490/EC', adopted: '2003-06-30', scope: 'Full: Personal Data Protection Act 25.326.' },
    note: 'Pre-GDPR decision maintained by the 2024 review.',
    sources: ['eurlex-ar', 'com-2024-7'],
  },
  BR: {
    jurisdiction: 'adequate',
    decision: {
      act: 'Commission Implementing Decision (EU) 2026/179',
      adopted: '2026-01-26',
      scope: 'Controllers and processors in Brazil subject to the LGPD (mutual decision; Brazil recognised the EU by ANPD Resolution CD/ANPD 32/2026).',
      eeaEfta: { note: 'The EEA/EFTA draft Joint Committee Decision was sent to the Commission on 6 May 2026; its adoption was not confirmed.' },
    },
    note: 'First review after four years. Its incorporation into the EEA Agreement is not confirmed (a draft Joint Committee Decision was sent on 6 May 2026), which matters for exporters in Iceland, Liechtenstein and Norway.',
    sources: ['europalov-br', 'kennedys-br', 'commission-adequacy', 'hsf-eea-jcd'],
  },
  CA: {
    jurisdiction: 'adequate-partial',
    decision: {
      act: 'Commission Decision 2002/2/EC',
      adopted: '2001-12-20',
      scope: 'Only recipients subject to PIPEDA: private-sector organisations in the course of commercial activities.',
      condition: 'Check that the recipient is a commercial organisation subject to PIPEDA (not a federal or provincial public body, not an activity outside PIPEDA); otherwise use SCCs (EU) 2021/914 with a transfer impact assessment.',
    },
    note: 'Pre-GDPR decision maintained by the 2024 review; commercial organisations only.',
    sources: ['eurlex-ca', 'com-2024-7'],
  },
  CH: {
    jurisdiction: 'adequate',
    decision: { act: 'Commission Decision 2000/518/EC', adopted: '2000-07-26', scope: 'Full: Swiss Federal Act on Data Protection.' },
    note: 'Switzerland is in EFTA but not in the EEA, so it relies on an adequacy decision; maintained by the 2024 review.',
    sources: ['eurlex-2016-2295', 'com-2024-7'],
    unverified: 'Adoption date 26 Jul 2000 not re-checked against the Official Journal.',
  },
  FO: {
    jurisdiction: 'adequate',
    parent: 'DK',
    decision: {
      act: 'Commission Decision 2010/146/EU',
      adopted: '2010-03-05',
      scope: 'Processing under the Faroese data protection act; Danish Realm authorities operating in the Faroes (e.g. the police) are not covered.',
    },
    note: 'Outside the EU (TFEU 355(5)(a)) and the EEA: a third country with an adequacy decision, not part of Denmark for this purpose.',
    sources: ['dk-dpa-realm', 'eurlex-2016-2295', 'com-2024-7'],
  },
  GB: {
    jurisdiction: 'adequate',
    decision: {
      act: 'Commission Implementing Decisions (EU) 2021/1772 (GDPR) and 2021/1773 (LED)',
      adopted: '2021-06-28',
      renewed: '2025-12-19',
      scope: 'The United Kingdom only (not Gibraltar, the Crown Dependencies or the Overseas Territories). The renewal removed the immigration-control exclusion.',
      validUntil: '2031-12-27',
      eeaEfta: { note: 'The 2021 decisions ran until 27 Dec 2025; what applies since is the renewal.' },
    },
    note: 'Renewed on 19 Dec 2025 until 27 Dec 2031; the 2021 decisions had been extended to 27 Dec 2025.',
    sources: ['dpocentre-uk', 'uea-uk', 'mondaq-uk', 'legal-skills-transfers'],
    unverified: 'The reference numbers of the 2025 renewal acts were not confirmed from a primary source.',
  },
  GG: {
    jurisdiction: 'adequate',
    parent: 'GB',
    decision: { act: 'Commission Decision 2003/821/EC', adopted: '2003-11-21', scope: 'Full: the Bailiwick of Guernsey.' },
    note: 'Crown Dependency, never part of the EU, with its own decision; maintained by the 2024 review.',
    sources: ['eurlex-2016-2295', 'com-2024-7'],
  },
  IL: {
    jurisdiction: 'adequate',
    decision: {
      act: 'Commission Decision 2011/61/EU',
      adopted: '2011-01-31',
      scope: 'Automated international transfers (and manual data processed further by automated means); Israel as defined under international law, without prejudice to the Golan Heights, Gaza, and the West Bank including East Jerusalem.',
    },
    note: 'Traffic from a Docker host is automated processing, so normally within scope; mind the territorial caveat. Maintained by the 2024 review.',
    sources: ['eurlex-il', 'com-2024-7'],
  },
  IM: {
    jurisdiction: 'adequate',
    parent: 'GB',
    decision: { act: 'Commission Decision 2004/411/EC', adopted: '2004-04-28', scope: 'Full: the Isle of Man.' },
    note: 'Crown Dependency with its own decision; maintained by the 2024 review.',
    sources: ['eurlex-2016-2295', 'com-2024-7'],
  },
  JE: {
    jurisdiction: 'adequate',
    parent: 'GB',
    decision: { act: 'Commission Decision 2008/393/EC', adopted: '2008-05-08', scope: 'Full: the Bailiwick of Jersey.' },
    note: 'Crown Dependency with its own decision, incorporated into the EEA Agreement on 24 Apr 2009; maintained by the 2024 review.',
    sources: ['europalov-je', 'com-2024-7'],
  },
  JP: {
    jurisdiction: 'adequate-partial',
    decision: {
      act: 'Commission Implementing Decision (EU) 2019/419',
      adopted: '2019-01-23',
      scope: 'Only personal information handling business operators subject to the APPI as complemented by the PPC Supplementary Rules; not the public sector.',
      condition: 'Check that the recipient is a business operator subject to the APPI and applies the Supplementary Rules; public bodies are not covered.',
    },
    note: 'Mutual arrangement; first review COM(2023) 275 (3 Apr 2023) was positive.',
    sources: ['com-2023-275', 'commission-adequacy'],
  },
  KR: {
    jurisdiction: 'adequate',
    decision: {
      act: 'Commission Implementing Decision (EU) 2022/254',
      adopted: '2021-12-17',
      scope: 'Controllers subject to PIPA, public and private. Excluded: credit information processed by entities supervised by the Financial Services Commission; religious organisations and political parties for their core processing.',
    },
    note: 'Covers public authorities too; mind the listed exclusions.',
    sources: ['kr-2022-254', 'cnpd-kr'],
    unverified: 'A first periodic review concluded in Jul 2026 is reported by one secondary source only.',
  },
  NZ: {
    jurisdiction: 'adequate',
    decision: { act: 'Commission Implementing Decision 2013/65/EU', adopted: '2012-12-19', scope: 'Full: the New Zealand Privacy Act.' },
    note: 'Tokelau, the Cook Islands and Niue have codes of their own and are not treated as covered.',
    sources: ['eurlex-nz', 'com-2024-7'],
  },
  US: {
    jurisdiction: 'adequate-partial',
    decision: DPF_DECISION,
    note: DPF_NOTE,
    sources: ['oj-c-2025-6610', 'streamlex-latombe', 'activemind-dpf', 'datatilsynet-dpf', 'commission-adequacy', 'legal-skills-transfers'],
    unverified: 'The pending appeal C-703/25 P and the absence of a Commission suspension or repeal were confirmed up to Aug 2026 only; later developments were not checked.',
  },
  UY: {
    jurisdiction: 'adequate',
    decision: { act: 'Commission Implementing Decision 2012/484/EU', adopted: '2012-08-21', scope: 'Full: Uruguayan data protection law.' },
    note: 'Pre-GDPR decision maintained by the 2024 review.',
    sources: ['eurlex-2016-2295', 'com-2024-7'],
  },
};

/** US territories with their own codes: the DPF covers US organisations, but whether it reaches processing located there was not verified. */
const US_TERRITORIES: Record<string, string> = { AS: 'American Samoa', GU: 'Guam', MP: 'Northern Mariana Islands', PR: 'Puerto Rico', UM: 'U.S. Outlying Islands', VI: 'U.S. Virgin Islands' };

// ---- Third countries ----------------------------------------------------------------------------

const THIRD_COUNTRY_NOTE = 'No EU adequacy decision: a transfer needs an Art. 46 safeguard (SCCs (EU) 2021/914 or BCRs) with a transfer impact assessment, or an Art. 49 derogation.';

/** Third-country entries that need more than the default note. */
const THIRD_COUNTRY_SPECIAL: Record<string, Pick<JurisdictionEntry, 'note' | 'sources'> & { parent?: string; unverified?: string }> = {
  GI: {
    parent: 'GB',
    note: 'Left the EU with the UK and applies its own “Gibraltar GDPR”, but the EU–UK adequacy decision does not cover it and it has no decision of its own: a third country.',
    sources: ['gi-notice', 'gra-gi'],
    unverified: 'A planned EU–UK treaty on Gibraltar foresaw data-protection alignment; its status was not confirmed.',
  },
  GL: {
    parent: 'DK',
    note: 'Part of the Danish Realm but outside the EU (an overseas country and territory) and the EEA, with its own data protection act and no adequacy decision: a third country, unlike Denmark.',
    sources: ['dk-dpa-realm', 'iuno-gl'],
  },
  BV: {
    parent: 'NO',
    note: 'Uninhabited Norwegian dependency, not part of the Kingdom for EEA purposes as far as the sources show: treated as a third country.',
    sources: ['meld-st-32', 'commission-adequacy'],
    unverified: 'EEA status of Bouvet Island was not confirmed from a primary source.',
  },
  MC: { note: 'European micro-state outside the EU and EEA with no EU adequacy decision (Switzerland’s own list of adequate states is irrelevant for EEA exporters).', sources: ['commission-adequacy', 'legal-skills-transfers'] },
  SM: { note: 'European micro-state outside the EU and EEA with no EU adequacy decision.', sources: ['commission-adequacy', 'legal-skills-transfers'] },
  VA: { note: 'Vatican City State: outside the EU and EEA with no EU adequacy decision.', sources: ['commission-adequacy', 'legal-skills-transfers'] },
  XK: { note: 'Kosovo (MaxMind’s user-assigned code XK): no EU adequacy decision.', sources: ['maxmind-xk', 'commission-adequacy'] },
  HK: { parent: 'CN', note: 'Special Administrative Region of China; no EU adequacy decision.', sources: ['commission-adequacy'] },
  MO: { parent: 'CN', note: 'Special Administrative Region of China; no EU adequacy decision.', sources: ['commission-adequacy'] },
};

const UK_OVERSEAS = 'AI BM FK GS IO KY MS PN SH TC VG'.split(' ');
const FRENCH_OCT = 'BL NC PF PM TF WF'.split(' ');
const DUTCH_OCT = 'AW BQ CW SX'.split(' ');
const NZ_REALM = 'CK NU TK'.split(' ');
const AU_EXTERNAL = 'CC CX HM NF'.split(' ');

/** Every other code the geolocation data returns: no adequacy decision, no EEA membership. */
const THIRD_COUNTRIES = (
  'AE AF AG AL AM AO AQ AU AZ BA BB BD BF BH BI BJ BN BO BS BT BW BY BZ CD CF CG CI CL CM CN CO CR CU CV ' +
  'DJ DM DO DZ EC EG EH ER ET FJ FM GA GD GE GH GM GN GQ GT GW GY HN HT ID IN IQ IR JM JO KE KG KH KI KM KN KP ' +
  'KW KZ LA LB LC LK LR LS LY MA MD ME MG MH MK ML MM MN MR MU MV MW MX MY MZ NA NE NG NI NP NR OM PA PE PG PH PK ' +
  'PS PW PY QA RS RU RW SA SB SC SD SG SL SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG UZ ' +
  'VC VE VN VU WS YE ZA ZM ZW'
).split(' ');

// ---- Assembly -----------------------------------------------------------------------------------

function build(): Map<string, JurisdictionEntry> {
  const table = new Map<string, JurisdictionEntry>();
  const add = (e: Omit<JurisdictionEntry, 'lastReviewed'>) => {
    if (table.has(e.code)) throw new Error(`jurisdiction table: ${e.code} defined twice`);
    table.set(e.code, { ...e, lastReviewed: REVIEWED_AGAIN.has(e.code) ? TABLE_REVIEWED : COMPILED });
  };
  for (const code of EU_MEMBERS) {
    add({ code, jurisdiction: 'eea', withinEea: true, note: EU_NOTES[code] ?? 'EU member state: the GDPR applies directly.', sources: ['commission-adequacy', 'tfeu-355'] });
  }
  for (const code of EFTA_EEA) add({ code, jurisdiction: 'eea', withinEea: true, note: EFTA_NOTES[code], sources: ['efta-gdpr-eea', 'prop-56-ls'] });

  add({
    code: 'AX',
    jurisdiction: 'eea-special',
    withinEea: true,
    parent: 'FI',
    note: 'Åland is EU territory (TFEU 355(4) and Protocol 2 to the 1994 Act of Accession): the GDPR applies, with Åland’s own supervisory authority for its public bodies.',
    sources: ['tfeu-355', 'asub-ax'],
  });
  for (const [code, name] of Object.entries(OUTERMOST)) {
    add({
      code,
      jurisdiction: 'eea-special',
      withinEea: true,
      parent: 'FR',
      note: `${name} is an EU outermost region (TFEU 349 and 355(1)): EU law, the GDPR included, applies as in mainland France.`,
      sources: ['eurlex-outermost', 'tfeu-355'],
    });
  }
  add({
    code: 'SJ',
    jurisdiction: 'outside-eea-agreement',
    withinEea: false,
    parent: 'NO',
    outsideBasis: 'Protocol 40 to the EEA Agreement, on Svalbard',
    note: 'Norway extended its earlier Personal Data Act to Svalbard and Jan Mayen by regulation, but the EEA Agreement does not apply on Svalbard, so it is not the same as Norway. Jan Mayen shares the code SJ.',
    sources: ['eea-protocol-40', 'meld-st-32', 'prop-56-ls'],
    unverified: 'Whether the 2018 personopplysningsloven applies on Svalbard and Jan Mayen, and Jan Mayen’s EEA status, were not confirmed.',
  });

  for (const [code, e] of Object.entries(ADEQUACY)) add({ code, withinEea: false, ...e });
  for (const [code, name] of Object.entries(US_TERRITORIES)) {
    add({
      code,
      jurisdiction: 'adequate-partial',
      withinEea: false,
      parent: 'US',
      decision: { ...DPF_DECISION, condition: `${DPF_CONDITION} Whether the DPF reaches processing located in ${name} was not confirmed.` },
      note: `${name} is a US territory with its own code; the DPF covers certified US organisations.`,
      sources: ['oj-c-2025-6610', 'commission-adequacy'],
      unverified: `Coverage by the DPF of processing located in ${name} was not confirmed.`,
    });
  }

  for (const [code, e] of Object.entries(THIRD_COUNTRY_SPECIAL)) add({ code, jurisdiction: 'third-country', withinEea: false, ...e });
  for (const code of UK_OVERSEAS) {
    add({ code, jurisdiction: 'third-country', withinEea: false, parent: 'GB', note: 'British Overseas Territory: outside the EU and EEA and not covered by the EU–UK adequacy decision.', sources: ['tfeu-355', 'dpocentre-uk'] });
  }
  for (const code of FRENCH_OCT) {
    add({ code, jurisdiction: 'third-country', withinEea: false, parent: 'FR', note: 'French overseas country or territory: outside the EU and EEA (unlike the outermost regions), no adequacy decision.', sources: ['tfeu-355', 'eurlex-outermost'] });
  }
  for (const code of DUTCH_OCT) {
    add({ code, jurisdiction: 'third-country', withinEea: false, parent: 'NL', note: 'Dutch overseas country or territory: outside the EU and EEA, no adequacy decision.', sources: ['tfeu-355'] });
  }
  for (const code of NZ_REALM) {
    add({
      code,
      jurisdiction: 'third-country',
      withinEea: false,
      parent: 'NZ',
      note: 'In the Realm of New Zealand but with its own code; not treated as covered by the New Zealand decision.',
      sources: ['eurlex-nz'],
      unverified: 'Whether decision 2013/65/EU reaches this territory was not confirmed.',
    });
  }
  for (const code of AU_EXTERNAL) {
    add({ code, jurisdiction: 'third-country', withinEea: false, parent: 'AU', note: 'Australian external territory; Australia has no EU adequacy decision.', sources: ['commission-adequacy'] });
  }
  for (const code of THIRD_COUNTRIES) add({ code, jurisdiction: 'third-country', withinEea: false, note: THIRD_COUNTRY_NOTE, sources: ['commission-adequacy', 'legal-skills-transfers'] });
  return table;
}

/** The table, keyed by upper-case code. */
export const JURISDICTION_TABLE: ReadonlyMap<string, JurisdictionEntry> = build();

// ---- International organisations ----------------------------------------------------------------

/**
 * Recipients that are international organisations (GDPR Art. 44 covers transfers to them as to third
 * countries). Declared in the residency config as `endpoints[].recipient`, asked with `where EPO`.
 */
export const ORGANISATION_TABLE: ReadonlyMap<string, JurisdictionEntry> = new Map([
  [
    'EPO',
    {
      code: 'EPO',
      kind: 'international-organisation',
      name: 'European Patent Organisation',
      jurisdiction: 'adequate',
      withinEea: false,
      decision: {
        act: 'Commission Implementing Decision (EU) 2025/1382 (C(2025) 4626)',
        adopted: '2025-07-15',
        scope: 'Transfers to the European Patent Organisation (the European Patent Office and its organs) under its own data protection framework; the first adequacy decision for an international organisation.',
        eeaEfta: { note: 'No EEA Joint Committee Decision incorporating (EU) 2025/1382 was found.' },
      },
      note: 'An international organisation, not a country: a transfer to it is a Chapter V transfer wherever its offices are (GDPR Art. 44), covered by this decision. Subject to periodic review by the Commission together with the EPO.',
      sources: ['eurlex-epo', 'epo-adequacy', 'agence-europe-epo'],
      lastReviewed: TABLE_REVIEWED,
    },
  ],
]);
