/**
 * Public sources behind the jurisdiction table. Each table entry cites keys of this map, so the pack
 * can print where every classification comes from. Secondary sources are marked as such.
 */

export interface Source {
  title: string;
  url: string;
  /** true when the source reports on a primary text rather than being it (a law firm note, a blog). */
  secondary?: boolean;
}

export const SOURCES = {
  'tfeu-355': {
    title: 'Treaty on the Functioning of the European Union, Art. 349 and 355 (territorial scope)',
    url: 'https://www.parlementairemonitor.nl/9353000/1/j9tvgajcor7dxyk_j9vvij5epmj1ey0/vibzn43z6jzg',
  },
  'eurlex-outermost': {
    title: 'EUR-Lex summary: the EU outermost regions',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM:outermost_regions',
  },
  'efta-gdpr-eea': {
    title: 'EFTA: GDPR incorporated into the EEA Agreement (Joint Committee Decision 154/2018)',
    url: 'https://www.efta.int/EEA/news/General-Data-Protection-Regulation-incorporated-EEA-Agreement-509291',
  },
  'prop-56-ls': {
    title: 'Prop. 56 LS (2017–2018), Norwegian bill on the personopplysningsloven, ch. 5 (geographic scope)',
    url: 'https://www.regjeringen.no/no/dokumenter/prop.-56-ls-20172018/id2594627/?ch=5',
  },
  'commission-adequacy': {
    title: 'European Commission: adequacy decisions',
    url: 'https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en',
  },
  'eurlex-2016-2295': {
    title: 'Commission Implementing Decision (EU) 2016/2295 (amends the eleven pre-GDPR adequacy decisions)',
    url: 'http://eur-lex.europa.eu/eli/dec_impl/2016/2295/oj',
  },
  'com-2024-7': {
    title: 'COM(2024) 7 final: first review of the eleven pre-GDPR adequacy decisions (15 Jan 2024)',
    url: 'http://eur-lex.europa.eu/legal-content/DA/HIS/?uri=COM:2024:0007:FIN',
  },
  'eurlex-ar': {
    title: 'Commission Decision 2003/490/EC (Argentina), consolidated',
    url: 'https://eur-lex.europa.eu/legal-content/FR/ALL/?uri=CELEX%3A02003D0490-20161217',
  },
  'eurlex-ca': {
    title: 'Commission Decision 2002/2/EC (Canada, PIPEDA)',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32002D0002',
  },
  'eurlex-il': {
    title: 'Commission Decision 2011/61/EU (Israel), consolidated',
    url: 'http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=CELEX%3A02011D0061-20161217%3Aen%3ANOT',
  },
  'eurlex-nz': {
    title: 'Commission Implementing Decision 2013/65/EU (New Zealand), OJ L 28, 30.1.2013',
    url: 'https://eur-lex.europa.eu/legal-content/GA/TXT/?uri=CELLAR%3Ac59c9675-6a69-11e2-9294-01aa75ed71a1',
  },
  'com-2023-275': {
    title: 'COM(2023) 275: first review of the Japan adequacy decision (EU) 2019/419',
    url: 'https://commission.europa.eu/document/download/c2b3071f-b4fb-4bca-8575-d314bb49f195_en?prefLang=ro',
  },
  'kr-2022-254': {
    title: 'Commission Implementing Decision (EU) 2022/254 (Republic of Korea)',
    url: 'https://lexaris.de/de/library/tableofcontents/2056829',
  },
  'cnpd-kr': {
    title: 'CNPD Luxembourg: adequacy decision for South Korea (scope exclusions)',
    url: 'https://cnpd.public.lu/en/actualites/international/2021/12/adequacy-south-korea.html',
  },
  'europalov-br': {
    title: 'europalov.no: Commission Implementing Decision (EU) 2026/179 (Brazil) and its EEA status',
    url: 'https://europalov.no/rettsakt/beskyttelse-av-personopplysninger-ved-datautveksling-med-brasil/id-34841',
  },
  'kennedys-br': {
    title: 'Kennedys: EU–Brazil adequacy decisions (27 Jan 2026)',
    url: 'https://www.kennedyslaw.com/en/thought-leadership/article/2026/eu-brazil-adequacy-decisions-practical-implications-for-international-data-transfers',
    secondary: true,
  },
  'europalov-je': {
    title: 'europalov.no: Commission Decision 2008/393/EC (Jersey) and EEA Joint Committee Decision of 24 Apr 2009',
    url: 'https://europalov.no/rettsakt/beskyttelse-av-personopplysninger-pa-jersey-lagring-av-persondata/id-1193',
  },
  'dpocentre-uk': {
    title: 'DPO Centre: EU renews the UK adequacy decisions until 27 Dec 2031',
    url: 'https://www.dpocentre.com/news/eu-renews-uk-personal-data-adequacy-decisions',
    secondary: true,
  },
  'uea-uk': {
    title: 'UEA Law School blog: EU–UK adequacy decisions renewed (immigration exemption removed)',
    url: 'https://www.uea.ac.uk/about/law-school/research/research-blog/eu-uk-data-adequacy-decisions-renewed:-stability-in-data-flows-by-dr-karen-mc-cullagh',
    secondary: true,
  },
  'oj-c-2025-6610': {
    title: 'OJ C/2025/6610: appeal C-703/25 P against T-553/23 Latombe (EU–US Data Privacy Framework, (EU) 2023/1795)',
    url: 'https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng',
  },
  'activemind-dpf': {
    title: 'activeMind: the DPF after Trump v. Slaughter (29 Jun 2026)',
    url: 'https://www.activemind.legal/guides/dpf-supreme-court/',
    secondary: true,
  },
  'dk-dpa-realm': {
    title: 'Datatilsynet (Denmark): Rigsfællesskabet – the Faroe Islands and Greenland',
    url: 'https://admin.datatilsynet.dk/rigsfaellesskabet',
  },
  'iuno-gl': {
    title: 'IUNO: transfer of personal data to Greenland',
    url: 'https://www.iuno.law/news/transfer-of-personal-data-to-greenland',
    secondary: true,
  },
  'gi-notice': {
    title: 'Gibraltar technical notice on EU data transfers after Brexit',
    url: 'https://wp.dig.watch/updates/gibraltar-releases-position-eu-data-transfers-context-brexit',
    secondary: true,
  },
  'gra-gi': {
    title: 'Gibraltar Regulatory Authority: Brexit transition FAQ',
    url: 'https://www.gra.gi/data-protection/brexit/transition-faq',
  },
  'meld-st-32': {
    title: 'Meld. St. 32 (2015–2016) Svalbard, ch. 3 (EEA Agreement does not apply to Svalbard)',
    url: 'https://regjeringen.no/no/dokumenter/meld.-st.-32-20152016/id2499962/?ch=3',
  },
  'eea-protocol-40': {
    title: 'EEA Agreement, Protocol 40 on Svalbard',
    url: 'https://nextmobile.gesetze.li/konso/html/1995068140?version=1',
  },
  'asub-ax': {
    title: 'Åland data protection authority (ÅDI/ASUB): processing of personal data',
    url: 'https://asub.ax/en/about-asub/processing-personal-data-short',
  },
  'datatilsynet-adequacy': {
    title: 'Datatilsynet (Norway): areas with an adequate level of protection',
    url: 'https://www.datatilsynet.no/rettigheter-og-plikter/virksomhetenes-plikter/overforing-av-personopplysninger-ut-av-eos/omrader-med-tilstrekkelig-beskyttelsesniva/',
  },
  'legal-skills-transfers': {
    title: 'legal-skills-open: GDPR transfers reference, status as at 5 Aug 2026',
    url: 'https://github.com/ThomasMoreAI/legal-skills-open/blob/main/eu/data-protection/skills/privacy-vendor-review-clemensjl/references/transfers.md',
    secondary: true,
  },
  'eurlex-epo': {
    title: 'Commission Implementing Decision (EU) 2025/1382 of 15 July 2025 on the adequate protection of personal data by the European Patent Organisation (text as reproduced by lex24)',
    url: 'https://www.lex24.ro/celex32025d1382-decizia-de-punere-in-aplicare-ue-2025-1382-a-comisiei-din-15-iulie-2025-in-temeiul-regulamentului-ue-2016-679-al-parlamentului-european-si-al-consiliului-privind-protectia-a',
  },
  'epo-adequacy': {
    title: 'EPO: the EPO welcomes the European Commission’s adequacy decision for safe data flows',
    url: 'https://epo.org/en/news-events/news/epo-welcomes-european-commissions-adequacy-decision-safe-data-flows',
  },
  'agence-europe-epo': {
    title: 'Agence Europe: European Commission validates transfer of data with European Patent Organisation (15 Jul 2025)',
    url: 'https://agenceurope.eu/en/bulletin/article/13681/37/european-commission-validates-transfer-of-data-with-european-patent-organisation',
    secondary: true,
  },
  'streamlex-latombe': {
    title: 'Streamlex: General Court ruling in Latombe v Commission (T-553/23, 3 Sep 2025)',
    url: 'https://streamlex.eu/news/general-court-ruling-latombe-commission',
    secondary: true,
  },
  'datatilsynet-dpf': {
    title: 'Datatilsynet (Norway): new rules for transfers of personal data to the USA apply immediately (2023)',
    url: 'https://www.datatilsynet.no/aktuelt/aktuelle-nyheter-2023/nye-regler-for-overforing-av-personopplysninger-til-usa/',
  },
  'hsf-eea-jcd': {
    title: 'Herbert Smith Freehills: Privacy Shield adequacy decision incorporated into the EEA Agreement (JCD 144/2017) — adequacy decisions reach EEA EFTA exporters through Joint Committee Decisions',
    url: 'https://hsfnotes.com/data/2017/07/08/eu-us-privacy-shield-adequacy-decision-incorporated-into-the-eea-agreement/',
    secondary: true,
  },
  'mondaq-uk': {
    title: 'Mondaq: extension of the EU–UK adequacy decisions to 27 Dec 2025',
    url: 'https://www.mondaq.com/uk/privacy-protection/1709926/extension-of-the-eu-uk-adequacy-decisions-whats-next',
    secondary: true,
  },
  'maxmind-xk': {
    title: 'MaxMind GeoLite2 country data as bundled in geoip-lite 1.4.10 (XK is MaxMind’s user-assigned code for Kosovo)',
    url: 'https://www.npmjs.com/package/geoip-lite/v/1.4.10',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;
