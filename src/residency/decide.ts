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
import type { Outcome, Severity } from '../findings/types';
import { matchDeclared, normalizeResidencyConfig, type Declaration, type DeclaredLocation, type Provider, type ResidencyConfig } from './config';
import { describeAnswers } from './geo/consensus';
import { classifyCountry, countryName, EEA_EFTA_STATES, eeaEftaStatus, JURISDICTION_RANK, TRANSFER_TOOLS, type Jurisdiction, type JurisdictionVerdict } from './jurisdiction';
import { assessTransfer, isTransfer, transferOutcome, type TransferAssessment } from './transfer';

/** Where a location fact came from, strongest first. */
export type LocationBasis = 'declared' | 'provider-region' | 'host' | 'geolocation' | 'none';

export interface HostLocation {
  country: string | null;
  basis: 'declared' | 'geolocation' | 'none';
  /** How the host's location was established, one sentence. */
  detail: string;
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
  message: string;
  remediation?: string;
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

const KIND_WORDS: Record<EndpointKind, string> = {
  'host-address': 'host address',
  'published-port': 'published port',
  env: 'environment value',
  label: 'label',
  command: 'command line',
  volume: 'volume backend',
  logging: 'log destination',
  registry: 'image registry',
  'dns-server': 'DNS server',
  'swarm-node': 'swarm node',
  proxy: 'engine proxy',
};

export function describeKinds(kinds: EndpointKind[]): string {
  return kinds.map((k) => KIND_WORDS[k]).join(', ');
}

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
    return { country: config.host.country, basis: 'declared', detail: `declared in the residency config${config.host.note ? ` (${config.host.note})` : ''}`, declared: config.host, provider };
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
    return { country: null, basis: 'none', detail: `the geolocation sources disagree on its public address(es): ${describeDisputes(disputed)}; and no location is declared`, declared: null, provider: null };
  }
  if (countries.size === 1) {
    const [c] = countries;
    return { country: c, basis: 'geolocation', detail: `its ${publicAddresses} public interface address(es) geolocate to ${c}`, declared: null, provider: null };
  }
  const detail =
    publicAddresses === 0
      ? 'the host has no public interface address (behind NAT or a cloud network), and no location is declared'
      : countries.size === 0
        ? 'its public addresses have no located country, and no location is declared'
        : `its public addresses geolocate to several countries (${[...countries].join(', ')}), and no location is declared`;
  return { country: null, basis: 'none', detail, declared: null, provider: null };
}

function allowedBy(config: ResidencyConfig, verdict: JurisdictionVerdict): boolean {
  if (verdict.country && config.allowed.countries.includes(verdict.country)) return true;
  return (config.allowed.jurisdictions as Jurisdiction[]).includes(verdict.jurisdiction);
}

function allowedText(config: ResidencyConfig): string {
  return [...config.allowed.jurisdictions, ...config.allowed.countries].join(', ');
}

/** Where a verdict is, for messages: "Norway (NO)", "European Patent Organisation (EPO)". */
function whereText(verdict: JurisdictionVerdict): string {
  return verdict.countryName ? `${verdict.countryName} (${verdict.country})` : 'an unknown location';
}

/** The EEA EFTA note for a verdict resting on an adequacy decision, when the exporter is in IS/LI/NO. */
export function eeaEftaNote(verdict: JurisdictionVerdict, config: ResidencyConfig): EeaEftaNote | undefined {
  const d = verdict.entry?.decision;
  if (!d || !config.exporter || !EEA_EFTA_STATES.includes(config.exporter)) return undefined;
  if (verdict.jurisdiction !== 'adequate' && verdict.jurisdiction !== 'adequate-partial') return undefined;
  const st = eeaEftaStatus(d);
  return { exporter: config.exporter, act: d.act, status: st.status, date: st.date, text: st.text };
}

/** The sentence a finding (and `where --exporter`) adds for an EEA EFTA exporter, with a leading space. */
export function eeaEftaWhy(n: EeaEftaNote): string {
  return ` For an exporter in ${countryName(n.exporter)} (EEA EFTA) an adequacy decision applies only once an EEA Joint Committee Decision incorporates it into the EEA Agreement: ${n.text}`;
}

export interface OutcomeResult {
  outcome: EndpointDecision['outcome'];
  why: string;
  remediation?: string;
  eeaEfta?: EeaEftaNote;
}

/**
 * Outcome for a verdict under the config's `allowed` list (which only narrows: a third country never
 * passes, an adequate-in-part country always needs a person), and the one rule for EEA EFTA exporters:
 * an adequacy decision whose EEA incorporation is not confirmed needs a person.
 */
