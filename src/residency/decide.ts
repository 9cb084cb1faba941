/**
 * Jurisdiction decisions: pure functions from residency evidence + the residency config to a verdict
 * and an outcome per endpoint. Used by the checks (so `report DIR` re-decides offline), by the pack's
 * residency section and by `where`.
 *
 * Precedence of location facts: declared in the config > provider region (e.g. awslogs-region) >
 * internal address (follows the host) > IP geolocation (corroborating only; every source is looked
 * up, and when they disagree the location is disputed and a person decides).
 */
import type { AddressFacts, EndpointKind, GeoSourceAnswer, ResidencyEndpoint, ResidencyEvidence } from '../evidence/types/residency';
import type { LocalText, Outcome, Severity } from '../findings/types';
import { matchDeclared, normalizeResidencyConfig, type Declaration, type DeclaredLocation, type Provider, type ResidencyConfig } from './config';
import { describeAnswers } from './geo/consensus';
import { classifyCountry, countryName, countryNames, EEA_EFTA_STATES, eeaEftaStatus, JURISDICTION_RANK, TRANSFER_TOOLS_TEXT, type Jurisdiction, type JurisdictionVerdict } from './jurisdiction';
import { assessTransfer, isTransfer, transferOutcome, type TransferAssessment } from './transfer';

/** Where a location fact came from, strongest first. */
export type LocationBasis = 'declared' | 'provider-region' | 'host' | 'geolocation' | 'none';

export interface HostLocation {
  country: string | null;
  basis: 'declared' | 'geolocation' | 'none';
  /** How the host's location was established, one sentence (English; `detailText` in every language). */
  detail: string;
  detailText: LocalText;
  declared: DeclaredLocation | null;
  provider: Provider | null;
}

/** For an exporter in Iceland, Liechtenstein or Norway relying on an adequacy decision: where the EEA Agreement stands. */
export interface EeaEftaNote {
  exporter: string;
  act: string;
  /** `applies`, or `not-confirmed` (the finding asks a person). */
  status: 'applies' | 'not-confirmed';
  /** The adoption or latest renewal date that counts. */
  date: string;
  text: string;
  /** `text` in bokmål. */
  textNb: string;
}

/** An address whose geolocation sources name different countries. */
export interface DisputedAddress {
  ip: string;
  answers: GeoSourceAnswer[];
}

export interface EndpointDecision {
  endpoint: ResidencyEndpoint;
  /** Countries involved (declared or geolocated), upper case. */
  countries: string[];
  verdict: JurisdictionVerdict;
  basis: LocationBasis;
  /** True when every address is internal (or the name is a container or special name). */
  internal: boolean;
  declared: Declaration | null;
  provider: Provider | null;
  /** Geolocated countries (any source's answer) that disagree with a declared or provider-stated country. */
  disagreeingGeo: string[];
  /** Addresses on which the geolocation sources disagree (decisive only when nothing is declared). */
  disputed: DisputedAddress[];
  /** Set when the config's exporter is in IS/LI/NO and the verdict rests on an adequacy decision. */
  eeaEfta?: EeaEftaNote;
  outcome: Exclude<Outcome, 'waived' | 'attested'>;
  severity: Severity;
  message: LocalText;
  remediation?: LocalText;
  /** The Chapter V basis for a destination outside the EEA (or of unknown location); absent inside. */
  transfer?: TransferAssessment;
}

/** The config a check should use: the run's options, else what the evidence recorded, else defaults. */
export function effectiveConfig(optionsResidency: unknown, evidence: ResidencyEvidence | null): ResidencyConfig {
  if (optionsResidency !== undefined && optionsResidency !== null) return normalizeResidencyConfig(optionsResidency, 'config residency');
  if (evidence?.declared?.config) return normalizeResidencyConfig(evidence.declared.config, evidence.declared.file);
  return normalizeResidencyConfig(null);
}

/** Kinds whose data is personal or operational content (high), versus supply-chain and lookups (medium). */
const HIGH_KINDS = new Set<EndpointKind>(['env', 'label', 'command', 'volume', 'logging', 'swarm-node', 'published-port', 'host-address']);

