/**
 * `residency.yaml`: what the user declares about locations. Declared facts take precedence over
 * geolocation and are shown as declared in the pack.
 *
 * ```yaml
 * exporter: NO                      # where the controller/exporter is established (EEA EFTA exporters: pending EEA incorporation matters)
 * allowed: [eea, adequate]          # narrows what passes: jurisdictions eea, eea-special, adequate, or country codes (NO)
 * host:                             # where this Docker host is
 *   country: NO
 *   provider: hetzner
 * endpoints:
 *   - match: "*.s3.eu-north-1.amazonaws.com"   # host name, *.glob, host:port, IP or CIDR
 *     country: SE
 *     provider: aws
 *     note: AWS region eu-north-1 per contract
 *   - match: api.vendor.example
 *     country: US
 *     transfer: { mechanism: scc, module: 2, document: "DPA 2025-07 annex III", tiaDate: 2025-03-01 }
 *   - match: "*.epo.org"                        # the recipient is an international organisation:
 *     recipient: EPO                            # its adequacy decision decides, wherever its servers are
 * providers:
 *   aws: { name: Amazon Web Services EMEA SARL, parent: "Amazon.com, Inc.", parentCountry: US }
 * ```
 */
import { InputError } from '../errors';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseIp } from './ip-address';
import { lookupCountry, lookupOrganisation, ORGANISATION_TABLE, type CountryJurisdiction } from './jurisdiction';
import { parseTransfer, type TransferDeclaration } from './transfer';
import { yaml } from '../config/yaml';

export class ResidencyConfigError extends InputError {}

/** What the user states about an endpoint or the host: where it is and/or who receives the data. */
export interface Declaration {
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /**
   * The recipient, when it is an international organisation (`EPO`): its adequacy decision decides,
   * wherever its offices are. Endpoints only.
   */
  recipient?: string;
  /** Key into `providers`. */
  provider?: string;
  /** Where the statement comes from (contract, DPA, provider console), shown in the pack. */
  note?: string;
  /** The Chapter V basis the user relies on for a transfer, as free text (kept for older configs; judged as needing review). */
  transferBasis?: string;
  /** The Chapter V basis in structured form (src/residency/transfer.ts): judged per destination. */
  transfer?: TransferDeclaration;
}

/** A location the user states (the host, or an endpoint declared with a country). */
export interface DeclaredLocation extends Declaration {
  country: string;
}

/** A declared endpoint: `country`, `recipient` or both. */
export interface DeclaredEndpoint extends Declaration {
  /** Host name, `*.suffix` glob, `host:port`, IP address or CIDR. */
  match: string;
}

export interface Provider {
  name: string;
  /** Ultimate parent company, for CLOUD Act / foreign-law exposure. */
  parent?: string;
  /** Country of the parent company (ISO code). */
  parentCountry?: string;
}

export interface ResidencyConfig {
  /** Country of the exporting controller, when declared; for IS, LI and NO an adequacy decision not yet incorporated into the EEA Agreement needs a person. */
  exporter: string | null;
  /** What may pass: jurisdictions (subset of eea, eea-special, adequate) and/or country codes. */
  allowed: { jurisdictions: CountryJurisdiction[]; countries: string[] };
  host: DeclaredLocation | null;
  endpoints: DeclaredEndpoint[];
  providers: Record<string, Provider>;
}

export const DEFAULT_ALLOWED: ResidencyConfig['allowed'] = { jurisdictions: ['eea', 'eea-special', 'adequate'], countries: [] };

export function defaultResidencyConfig(): ResidencyConfig {
  return { exporter: null, allowed: { jurisdictions: [...DEFAULT_ALLOWED.jurisdictions], countries: [] }, host: null, endpoints: [], providers: {} };
}

const ALLOWABLE = new Set<CountryJurisdiction>(['eea', 'eea-special', 'adequate']);

function fail(source: string, path: string, msg: string): never {
  throw new ResidencyConfigError(`${source}: ${path}: ${msg}`);
}

function str(v: unknown, source: string, path: string, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) fail(source, path, 'is required');
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) fail(source, path, `must be a non-empty string, got ${JSON.stringify(v)}`);
  return v.trim();
}

function country(v: unknown, source: string, path: string): string {
  const c = str(v, source, path, true)!.toUpperCase();
  if (!lookupCountry(c)) fail(source, path, `"${c}" is not a country code in the jurisdiction table (ISO 3166-1 alpha-2, e.g. NO, SE, DE)`);
  return c;
}

function recipient(v: unknown, source: string, path: string): string {
  const r = str(v, source, path, true)!.toUpperCase();
  if (!lookupOrganisation(r)) fail(source, path, `"${r}" is not an international organisation in the jurisdiction table (known: ${[...ORGANISATION_TABLE.keys()].join(', ')})`);
  return r;
}