export function outcomeFor(verdict: JurisdictionVerdict, config: ResidencyConfig, transferBasis?: string): OutcomeResult {
  const where = whereText(verdict);
  const declaredBasis = transferBasis ? ` Declared basis: ${transferBasis}.` : '';
  const eeaEfta = eeaEftaNote(verdict, config);
  const notIncorporated = eeaEfta?.status === 'not-confirmed' ? eeaEfta : undefined;
  const withNote = (r: OutcomeResult): OutcomeResult => (eeaEfta ? { ...r, eeaEfta } : r);
  const eeaEftaRemedy = (n: EeaEftaNote) =>
    `Check on europalov.no whether the EEA Joint Committee Decision incorporating ${n.act} has been adopted, and keep the result with the audit; until it is, rely on another Chapter V tool (SCCs (EU) 2021/914 with a transfer impact assessment) and declare it as endpoints[].transferBasis in the residency config.`;
  switch (verdict.jurisdiction) {
    case 'eea':
    case 'adequate':
    case 'eea-special': {
      if (notIncorporated) {
        return withNote({ outcome: 'manual', why: `${verdict.decision}${eeaEftaWhy(notIncorporated)}${declaredBasis}`, remediation: eeaEftaRemedy(notIncorporated) });
      }
      if (!allowedBy(config, verdict)) {
        return withNote({
          outcome: 'fail',
          why: `${where} is ${verdict.jurisdiction}, but the residency config allows only ${allowedText(config)}. ${verdict.decision}`,
          remediation: 'Move the data to an allowed location, or widen `allowed` in the residency config if the policy permits it.',
        });
      }
      return withNote({ outcome: 'pass', why: verdict.decision });
    }
    case 'adequate-partial':
      return withNote({
        outcome: 'manual',
        why: `${where}: ${verdict.decision}${notIncorporated ? eeaEftaWhy(notIncorporated) : ''}${declaredBasis}`,
        remediation: `${verdict.entry?.decision?.condition ?? 'Verify the recipient is within the decision’s scope.'} Record the result as endpoints[].transferBasis in the residency config.${notIncorporated ? ` ${eeaEftaRemedy(notIncorporated)}` : ''}`,
      });
    case 'outside-eea-agreement':
      return {
        outcome: 'manual',
        why: `${where}: ${verdict.decision}${declaredBasis}`,
        remediation: `Decide whether the processing there is covered by ${verdict.entry?.parent ? countryName(verdict.entry.parent) : 'the EEA state'}’s data protection law and record why; unless that is settled treat it as a transfer to a third country (SCCs (EU) 2021/914 with a transfer impact assessment) and declare it as endpoints[].transferBasis.`,
      };
    case 'third-country':
      if (transferBasis) {
        return {
          outcome: 'manual',
          why: `${where} is a third country; the residency config declares the transfer basis “${transferBasis}”: verify it is in place and covers this flow.`,
          remediation: 'Keep the signed SCCs (or BCR approval) and the transfer impact assessment with the audit pack.',
        };
      }
      return {
        outcome: 'fail',
        why: `${where} is a third country without an adequacy decision (GDPR Art. 44): a transfer there needs ${TRANSFER_TOOLS}`,
        remediation: 'Move the endpoint into the EEA or an adequate country, or put SCCs (EU) 2021/914 and a documented transfer impact assessment in place and declare them as endpoints[].transferBasis.',
      };
    case 'disputed':
      return {
        outcome: 'manual',
        why: `Location disputed: ${verdict.decision}${declaredBasis}`,
        remediation: 'Establish where the endpoint is (contract, provider region, DPA) and declare it under endpoints[] in the residency config: the geolocation sources disagree, so none of their countries is used.',
      };
    case 'unknown':
      return {
        outcome: 'manual',
        why: `Location unknown: ${verdict.decision}`,
        remediation: 'Declare the endpoint’s location (from the contract, the provider’s region or the DPA) under endpoints[] in the residency config.',
      };
    case 'internal':
      return { outcome: 'info', why: verdict.decision };
  }
}

function worst(verdicts: JurisdictionVerdict[]): JurisdictionVerdict {
  return verdicts.reduce((a, b) => (JURISDICTION_RANK[b.jurisdiction] > JURISDICTION_RANK[a.jurisdiction] ? b : a));
}