function severityOf(kinds: EndpointKind[]): Severity {
  return kinds.some((k) => HIGH_KINDS.has(k)) ? 'high' : 'medium';
}

const KIND_WORDS: Record<EndpointKind, LocalText> = {
  'host-address': { en: 'host address', nb: 'vertsadresse' },
  'published-port': { en: 'published port', nb: 'publisert port' },
  env: { en: 'environment value', nb: 'miljøvariabel' },
  label: { en: 'label', nb: 'etikett' },
  command: { en: 'command line', nb: 'kommandolinje' },
  volume: { en: 'volume backend', nb: 'volumlager' },
  logging: { en: 'log destination', nb: 'loggmottaker' },
  registry: { en: 'image registry', nb: 'image-register' },
  'dns-server': { en: 'DNS server', nb: 'DNS-server' },
  'swarm-node': { en: 'swarm node', nb: 'swarm-node' },
  proxy: { en: 'engine proxy', nb: 'proxy for motoren' },
};

export function describeKinds(kinds: EndpointKind[]): string {
  return describeKindsText(kinds).en;
}

/** The kinds of an endpoint in every pack language. */
export function describeKindsText(kinds: EndpointKind[]): LocalText {
  return { en: kinds.map((k) => KIND_WORDS[k].en).join(', '), nb: kinds.map((k) => KIND_WORDS[k].nb).join(', ') };
}

/** One text in both languages, built by the same function from each language's parts. */
const both = (f: (lang: 'en' | 'nb') => string): LocalText => ({ en: f('en'), nb: f('nb') });

function isInternal(e: ResidencyEndpoint): boolean {
  if (e.resolution.method === 'container' || e.resolution.method === 'special') return true;
  return e.addresses.length > 0 && e.addresses.every((a) => a.internal);
}

/** An address as the residency findings record it in `observed`: country, and every source's answer when looked up. */
export function addressObserved(a: AddressFacts): { ip: string; range: string; country: string | null; geoStatus?: AddressFacts['geoStatus']; geo?: GeoSourceAnswer[] } {
  return { ip: a.ip, range: a.range, country: a.country, ...(a.geoStatus ? { geoStatus: a.geoStatus } : {}), ...(a.geo ? { geo: a.geo } : {}) };
}

/** The addresses among these whose sources disagree. */
export function disputedAddresses(addresses: readonly AddressFacts[]): DisputedAddress[] {
  return addresses.filter((a) => a.geoStatus === 'disputed').map((a) => ({ ip: a.ip, answers: a.geo ?? [] }));
}

/** "8.8.8.8 (geoip-lite: US; dbip-country-lite: CA)" for each disputed address. */
export function describeDisputes(d: readonly DisputedAddress[]): string {
  return d.map((x) => `${x.ip} (${describeAnswers(x.answers)})`).join(', ');
}

/** Where the Docker host is: declared in the config, else the single country its public addresses geolocate to. */
export function hostLocation(evidence: ResidencyEvidence, config: ResidencyConfig): HostLocation {
  if (config.host) {
    const provider = config.host.provider ? config.providers[config.host.provider] ?? null : null;
    const note = config.host.note ? ` (${config.host.note})` : '';
    const detailText = { en: `declared in the residency config${note}`, nb: `oppgitt i residency-konfigurasjonen${note}` };
    return { country: config.host.country, basis: 'declared', detail: detailText.en, detailText, declared: config.host, provider };
  }
  const countries = new Set<string>();
  const publicAddrs: AddressFacts[] = [];
  for (const e of evidence.endpoints) {
    if (!e.kinds.includes('host-address')) continue;
    for (const a of e.addresses) {
      if (a.range !== 'public') continue;
      publicAddrs.push(a);
      if (a.country) countries.add(a.country);
    }
  }
  const publicAddresses = publicAddrs.length;
  const disputed = disputedAddresses(publicAddrs);
  if (disputed.length) {
    const detailText = { en: `the geolocation sources disagree on its public address(es): ${describeDisputes(disputed)}; and no location is declared`, nb: `geolokasjonskildene er uenige om de offentlige adressene: ${describeDisputes(disputed)}; og ingen plassering er oppgitt` };
    return { country: null, basis: 'none', detail: detailText.en, detailText, declared: null, provider: null };
  }
  if (countries.size === 1) {
    const [c] = countries;
    const detailText = { en: `its ${publicAddresses} public interface address(es) geolocate to ${c}`, nb: `de ${publicAddresses} offentlige grensesnittadressene geolokaliseres til ${c}` };
    return { country: c, basis: 'geolocation', detail: detailText.en, detailText, declared: null, provider: null };
  }
  const detailText: LocalText =
    publicAddresses === 0
      ? { en: 'the host has no public interface address (behind NAT or a cloud network), and no location is declared', nb: 'verten har ingen offentlig grensesnittadresse (bak NAT eller et skynettverk), og ingen plassering er oppgitt' }
      : countries.size === 0
        ? { en: 'its public addresses have no located country, and no location is declared', nb: 'de offentlige adressene har ikke noe kjent land, og ingen plassering er oppgitt' }
        : { en: `its public addresses geolocate to several countries (${[...countries].join(', ')}), and no location is declared`, nb: `de offentlige adressene geolokaliseres til flere land (${[...countries].join(', ')}), og ingen plassering er oppgitt` };
  return { country: null, basis: 'none', detail: detailText.en, detailText, declared: null, provider: null };
}