function declaration(v: unknown, source: string, path: string, providers: Record<string, Provider>, endpoint: boolean): Declaration {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(source, path, endpoint ? 'must be a map with `match` and `country` or `recipient`' : 'must be a map with at least `country`');
  const o = v as Record<string, unknown>;
  const keys = endpoint ? ['match', 'country', 'recipient', 'provider', 'note', 'transferBasis', 'transfer'] : ['country', 'provider', 'note', 'transferBasis', 'transfer'];
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(source, `${path}.${k}`, `unknown key (expected one of ${keys.join(', ')})`);
  const loc: Declaration = {};
  if (endpoint && o.recipient !== undefined && o.recipient !== null) {
    loc.recipient = recipient(o.recipient, source, `${path}.recipient`);
    if (o.country !== undefined && o.country !== null) loc.country = country(o.country, source, `${path}.country`);
  } else {
    loc.country = country(o.country, source, `${path}.country`);
  }
  const provider = str(o.provider, source, `${path}.provider`, false);
  if (provider !== undefined) {
    if (!providers[provider]) fail(source, `${path}.provider`, `"${provider}" is not defined under providers`);
    loc.provider = provider;
  }
  const note = str(o.note, source, `${path}.note`, false);
  if (note !== undefined) loc.note = note;
  const basis = str(o.transferBasis, source, `${path}.transferBasis`, false);
  if (basis !== undefined) loc.transferBasis = basis;
  if (o.transfer !== undefined && o.transfer !== null) loc.transfer = parseTransfer(o.transfer, `${path}.transfer`, (p, msg) => fail(source, p, msg));
  return loc;
}

function location(v: unknown, source: string, path: string, providers: Record<string, Provider>): DeclaredLocation {
  return declaration(v, source, path, providers, false) as DeclaredLocation;
}

function validMatch(m: string): boolean {
  const [addr, bits] = m.split('/');
  if (bits !== undefined) {
    const p = parseIp(addr);
    const n = Number(bits);
    return !!p && Number.isInteger(n) && n >= 0 && n <= p.bytes.length * 8;
  }
  return /^(\*\.)?[a-z0-9_.:[\]-]+$/i.test(m);
}

/**
 * Validate a parsed `residency.yaml` (or an already normalised config: the function is idempotent).
 * Throws ResidencyConfigError naming the file, the key path and the problem.
 */