/** The verdict for one located (not internal) address. */
function addressVerdict(a: AddressFacts): JurisdictionVerdict {
  if (a.range !== 'public') return { country: null, countryName: null, jurisdiction: 'unknown', decision: `${a.ip} is a ${a.range} address, not routable on the internet: it cannot be located.` };
  if (!a.geoSource) return { country: null, countryName: null, jurisdiction: 'unknown', decision: `${a.ip} was not geolocated.` };
  if (a.geoStatus === 'disputed') {
    return { country: null, countryName: null, jurisdiction: 'disputed', decision: `the geolocation sources disagree on ${a.ip}: ${describeAnswers(a.geo ?? [])}. None of them is taken as the location.` };
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
  const finish = (verdict: JurisdictionVerdict, basis: LocationBasis, countries: string[], decl: Declaration | null, lead: string, stated: string | null): EndpointDecision => {
    const provider = decl?.provider ? config.providers[decl.provider] ?? null : basis === 'host' ? host.provider : null;
    const disagreeingGeo = stated ? anySource.filter((c) => c !== stated) : [];
    const decided = outcomeFor(verdict, config, decl?.transferBasis);
    // A declared transfer basis decides the outcome of a transfer (src/residency/transfer.ts).
    const transfer = isTransfer(verdict, base.internal) ? assessTransfer(verdict, decl, decided.outcome) : undefined;
    const o = (transfer && transferOutcome(transfer, verdict.countryName ? `${verdict.countryName} (${verdict.country})` : 'An unknown location')) ?? decided;
    const geoNote = disagreeingGeo.length ? ` Geolocation disagrees (${disagreeingGeo.join(', ')}); it is corroborating evidence only, the ${basis === 'declared' ? 'declaration' : 'provider region'} is used.` : '';
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
      message: `${lead} ${o.why}${geoNote}`.trim(),
      ...(o.remediation ? { remediation: o.remediation } : {}),
      ...(transfer ? { transfer } : {}),
    };
  };
  const what = `${e.id} (${describeKinds(e.kinds)}):`;

  if (declared?.recipient) {
    const note = declared.note ? ` (${declared.note})` : '';
    const inCountry = declared.country ? `, in ${countryName(declared.country)}` : '';
    return finish(classifyCountry(declared.recipient), 'declared', declared.country ? [declared.country] : [], declared, `${what} declared recipient ${countryName(declared.recipient)}${inCountry}${note}.`, declared.country ?? null);
  }
  if (declared?.country) {
    return finish(classifyCountry(declared.country), 'declared', [declared.country], declared, `${what} declared in ${countryName(declared.country)}${declared.note ? ` (${declared.note})` : ''}.`, declared.country);
  }
  if (e.providerRegion) {
    const pr = e.providerRegion;
    return finish(classifyCountry(pr.country), 'provider-region', [pr.country], null, `${what} ${pr.provider} region ${pr.region} is in ${countryName(pr.country)}.`, pr.country);
  }
  if (base.internal) {
    if (host.country) {
      const v = classifyCountry(host.country);
      return finish(v, 'host', [host.country], host.declared, `${what} internal address, located with this host in ${countryName(host.country)} (${host.basis === 'declared' ? 'declared' : 'geolocated'}).`, null);
    }
    const v: JurisdictionVerdict = {
      country: null,
      countryName: null,
      jurisdiction: 'internal',
      decision: `Internal address: the data stays on this host's networks, so it is where the host is — and the host's location is not established (${host.detail}). See residency-host-location.`,
    };
    return finish(v, 'host', [], null, what, null);
  }
  if (e.addresses.length === 0) {
    const why = e.resolution.error ? `the name was not resolved (${e.resolution.error})` : 'no address';
    const v: JurisdictionVerdict = { country: null, countryName: null, jurisdiction: 'unknown', decision: `${why}; nothing to geolocate.` };
    return finish(v, 'none', [], null, what, null);
  }
  const v = worst(e.addresses.filter((a) => !a.internal).map(addressVerdict));
  const places = [
    geoCountries.length ? `geolocates to ${geoCountries.map((c) => countryName(c)).join(', ')}` : disputed.length ? '' : 'has no located country',
    disputed.length ? `its geolocation is disputed for ${disputed.map((d) => d.ip).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return finish(v, geoCountries.length || disputed.length ? 'geolocation' : 'none', geoCountries, null, `${what} ${e.resolution.method === 'dns' ? `resolves to ${ips.join(', ')} and ` : ''}${places}.`, null);
}

/** Decide every endpoint of the evidence. */
export function decideAll(evidence: ResidencyEvidence, config: ResidencyConfig): { host: HostLocation; decisions: EndpointDecision[] } {
  const host = hostLocation(evidence, config);
  return { host, decisions: evidence.endpoints.map((e) => decideEndpoint(e, config, host)) };
}