function allowedBy(config: ResidencyConfig, verdict: JurisdictionVerdict): boolean {
  if (verdict.country && config.allowed.countries.includes(verdict.country)) return true;
  return (config.allowed.jurisdictions as Jurisdiction[]).includes(verdict.jurisdiction);
}

function allowedText(config: ResidencyConfig): string {
  return [...config.allowed.jurisdictions, ...config.allowed.countries].join(', ');
}

/** Where a verdict is, for messages: "Norway (NO)", "European Patent Organisation (EPO)". */
export function whereText(verdict: JurisdictionVerdict, unknown: LocalText = { en: 'an unknown location', nb: 'et ukjent sted' }): LocalText {
  if (!verdict.country) return unknown;
  const n = countryNames(verdict.country);
  return { en: `${verdict.countryName ?? n.en} (${verdict.country})`, nb: `${n.nb} (${verdict.country})` };
}

/** A verdict's decision sentence in every language (verdicts made here always carry both). */
function decisionOf(v: JurisdictionVerdict): LocalText {
  return v.text ?? { en: v.decision, nb: v.decision };
}

/** A synthetic verdict's decision in both languages (`decision` keeps the English). */
function verdictOf(v: Omit<JurisdictionVerdict, 'decision' | 'text'>, text: LocalText): JurisdictionVerdict {
  return { ...v, decision: text.en, text };
}

/** The EEA EFTA note for a verdict resting on an adequacy decision, when the exporter is in IS/LI/NO. */
export function eeaEftaNote(verdict: JurisdictionVerdict, config: ResidencyConfig): EeaEftaNote | undefined {
  const d = verdict.entry?.decision;
  if (!d || !config.exporter || !EEA_EFTA_STATES.includes(config.exporter)) return undefined;
  if (verdict.jurisdiction !== 'adequate' && verdict.jurisdiction !== 'adequate-partial') return undefined;
  const st = eeaEftaStatus(d);
  return { exporter: config.exporter, act: d.act, status: st.status, date: st.date, text: st.text, textNb: st.textNb };
}

/** The note as findings record it in `observed` (English, as before the pack was translated). */
export function eeaEftaObserved(n: EeaEftaNote): Omit<EeaEftaNote, 'textNb'> {
  const { textNb: _nb, ...rest } = n;
  return rest;
}

/** The sentence a finding (and `where --exporter`) adds for an EEA EFTA exporter, with a leading space. */
export function eeaEftaWhy(n: EeaEftaNote): string {
  return eeaEftaWhyText(n).en;
}

/** eeaEftaWhy in every pack language. */
export function eeaEftaWhyText(n: EeaEftaNote): LocalText {
  return {
    en: ` For an exporter in ${countryName(n.exporter)} (EEA EFTA) an adequacy decision applies only once an EEA Joint Committee Decision incorporates it into the EEA Agreement: ${n.text}`,
    nb: ` For en dataeksportør i ${countryNames(n.exporter).nb} (EØS/EFTA) gjelder en beslutning om tilstrekkelig beskyttelsesnivå først når en beslutning i EØS-komiteen har innlemmet den i EØS-avtalen: ${n.textNb ?? n.text}`,
  };
}

