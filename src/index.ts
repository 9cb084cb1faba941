/**
 * residency-audit as a library: the pipeline the CLI runs (collect → evaluate → render, report, verify)
 * as async functions taking one options object. The CLI commands are thin wrappers around these.
 *
 * - Nothing here writes to stdout or stderr (progress goes to `log` when given) or exits the process.
 * - Failures are typed (src/errors.ts): bad options, config, keys or evidence are an `InputError`
 *   (`err.kind === 'input'`) whose message names the problem; `NothingCollectedError` and
 *   `InterruptedError` as below; anything else is the tool's own failure.
 * - Loading this module is cheap: each function imports its stage (dockerode, pdfkit, the GeoIP data,
 *   the check registry) on first call, so `require('residency-audit')` costs a few milliseconds.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError, InterruptedError, NothingCollectedError } from './errors';
import type { AuditConfig } from './config/load';
import type { CollectOptions as PipelineCollectOptions } from './pipeline/collect';
import type { StagedFolder } from './pipeline/staging';
import type { Invocation } from './pipeline/evaluate';
import type { Lang, OutputFormat, ReportResult } from './pipeline/report';
import type { CollectorName, LoadedEvidence } from './evidence/types';
import type { ControlRecord, FindingsDocument } from './findings/types';
import type { ManifestRow, PackFormat } from './render/types';
import type { VerifyResult } from './evidence/manifest';
import type { SigningKey, VerifyingKey } from './evidence/signing/keys';
import type { SignatureCheck, SignatureStatus } from './evidence/signing/verify-pack';
import type { AttestationsFile } from './config/attestations';
import type { TrustedPack } from './quarterly/trusted-pack';
import { TOOL_VERSION } from './version';

export { AuditError, InputError, InterruptedError, NothingCollectedError, type ErrorKind } from './errors';
export { FINDINGS_SCHEMA_VERSION, OUTCOMES, SECTIONS, SEVERITIES } from './findings/types';
export type {
  AttestationRecord, ControlRecord, EvidenceRef, Finding, FindingsDocument, Framework, FrameworkScore, HostInfo, LocalText, Outcome, Reference,
  RunInfo, ScoreSummary, Section, Severity, Target, TargetKind, Waiver,
} from './findings/types';
export type { EndpointRecord, JurisdictionKey, ResidencyRecord } from './findings/residency';
export type {
  CollectorName, CollectorStatus, DockerEvidence, EvidenceData, EvidenceFile, EvidenceFileRecord, HostEvidence, HostIdentity, LoadedEvidence,
  ResidencyEvidence, StorageEvidence, VirtEvidence,
} from './evidence/types';
export type { AuditConfig } from './config/load';
export type { Manifest, ManifestEntry, VerifyResult } from './evidence/manifest';
export type { ManifestRow, PackFormat } from './render/types';
export type { Invocation } from './pipeline/evaluate';
export type { Lang, OutputFormat, ReportResult } from './pipeline/report';
export type { SigningKey, VerifyingKey } from './evidence/signing/keys';
export type { SignatureCheck, SignatureStatus } from './evidence/signing/verify-pack';
export type { AuditPackPredicate } from './evidence/signing/statement';
export type { Attestation, AttestedOutcome } from './findings/types';
export type { Registers, WaiverRegisterEntry, AttestationRegisterEntry, ExpiringSoonEntry } from './findings/registers';
export type { QuarterlyRecord, PackDiff, FindingChange, ChangeKind, EndpointChange, PlatformChange, ScoreChange, TrendPoint } from './quarterly/types';
export type { AttestationsFile } from './config/attestations';
export type { TrustedPack } from './quarterly/trusted-pack';

/** This package's version (recorded in every pack it writes). */
export const VERSION: string = TOOL_VERSION;

