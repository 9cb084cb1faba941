/**
 * The due-diligence look-up behind `residency-audit where`: an IP address, a host name, a country
 * code or an international organisation (`EPO`) → country, jurisdiction, the outcome a finding would
 * have, and the decision behind it. `exporter` applies the rule for exporters in Iceland,
 * Liechtenstein and Norway (adequacy decisions not confirmed in the EEA Agreement need a person).
 */
import { isIP } from 'node:net';
import type { GeoDatabaseInfo, GeoSourceAnswer, GeoStatus } from '../evidence/types/residency';
import type { Outcome } from '../findings/types';
import { defaultResidencyConfig, type ResidencyConfig } from './config';
import { eeaEftaWhy, outcomeFor } from './decide';
import { describeAnswers, type GeoSet } from './geo';
import { classifyAddress, parseIp, stripIp } from './ip-address';
import { classifyCountry, countryName, JURISDICTION_RANK, lookupCountry, lookupOrganisation, type Jurisdiction, type JurisdictionVerdict } from './jurisdiction';
import type { NameResolver } from './resolver';

/** One answer; the JSON output of `where --json` is an array of these. */
export interface WhereAnswer {
  input: string;
  /** ISO code or organisation id, or null (internal, unknown, disputed). Several countries → the most restrictive. */
  country: string | null;
  jurisdiction: Jurisdiction;
  /** What a residency finding would say: pass, manual (a person decides), fail, info (internal), or error for bad input. */
  outcome: Exclude<Outcome, 'waived'>;
  decision: string;
  /** For IP and host-name inputs: every geolocation source's answer per public address. */
  geolocation?: { ip: string; status: GeoStatus; answers: GeoSourceAnswer[] }[];
}

/** The answer plus what the text output shows. */
export interface WhereDetail extends WhereAnswer {
  kind: 'country-code' | 'organisation' | 'ip' | 'hostname' | 'invalid';
  /** Addresses looked at, with their countries. */
  addresses: { ip: string; range: string; country: string | null; status?: GeoStatus; answers?: GeoSourceAnswer[] }[];
  /** How the name was resolved (hostname inputs). */
  resolvedBy?: 'hosts-file' | 'dns' | null;
}

export interface WhereOptions {
  resolver: NameResolver;
  hostsFile?: Map<string, string[]> | null;
  geo: () => GeoSet;
  /** Country of the exporting controller (`--exporter`), as in the residency config. */
  exporter?: string | null;
}