export interface OutcomeResult {
  outcome: EndpointDecision['outcome'];
  why: LocalText;
  remediation?: LocalText;
  eeaEfta?: EeaEftaNote;
}

const EMPTY: LocalText = { en: '', nb: '' };
/** Texts joined per language. */
const cat = (...parts: (LocalText | string)[]): LocalText => both((l) => parts.map((p) => (typeof p === 'string' ? p : p[l])).join(''));

/**
 * Outcome for a verdict under the config's `allowed` list (which only narrows: a third country never
 * passes, an adequate-in-part country always needs a person), and the one rule for EEA EFTA exporters:
 * an adequacy decision whose EEA incorporation is not confirmed needs a person.
 */
export function outcomeFor(verdict: JurisdictionVerdict, config: ResidencyConfig, transferBasis?: string): OutcomeResult {
  const where = whereText(verdict);
  const decision = decisionOf(verdict);
  const declaredBasis: LocalText = transferBasis ? { en: ` Declared basis: ${transferBasis}.`, nb: ` Oppgitt grunnlag: ${transferBasis}.` } : EMPTY;
  const eeaEfta = eeaEftaNote(verdict, config);
  const notIncorporated = eeaEfta?.status === 'not-confirmed' ? eeaEfta : undefined;
  const withNote = (r: OutcomeResult): OutcomeResult => (eeaEfta ? { ...r, eeaEfta } : r);
  const eeaEftaRemedy = (n: EeaEftaNote): LocalText => ({
    en: `Check on europalov.no whether the EEA Joint Committee Decision incorporating ${n.act} has been adopted, and keep the result with the audit; until it is, rely on another Chapter V tool (SCCs (EU) 2021/914 with a transfer impact assessment) and declare it as endpoints[].transferBasis in the residency config.`,
    nb: `Sjekk på europalov.no om beslutningen i EØS-komiteen som innlemmer ${n.act}, er vedtatt, og legg resultatet ved revisjonen; inntil den er det, bruk et annet overføringsgrunnlag etter kapittel V (standard personvernbestemmelser (EU) 2021/914 med en vurdering av overføringen) og oppgi det som endpoints[].transferBasis i residency-konfigurasjonen.`,
  });
  switch (verdict.jurisdiction) {
    case 'eea':
    case 'adequate':
    case 'eea-special': {
      if (notIncorporated) {
        return withNote({ outcome: 'manual', why: cat(decision, eeaEftaWhyText(notIncorporated), declaredBasis), remediation: eeaEftaRemedy(notIncorporated) });
      }
      if (!allowedBy(config, verdict)) {
        return withNote({
          outcome: 'fail',
          why: {
            en: `${where.en} is ${verdict.jurisdiction}, but the residency config allows only ${allowedText(config)}. ${decision.en}`,
            nb: `${where.nb} er ${verdict.jurisdiction}, men residency-konfigurasjonen tillater bare ${allowedText(config)}. ${decision.nb}`,
          },
          remediation: {
            en: 'Move the data to an allowed location, or widen `allowed` in the residency config if the policy permits it.',
            nb: 'Flytt dataene til et tillatt sted, eller utvid `allowed` i residency-konfigurasjonen hvis retningslinjene åpner for det.',
          },
        });
      }
      return withNote({ outcome: 'pass', why: decision });
    }
    case 'adequate-partial': {
      const condition = verdict.entry?.decision?.condition;
      return withNote({
        outcome: 'manual',
        why: cat(where, ': ', decision, notIncorporated ? eeaEftaWhyText(notIncorporated) : EMPTY, declaredBasis),
        remediation: cat(
          { en: condition ?? 'Verify the recipient is within the decision’s scope.', nb: condition ? `Vilkår: «${condition}».` : 'Kontroller at mottakeren er innenfor beslutningens virkeområde.' },
          { en: ' Record the result as endpoints[].transferBasis in the residency config.', nb: ' Før resultatet inn som endpoints[].transferBasis i residency-konfigurasjonen.' },
          notIncorporated ? cat(' ', eeaEftaRemedy(notIncorporated)) : EMPTY,
        ),
      });
    }
    case 'outside-eea-agreement': {
      const parent = verdict.entry?.parent ? countryNames(verdict.entry.parent) : { en: 'the EEA state', nb: 'EØS-staten' };
      return {
        outcome: 'manual',
        why: cat(where, ': ', decision, declaredBasis),
        remediation: {
          en: `Decide whether the processing there is covered by ${parent.en}’s data protection law and record why; unless that is settled treat it as a transfer to a third country (SCCs (EU) 2021/914 with a transfer impact assessment) and declare it as endpoints[].transferBasis.`,
          nb: `Avgjør om behandlingen der er omfattet av personvernlovgivningen i ${parent.nb}, og skriv ned hvorfor; inntil det er avklart, behandle den som en overføring til tredjeland (standard personvernbestemmelser (EU) 2021/914 med en vurdering av overføringen) og oppgi den som endpoints[].transferBasis.`,
        },
      };
    }
    case 'third-country':
      if (transferBasis) {
        return {
          outcome: 'manual',
          why: {
            en: `${where.en} is a third country; the residency config declares the transfer basis “${transferBasis}”: verify it is in place and covers this flow.`,
            nb: `${where.nb} er et tredjeland; residency-konfigurasjonen oppgir overføringsgrunnlaget «${transferBasis}»: kontroller at det er på plass og dekker denne dataflyten.`,
          },
          remediation: {
            en: 'Keep the signed SCCs (or BCR approval) and the transfer impact assessment with the audit pack.',
            nb: 'Legg de signerte standard personvernbestemmelsene (eller godkjenningen av BCR) og vurderingen av overføringen ved revisjonspakken.',
          },
        };
      }
      return {
        outcome: 'fail',
        why: {
          en: `${where.en} is a third country without an adequacy decision (GDPR Art. 44): a transfer there needs ${TRANSFER_TOOLS_TEXT.en}`,
          nb: `${where.nb} er et tredjeland uten beslutning om tilstrekkelig beskyttelsesnivå (GDPR art. 44): en overføring dit krever ${TRANSFER_TOOLS_TEXT.nb}`,
        },
        remediation: {
          en: 'Move the endpoint into the EEA or an adequate country, or put SCCs (EU) 2021/914 and a documented transfer impact assessment in place and declare them as endpoints[].transferBasis.',
          nb: 'Flytt endepunktet til EØS eller et land med tilstrekkelig beskyttelsesnivå, eller inngå standard personvernbestemmelser (EU) 2021/914 med en dokumentert vurdering av overføringen og oppgi dem som endpoints[].transferBasis.',
        },
      };
    case 'disputed':
      return {
        outcome: 'manual',
        why: cat({ en: 'Location disputed: ', nb: 'Omstridt plassering: ' }, decision, declaredBasis),
        remediation: {
          en: 'Establish where the endpoint is (contract, provider region, DPA) and declare it under endpoints[] in the residency config: the geolocation sources disagree, so none of their countries is used.',
          nb: 'Fastslå hvor endepunktet er (kontrakt, leverandørens region, databehandleravtale) og oppgi det under endpoints[] i residency-konfigurasjonen: geolokasjonskildene er uenige, så ingen av landene deres brukes.',
        },
      };
    case 'unknown':
      return {
        outcome: 'manual',
        why: cat({ en: 'Location unknown: ', nb: 'Ukjent plassering: ' }, decision),
        remediation: {
          en: 'Declare the endpoint’s location (from the contract, the provider’s region or the DPA) under endpoints[] in the residency config.',
          nb: 'Oppgi hvor endepunktet er (fra kontrakten, leverandørens region eller databehandleravtalen) under endpoints[] i residency-konfigurasjonen.',
        },
      };
    case 'internal':
      return { outcome: 'info', why: decision };
  }
}

