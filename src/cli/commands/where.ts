import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import type { GeoDatabaseInfo } from '../../evidence/types/residency';
import { GEO_MAX_AGE_DAYS } from '../../checks/residency/geolocation-freshness';
import { databaseAgeDays, geoSources, GeoSourceError, MmdbError, newestSource, type GeoSet } from '../../residency/geo';
import { countryName, lookupCountry, TABLE_REVIEWED } from '../../residency/jurisdiction';
import { dnsResolver, HostsFileError, loadHostsFile, noDnsResolver, type NameResolver } from '../../residency/resolver';
import { whereAll, type WhereAnswer } from '../../residency/where';

export const WHERE_USAGE = `Usage: residency-audit where ARG... [--json] [--exporter CC] [--no-dns] [--hosts-file FILE] [--geoip-db FILE]

For due diligence on a vendor or a server: each ARG is an IP address, a host name, an ISO country
code (NO, US, ...) or an international organisation (EPO). Prints its country, its jurisdiction under
GDPR Chapter V, the outcome a residency finding would have, and the decision behind it.

Jurisdictions: eea, eea-special, adequate, adequate-partial, outside-eea-agreement, third-country,
internal, unknown, disputed (the geolocation sources name different countries).
IP addresses are looked up in every geolocation source (geoip-lite's GeoLite2 data, geoip-country's
current GeoLite2 data, DB-IP Lite); each source's answer is shown. IP geolocation is corroborating
evidence only: check the provider's contract for the real location.

Options:
      --json              print a JSON array of { input, country, jurisdiction, outcome, decision, geolocation? }
      --exporter CC       country of the exporting controller (as exporter: in the residency config); for
                          IS, LI and NO an adequacy decision not confirmed in the EEA Agreement needs a person
      --no-dns            do not resolve host names (they answer unknown)
      --hosts-file FILE   static name → address map (hosts(5) format), used before DNS
      --geoip-db FILE     a MaxMind DB country database (.mmdb; MaxMind or country_code records) looked up
                          too; a GeoLite2/GeoIP2 or DB-IP Lite file replaces the bundled one of its kind,
                          ID=FILE names it (geoip-country, dbip-country-lite). Repeatable.
  -h, --help              this help

Exit codes: 0 answered; 2 bad usage, or an ARG that is not an IP, a host name, a known country code or organisation.`;

export interface WhereIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Replaces DNS (tests). */
  resolver?: NameResolver;
  /** Evaluation time for the database-age note (tests); default now. */
  now?: string;
}

const defaultIo: WhereIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** The geolocation notes under the answers: every source with its date, the age warning, the attributions. */
function geolocationNotes(sources: GeoDatabaseInfo[], now: string): string[] {
  const newest = newestSource(sources);
  const age = databaseAgeDays(newest.buildDate, now);
  const lines = [`Geolocation sources: ${sources.map((s) => `${s.id ?? s.kind}: ${s.description}`).join('; ')}.`];
  if (age === null) lines.push('  The newest source has no known build date: its age cannot be judged.');
  else if (age > GEO_MAX_AGE_DAYS) lines.push(`  The newest source (${newest.description}) is ${Math.floor(age / 30.4)} months old: pass a newer one with --geoip-db.`);
  const attributions = [...new Set(sources.map((s) => (s.attribution ? `${s.attribution}${s.attributionUrl && !s.attribution.includes(s.attributionUrl) ? ` (${s.attributionUrl})` : ''}` : null)).filter((a): a is string => !!a))];
  if (attributions.length) lines.push(`  ${attributions.join('. ')}.`);
  lines.push('IP geolocation is corroborating evidence, not proof of where data is processed.');
  return lines;
}

/** `residency-audit where ARG... [--json]`. */
export async function whereCommand(argv: string[], io: WhereIo = defaultIo): Promise<number> {
  const { values, positionals } = parse(
    'where',
    argv,
    {
      json: { type: 'boolean' },
      'no-dns': { type: 'boolean' },
      'hosts-file': { type: 'string' },
      'geoip-db': { type: 'string', multiple: true },
      exporter: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    io.stdout(`${WHERE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('where needs at least one IP address, host name, country code or organisation');
  let exporter: string | null = null;
  if (values.exporter !== undefined) {
    exporter = values.exporter.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(exporter) || !lookupCountry(exporter)) throw new UsageError(`--exporter takes a country code in the jurisdiction table (e.g. NO, SE); got "${values.exporter}"`);
  }

  let hostsFile: Map<string, string[]> | null = null;
  if (values['hosts-file']) {
    try {
      hostsFile = await loadHostsFile(values['hosts-file']);
    } catch (err) {
      if (err instanceof HostsFileError) throw new UsageError(err.message);
      throw err;
    }
  }
  const resolver = io.resolver ?? (values['no-dns'] ? noDnsResolver : dnsResolver());
  const geoipDb = values['geoip-db'] ?? [];
  let result;
  try {
    result = await whereAll(positionals, { resolver, hostsFile, exporter, geo: (): GeoSet => geoSources(geoipDb) });
  } catch (err) {
    if (err instanceof MmdbError || err instanceof GeoSourceError) throw new UsageError(err.message);
    throw err;
  }
  const { answers, geolocation } = result;
  const invalid = answers.filter((a) => a.kind === 'invalid');

  if (values.json) {
    const out: WhereAnswer[] = answers.map(({ input, country, jurisdiction, outcome, decision, geolocation: g }) => ({ input, country, jurisdiction, outcome, decision, ...(g ? { geolocation: g } : {}) }));
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const a of answers) {
      const via = a.addresses.length && a.kind === 'hostname' ? ` → ${a.addresses.map((x) => `${x.ip}${x.country ? ` (${x.country})` : ''}`).join(', ')}` : '';
      const place = a.country ? `${countryName(a.country)} (${a.country})` : a.jurisdiction === 'internal' ? 'internal network' : a.jurisdiction === 'disputed' ? 'location disputed' : 'location unknown';
      const sources = (a.geolocation ?? []).map((g) => `  ${g.ip}: ${g.answers.map((s) => `${s.source} ${s.country ?? '—'}`).join(' · ')} (${g.status})\n`).join('');
      io.stdout(`${a.input}${via}\n  ${place} · ${a.jurisdiction} · ${a.outcome}\n  ${a.decision}\n${sources}\n`);
    }
    const notes = [`Jurisdiction table reviewed ${TABLE_REVIEWED}. Not legal advice.${exporter ? ` Exporter: ${countryName(exporter)} (${exporter}).` : ''}`];
    if (geolocation) notes.push(...geolocationNotes(geolocation, io.now ?? new Date().toISOString()));
    io.stdout(`${notes.join('\n')}\n`);
  }
  for (const a of invalid) io.stderr(`residency-audit: where: ${a.decision}\n`);
  return invalid.length ? EXIT.usage : EXIT.ok;
}
