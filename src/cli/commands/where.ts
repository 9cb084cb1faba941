import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { databaseAgeDays, geoLocator, MmdbError } from '../../residency/geo';
import { countryName, TABLE_REVIEWED } from '../../residency/jurisdiction';
import { dnsResolver, HostsFileError, loadHostsFile, noDnsResolver, type NameResolver } from '../../residency/resolver';
import { whereAll, type WhereAnswer } from '../../residency/where';

export const WHERE_USAGE = `Usage: residency-audit where ARG... [--json] [--no-dns] [--hosts-file FILE] [--geoip-db FILE]

For due diligence on a vendor or a server: each ARG is an IP address, a host name or an ISO country
code (NO, US, ...). Prints its country, its jurisdiction under GDPR Chapter V and the decision behind it.

Jurisdictions: eea, eea-special, adequate, adequate-partial, third-country, internal, unknown.
IP geolocation is corroborating evidence only: check the provider's contract for the real location.

Options:
      --json              print a JSON array of { input, country, jurisdiction, decision }
      --no-dns            do not resolve host names (they answer unknown)
      --hosts-file FILE   static name → address map (hosts(5) format), used before DNS
      --geoip-db FILE     a newer MaxMind-format country database (.mmdb) instead of geoip-lite's data
  -h, --help              this help

Exit codes: 0 answered; 2 bad usage, or an ARG that is not an IP, a host name or a known country code.`;

export interface WhereIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Replaces DNS (tests). */
  resolver?: NameResolver;
  /** Evaluation time for the database-age note (tests); default now. */
  now?: string;
}

const defaultIo: WhereIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** `residency-audit where ARG... [--json]`. */
export async function whereCommand(argv: string[], io: WhereIo = defaultIo): Promise<number> {
  const { values, positionals } = parse(
    'where',
    argv,
    { json: { type: 'boolean' }, 'no-dns': { type: 'boolean' }, 'hosts-file': { type: 'string' }, 'geoip-db': { type: 'string' } },
    true,
  );
  if (values.help) {
    io.stdout(`${WHERE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('where needs at least one IP address, host name or country code');

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
  const geoipDb = values['geoip-db'];
  let result;
  try {
    result = await whereAll(positionals, { resolver, hostsFile, geo: () => geoLocator(geoipDb) });
  } catch (err) {
    if (err instanceof MmdbError) throw new UsageError(err.message);
    throw err;
  }
  const { answers, geolocation } = result;
  const invalid = answers.filter((a) => a.kind === 'invalid');

  if (values.json) {
    const out: WhereAnswer[] = answers.map(({ input, country, jurisdiction, decision }) => ({ input, country, jurisdiction, decision }));
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const a of answers) {
      const via = a.addresses.length && a.kind === 'hostname' ? ` → ${a.addresses.map((x) => `${x.ip}${x.country ? ` (${x.country})` : ''}`).join(', ')}` : '';
      const place = a.country ? `${countryName(a.country)} (${a.country})` : a.jurisdiction === 'internal' ? 'internal network' : 'location unknown';
      io.stdout(`${a.input}${via}\n  ${place} · ${a.jurisdiction}\n  ${a.decision}\n\n`);
    }
    const notes = [`Jurisdiction table reviewed ${TABLE_REVIEWED}. Not legal advice.`];
    if (geolocation) {
      const age = databaseAgeDays(geolocation.buildDate, io.now ?? new Date().toISOString());
      notes.push(
        `Geolocation: ${geolocation.description}${age !== null && age > 183 ? ` — ${Math.floor(age / 30.4)} months old, pass a newer one with --geoip-db` : ''}. IP geolocation is corroborating evidence, not proof of where data is processed.`,
      );
    }
    io.stdout(`${notes.join('\n')}\n`);
  }
  for (const a of invalid) io.stderr(`residency-audit: where: ${a.decision}\n`);
  return invalid.length ? EXIT.usage : EXIT.ok;
}