const LANGS: readonly Lang[] = ['en', 'nb'];
const OUTPUT_FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'sarif', 'junit', 'answers', 'transfers', 'remediation', 'oscal', 'hdf', 'csv', 'xlsx'];
/** Written when `formats` is not given; OSCAL, HDF and findings.xlsx on request. */
const DEFAULT_OUTPUTS: readonly OutputFormat[] = ['html', 'pdf', 'sarif', 'junit', 'answers', 'transfers', 'remediation', 'csv'];

/** A folder given to verify (or report) is not a pack: it has no manifest.json. */
export class NotAPackError extends InputError {}

// --- collect ---------------------------------------------------------------------------------------

export interface CollectOptions {
  /** Output folder, created when missing. An earlier pack in it is replaced (its manifest first); other files are left alone. */
  outDir: string;
  /** Where the host's filesystem is visible (a read-only mount, or a captured snapshot); default `/`. */
  hostRoot?: string;
  /** Engine address (`unix:///…` or `tcp://host:port`); default as the docker CLI: DOCKER_HOST, else unix:///var/run/docker.sock. */
  dockerHost?: string;
  /** The audit config, as an object or the path of a YAML/JSON file: saved as config.json; its `residency` block steers the residency collector. */
  config?: AuditConfig | string;
  /** Collectors not to run, each with the reason recorded in its (skipped) evidence file, e.g. `{ storage: 'not needed' }`. */
  skip?: Partial<Record<CollectorName, string>>;
  /** Storage benchmark profile: `quick` (default), `full`, or `tiny` (seconds; for tests, not comparable). */
  bench?: 'quick' | 'full' | 'tiny';
  /** Extra folders to benchmark. */
  benchDirs?: string[];
  /** Also time container boot with this image (creates and removes throwaway containers). */
  bootProbeImage?: string;
  /** Resolve host names found in the configuration with DNS; default true. */
  dns?: boolean;
  /** Static name → address map (hosts(5) format) used instead of DNS. */
  hostsFile?: string;
  /** A newer MaxMind-format country database (.mmdb) than the bundled one. */
  /** MaxMind-format country databases: `FILE` adds a source, `ID=FILE` replaces a bundled one. */
  geoipDb?: string | string[];
  /** Run checks that exec inside running containers (CIS 5.7 sshd). */
  execChecks?: boolean;
  /** Deadline of the whole engine collection, in seconds (default 300); each request also has 30 s at most. */
  engineTimeout?: number;
  /** CPUID dump, dmidecode output and machine architecture to use instead of the live machine's (auditing a snapshot). */
  cpuidFile?: string;
  dmidecodeFile?: string;
  arch?: string;
  /** Progress lines (`collecting docker …`); default: none. */
  log?: (line: string) => void;
  /** Aborting stops the collectors; the evidence written so far stays complete, no manifest is written. */
  signal?: AbortSignal;
}

export interface CollectResult {
  /** Absolute output folder. */
  outDir: string;
  /** Evidence per collector, as written to outDir/evidence/. */
  evidence: LoadedEvidence;
  /** Evidence files written, relative to outDir (`evidence/docker.json`, …); config.json and manifest.json come on top. */
  written: string[];
  /**
   * What the engine's evidence is missing: the engine could not be read, or objects it listed could not
   * be inspected (findings.run.gaps has each one). Empty when complete; the CLI exits 3 otherwise.
   */
  incomplete: string[];
}