function worst(verdicts: JurisdictionVerdict[]): JurisdictionVerdict {
  return verdicts.reduce((a, b) => (JURISDICTION_RANK[b.jurisdiction] > JURISDICTION_RANK[a.jurisdiction] ? b : a));
}

/** The verdict for one located (not internal) address. */
function addressVerdict(a: AddressFacts): JurisdictionVerdict {
  const none = { country: null, countryName: null };
  if (a.range !== 'public') {
    return verdictOf({ ...none, jurisdiction: 'unknown' }, { en: `${a.ip} is a ${a.range} address, not routable on the internet: it cannot be located.`, nb: `${a.ip} er en ${a.range}-adresse som ikke kan rutes på internett: den kan ikke stedfestes.` });
  }
  if (!a.geoSource) return verdictOf({ ...none, jurisdiction: 'unknown' }, { en: `${a.ip} was not geolocated.`, nb: `${a.ip} ble ikke geolokalisert.` });
  if (a.geoStatus === 'disputed') {
    const answers = describeAnswers(a.geo ?? []);
    return verdictOf({ ...none, jurisdiction: 'disputed' }, {
      en: `the geolocation sources disagree on ${a.ip}: ${answers}. None of them is taken as the location.`,
      nb: `geolokasjonskildene er uenige om ${a.ip}: ${answers}. Ingen av dem brukes som plassering.`,
    });
  }
  return classifyCountry(a.country);
}

