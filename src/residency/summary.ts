/**
 * The plain-language residency summary for the pack (GDPR Chapter V, for Datatilsynet or a DPO), in
 * English or Norwegian bokmål. Pure: evidence + config in, paragraphs out, decided by the same
 * functions as the checks so the summary never disagrees with the findings.
 */
import type { ResidencyEvidence } from '../evidence/types/residency';
import type { ResidencyConfig } from './config';
import { decideAll, type EndpointDecision, type HostLocation } from './decide';
import type { TransferAssessment } from './transfer';
import { classifyCountry, JURISDICTION_RANK, type Jurisdiction } from './jurisdiction';

export type SummaryLang = 'en' | 'nb';

export interface JurisdictionGroup {
  jurisdiction: Jurisdiction;
  /** Endpoints (ids), excluding the host's own addresses. */
  endpoints: string[];
  /** Country codes involved. */
  countries: string[];
}

export interface ResidencySummary {
  /** Paragraphs of plain text, in reading order. */
  paragraphs: string[];
  /** Endpoint counts by jurisdiction (the data-flow chart's numbers). */
  groups: JurisdictionGroup[];
}

const names = new Map<string, Intl.DisplayNames>();
function cname(code: string, lang: SummaryLang): string {
  try {
    let n = names.get(lang);
    if (!n) names.set(lang, (n = new Intl.DisplayNames([lang === 'nb' ? 'nb' : 'en'], { type: 'region' })));
    return n.of(code) ?? code;
  } catch {
    return code;
  }
}

