/**
 * The due-diligence look-up behind `residency-audit where`: an IP address, a host name or a country
 * code → country, jurisdiction and the decision behind it.
 */
import { isIP } from 'node:net';
import type { GeoDatabaseInfo } from '../evidence/types/residency';
import type { GeoLocator } from './geo';
import { classifyAddress, parseIp, stripIp } from './ip-address';
import { classifyCountry, countryName, JURISDICTION_RANK, lookupCountry, type Jurisdiction, type JurisdictionVerdict } from './jurisdiction';
import type { NameResolver } from './resolver';

/** One answer; the JSON output of `where --json` is an array of these four fields. */
export interface WhereAnswer {
  input: string;
  /** ISO code, or null (internal, unknown, several countries disagree → the worst one is given). */
  country: string | null;
  jurisdiction: Jurisdiction;
  decision: string;
}

/** The answer plus what the text output shows. */
export interface WhereDetail extends WhereAnswer {
  kind: 'country-code' | 'ip' | 'hostname' | 'invalid';
  /** Addresses looked at, with their countries. */
  addresses: { ip: string; range: string; country: string | null }[];
  /** How the name was resolved (hostname inputs). */
  resolvedBy?: 'hosts-file' | 'dns' | null;
}

export interface WhereOptions {
  resolver: NameResolver;
  hostsFile?: Map<string, string[]> | null;
  geo: () => GeoLocator;
}

function withDetail(v: JurisdictionVerdict): string {
  if (!v.detail || !v.entry) return v.decision;
  // The special-territory sentence already quotes the note: add only the open question.
  if (v.decision.includes(v.entry.note)) return v.entry.unverified ? `${v.decision} Not confirmed: ${v.entry.unverified}` : v.decision;
  return `${v.decision} ${v.detail}`;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

function verdictFor(ip: string, opts: WhereOptions, used: { db: GeoDatabaseInfo | null }): { verdict: JurisdictionVerdict; range: string; ip: string } {
  const a = classifyAddress(ip)!;
  if (a.internal) {
    return { ip: a.ip, range: a.range, verdict: { country: null, countryName: null, jurisdiction: 'internal', decision: `${a.ip} is a ${a.range} address: it never leaves the networks of the host that uses it, so it is wherever that host is.` } };
  }
  if (a.range !== 'public') {
    return { ip: a.ip, range: a.range, verdict: { country: null, countryName: null, jurisdiction: 'unknown', decision: `${a.ip} is a ${a.range} address, not routable on the internet: it has no location.` } };
  }
  const db = opts.geo();
  used.db = db.info;
  const ans = db.lookup(parseIp(a.ip)!);
  return { ip: a.ip, range: a.range, verdict: classifyCountry(ans?.country ?? null) };
}

/** Answer one input. Never throws for bad input: it answers `invalid` with the reason. */
export async function whereOne(input: string, opts: WhereOptions, used: { db: GeoDatabaseInfo | null } = { db: null }): Promise<WhereDetail> {
  const raw = input.trim();
  if (/^[A-Za-z]{2}$/.test(raw)) {
    const code = raw.toUpperCase();
    if (!lookupCountry(code)) {
      return { input, kind: 'invalid', country: null, jurisdiction: 'unknown', decision: `"${raw}" is not a country code in the jurisdiction table (ISO 3166-1 alpha-2, e.g. NO, US).`, addresses: [] };
    }
    const v = classifyCountry(code);
    return { input, kind: 'country-code', country: v.country, jurisdiction: v.jurisdiction, decision: withDetail(v), addresses: [] };
  }
  if (isIP(stripIp(raw))) {
    const r = verdictFor(raw, opts, used);
    return { input, kind: 'ip', country: r.verdict.country, jurisdiction: r.verdict.jurisdiction, decision: withDetail(r.verdict), addresses: [{ ip: r.ip, range: r.range, country: r.verdict.country }] };
  }
  if (!HOSTNAME.test(raw)) {
    return { input, kind: 'invalid', country: null, jurisdiction: 'unknown', decision: `"${raw}" is not an IP address, a host name or a country code.`, addresses: [] };
  }
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
      return { input, kind: 'hostname', country: null, jurisdiction: 'unknown', decision: `${name} was not resolved (${(err as Error).message}); nothing to locate.`, addresses: [], resolvedBy: null };
    }
  }
  const results = addresses.filter((a) => isIP(stripIp(a))).map((a) => verdictFor(a, opts, used));
  if (results.length === 0) {
    return { input, kind: 'hostname', country: null, jurisdiction: 'unknown', decision: `${name} has no address.`, addresses: [], resolvedBy };
  }
  const worst = results.reduce((a, b) => (JURISDICTION_RANK[b.verdict.jurisdiction] > JURISDICTION_RANK[a.verdict.jurisdiction] ? b : a));
  const countries = [...new Set(results.map((r) => r.verdict.country).filter((c): c is string => !!c))];
  const spread = countries.length > 1 ? ` Its addresses geolocate to ${countries.map((c) => `${countryName(c)} (${c})`).join(', ')}; the most restrictive is shown.` : '';
  return {
    input,
    kind: 'hostname',
    country: worst.verdict.country,
    jurisdiction: worst.verdict.jurisdiction,
    decision: `${withDetail(worst.verdict)}${spread}`,
    addresses: results.map((r) => ({ ip: r.ip, range: r.range, country: r.verdict.country })),
    resolvedBy,
  };
}

/** Answer every input, in order; names are resolved concurrently. */
export async function whereAll(inputs: string[], opts: WhereOptions): Promise<{ answers: WhereDetail[]; geolocation: GeoDatabaseInfo | null }> {
  const used = { db: null as GeoDatabaseInfo | null };
  const answers = await Promise.all(inputs.map((i) => whereOne(i, opts, used)));
  return { answers, geolocation: used.db };
}
