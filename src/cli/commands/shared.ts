import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigFileError, loadConfigFile, type AuditConfig } from '../../config/load';
import { ConfigError, resolveEngineAddress } from '../../collectors/docker/connection';
import type { CollectOptions } from '../../index';
import type { OutputFormat } from '../../pipeline/report';
import { parseGeoipDbArg } from '../../residency/geo';
import { loadMmdb } from '../../residency/geo/mmdb';
import { UsageError, parseSeverity } from '../args';
import { SEVERITIES, type FindingsDocument, type Severity } from '../../findings/types';
import { scoredOutcome } from '../../findings/score';
import { loadSigningKey, type SigningKey } from '../../evidence/signing/keys';
import { DETAILS, type Detail } from '../../render/types';
import { benchmarkById, BENCHMARK_IDS, DEFAULT_BENCHMARK, UnknownBenchmarkError, type Benchmark } from '../../frameworks/benchmarks';

/** Flags of `collect` (and `run`). */
export const COLLECT_FLAGS = {
  out: { type: 'string', short: 'o' },
  'docker-host': { type: 'string', short: 'H' },
  'host-root': { type: 'string' },
  config: { type: 'string', short: 'c' },
  bench: { type: 'string' },
  dir: { type: 'string', multiple: true },
  'boot-probe': { type: 'string' },
  'no-dns': { type: 'boolean' },
  'hosts-file': { type: 'string' },
  'geoip-db': { type: 'string', multiple: true },
  'exec-checks': { type: 'boolean' },
  'engine-timeout': { type: 'string' },
  'cpuid-file': { type: 'string' },
  'dmidecode-file': { type: 'string' },
  arch: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/** Flags of `report` (and `run`). */
export const REPORT_FLAGS = {
  lang: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'allow-modified': { type: 'boolean' },
  'allow-unverified': { type: 'boolean' },
  'sign-key': { type: 'string' },
  detail: { type: 'string' },
  benchmark: { type: 'string' },
} as const;

export const COLLECT_HELP = `  -o, --out DIR           output folder (created; evidence/, findings.json, packs, manifest.json)
  -H, --docker-host URL   engine address (else DOCKER_HOST, else unix:///var/run/docker.sock);
                          tcp:// uses TLS when DOCKER_TLS_VERIFY is set, certs from DOCKER_CERT_PATH
      --host-root DIR     where the host's filesystem is visible (default /), e.g. a read-only mount
  -c, --config FILE       audit config (YAML): organisation, period, preparedBy, waivers, residency
      --bench MODE        storage benchmark: quick (default), full, or off
      --dir DIR           extra folder to benchmark (repeatable)
      --boot-probe IMAGE  also time container boot with IMAGE (creates and removes throwaway containers)
      --no-dns            do not resolve hostnames found in the configuration
      --hosts-file FILE   static name → address map (hosts(5) format) used instead of DNS
      --geoip-db [ID=]FILE  a MaxMind-format country database (.mmdb) that is looked up too, or
                          replaces a bundled source (by ID=, or by its metadata); repeatable
      --exec-checks       run checks that exec inside running containers (CIS 5.7 sshd)
      --engine-timeout S  deadline of the whole engine collection in seconds (default 300; each
                          request also gets 30 s at most); what is not read by then is a gap (exit 3)
      --cpuid-file F      CPUID dump to use instead of the live CPU (auditing a host snapshot)
      --dmidecode-file F  dmidecode output to use instead of the live firmware tables
      --arch A            machine architecture of a snapshot (default: this machine's)
  -q, --quiet             no progress lines`;

export const REPORT_HELP = `      --lang LIST         en, nb or en,nb: language(s) of the packs and answers (default en;
                          a second language is written as audit-pack.nb.html, .nb.pdf, answers.nb.csv)
      --format LIST       extra outputs (default sarif,junit,answers,transfers,remediation,csv):
                          sarif (findings.sarif), junit (findings.junit.xml), answers
                          (answers.csv/json, and answers.xlsx with a sheet per language: CAIQ v4
                          answers), transfers (transfers.csv: the transfer register), remediation
                          (remediation.sh: one corrected command per container, never run),
                          csv (findings.csv), xlsx (findings.xlsx: findings, transfer register,
                          answers), oscal (OSCAL 1.2.1 assessment results, findings.oscal.json),
                          hdf (Heimdall, findings.hdf.json);
                          audit-pack.html and audit-pack.pdf are always written
      --detail LEVEL      full (default): every result; failures: only what needs action,
                          plus the summary tables
      --fail-on SEVERITY  exit 1 when a failed, warned or error (could not check) finding has this
                          severity or higher
                          (critical, high, medium, low, info)
      --allow-modified    render even if evidence no longer matches manifest.json (not for audits)
      --allow-unverified  evaluate a folder that has no manifest.json (recorded; not for audits)

      --sign-key KEYFILE  sign the pack with this Ed25519 private key (from "keygen"): writes
                          manifest.sig.json, checked by "verify DIR --key KEYFILE.pub"
      --benchmark VERSION CIS Docker Benchmark to number and judge the CIS checks by:
                          ${BENCHMARK_IDS.map((b) => b.replace('cis-docker-', '')).join(' or ')} (default: the config's "benchmark", else ${benchmarkById(DEFAULT_BENCHMARK).version});
                          waiver control ids are read in the config's numbering either way`;

export const EXIT_HELP = `Exit codes: 0 done; 1 a finding at or above --fail-on; 2 bad usage or config; 3 nothing could be
collected, or the engine only in part (unreachable, objects not inspected, stopped mid-way: the pack
lists what is missing; before 1); 4 the tool failed (the message names why); 130 interrupted.`;

/** The line the CLI prints, and exit 3, when the engine's evidence is incomplete. */
export function incompleteLine(incomplete: readonly string[]): string {
  return `residency-audit: collection incomplete, the audit covers less than the engine holds: ${incomplete.join('; ')}\n`;
}

/** `--benchmark VERSION`, validated before any work: an unknown version is exit 2 naming the known ones. */
export function benchmarkFlag(v: string | undefined): Benchmark {
  try {
    return benchmarkById(v ?? DEFAULT_BENCHMARK);
  } catch (err) {
    if (err instanceof UnknownBenchmarkError) throw new UsageError(`--benchmark: ${err.message}`);
    throw err;
  }
}

/** `--sign-key FILE`, loaded before any work so a bad key is exit 2 up front. */
export async function loadSignKeyFlag(file: string | undefined): Promise<SigningKey | undefined> {
  return file === undefined ? undefined : loadSigningKey(file, '--sign-key');
}

export function loadConfigFlag(file: string | undefined): AuditConfig | undefined {
  if (file === undefined) return undefined;
  try {
    return loadConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigFileError) throw new UsageError(err.message);
    throw err;
  }
}