function withDetail(v: JurisdictionVerdict): string {
  if (!v.detail || !v.entry) return v.decision;
  // The special-territory sentence already quotes the note: add only the open question.
  if (v.decision.includes(v.entry.note)) return v.entry.unverified ? `${v.decision} Not confirmed: ${v.entry.unverified}` : v.decision;
  return `${v.decision} ${v.detail}`;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

interface AddressVerdict {
  verdict: JurisdictionVerdict;
  range: string;
  ip: string;
  status?: GeoStatus;
  answers?: GeoSourceAnswer[];
}

function verdictFor(ip: string, opts: WhereOptions, used: { db: GeoSet | null }): AddressVerdict {
  const a = classifyAddress(ip)!;
  if (a.internal) {
    return { ip: a.ip, range: a.range, verdict: { country: null, countryName: null, jurisdiction: 'internal', decision: `${a.ip} is a ${a.range} address: it never leaves the networks of the host that uses it, so it is wherever that host is.` } };
  }
  if (a.range !== 'public') {
    return { ip: a.ip, range: a.range, verdict: { country: null, countryName: null, jurisdiction: 'unknown', decision: `${a.ip} is a ${a.range} address, not routable on the internet: it has no location.` } };
  }
  const db = opts.geo();
  used.db = db;
  const ans = db.lookup(parseIp(a.ip)!);
  const verdict: JurisdictionVerdict =
    ans.status === 'disputed'
      ? { country: null, countryName: null, jurisdiction: 'disputed', decision: `The geolocation sources disagree on ${a.ip}: ${describeAnswers(ans.answers)}. None of them is taken as the location; establish it from the provider.` }
      : classifyCountry(ans.country);
  return { ip: a.ip, range: a.range, verdict, status: ans.status, answers: ans.answers };
}

/** Outcome and decision text for a verdict, with the EEA EFTA sentence when it applies. */
function judged(v: JurisdictionVerdict, config: ResidencyConfig): Pick<WhereAnswer, 'outcome' | 'decision'> {
  const o = outcomeFor(v, config);
  const extra = o.eeaEfta?.status === 'not-confirmed' ? eeaEftaWhy(o.eeaEfta) : '';
  return { outcome: o.outcome, decision: `${withDetail(v)}${extra}` };
}

function invalid(input: string, decision: string): WhereDetail {
  return { input, kind: 'invalid', country: null, jurisdiction: 'unknown', outcome: 'error', decision, addresses: [] };
}

function geolocationOf(results: AddressVerdict[]): WhereAnswer['geolocation'] {
  const located = results.filter((r) => r.answers);
  return located.length ? located.map((r) => ({ ip: r.ip, status: r.status!, answers: r.answers! })) : undefined;
}

/** Answer one input. Never throws for bad input: it answers `invalid` with the reason. */
export async function whereOne(input: string, opts: WhereOptions, used: { db: GeoSet | null } = { db: null }): Promise<WhereDetail> {
  const config: ResidencyConfig = { ...defaultResidencyConfig(), exporter: opts.exporter ?? null };
  const raw = input.trim();
  const org = lookupOrganisation(raw);
  if (org) {
    const v = classifyCountry(org.code);
    return { input, kind: 'organisation', country: v.country, jurisdiction: v.jurisdiction, ...judged(v, config), addresses: [] };
  }
  if (/^[A-Za-z]{2}$/.test(raw)) {
    const code = raw.toUpperCase();
    if (!lookupCountry(code)) return invalid(input, `"${raw}" is not a country code in the jurisdiction table (ISO 3166-1 alpha-2, e.g. NO, US).`);
    const v = classifyCountry(code);
    return { input, kind: 'country-code', country: v.country, jurisdiction: v.jurisdiction, ...judged(v, config), addresses: [] };
  }
  if (isIP(stripIp(raw))) {
    const r = verdictFor(raw, opts, used);
    const geolocation = geolocationOf([r]);
    return {
      input,
      kind: 'ip',
      country: r.verdict.country,
      jurisdiction: r.verdict.jurisdiction,
      ...judged(r.verdict, config),
      ...(geolocation ? { geolocation } : {}),
      addresses: [{ ip: r.ip, range: r.range, country: r.verdict.country, ...(r.answers ? { status: r.status, answers: r.answers } : {}) }],
    };
  }
  if (!HOSTNAME.test(raw)) return invalid(input, `"${raw}" is not an IP address, a host name, a country code or an organisation (EPO).`);
  const name = raw.toLowerCase().replace(/\.$/, '');
  let addresses: string[];
  let resolvedBy: WhereDetail['resolvedBy'] = null;
  const fromFile = opts.hostsFile?.get(name);
  if (fromFile) {
    addresses = fromFile;
    resolvedBy = 'hosts-file';
  } else {
    try {
      addresses = await opts.resolver.resolve(name);
      resolvedBy = 'dns';
    } catch (err) {
      return { input, kind: 'hostname', country: null, jurisdiction: 'unknown', outcome: 'manual', decision: `${name} was not resolved (${(err as Error).message}); nothing to locate.`, addresses: [], resolvedBy: null };
    }
  }
  const results = addresses.filter((a) => isIP(stripIp(a))).map((a) => verdictFor(a, opts, used));
  if (results.length === 0) {
    return { input, kind: 'hostname', country: null, jurisdiction: 'unknown', outcome: 'manual', decision: `${name} has no address.`, addresses: [], resolvedBy };
  }
  const worst = results.reduce((a, b) => (JURISDICTION_RANK[b.verdict.jurisdiction] > JURISDICTION_RANK[a.verdict.jurisdiction] ? b : a));
  const countries = [...new Set(results.map((r) => r.verdict.country).filter((c): c is string => !!c))];
  const spread = countries.length > 1 ? ` Its addresses geolocate to ${countries.map((c) => `${countryName(c)} (${c})`).join(', ')}; the most restrictive is shown.` : '';
  const j = judged(worst.verdict, config);
  const geolocation = geolocationOf(results);
  return {
    input,
    kind: 'hostname',
    country: worst.verdict.country,
    jurisdiction: worst.verdict.jurisdiction,
    outcome: j.outcome,
    decision: `${j.decision}${spread}`,
    ...(geolocation ? { geolocation } : {}),
    addresses: results.map((r) => ({ ip: r.ip, range: r.range, country: r.verdict.country, ...(r.answers ? { status: r.status, answers: r.answers } : {}) })),
    resolvedBy,
  };
}

/** Answer every input, in order; names are resolved concurrently. `geolocation`: the sources used, or null. */
export async function whereAll(inputs: string[], opts: WhereOptions): Promise<{ answers: WhereDetail[]; geolocation: GeoDatabaseInfo[] | null }> {
  const used = { db: null as GeoSet | null };
  const answers = await Promise.all(inputs.map((i) => whereOne(i, opts, used)));
  return { answers, geolocation: used.db ? (used.db as GeoSet).infos : null };
}
