/**
 * Jurisdiction decisions: pure functions from residency evidence + the residency config to a verdict
 * and an outcome per endpoint. Used by the checks (so `report DIR` re-decides offline), by the pack's
 * residency section and by `where`.
 *
 * Precedence of location facts: declared in the config > provider region (e.g. awslogs-region) >
 * internal address (follows the host) > IP geolocation (corroborating only).
 */
import type { EndpointKind, ResidencyEndpoint, ResidencyEvidence } from '../evidence/types/residency';
import type { Outcome, Severity } from '../findings/types';
import { matchDeclared, normalizeResidencyConfig, type DeclaredLocation, type Provider, type ResidencyConfig } from './config';
import { classifyCountry, countryName, JURISDICTION_RANK, TRANSFER_TOOLS, type Jurisdiction, type JurisdictionVerdict } from './jurisdiction';
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

export interface EndpointDecision {
  endpoint: ResidencyEndpoint;
  /** Countries involved (declared or geolocated), upper case. */
  countries: string[];
  verdict: JurisdictionVerdict;
  basis: LocationBasis;
  /** True when every address is internal (or the name is a container or special name). */
  internal: boolean;
  declared: DeclaredLocation | null;
  provider: Provider | null;
  /** Geolocated countries that disagree with a declared or provider-stated country. */
  disagreeingGeo: string[];
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

/** Where the Docker host is: declared in the config, else the single country its public addresses geolocate to. */
export function hostLocation(evidence: ResidencyEvidence, config: ResidencyConfig): HostLocation {
  if (config.host) {
    const provider = config.host.provider ? config.providers[config.host.provider] ?? null : null;
    return { country: config.host.country, basis: 'declared', detail: `declared in the residency config${config.host.note ? ` (${config.host.note})` : ''}`, declared: config.host, provider };
  }
  const countries = new Set<string>();
  let publicAddresses = 0;
  for (const e of evidence.endpoints) {
    if (!e.kinds.includes('host-address')) continue;
    for (const a of e.addresses) {
      if (a.range !== 'public') continue;
      publicAddresses++;
      if (a.country) countries.add(a.country);
    }
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

/**
 * Outcome for a verdict under the config's `allowed` list (which only narrows: a third country never
 * passes, an adequate-in-part country always needs a person).
 */
export function outcomeFor(verdict: JurisdictionVerdict, config: ResidencyConfig, transferBasis?: string): { outcome: EndpointDecision['outcome']; why: string; remediation?: string } {
  const where = verdict.countryName ? `${verdict.countryName} (${verdict.country})` : 'an unknown location';
  switch (verdict.jurisdiction) {
    case 'eea':
    case 'adequate':
    case 'eea-special': {
      if (verdict.jurisdiction === 'eea-special' && verdict.entry?.withinEea !== true) {
        return { outcome: 'manual', why: `${where}: ${verdict.decision}`, remediation: 'Decide whether the GDPR applies there for this processing and record the basis; Svalbard is outside the EEA Agreement.' };
      }
      const pending = verdict.entry?.decision?.eeaEfta;
      if (verdict.jurisdiction === 'adequate' && pending && config.exporter && ['IS', 'LI', 'NO'].includes(config.exporter)) {
        return {
          outcome: 'manual',
          why: `${where}: ${verdict.decision} For an exporter in ${countryName(config.exporter)} it applies only once incorporated into the EEA Agreement: ${pending.note}`,
          remediation: 'Check on europalov.no whether the EEA Joint Committee Decision is adopted; until then use SCCs (EU) 2021/914 with a transfer impact assessment.',
        };
      }
      if (!allowedBy(config, verdict)) {
        return {
          outcome: 'fail',
          why: `${where} is ${verdict.jurisdiction}, but the residency config allows only ${allowedText(config)}. ${verdict.decision}`,
          remediation: 'Move the data to an allowed location, or widen `allowed` in the residency config if the policy permits it.',
        };
      }
      return { outcome: 'pass', why: verdict.decision };
    }
    case 'adequate-partial':
      return {
        outcome: 'manual',
        why: `${where}: ${verdict.decision}${transferBasis ? ` Declared basis: ${transferBasis}.` : ''}`,
        remediation: `${verdict.entry?.decision?.condition ?? 'Verify the recipient is within the decision’s scope.'} Record the result as endpoints[].transferBasis in the residency config.`,
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

/** Decide one endpoint. */
export function decideEndpoint(e: ResidencyEndpoint, config: ResidencyConfig, host: HostLocation): EndpointDecision {
  const ips = e.addresses.map((a) => a.ip);
  const geoCountries = [...new Set(e.addresses.map((a) => a.country).filter((c): c is string => !!c))];
  const declared = matchDeclared(config, e.host, e.port, ips);
  const severity = severityOf(e.kinds);
  const base = { endpoint: e, severity, internal: isInternal(e) };
  const finish = (verdict: JurisdictionVerdict, basis: LocationBasis, countries: string[], decl: DeclaredLocation | null, lead: string): EndpointDecision => {
    const provider = decl?.provider ? config.providers[decl.provider] ?? null : basis === 'host' ? host.provider : null;
    const stated = basis === 'declared' || basis === 'provider-region' ? verdict.country : null;
    const disagreeingGeo = stated ? geoCountries.filter((c) => c !== stated) : [];
    const decided = outcomeFor(verdict, config, decl?.transferBasis);
    // A declared transfer basis decides the outcome of a transfer (src/residency/transfer.ts).
    const transfer = isTransfer(verdict, base.internal) ? assessTransfer(verdict, decl, decided.outcome) : undefined;
    const o = (transfer && transferOutcome(transfer, verdict.countryName ? `${verdict.countryName} (${verdict.country})` : 'An unknown location')) ?? decided;
    const geoNote = disagreeingGeo.length ? ` Geolocation disagrees (${disagreeingGeo.join(', ')}); it is corroborating evidence only, the ${basis === 'declared' ? 'declaration' : 'provider region'} is used.` : '';
    return { ...base, countries, verdict, basis, declared: decl, provider, disagreeingGeo, outcome: o.outcome, message: `${lead} ${o.why}${geoNote}`.trim(), ...(o.remediation ? { remediation: o.remediation } : {}), ...(transfer ? { transfer } : {}) };
  };
  const what = `${e.id} (${describeKinds(e.kinds)}):`;

  if (declared) {
    return finish(classifyCountry(declared.country), 'declared', [declared.country], declared, `${what} declared in ${countryName(declared.country)}${declared.note ? ` (${declared.note})` : ''}.`);
  }
  if (e.providerRegion) {
    const pr = e.providerRegion;
    return finish(classifyCountry(pr.country), 'provider-region', [pr.country], null, `${what} ${pr.provider} region ${pr.region} is in ${countryName(pr.country)}.`);
  }
  if (base.internal) {
    if (host.country) {
      const v = classifyCountry(host.country);
      return finish(v, 'host', [host.country], host.declared, `${what} internal address, located with this host in ${countryName(host.country)} (${host.basis === 'declared' ? 'declared' : 'geolocated'}).`);
    }
    const v: JurisdictionVerdict = {
      country: null,
      countryName: null,
      jurisdiction: 'internal',
      decision: `Internal address: the data stays on this host's networks, so it is where the host is — and the host's location is not established (${host.detail}). See residency-host-location.`,
    };
    return finish(v, 'host', [], null, what);
  }
  if (e.addresses.length === 0) {
    const why = e.resolution.error ? `the name was not resolved (${e.resolution.error})` : 'no address';
    const v: JurisdictionVerdict = { country: null, countryName: null, jurisdiction: 'unknown', decision: `${why}; nothing to geolocate.` };
    return finish(v, 'none', [], null, what);
  }
  const located = e.addresses.filter((a) => !a.internal);
  const verdicts = located.map((a) => {
    if (a.range !== 'public') return { country: null, countryName: null, jurisdiction: 'unknown' as const, decision: `${a.ip} is a ${a.range} address, not routable on the internet: it cannot be located.` };
    if (!a.geoSource) return { country: null, countryName: null, jurisdiction: 'unknown' as const, decision: `${a.ip} was not geolocated.` };
    return classifyCountry(a.country);
  });
  const v = worst(verdicts);
  const places = geoCountries.length ? `geolocates to ${geoCountries.map((c) => countryName(c)).join(', ')}` : 'has no located country';
  return finish(v, geoCountries.length ? 'geolocation' : 'none', geoCountries, null, `${what} ${e.resolution.method === 'dns' ? `resolves to ${ips.join(', ')} and ` : ''}${places}.`);
}

/** Decide every endpoint of the evidence. */
export function decideAll(evidence: ResidencyEvidence, config: ResidencyConfig): { host: HostLocation; decisions: EndpointDecision[] } {
  const host = hostLocation(evidence, config);
  return { host, decisions: evidence.endpoints.map((e) => decideEndpoint(e, config, host)) };
}