/** Decide one endpoint. */
export function decideEndpoint(e: ResidencyEndpoint, config: ResidencyConfig, host: HostLocation): EndpointDecision {
  const ips = e.addresses.map((a) => a.ip);
  const geoCountries = [...new Set(e.addresses.map((a) => a.country).filter((c): c is string => !!c))];
  // Every country any source named, for the cross-check against a declaration.
  const anySource = [...new Set(e.addresses.flatMap((a) => (a.geo ? a.geo.map((g) => g.country) : [a.country])).filter((c): c is string => !!c))];
  const disputed = disputedAddresses(e.addresses.filter((a) => !a.internal));
  const declared = matchDeclared(config, e.host, e.port, ips);
  const severity = severityOf(e.kinds);
  const base = { endpoint: e, severity, internal: isInternal(e), disputed };
  const finish = (verdict: JurisdictionVerdict, basis: LocationBasis, countries: string[], decl: Declaration | null, lead: LocalText, stated: string | null): EndpointDecision => {
    const provider = decl?.provider ? config.providers[decl.provider] ?? null : basis === 'host' ? host.provider : null;
    const disagreeingGeo = stated ? anySource.filter((c) => c !== stated) : [];
    const decided = outcomeFor(verdict, config, decl?.transferBasis);
    // A declared transfer basis decides the outcome of a transfer (src/residency/transfer.ts).
    const transfer = isTransfer(verdict, base.internal) ? assessTransfer(verdict, decl, decided.outcome) : undefined;
    const o = (transfer && transferOutcome(transfer, whereText(verdict, { en: 'An unknown location', nb: 'Et ukjent sted' }))) ?? decided;
    const used = basis === 'declared' ? { en: 'declaration', nb: 'oppgitte plasseringen' } : { en: 'provider region', nb: 'leverandørens region' };
    const geoNote: LocalText = disagreeingGeo.length
      ? {
          en: ` Geolocation disagrees (${disagreeingGeo.join(', ')}); it is corroborating evidence only, the ${used.en} is used.`,
          nb: ` Geolokasjonen er uenig (${disagreeingGeo.join(', ')}); den er bare støttebevis, og den ${used.nb} brukes.`,
        }
      : EMPTY;
    return {
      ...base,
      countries,
      verdict,
      basis,
      declared: decl,
      provider,
      disagreeingGeo,
      ...(decided.eeaEfta ? { eeaEfta: decided.eeaEfta } : {}),
      outcome: o.outcome,
      message: both((l) => `${lead[l]} ${o.why[l]}${geoNote[l]}`.trim()),
      ...(o.remediation ? { remediation: o.remediation } : {}),
      ...(transfer ? { transfer } : {}),
    };
  };
  const kinds = describeKindsText(e.kinds);
  const what = both((l) => `${e.id} (${kinds[l]}):`);
  const name = (code: string) => countryNames(code);

  if (declared?.recipient) {
    const note = declared.note ? ` (${declared.note})` : '';
    const c = declared.country ? name(declared.country) : null;
    const r = name(declared.recipient);
    return finish(classifyCountry(declared.recipient), 'declared', declared.country ? [declared.country] : [], declared, {
      en: `${what.en} declared recipient ${r.en}${c ? `, in ${c.en}` : ''}${note}.`,
      nb: `${what.nb} oppgitt mottaker ${r.nb}${c ? `, i ${c.nb}` : ''}${note}.`,
    }, declared.country ?? null);
  }
  if (declared?.country) {
    const note = declared.note ? ` (${declared.note})` : '';
    const c = name(declared.country);
    return finish(classifyCountry(declared.country), 'declared', [declared.country], declared, { en: `${what.en} declared in ${c.en}${note}.`, nb: `${what.nb} oppgitt å være i ${c.nb}${note}.` }, declared.country);
  }
  if (e.providerRegion) {
    const pr = e.providerRegion;
    const c = name(pr.country);
    return finish(classifyCountry(pr.country), 'provider-region', [pr.country], null, { en: `${what.en} ${pr.provider} region ${pr.region} is in ${c.en}.`, nb: `${what.nb} ${pr.provider}-regionen ${pr.region} er i ${c.nb}.` }, pr.country);
  }
  if (base.internal) {
    if (host.country) {
      const v = classifyCountry(host.country);
      const c = name(host.country);
      const how = host.basis === 'declared' ? { en: 'declared', nb: 'oppgitt' } : { en: 'geolocated', nb: 'geolokalisert' };
      return finish(v, 'host', [host.country], host.declared, {
        en: `${what.en} internal address, located with this host in ${c.en} (${how.en}).`,
        nb: `${what.nb} intern adresse, på samme sted som denne verten, i ${c.nb} (${how.nb}).`,
      }, null);
    }
    const v = verdictOf({ country: null, countryName: null, jurisdiction: 'internal' }, {
      en: `Internal address: the data stays on this host's networks, so it is where the host is — and the host's location is not established (${host.detail}). See residency-host-location.`,
      nb: `Intern adresse: dataene blir på vertens nettverk og er dermed der verten er — og vertens plassering er ikke fastslått (${host.detailText.nb}). Se residency-host-location.`,
    });
    return finish(v, 'host', [], null, what, null);
  }
  if (e.addresses.length === 0) {
    const why = e.resolution.error
      ? { en: `the name was not resolved (${e.resolution.error})`, nb: `navnet ble ikke slått opp (${e.resolution.error})` }
      : { en: 'no address', nb: 'ingen adresse' };
    const v = verdictOf({ country: null, countryName: null, jurisdiction: 'unknown' }, { en: `${why.en}; nothing to geolocate.`, nb: `${why.nb}; ingenting å geolokalisere.` });
    return finish(v, 'none', [], null, what, null);
  }
  const v = worst(e.addresses.filter((a) => !a.internal).map(addressVerdict));
  const places = both((l) =>
    [
      geoCountries.length
        ? `${l === 'en' ? 'geolocates to' : 'geolokaliseres til'} ${geoCountries.map((c) => name(c)[l]).join(', ')}`
        : disputed.length ? '' : l === 'en' ? 'has no located country' : 'har ikke noe kjent land',
      disputed.length ? `${l === 'en' ? 'its geolocation is disputed for' : 'geolokasjonen er omstridt for'} ${disputed.map((d) => d.ip).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
  const resolves = e.resolution.method === 'dns' ? { en: `resolves to ${ips.join(', ')} and `, nb: `slås opp til ${ips.join(', ')} og ` } : EMPTY;
  return finish(v, geoCountries.length || disputed.length ? 'geolocation' : 'none', geoCountries, null, both((l) => `${what[l]} ${resolves[l]}${places[l]}.`), null);
}

/** Decide every endpoint of the evidence. */
export function decideAll(evidence: ResidencyEvidence, config: ResidencyConfig): { host: HostLocation; decisions: EndpointDecision[] } {
  const host = hostLocation(evidence, config);
  return { host, decisions: evidence.endpoints.map((e) => decideEndpoint(e, config, host)) };
}