function list(items: string[], lang: SummaryLang, max = 6): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const and = lang === 'nb' ? 'og' : 'and';
  const tail = more > 0 ? (lang === 'nb' ? ` og ${more} til` : ` and ${more} more`) : '';
  if (more > 0) return `${shown.join(', ')}${tail}`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}`;
}

function byCountry(ds: EndpointDecision[], lang: SummaryLang): string {
  const m = new Map<string, string[]>();
  for (const d of ds) {
    const c = d.verdict.country ? cname(d.verdict.country, lang) : lang === 'nb' ? 'ukjent' : 'unknown';
    m.set(c, [...(m.get(c) ?? []), d.endpoint.id]);
  }
  return list([...m].map(([c, eps]) => `${c} (${list(eps, lang, 3)})`), lang, 8);
}

/** English agreement: "1 is", "2 are". */
const are = (n: number): string => `${n} ${n === 1 ? 'is' : 'are'}`;

/** "SCCs (EU) 2021/914 module 2, TIA of 2026-09-01" and the like: the basis as the summary names it. */
function basisName(t: TransferAssessment, lang: SummaryLang): string {
  const nb = lang === 'nb';
  switch (t.mechanism) {
    case 'scc':
      return `${nb ? 'standard personvernbestemmelser (EU) 2021/914' : 'SCCs (EU) 2021/914'}${t.module ? ` ${nb ? 'modul' : 'module'} ${t.module}` : ''}${t.tiaDate ? `, TIA ${nb ? 'datert' : 'of'} ${t.tiaDate}` : ''}`;
    case 'bcr':
      return `${nb ? 'bindende virksomhetsregler' : 'binding corporate rules'}${t.tiaDate ? `, TIA ${nb ? 'datert' : 'of'} ${t.tiaDate}` : ''}`;
    case 'dpf':
      return nb ? 'EU–US Data Privacy Framework (sertifisert mottaker)' : 'EU–US Data Privacy Framework (certified recipient)';
    case 'art45':
      return `${nb ? 'beslutning om tilstrekkelig beskyttelsesnivå' : 'adequacy decision'}${t.act ? ` ${t.act}` : ''}`;
    case 'art49':
      return nb ? 'unntak etter art. 49' : 'an Art. 49 derogation';
    case 'none':
      return t.basisText ? `“${t.basisText}”` : nb ? 'ingen' : 'none';
  }
}

const T = {
  en: {
    none: 'No endpoint outside this host was found in the container configuration.',
    host: (where: string) => `The Docker host itself is ${where}.`,
    hostDeclared: (c: string) => `in ${c}, as declared in the residency configuration`,
    hostGeo: (c: string) => `in ${c}, judged from the geolocation of its public addresses`,
    hostUnknown: 'at a location that is not established (no public address and no declaration): everything that stays on its networks is wherever the host is, so declare it',
    flows: (n: number) => `The configuration names ${n} endpoint(s) that data of the containers is sent to, stored on or logged to.`,
    eea: (n: number, where: string) => `${are(n)} in the EEA: ${where}. Processing there is not a transfer under GDPR Chapter V.`,
    adequate: (n: number, where: string) => `${are(n)} in countries with an adequacy decision under GDPR Art. 45: ${where}. No further transfer tool is needed, but the decision must be named in the records of processing.`,
    partial: (n: number, where: string) => `${are(n)} in countries whose adequacy decision covers only some recipients: ${where}.`,
    partialOpen: 'For the United States that is the EU–US Data Privacy Framework: a recipient must be on the DPF List for the data concerned; otherwise, and as a fallback while the framework is challenged, standard contractual clauses with a transfer impact assessment are needed.',
    third: (n: number, where: string) => `${are(n)} in third countries without an adequacy decision: ${where}.`,
    thirdOpen: (all: boolean) =>
      `Each ${all ? 'is a transfer under Art. 44 that needs' : 'such transfer without a basis needs'} standard contractual clauses (EU) 2021/914 or binding corporate rules with a transfer impact assessment (EDPB Recommendations 01/2020), or an Art. 49 derogation for occasional transfers — or the data flow must be moved into the EEA.`,
    thirdCovered: 'Each is a transfer under Art. 44; its declared basis is in the transfer register.',
    special: (n: number, where: string) => `${are(n)} in special territories whose status needs a person to decide: ${where}.`,
    outside: (n: number, where: string, basis: string) => `${are(n)} in territory of an EEA state that the EEA Agreement does not cover: ${where}${basis ? ` (${basis})` : ''}; whether and how Chapter V applies needs a person to decide.`,
    disputed: (n: number, where: string) => `${n} ${n === 1 ? 'has' : 'have'} a disputed location, because the geolocation sources name different countries: ${where}. None of those countries is used: the location must be established and declared.`,
    geoMany: (list: string) => `Every public address was looked up in each of these sources: ${list}. Geolocation is corroborating evidence, not proof of where data is processed.`,
    unknown: (n: number, where: string) => `${n} could not be located: ${where}. Their location must be established from contracts or provider documentation before they can be judged.`,
    internal: (n: number) => `${n} ${n === 1 ? 'stays' : 'stay'} on the host’s own networks (published ports, container and private addresses) and are where the host is.`,
    register: (n: number) => `The transfer register lists ${n} destination(s) outside the EEA or of unknown location:`,
    covered: (n: number, list: string) => `${n} covered by a declared basis, on the conditions stated in the register (${list})`,
    review: (n: number, list: string) => `${n} with a declared basis that a person must review (${list})`,
    missing: (n: number, list: string) => `${n} without any transfer basis (${list})`,
    basis: (d: number, p: number, g: number) => `Locations: ${d} declared by the organisation, ${p} stated by a provider region, ${g} from IP geolocation.`,
    geo: (db: string, date: string) => `Geolocation used ${db} (data dated ${date}); it is corroborating evidence, not proof of where data is processed.`,
    foreign: (n: number, parents: string) => `${n} endpoint(s) or the host are operated by providers whose parent company is outside the EEA (${parents}): laws such as the US CLOUD Act can compel disclosure wherever the data is stored, which Datatilsynet asks controllers to assess (GDPR Art. 48).`,
    remote: 'Not visible in configuration: remote access by administrators or support staff from outside the EEA, which Datatilsynet also treats as a transfer.',
  },
  nb: {
    none: 'Ingen endepunkter utenfor denne verten ble funnet i containerkonfigurasjonen.',
    host: (where: string) => `Docker-verten selv er ${where}.`,
    hostDeclared: (c: string) => `i ${c}, slik det er oppgitt i residency-konfigurasjonen`,
    hostGeo: (c: string) => `i ${c}, vurdert ut fra geolokasjonen av de offentlige adressene`,
    hostUnknown: 'på et sted som ikke er fastslått (ingen offentlig adresse og ikke oppgitt): alt som blir på vertens nettverk, er der verten er, så stedet bør oppgis',
    flows: (n: number) => `Konfigurasjonen nevner ${n} endepunkt(er) som containernes data sendes til, lagres på eller logges til.`,
    eea: (n: number, where: string) => `${n} er i EØS: ${where}. Behandling der er ikke en overføring etter personvernforordningen kapittel V.`,
    adequate: (n: number, where: string) => `${n} er i land med beslutning om tilstrekkelig beskyttelsesnivå etter art. 45: ${where}. Det trengs ikke annet overføringsgrunnlag, men beslutningen bør nevnes i behandlingsprotokollen.`,
    partial: (n: number, where: string) => `${n} er i land der beslutningen om tilstrekkelig beskyttelsesnivå bare dekker noen mottakere: ${where}.`,
    partialOpen: 'For USA gjelder EU–US Data Privacy Framework: mottakeren må stå på DPF-listen for de aktuelle opplysningene; ellers, og som reserve mens rammeverket er omstridt, trengs standard personvernbestemmelser (SCC) med en vurdering av overføringen (TIA).',
    third: (n: number, where: string) => `${n} er i tredjeland uten beslutning om tilstrekkelig beskyttelsesnivå: ${where}.`,
    thirdOpen: (all: boolean) =>
      `${all ? 'Hver er en overføring etter art. 44 som krever' : 'Hver slik overføring uten grunnlag krever'} standard personvernbestemmelser (EU) 2021/914 eller bindende virksomhetsregler med en vurdering av overføringen (EDPB-anbefaling 01/2020), eller et unntak etter art. 49 for enkeltstående overføringer — ellers må dataflyten flyttes til EØS.`,
    thirdCovered: 'Hver er en overføring etter art. 44; det oppgitte grunnlaget står i overføringsregisteret.',
    special: (n: number, where: string) => `${n} er i særskilte territorier der status må avgjøres av en person: ${where}.`,
    outside: (n: number, where: string, basis: string) => `${n} er på et EØS-lands territorium som EØS-avtalen ikke omfatter: ${where}${basis ? ` (${basis})` : ''}; om og hvordan kapittel V gjelder, må avgjøres av en person.`,
    disputed: (n: number, where: string) => `${n} har omstridt plassering fordi geolokasjonskildene oppgir ulike land: ${where}. Ingen av disse landene brukes: plasseringen må fastslås og oppgis.`,
    geoMany: (list: string) => `Hver offentlige adresse ble slått opp i hver av disse kildene: ${list}. Geolokasjon er støttende bevis, ikke bevis for hvor data behandles.`,
    unknown: (n: number, where: string) => `${n} kunne ikke stedfestes: ${where}. Stedet må fastslås fra avtaler eller leverandørens dokumentasjon før de kan vurderes.`,
    internal: (n: number) => `${n} blir på vertens egne nettverk (publiserte porter, container- og private adresser) og er der verten er.`,
    register: (n: number) => `Overføringsregisteret viser ${n} mottaker(e) utenfor EØS eller med ukjent plassering:`,
    covered: (n: number, list: string) => `${n} dekket av et oppgitt grunnlag, på vilkårene som står i registeret (${list})`,
    review: (n: number, list: string) => `${n} med et oppgitt grunnlag som en person må gjennomgå (${list})`,
    missing: (n: number, list: string) => `${n} uten overføringsgrunnlag (${list})`,
    basis: (d: number, p: number, g: number) => `Steder: ${d} oppgitt av virksomheten, ${p} fra leverandørens region, ${g} fra geolokasjon av IP-adresser.`,
    geo: (db: string, date: string) => `Geolokasjonen brukte ${db} (data fra ${date}); den er støttende bevis, ikke bevis for hvor data behandles.`,
    foreign: (n: number, parents: string) => `${n} endepunkt(er) eller verten driftes av leverandører med morselskap utenfor EØS (${parents}): lover som amerikanske CLOUD Act kan pålegge utlevering uansett hvor dataene lagres, noe Datatilsynet ber behandlingsansvarlige vurdere (art. 48).`,
    remote: 'Ikke synlig i konfigurasjonen: fjerntilgang for administratorer eller brukerstøtte utenfor EØS, som Datatilsynet også regner som overføring.',
  },
} as const;

/** How the summary, the chart and the register group an endpoint: on-host endpoints as internal, EU territories inside the EEA as EEA. */
export function groupOf(d: EndpointDecision): Jurisdiction {
  return d.internal ? 'internal' : d.verdict.jurisdiction === 'eea-special' && d.verdict.entry?.withinEea === true ? 'eea' : d.verdict.jurisdiction;
}

/** Data flows: every endpoint but the host's own addresses. */
export function flowsOf(decisions: readonly EndpointDecision[]): EndpointDecision[] {
  return decisions.filter((d) => d.endpoint.kinds.some((k) => k !== 'host-address'));
}

/** The summary paragraphs and the per-jurisdiction groups behind the data-flow chart. */
export function residencySummary(evidence: ResidencyEvidence, config: ResidencyConfig, lang: SummaryLang = 'en'): ResidencySummary {
  const { host, decisions } = decideAll(evidence, config);
  return summaryOf(evidence, host, decisions, lang);
}

/** The same from decisions already made (the residency record decides once for both languages). */
export function summaryOf(evidence: ResidencyEvidence, host: HostLocation, decisions: readonly EndpointDecision[], lang: SummaryLang): ResidencySummary {
  const t = T[lang];
  const flows = flowsOf(decisions);
  const paragraphs: string[] = [];
  const hostWhere = host.country ? (host.basis === 'declared' ? t.hostDeclared(cname(host.country, lang)) : t.hostGeo(cname(host.country, lang))) : t.hostUnknown;
  paragraphs.push(t.host(hostWhere));

  const groups = new Map<Jurisdiction, EndpointDecision[]>();
  for (const d of flows) groups.set(groupOf(d), [...(groups.get(groupOf(d)) ?? []), d]);
  const g = (j: Jurisdiction) => groups.get(j) ?? [];

  if (flows.length === 0) {
    paragraphs.push(t.none);
  } else {
    const lines: string[] = [t.flows(flows.length)];
    if (g('eea').length) lines.push(t.eea(g('eea').length, byCountry(g('eea'), lang)));
    if (g('adequate').length) {
      const m = new Map<string, string>();
      for (const d of g('adequate')) if (d.verdict.country && d.verdict.entry?.decision) m.set(d.verdict.country, `${cname(d.verdict.country, lang)}: ${d.verdict.entry.decision.act}, ${d.verdict.entry.decision.adopted}`);
      lines.push(t.adequate(g('adequate').length, list([...m.values()], lang)));
    }
    if (g('adequate-partial').length) {
      lines.push(t.partial(g('adequate-partial').length, byCountry(g('adequate-partial'), lang)));
      if (g('adequate-partial').some((d) => d.verdict.country === 'US' && d.transfer?.status !== 'covered')) lines.push(t.partialOpen);
    }
    const third = g('third-country');
    if (third.length) {
      lines.push(t.third(third.length, byCountry(third, lang)));
      const missing = third.filter((d) => d.transfer?.status === 'missing').length;
      lines.push(missing ? t.thirdOpen(missing === third.length) : t.thirdCovered);
    }
    if (g('eea-special').length) lines.push(t.special(g('eea-special').length, byCountry(g('eea-special'), lang)));
    const outside = g('outside-eea-agreement');
    if (outside.length) lines.push(t.outside(outside.length, byCountry(outside, lang), [...new Set(outside.map((d) => d.verdict.entry?.outsideBasis).filter((b): b is string => !!b))].join('; ')));
    if (g('disputed').length) lines.push(t.disputed(g('disputed').length, list(g('disputed').map((d) => d.endpoint.id), lang)));
    if (g('unknown').length) lines.push(t.unknown(g('unknown').length, list(g('unknown').map((d) => d.endpoint.id), lang)));
    if (g('internal').length) lines.push(t.internal(g('internal').length));
    paragraphs.push(lines.join(' '));

    // The register's counts, said once: covered, needing review, without any basis.
    const register = flows.filter((d) => d.transfer);
    if (register.length) {
      const by = (s: string) => register.filter((d) => d.transfer!.status === s);
      const name = (d: EndpointDecision) => `${d.endpoint.id}: ${d.transfer!.reason === 'location-unknown' ? (lang === 'nb' ? 'ukjent plassering' : 'location unknown') : basisName(d.transfer!, lang)}`;
      const parts: string[] = [];
      if (by('covered').length) parts.push(t.covered(by('covered').length, list(by('covered').map(name), lang, 4)));
      if (by('covered-needs-review').length) parts.push(t.review(by('covered-needs-review').length, list(by('covered-needs-review').map(name), lang, 4)));
      if (by('missing').length) parts.push(t.missing(by('missing').length, list(by('missing').map((d) => d.endpoint.id), lang, 4)));
      paragraphs.push(`${t.register(register.length)} ${parts.join('; ')}.`);
    }
  }

  const count = (b: string) => flows.filter((d) => d.basis === b).length;
  const basis = [t.basis(count('declared'), count('provider-region'), count('geolocation'))];
  // Every source the addresses were looked up in, with its data date (one source: as before).
  const sources = evidence.geolocationSources ?? [];
  // "name, data of date" items joined by semicolons: the names carry their own parentheses.
  if (sources.length > 1) basis.push(t.geoMany(sources.map((s) => `${s.name ?? s.description}, ${lang === 'nb' ? 'data fra' : 'data of'} ${s.buildDate ?? '?'}`).join('; ')));
  else if (evidence.geolocation) basis.push(t.geo(evidence.geolocation.description, evidence.geolocation.buildDate ?? '?'));
  paragraphs.push(basis.join(' '));

  const foreign = new Map<string, number>();
  const providers = [...(host.provider ? [host.provider] : []), ...flows.filter((d) => d.basis === 'declared' && d.provider).map((d) => d.provider!)];
  for (const p of providers) {
    const pc = p.parentCountry;
    if (pc && decideCountry(pc) !== 'eea') foreign.set(`${p.parent ?? p.name} (${cname(pc, lang)})`, (foreign.get(`${p.parent ?? p.name} (${cname(pc, lang)})`) ?? 0) + 1);
  }
  if (foreign.size) paragraphs.push(t.foreign([...foreign.values()].reduce((a, b) => a + b, 0), list([...foreign.keys()], lang)));
  paragraphs.push(t.remote);

  const order = (Object.keys(JURISDICTION_RANK) as Jurisdiction[]).sort((a, b) => JURISDICTION_RANK[a] - JURISDICTION_RANK[b]);
  return {
    paragraphs,
    groups: order.filter((j) => g(j).length).map((j) => ({ jurisdiction: j, endpoints: g(j).map((d) => d.endpoint.id), countries: [...new Set(g(j).map((d) => d.verdict.country).filter((c): c is string => !!c))] })),
  };
}

/** A parent company's country counts as inside only for EEA states and EU territories. */
function decideCountry(code: string): Jurisdiction {
  const v = classifyCountry(code);
  return v.jurisdiction === 'eea' || (v.jurisdiction === 'eea-special' && v.entry?.withinEea === true) ? 'eea' : v.jurisdiction;
}