const EXTRA_FORMATS = ['sarif', 'junit', 'answers', 'transfers', 'remediation', 'csv', 'xlsx', 'oscal', 'hdf'] as const;
const DEFAULT_EXTRAS: readonly OutputFormat[] = ['sarif', 'junit', 'answers', 'transfers', 'remediation', 'csv'];

/** HTML and PDF always; `--format` picks the extras (default sarif, junit, answers, csv). */
export function parseFormats(v: string | undefined): OutputFormat[] {
  const formats: OutputFormat[] = ['html', 'pdf'];
  if (v === undefined) return [...formats, ...DEFAULT_EXTRAS];
  for (const f of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (f === 'html' || f === 'pdf') continue;
    if (!(EXTRA_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format takes a comma list of ${EXTRA_FORMATS.join(', ')} (html and pdf are always written); got "${f}"`);
    if (!formats.includes(f as OutputFormat)) formats.push(f as OutputFormat);
  }
  return formats;
}

/** `--detail full|failures` (default full). */
export function parseDetail(v: string | undefined): Detail {
  if (v === undefined) return 'full';
  if (!(DETAILS as readonly string[]).includes(v)) throw new UsageError(`--detail takes ${DETAILS.join(' or ')}; got "${v}"`);
  return v as Detail;
}

export function parseFailOn(v: string | undefined): Severity | undefined {
  return parseSeverity(v, '--fail-on');
}

/** Findings that trip --fail-on: failed, warned or could-not-check (`error`), or attested as failing; not waived; at the threshold or above. A gate must not pass a host it could not audit. */
export function gatingFindings(doc: FindingsDocument, threshold: Severity | undefined): number {
  if (!threshold) return 0;
  const limit = SEVERITIES.indexOf(threshold);
  return doc.findings.filter((f) => {
    const o = scoredOutcome(f);
    return (o === 'fail' || o === 'warn' || o === 'error') && SEVERITIES.indexOf(f.severity) <= limit;
  }).length;
}

export interface CollectFlagValues {
  out?: string;
  'docker-host'?: string;
  'host-root'?: string;
  bench?: string;
  dir?: string[];
  'boot-probe'?: string;
  'no-dns'?: boolean;
  'hosts-file'?: string;
  'geoip-db'?: string[];
  'exec-checks'?: boolean;
  'engine-timeout'?: string;
  'cpuid-file'?: string;
  'dmidecode-file'?: string;
  arch?: string;
  quiet?: boolean;
}

/** Validate collect flags (errors name the flag) and turn them into the library's collect options. */
export async function collectOptionsFrom(v: CollectFlagValues, config: AuditConfig | undefined, signal: AbortSignal): Promise<CollectOptions> {
  if (!v.out) throw new UsageError('--out DIR is required');
  const bench = v.bench ?? 'quick';
  if (!['quick', 'full', 'off', 'tiny'].includes(bench)) throw new UsageError(`--bench takes quick, full or off; got "${bench}"`);
  const engineTimeout = v['engine-timeout'] === undefined ? undefined : Number(v['engine-timeout']);
  if (engineTimeout !== undefined && (!/^\d+(\.\d+)?$/.test(v['engine-timeout']!.trim()) || !(engineTimeout >= 1) || engineTimeout > 86_400)) {
    throw new UsageError(`--engine-timeout takes seconds between 1 and 86400; got "${v['engine-timeout']}"`);
  }
  let dockerHost: string;
  try {
    // Validated here (bad address = exit 2); collectors get the chosen address and parse it themselves.
    dockerHost = resolveEngineAddress(v['docker-host']).raw;
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const hostRoot = path.resolve(v['host-root'] ?? '/');
  try {
    if (!(await fs.stat(hostRoot)).isDirectory()) throw new Error('not a folder');
  } catch (err) {
    throw new UsageError(`--host-root ${hostRoot}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const geoipDbs = v['geoip-db'] ?? [];
  let geoipFiles: string[];
  try {
    geoipFiles = geoipDbs.map((a) => parseGeoipDbArg(a).file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const f of [v['hosts-file'], ...geoipFiles, v['cpuid-file'], v['dmidecode-file']]) {
    if (f !== undefined) {
      try {
        await fs.access(f);
      } catch {
        throw new UsageError(`cannot read ${f}`);
      }
    }
  }
  for (const f of geoipFiles) {
    try {
      loadMmdb(f);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const outDir = path.resolve(v.out);
  try {
    await fs.mkdir(outDir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--out ${outDir}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'exists and is not a folder' : code ?? (err as Error).message}`);
  }
  return {
    outDir,
    hostRoot,
    dockerHost,
    config,
    ...(bench === 'off' ? { skip: { storage: 'storage benchmark turned off with --bench off' } } : { bench: bench as 'quick' | 'full' | 'tiny' }),
    benchDirs: v.dir ?? [],
    bootProbeImage: v['boot-probe'],
    dns: !v['no-dns'],
    hostsFile: v['hosts-file'],
    geoipDb: v['geoip-db'],
    execChecks: !!v['exec-checks'],
    ...(engineTimeout !== undefined ? { engineTimeout } : {}),
    cpuidFile: v['cpuid-file'],
    dmidecodeFile: v['dmidecode-file'],
    arch: v.arch,
    signal,
    log: v.quiet ? () => undefined : (line: string) => process.stderr.write(`residency-audit: ${line}\n`),
  };
}