export function normalizeResidencyConfig(raw: unknown, source = 'residency.yaml'): ResidencyConfig {
  if (raw === null || raw === undefined) return defaultResidencyConfig();
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(source, '(top level)', 'must be a map');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['exporter', 'allowed', 'host', 'endpoints', 'providers'].includes(k)) fail(source, k, 'unknown key (expected exporter, allowed, host, endpoints, providers)');
  const exporter = o.exporter === undefined || o.exporter === null ? null : country(o.exporter, source, 'exporter');

  const providers: Record<string, Provider> = {};
  if (o.providers !== undefined) {
    if (!o.providers || typeof o.providers !== 'object' || Array.isArray(o.providers)) fail(source, 'providers', 'must be a map of provider key → { name, parent, parentCountry }');
    for (const [key, pv] of Object.entries(o.providers as Record<string, unknown>)) {
      if (!pv || typeof pv !== 'object' || Array.isArray(pv)) fail(source, `providers.${key}`, 'must be a map with `name`');
      const p = pv as Record<string, unknown>;
      for (const k of Object.keys(p)) if (!['name', 'parent', 'parentCountry'].includes(k)) fail(source, `providers.${key}.${k}`, 'unknown key (expected name, parent, parentCountry)');
      const prov: Provider = { name: str(p.name, source, `providers.${key}.name`, true)! };
      const parent = str(p.parent, source, `providers.${key}.parent`, false);
      if (parent) prov.parent = parent;
      if (p.parentCountry !== undefined) prov.parentCountry = country(p.parentCountry, source, `providers.${key}.parentCountry`);
      providers[key] = prov;
    }
  }

  let allowed = { jurisdictions: [...DEFAULT_ALLOWED.jurisdictions], countries: [] as string[] };
  if (o.allowed !== undefined) {
    // Accept the normalised form too, so normalising twice is harmless.
    const list = Array.isArray(o.allowed)
      ? (o.allowed as unknown[])
      : o.allowed && typeof o.allowed === 'object'
        ? [...(((o.allowed as Record<string, unknown>).jurisdictions as unknown[]) ?? []), ...(((o.allowed as Record<string, unknown>).countries as unknown[]) ?? [])]
        : fail(source, 'allowed', 'must be a list of jurisdictions (eea, eea-special, adequate) and/or country codes');
    if (list.length === 0) fail(source, 'allowed', 'is empty: nothing could ever pass; leave it out for the default [eea, eea-special, adequate]');
    allowed = { jurisdictions: [], countries: [] };
    list.forEach((item, i) => {
      const path = `allowed[${i}]`;
      const s = str(item, source, path, true)!;
      if (/^[A-Za-z]{3}$/.test(s) && lookupOrganisation(s)) {
        const org = lookupOrganisation(s)!;
        if (!ALLOWABLE.has(org.jurisdiction)) fail(source, path, `${org.code} is ${org.jurisdiction}: it cannot be allowed wholesale`);
        allowed.countries.push(org.code);
      } else if (/^[A-Za-z]{2}$/.test(s)) {
        const c = country(s, source, path);
        const j = lookupCountry(c)!.jurisdiction;
        if (!ALLOWABLE.has(j)) fail(source, path, `${c} is ${j}: a transfer there cannot be allowed wholesale; declare the transfer basis per endpoint (endpoints[].transferBasis)`);
        allowed.countries.push(c);
      } else {
        const j = s.toLowerCase() as CountryJurisdiction;
        if (j === 'third-country' || j === 'adequate-partial' || j === 'outside-eea-agreement') fail(source, path, `${j} cannot be allowed wholesale: GDPR Chapter V needs a basis per recipient; declare it per endpoint (endpoints[].transferBasis)`);
        if (!ALLOWABLE.has(j)) fail(source, path, `"${s}" is not a jurisdiction (expected eea, eea-special, adequate), a country code or an organisation (${[...ORGANISATION_TABLE.keys()].join(', ')})`);
        if (!allowed.jurisdictions.includes(j)) allowed.jurisdictions.push(j);
      }
    });
  }

  const host = o.host === undefined || o.host === null ? null : location(o.host, source, 'host', providers);

  const endpoints: DeclaredEndpoint[] = [];
  if (o.endpoints !== undefined && o.endpoints !== null) {
    if (!Array.isArray(o.endpoints)) fail(source, 'endpoints', 'must be a list of { match, country, ... }');
    (o.endpoints as unknown[]).forEach((ev, i) => {
      const path = `endpoints[${i}]`;
      const match = str((ev as Record<string, unknown> | null)?.match, source, `${path}.match`, true)!.toLowerCase();
      if (!validMatch(match)) fail(source, `${path}.match`, `"${match}" is not a host name, *.glob, host:port, IP or CIDR`);
      endpoints.push({ match, ...declaration(ev, source, path, providers, true) });
    });
  }
  return { exporter, allowed, host, endpoints, providers };
}

/** Parse YAML text; syntax errors name the file and line. */
export function parseResidencyConfig(text: string, source = 'residency.yaml'): ResidencyConfig {
  let raw: unknown;
  try {
    // yaml is loaded only when a residency file is read: most runs have none.
    raw = yaml().parse(text, { prettyErrors: true });
  } catch (err) {
    throw new ResidencyConfigError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return normalizeResidencyConfig(raw, source);
}

export interface LoadedResidencyConfig {
  file: string;
  sha256: string;
  config: ResidencyConfig;
}

export async function loadResidencyConfig(file: string): Promise<LoadedResidencyConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new ResidencyConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), config: parseResidencyConfig(bytes.toString('utf8'), file) };
}

function inCidr(ip: string, cidr: string): boolean {
  const [addr, bitsText] = cidr.split('/');
  const net = parseIp(addr);
  const p = parseIp(ip);
  if (!net || !p || net.family !== p.family) return false;
  const bits = Number(bitsText);
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i & 7);
    if ((net.bytes[i >> 3] & mask) !== (p.bytes[i >> 3] & mask)) return false;
  }
  return true;
}

/** The first declared endpoint matching a host (and port, and resolved addresses), or null. */
export function matchDeclared(config: ResidencyConfig, host: string, port: number | null, addresses: readonly string[]): DeclaredEndpoint | null {
  const h = host.toLowerCase();
  for (const d of config.endpoints) {
    const m = d.match;
    if (m.includes('/')) {
      if (addresses.some((a) => inCidr(a, m)) || inCidr(h, m)) return d;
    } else if (m.startsWith('*.')) {
      if (h.endsWith(m.slice(1))) return d;
    } else if (/:\d+$/.test(m) && !m.includes('::')) {
      if (port !== null && `${h}:${port}` === m) return d;
      if (port !== null && m.startsWith('[') && `[${h}]:${port}` === m) return d;
    } else if (m === h || m.replace(/^\[|\]$/g, '') === h || addresses.includes(m)) {
      return d;
    }
  }
  return null;
}