async function readableFile(file: string | undefined, option: string): Promise<void> {
  if (file === undefined) return;
  try {
    await fs.access(file);
  } catch (err) {
    throw new InputError(`${option}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function resolveConfig(config: AuditConfig | string | undefined): Promise<AuditConfig | undefined> {
  if (config === undefined) return undefined;
  const { loadConfigFile, parseConfig } = require('./config/load.js') as typeof import('./config/load.js');
  if (typeof config === 'string') return loadConfigFile(config);
  if (typeof config !== 'object' || config === null) throw new InputError('config: expected an audit config object or the path of a config file');
  // The same validation as a config file (JSON is YAML): a typo fails here, not halfway through a run.
  return parseConfig(JSON.stringify(config), 'config');
}

/** Options checked and turned into the pipeline's; the folder is created. */
async function pipelineCollectOptions(opts: CollectOptions, config: AuditConfig | undefined): Promise<PipelineCollectOptions> {
  if (!opts || typeof opts.outDir !== 'string' || opts.outDir === '') throw new InputError('outDir is required: the folder to write the evidence to');
  const bench = opts.bench ?? 'quick';
  if (!['quick', 'full', 'tiny'].includes(bench)) throw new InputError(`bench takes quick, full or tiny; got "${String(bench)}" (skip the storage collector with skip: { storage: reason })`);
  const engineTimeout = opts.engineTimeout;
  if (engineTimeout !== undefined && !(typeof engineTimeout === 'number' && engineTimeout > 0 && engineTimeout <= 86_400)) throw new InputError(`engineTimeout takes seconds between 1 and 86400; got ${String(engineTimeout)}`);
  const { resolveEngineAddress } = require('./collectors/docker/connection.js') as typeof import('./collectors/docker/connection.js');
  const dockerHost = resolveEngineAddress(opts.dockerHost).raw;
  const hostRoot = path.resolve(opts.hostRoot ?? '/');
  const isDir = await fs.stat(hostRoot).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new InputError(`hostRoot ${hostRoot} is not a folder`);
  await readableFile(opts.hostsFile, 'hostsFile');
  const { parseGeoipDbArg } = require('./residency/geo/index.js') as typeof import('./residency/geo/index.js');
  const geoipDbs = opts.geoipDb === undefined ? [] : Array.isArray(opts.geoipDb) ? opts.geoipDb : [opts.geoipDb];
  for (const g of geoipDbs) await readableFile(parseGeoipDbArg(g).file, 'geoipDb');
  await readableFile(opts.cpuidFile, 'cpuidFile');
  await readableFile(opts.dmidecodeFile, 'dmidecodeFile');
  const outDir = path.resolve(opts.outDir);
  // An existing file in the way is bad usage before anything runs; the folder itself is created under its lock.
  const st = await fs.stat(outDir).catch(() => null);
  if (st && !st.isDirectory()) throw new InputError(`outDir ${outDir}: exists and is not a folder`);
  return {
    outDir,
    hostRoot,
    dockerHost,
    skip: opts.skip ?? {},
    signal: opts.signal,
    log: opts.log,
    options: {
      docker: { ...(engineTimeout !== undefined ? { timeoutSeconds: engineTimeout } : {}) },
      storage: { profile: bench, dirs: opts.benchDirs ?? [], engine: 'auto', dockerHost, ...(opts.bootProbeImage ? { bootProbeImage: opts.bootProbeImage } : {}) },
      residency: { noDns: opts.dns === false, hostsFile: opts.hostsFile, geoipDb: geoipDbs, config: config?.residency },
      host: { execChecks: !!opts.execChecks },
      virt: { cpuidFile: opts.cpuidFile, dmidecodeFile: opts.dmidecodeFile, arch: opts.arch },
    },
  };
}

function nothingCollected(evidence: LoadedEvidence): NothingCollectedError {
  return new NothingCollectedError(`nothing could be collected: ${Object.values(evidence).map((f) => `${f!.collector}: ${f!.error ?? f!.status}`).join('; ')}`);
}

/** Collect into the staging folder: interrupted is an InterruptedError; whether any collector had data is returned. */
async function collectStage(pipelineOpts: PipelineCollectOptions, stage: StagedFolder): Promise<{ evidence: LoadedEvidence; written: string[]; anyData: boolean; incomplete: string[] }> {
  const { collectAll } = require('./pipeline/collect.js') as typeof import('./pipeline/collect.js');
  const r = await collectAll({ ...pipelineOpts, outDir: stage.dir });
  if (r.interrupted) throw new InterruptedError(`interrupted: ${stage.outDir} is left as it was (the evidence collected so far is discarded)`);
  return { evidence: r.evidence, anyData: r.anyData, incomplete: r.incomplete, written: r.written.map((f) => path.relative(stage.dir, f).split(path.sep).join('/')) };
}

/** Nothing collected: the earlier pack, if any, stays; a new folder gets the evidence saying why. */
function nothingCollectedIn(stage: StagedFolder, evidence: LoadedEvidence): NothingCollectedError {
  const err = nothingCollected(evidence);
  if (stage.hadPack) err.message += `; the earlier pack in ${stage.outDir} is unchanged`;
  return err;
}

/**
 * Read the Docker engine and the host (read-only) into `outDir/evidence/*.json`, then seal the folder:
 * config.json and manifest.json. A collector that cannot run is recorded in its evidence file (status
 * failed, with the reason), not thrown; an engine read only in part resolves with `incomplete` saying
 * what is missing. The collection is written to a staging folder and swapped in
 * when sealed, under the folder's lock (a second start is an InputError naming the holder). Rejects
 * with NothingCollectedError when no collector had data (a new folder is still sealed: the evidence says
 * why each failed; an earlier pack stays), InterruptedError when `signal` aborted (the folder is left as
 * it was), InputError for bad options.
 */
export async function collect(opts: CollectOptions): Promise<CollectResult> {
  const config = await resolveConfig(opts?.config);
  const pipelineOpts = await pipelineCollectOptions(opts, config);
  const { withStagedPack } = require('./pipeline/staging.js') as typeof import('./pipeline/staging.js');
  return withStagedPack({ outDir: pipelineOpts.outDir, command: 'collect', rule: 'new-evidence', create: true, signal: opts.signal, log: opts.log }, async (stage) => {
    const c = await collectStage(pipelineOpts, stage);
    if (!c.anyData && stage.hadPack) return { swap: false, error: nothingCollectedIn(stage, c.evidence) };
    const { sealEvidence } = require('./pipeline/collect.js') as typeof import('./pipeline/collect.js');
    await sealEvidence(stage.dir, config, TOOL_VERSION);
    if (!c.anyData) return { swap: true, error: nothingCollectedIn(stage, c.evidence) };
    return { swap: true, value: { outDir: pipelineOpts.outDir, evidence: c.evidence, written: c.written, incomplete: c.incomplete } };
  });
}

// --- evaluate --------------------------------------------------------------------------------------

export interface EvaluateOptions {
  /** Evidence per collector: `collect()`'s `evidence`, or files read back from a pack. */
  evidence: LoadedEvidence;
  /** Organisation, waivers and residency settings (object or config file path). */
  config?: AuditConfig | string;
  /** Benchmark version (`cis-docker-1.8.0`, `1.6.0`); default the config's, else the tool's (1.8.0). */
  benchmark?: string;
  /** Evaluation time (ISO 8601); default now. Waiver expiry and evidence age are judged against it. */
  now?: string;
}

/** Evidence in, findings document out (what findings.json holds), in memory: nothing is read or written. */
export async function evaluate(opts: EvaluateOptions): Promise<FindingsDocument> {
  if (!opts || typeof opts.evidence !== 'object' || opts.evidence === null) throw new InputError('evidence is required: evidence files keyed by collector, e.g. collect().evidence');
  const config = (await resolveConfig(opts.config)) ?? {};
  const { buildFindings } = require('./pipeline/evaluate.js') as typeof import('./pipeline/evaluate.js');
  return buildFindings(opts.evidence, { config, benchmark: opts.benchmark, now: opts.now });
}

// --- render ----------------------------------------------------------------------------------------

export interface RenderOptions {
  findings: FindingsDocument;
  /** The evidence the findings were decided from (the pack shows its facts). */
  evidence: LoadedEvidence;
  /** Folder to write into, created when missing. */
  outDir: string;
  /** Default html (audit-pack.html), pdf (audit-pack.pdf), sarif (findings.sarif), junit (findings.junit.xml), transfers (transfers.csv), remediation (remediation.sh), csv (findings.csv); also oscal (findings.oscal.json), hdf (findings.hdf.json), xlsx (findings.xlsx). */
  formats?: readonly PackFormat[];
  /** Language of the HTML and PDF pack; default `en`. */
  lang?: Lang;
  /** Files (path, SHA-256, size) the pack lists as its evidence; default none. */
  manifest?: readonly ManifestRow[];
}

/** Render the pack files into `outDir`, each written atomically; resolves with the file names written. */
export async function render(opts: RenderOptions): Promise<string[]> {
  if (!opts || typeof opts.findings !== 'object' || opts.findings === null) throw new InputError('findings is required: a findings document, e.g. from evaluate()');
  if (typeof opts.outDir !== 'string' || opts.outDir === '') throw new InputError('outDir is required: the folder to write the pack to');
  const { DEFAULT_PACK_FORMATS, PACK_FORMATS, renderPack } = require('./render/index.js') as typeof import('./render/index.js');
  const formats = opts.formats ?? DEFAULT_PACK_FORMATS;
  for (const f of formats) if (!PACK_FORMATS.includes(f)) throw new InputError(`formats: unknown pack format "${String(f)}" (known: ${PACK_FORMATS.join(', ')})`);
  const lang = opts.lang ?? 'en';
  if (!LANGS.includes(lang)) throw new InputError(`lang: unknown language "${String(lang)}" (known: ${LANGS.join(', ')})`);
  const outDir = path.resolve(opts.outDir);
  await fs.mkdir(outDir, { recursive: true });
  return renderPack({ findings: opts.findings, evidence: opts.evidence ?? {}, manifest: [...(opts.manifest ?? [])], lang }, outDir, formats);
}

// --- report ----------------------------------------------------------------------------------------

export interface ReportOptions {
  /** A pack folder: evidence/*.json and manifest.json (as `collect` or `run` wrote them). */
  dir: string;
  /** Replace the pack's config.json with this one (object or file path); default: the pack's own. */
  config?: AuditConfig | string;
  /** Languages: the first is audit-pack.html/.pdf and answers.csv, each further one audit-pack.<lang>.html and so on. Default `['en']`. */
  langs?: readonly Lang[];
  /** Default html, pdf, sarif, junit, answers (CAIQ v4 answers.csv/json/xlsx), transfers, remediation, csv (findings.csv); also oscal, hdf, xlsx. */
  formats?: readonly OutputFormat[];
  /** Evaluate although evidence no longer matches the manifest: recorded (run.evidenceModified), the manifest is not rewritten. Not for audits. */
  allowModified?: boolean;
  /** Evaluate a folder without manifest.json: recorded (run.unverified) and shown on the cover. Not for audits. */
  allowUnverified?: boolean;
  benchmark?: string;
  now?: string;
  /** Sign the new manifest into manifest.sig.json: a key, or the path of a private key file from `keygen`. Without it an earlier signature is removed. */
  signingKey?: SigningKey | string;
  /** Who ran it and how, for the cover; default unrecorded (null). */
  invocation?: Invocation | null;
  /** Attestations for manual controls (src/config/attestations.ts loadAttestationsFile): copied into the pack as attestations.json; default the pack's own copy. */
  attestations?: AttestationsFile;
  /** Earlier packs, verified with src/quarterly/trusted-pack.ts readTrustedPack: findings.json records what changed since `previous`, and the trend. */
  previous?: TrustedPack;
  history?: readonly TrustedPack[];
  /** How much the HTML and PDF packs print: `full` (default) or `failures` (what needs action and the summary tables). */
  detail?: 'full' | 'failures';
  /** Aborting ends the report: the folder is left as it was (InterruptedError). */
  signal?: AbortSignal;
  /** Progress lines (a stale lock taken over, leftovers removed); default: none. */
  log?: (line: string) => void;
}

function checkedLangs(langs: readonly Lang[] | undefined): Lang[] {
  const out = [...new Set<Lang>(langs ?? ['en'])];
  if (out.length === 0) throw new InputError(`langs is empty: give one or more of ${LANGS.join(', ')}`);
  for (const l of out) if (!LANGS.includes(l)) throw new InputError(`langs: unknown language "${String(l)}" (known: ${LANGS.join(', ')})`);
  return out;
}

function checkedFormats(formats: readonly OutputFormat[] | undefined): OutputFormat[] {
  const out = [...new Set(formats ?? DEFAULT_OUTPUTS)];
  for (const f of out) if (!OUTPUT_FORMATS.includes(f)) throw new InputError(`formats: unknown output "${String(f)}" (known: ${OUTPUT_FORMATS.join(', ')})`);
  return out;
}

async function signingKeyOf(key: SigningKey | string | undefined): Promise<SigningKey | undefined> {
  if (typeof key !== 'string') return key;
  const { loadSigningKey } = require('./evidence/signing/keys.js') as typeof import('./evidence/signing/keys.js');
  return loadSigningKey(key, 'signingKey');
}

/**
 * Evaluate and render from the evidence in `dir` alone (no engine, no host access): findings.json, the
 * packs and extra outputs, a new manifest.json (and manifest.sig.json with `signingKey`). Refuses, with
 * an InputError, a folder whose evidence no longer matches its manifest or that has none, unless allowed.
 * The new outputs are written beside the evidence in a staging folder, under the folder's lock, and
 * swapped in when complete: a failed or interrupted report leaves the earlier pack as it was.
 */
export async function report(opts: ReportOptions): Promise<ReportResult> {
  if (!opts || typeof opts.dir !== 'string' || opts.dir === '') throw new InputError('dir is required: the pack folder to report on');
  const langs = checkedLangs(opts.langs);
  const formats = checkedFormats(opts.formats);
  const config = await resolveConfig(opts.config);
  const signingKey = await signingKeyOf(opts.signingKey);
  const { withStagedPack } = require('./pipeline/staging.js') as typeof import('./pipeline/staging.js');
  const { reportInWorker } = require('./pipeline/report-thread.js') as typeof import('./pipeline/report-thread.js');
  return withStagedPack({ outDir: opts.dir, command: 'report', rule: 'same-evidence', create: false, signal: opts.signal, log: opts.log }, async (stage) => {
    const result = await reportInWorker({
      dir: stage.dir, config, langs, formats, allowModified: opts.allowModified, allowUnverified: opts.allowUnverified,
      benchmark: opts.benchmark, now: opts.now, toolVersion: TOOL_VERSION, invocation: opts.invocation ?? null, signingKey,
      attestations: opts.attestations, previous: opts.previous, history: opts.history, ...(opts.detail ? { detail: opts.detail } : {}),
    }, opts.signal);
    return { swap: true, value: result };
  });
}

// --- run -------------------------------------------------------------------------------------------

export type RunOptions = CollectOptions & Pick<ReportOptions, 'langs' | 'formats' | 'benchmark' | 'now' | 'signingKey' | 'invocation' | 'attestations' | 'previous' | 'history' | 'detail'>;

export interface RunResult extends ReportResult {
  /** Absolute output folder. */
  outDir: string;
  /** As collect's: what the engine's evidence is missing (the pack's cover lists it); empty when complete. */
  incomplete: string[];
}

/**
 * The main job: collect, seal, evaluate and render the pack (collect, then report), in a staging folder
 * swapped into `outDir` only when the pack is complete, under the folder's lock. Everything is checked
 * (options, config, signing key) before the host is touched. Rejects with NothingCollectedError when no
 * collector had data and InterruptedError on abort; neither writes a pack or a manifest, and an earlier
 * pack in `outDir` stays as it was.
 */
export async function run(opts: RunOptions): Promise<RunResult> {
  const langs = checkedLangs(opts?.langs);
  const formats = checkedFormats(opts?.formats);
  const config = await resolveConfig(opts?.config);
  const signingKey = await signingKeyOf(opts?.signingKey);
  // An unknown benchmark is an InputError before the host is touched, not after collecting.
  if (opts?.benchmark !== undefined) (require('./frameworks/benchmarks.js') as typeof import('./frameworks/benchmarks.js')).benchmarkById(opts.benchmark);
  const pipelineOpts = await pipelineCollectOptions(opts, config);
  const { withStagedPack } = require('./pipeline/staging.js') as typeof import('./pipeline/staging.js');
  const { reportInWorker } = require('./pipeline/report-thread.js') as typeof import('./pipeline/report-thread.js');
  const { sealEvidence } = require('./pipeline/collect.js') as typeof import('./pipeline/collect.js');
  return withStagedPack({ outDir: pipelineOpts.outDir, command: 'run', rule: 'new-evidence', create: true, signal: opts.signal, log: opts.log }, async (stage) => {
    const c = await collectStage(pipelineOpts, stage);
    // Nothing collected: an earlier pack stays; a new folder keeps the (unsealed) evidence saying why.
    if (!c.anyData) return { swap: !stage.hadPack, error: nothingCollectedIn(stage, c.evidence) };
    await sealEvidence(stage.dir, config, TOOL_VERSION);
    const result = await reportInWorker({
      dir: stage.dir, langs, formats, benchmark: opts.benchmark, now: opts.now, toolVersion: TOOL_VERSION, invocation: opts.invocation ?? null, signingKey,
      attestations: opts.attestations, previous: opts.previous, history: opts.history, ...(opts.detail ? { detail: opts.detail } : {}),
    }, opts.signal);
    return { swap: true, value: { ...result, outDir: pipelineOpts.outDir, incomplete: c.incomplete } };
  });
}

// --- verify ----------------------------------------------------------------------------------------

export interface VerifyOptions {
  /** A pack folder with manifest.json. */
  dir: string;
  /** Also check manifest.sig.json with this Ed25519 public key: a key, or the path of KEYFILE.pub from `keygen`. */
  key?: VerifyingKey | string;
}

export interface VerifyReport {
  /** Every listed file matches, nothing unlisted is there, and (with `key`) the signature verifies; false too for a damaged manifest.sig.json. */
  ok: boolean;
  /** Absolute pack folder. */
  dir: string;
  /** Files changed, missing or present but not listed; or why manifest.json cannot be used as one (bad JSON, no file list, a path outside the pack). */
  manifest: VerifyResult | { ok: false; unusable: string };
  /** With `key`: the signature check. Without: what manifest.sig.json claims, not checked (a key id in the file is a hint anyone can write). */
  signature: ({ checked: true } & SignatureCheck) | ({ checked: false } & SignatureStatus);
  /** One short reason per failed part, e.g. `1 changed, 0 missing, 0 not listed`. */
  failures: string[];
  /**
   * The folder's lock (never part of a pack): `in-progress` while a run writes a new pack (this one is the
   * earlier pack until it is swapped in), `stale` when left by a process that is gone, `unreadable` when
   * the file is not a lock this tool wrote, `none` without one.
   */
  lock: { state: 'none' } | { state: 'in-progress' | 'stale'; pid: number; hostname: string; startedAt: string; command: string } | { state: 'unreadable'; why: string };
}

/**
 * Recompute the SHA-256 of every file in `dir/manifest.json` and, with `key`, check the pack's signature.
 * A mismatch is a result (ok false), not an error; a folder without manifest.json is a NotAPackError, a
 * bad key a KeyFileError (both InputErrors).
 */
export async function verify(opts: VerifyOptions): Promise<VerifyReport> {
  if (!opts || typeof opts.dir !== 'string' || opts.dir === '') throw new InputError('dir is required: the pack folder to verify');
  const dir = path.resolve(opts.dir);
  const keys = require('./evidence/signing/keys.js') as typeof import('./evidence/signing/keys.js');
  // The key first: a bad key is reported before anything is hashed.
  const key = typeof opts.key === 'string' ? await keys.loadVerifyingKey(opts.key, 'key') : opts.key;
  const { ManifestError, MANIFEST_FILE, SIGNATURE_FILE, verifyManifest } = require('./evidence/manifest.js') as typeof import('./evidence/manifest.js');
  try {
    await fs.access(path.join(dir, MANIFEST_FILE));
  } catch {
    throw new NotAPackError(`no ${MANIFEST_FILE} in ${dir}: is it the output folder of "residency-audit run", "collect" or "report"?`);
  }
  const { readLock } = require('./pipeline/lock.js') as typeof import('./pipeline/lock.js');
  const held = await readLock(dir);
  const lock: VerifyReport['lock'] =
    held.state === 'held'
      ? { state: held.alive ? 'in-progress' : 'stale', pid: held.holder.pid, hostname: held.holder.hostname, startedAt: held.holder.startedAt, command: held.holder.command }
      : held.state === 'unreadable' ? { state: 'unreadable', why: held.why } : { state: 'none' };
  const failures: string[] = [];
  let manifest: VerifyReport['manifest'];
  try {
    manifest = await verifyManifest(dir);
    if (lock.state === 'in-progress') {
      // The staging folder of a run that cannot swap its folder whole (src/pipeline/staging.ts) is that run's, not the pack's.
      const mine = new RegExp(`^\\.ra-staging-${lock.pid}-[0-9a-f]{6}-[0-9a-f]{8}/`);
      const unlisted = manifest.unlisted.filter((p) => !mine.test(p));
      manifest = { ...manifest, unlisted, ok: manifest.ok || (unlisted.length === 0 && !manifest.changed.length && !manifest.missing.length && !manifest.special.length) };
    }
    if (!manifest.ok) failures.push(`${manifest.changed.length} changed, ${manifest.missing.length} missing, ${manifest.unlisted.length} not listed${manifest.special.length ? `, ${manifest.special.length} not a regular file` : ''}`);
  } catch (err) {
    // A manifest that cannot be used as one fails verification; I/O failures are the tool's, and are thrown on.
    if (!(err instanceof ManifestError)) throw err;
    manifest = { ok: false, unusable: err.message };
    failures.push(`${MANIFEST_FILE} unusable`);
  }
  const signing = require('./evidence/signing/verify-pack.js') as typeof import('./evidence/signing/verify-pack.js');
  let signature: VerifyReport['signature'];
  if (key) {
    const s = await signing.verifyPackSignature(dir, key);
    if (!s.ok) failures.push(`signature: ${s.problems.length} problem${s.problems.length === 1 ? '' : 's'}`);
    signature = { checked: true, ...s };
  } else {
    const st = await signing.signatureStatus(dir);
    if (st.state === 'damaged') failures.push(`${SIGNATURE_FILE} damaged`);
    signature = { checked: false, ...st };
  }
  return { ok: failures.length === 0, dir, manifest, signature, failures, lock };
}

// --- catalog ---------------------------------------------------------------------------------------

export interface CatalogOptions {
  /** Benchmark version the CIS controls are numbered by (`cis-docker-1.8.0`, `1.6.0`); default the tool's (1.8.0). */
  benchmark?: string;
}

export interface Catalog {
  benchmark: { id: string; name: string; version: string };
  /** Every check as it would be evaluated, in catalog order: control id, texts in every language, severity, level, how it is decided. */
  controls: ControlRecord[];
  /** SHA-256 over the records: recorded in findings.json (run.catalog.sha256). */
  sha256: string;
}

/** The check catalog: every CIS Docker Benchmark control with a check, and this tool's own checks. */
export async function catalog(opts: CatalogOptions = {}): Promise<Catalog> {
  const { benchmarkById, DEFAULT_BENCHMARK } = require('./frameworks/benchmarks.js') as typeof import('./frameworks/benchmarks.js');
  const { catalogHash, controlRecords } = require('./checks/catalog.js') as typeof import('./checks/catalog.js');
  const { ALL_CHECKS } = require('./checks/registry.js') as typeof import('./checks/registry.js');
  const benchmark = benchmarkById(opts.benchmark ?? DEFAULT_BENCHMARK);
  const records = controlRecords(ALL_CHECKS, benchmark);
  return { benchmark: { id: benchmark.id, name: benchmark.name, version: benchmark.version }, controls: Object.values(records), sha256: catalogHash(records) };
}
