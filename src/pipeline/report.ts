import { InputError } from '../errors';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { answerQuestions } from '../answers/answer';
import { answersCsv } from '../answers/csv';
import { answersJson, QUESTIONNAIRE } from '../answers/json';
import { answersXlsx } from '../answers/xlsx';
import type { AuditConfig } from '../config/load';
import { ConfigFileError, parseConfig } from '../config/load';
import { requireObject, SCHEMA_FILES, validateAgainst } from '../evidence/validate';
import { hashEntries, MANIFEST_FILE, verifyManifest, writeManifest } from '../evidence/manifest';
import { MAX_CONFIG_BYTES, readPackFile, statPackFile } from '../evidence/pack-file';
import { EvidenceReadError, readEvidenceDir, toJson, writeFileAtomic } from '../evidence/store';
import type { FindingsDocument } from '../findings/types';
import { LANGUAGE_FORMATS, renderPack, type AnswerRow, type Detail, type PackFormat, type RenderInput, type SignatureSummary } from '../render';
import { buildFindings, type Invocation } from './evaluate';
import { signAfterManifest } from '../evidence/signing/sign-pack';
import type { SigningKey } from '../evidence/signing/keys';
import { PACK_ATTESTATIONS_FILE, packAttestationsJson, readPackAttestations, type AttestationsFile } from '../config/attestations';
import { quarterlyRecord } from '../quarterly/compare';
import type { TrustedPack } from '../quarterly/trusted-pack';

export const FINDINGS_FILE = 'findings.json';
export const CONFIG_FILE = 'config.json';

/** The pack's evidence does not match its manifest, or there is no manifest: bad input (exit 2). */
export class EvidenceIntegrityError extends InputError {}

export type Lang = 'en' | 'nb';
/** Outputs beyond the packs: questionnaire answers (answers.csv, answers.json, answers.xlsx). */
export type OutputFormat = PackFormat | 'answers';

export interface ReportOptions {
  dir: string;
  /** Config given on the command line; otherwise the pack's own config.json; otherwise none. */
  config?: AuditConfig;
  /** First language: audit-pack.html/.pdf, answers.csv; each further one: audit-pack.<lang>.html and so on. */
  langs: readonly Lang[];
  formats: readonly OutputFormat[];
  /** Re-render even when evidence no longer matches the manifest: recorded in findings.json (run.evidenceModified), and the manifest is not re-signed. */
  allowModified?: boolean;
  /** Evaluate a folder that has no manifest.json: recorded in findings.json (run.unverified) and on the cover. */
  allowUnverified?: boolean;
  /** Benchmark version (`--benchmark`); default the config's, else the tool's. */
  benchmark?: string;
  now?: string;
  toolVersion: string;
  invocation?: Invocation | null;
  /** Sign the new manifest into manifest.sig.json (--sign-key); without it a stale signature is removed. */
  signingKey?: SigningKey;
  /** Attestations given for this evaluation: copied into DIR/attestations.json; otherwise the pack's copy, if any, is used. */
  attestations?: AttestationsFile;
  /** Earlier packs, already verified (src/quarterly/trusted-pack.ts): --previous (what changed) and --history (trend). */
  previous?: TrustedPack;
  history?: readonly TrustedPack[];
  /** How much the HTML and PDF packs print (`--detail`, default full). */
  detail?: Detail;
}

export interface ReportResult {
  findings: FindingsDocument;
  written: string[];
}

/** Evidence and config files of DIR that no longer match its manifest; null when there is no manifest. */
async function modifiedEvidence(dir: string): Promise<string[] | null> {
  if ((await statPackFile(dir, MANIFEST_FILE)) === null) return null;
  const v = await verifyManifest(dir);
  return [...v.changed, ...v.missing].filter((p) => p.startsWith('evidence/') || p === CONFIG_FILE || p === PACK_ATTESTATIONS_FILE);
}

/** The pack's config.json (validated against config.schema.json, then parsed): config and the SHA-256 of its bytes. */
async function readPackConfig(dir: string): Promise<{ config: AuditConfig; sha256: string } | undefined> {
  const bytes = await readPackFile(dir, CONFIG_FILE, MAX_CONFIG_BYTES);
  if (!bytes) return undefined;
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigFileError(`${path.join(dir, CONFIG_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  validateAgainst(CONFIG_FILE, SCHEMA_FILES.config, requireObject(CONFIG_FILE, json));
  return { config: parseConfig(text, path.join(dir, CONFIG_FILE)), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Evaluate and render from the evidence in DIR alone: no engine, no host access. */
export async function reportFromDir(opts: ReportOptions): Promise<ReportResult> {
  const { dir } = opts;
  const modified = await modifiedEvidence(dir);
  if (modified === null && !opts.allowUnverified) {
    throw new EvidenceIntegrityError(`${dir} has no ${MANIFEST_FILE}: its evidence cannot be verified; pass --allow-unverified to evaluate it anyway (recorded in findings.json and on the cover)`);
  }
  if (modified?.length && !opts.allowModified) {
    throw new EvidenceIntegrityError(`evidence in ${dir} does not match its manifest (${modified.join(', ')}); run "residency-audit verify ${dir}" for details`);
  }
  const { evidence, files } = await readEvidenceDir(dir);
  if (Object.keys(evidence).length === 0) throw new EvidenceReadError(`no evidence files in ${path.join(dir, 'evidence')}`);
  if (opts.config) await writeFileAtomic(path.join(dir, CONFIG_FILE), toJson(opts.config));
  const stored = await readPackConfig(dir);
  const config = stored?.config ?? {};
  // --- attestations: the ones given are copied into the pack, and the pack's copy is what is evaluated ---
  if (opts.attestations) await writeFileAtomic(path.join(dir, PACK_ATTESTATIONS_FILE), packAttestationsJson(opts.attestations.attestations));
  const attested = await readPackAttestations(dir);
  const attestationsFile = attested ? { file: PACK_ATTESTATIONS_FILE, sha256: attested.sha256, source: opts.attestations?.source ?? null } : null;

  const findings = buildFindings(evidence, { config, now: opts.now, benchmark: opts.benchmark, files, configSha256: stored?.sha256 ?? null, invocation: opts.invocation ?? null, attestations: attested?.attestations, attestationsFile });
  // --- quarterly: what changed since the previous pack, and the trend (src/quarterly) ---
  findings.quarterly = quarterlyRecord(findings, opts.previous, opts.history ?? []);
  // Rendering over changed evidence is allowed for investigation, never silently: it is recorded, and the
  // old manifest is left in place so `verify` keeps naming the changed files.
  if (modified?.length) findings.run.evidenceModified = modified;
  if (modified === null) findings.run.unverified = true;
  await writeFileAtomic(path.join(dir, FINDINGS_FILE), toJson(findings));

  // Everything but the HTML and PDF packs is written first, so the packs can list (and link) the hash
  // of every other file: answers, transfers.csv, remediation.sh, SARIF, JUnit.
  const written: string[] = [];
  let answersByLang = new Map<Lang, AnswerRow[]>();
  if (opts.formats.includes('answers')) {
    const a = await writeAnswers(dir, findings, opts.langs, opts.now);
    written.push(...a.files);
    answersByLang = a.rows;
  }
  const first = opts.langs[0];
  const extras = opts.formats.filter((f): f is PackFormat => f !== 'answers' && f !== 'html' && f !== 'pdf');
  const signatureSummary: SignatureSummary = opts.signingKey ? (modified?.length ? { signed: false, keyId: null, reason: 'the evidence was modified, so the manifest is not rewritten or signed' } : { signed: true, keyId: opts.signingKey.keyId }) : { signed: false, keyId: null };
  const base = { findings, evidence, manifest: [], lang: first, detail: opts.detail ?? 'full', signature: signatureSummary } satisfies RenderInput;
  // findings.csv and findings.xlsx are written in every pack language (findings.nb.csv); the other extras once, in the first.
  for (const [i, lang] of opts.langs.entries()) {
    const formats = i === 0 ? extras : extras.filter((f) => LANGUAGE_FORMATS.includes(f));
    if (formats.length) written.push(...(await renderInLanguage(dir, i === 0 ? '' : `.${lang}`, { ...base, lang }, formats)));
  }
  const listed = [...files.map((f) => f.file), FINDINGS_FILE, ...(stored ? [CONFIG_FILE] : []), ...(attested ? [PACK_ATTESTATIONS_FILE] : []), ...written];
  const manifest = await hashEntries(dir, [...new Set(listed)].sort());
  const packs = opts.formats.filter((f): f is PackFormat => f === 'html' || f === 'pdf');
  for (const [i, lang] of opts.langs.entries()) {
    const input: RenderInput = { ...base, manifest, lang, answers: answersByLang.get(lang) };
    written.push(...(await renderInLanguage(dir, i === 0 ? '' : `.${lang}`, input, packs)));
  }
  if (modified?.length) return { findings, written: [FINDINGS_FILE, ...written] };
  await writeManifest(dir, opts.toolVersion);
  // --- signing (src/evidence/signing): after, and over, the manifest just written; keep it the last write. ---
  const signature = await signAfterManifest(dir, opts.signingKey, { toolVersion: opts.toolVersion, now: opts.now });
  return { findings, written: [FINDINGS_FILE, ...written, MANIFEST_FILE, ...signature] };
}

/** Render into DIR; a suffix (`.nb`) goes before the extension, via a private temp folder renamed into place. */
async function renderInLanguage(dir: string, suffix: string, input: RenderInput, formats: readonly PackFormat[]): Promise<string[]> {
  if (!suffix) return renderPack(input, dir, formats);
  const tmp = await fs.mkdtemp(path.join(dir, '.render-'));
  try {
    const files = await renderPack(input, tmp, formats);
    const out: string[] = [];
    for (const f of files) {
      const dot = f.indexOf('.');
      const name = `${f.slice(0, dot)}${suffix}${f.slice(dot)}`;
      await fs.rename(path.join(tmp, f), path.join(dir, name));
      out.push(name);
    }
    return out;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Questionnaire answers (src/answers): answers.csv and answers.json per language (a further language
 * gets a suffix: answers.nb.csv), and answers.xlsx with one sheet per language.
 */
async function writeAnswers(dir: string, findings: FindingsDocument, langs: readonly Lang[], now = new Date().toISOString()): Promise<{ files: string[]; rows: Map<Lang, AnswerRow[]> }> {
  const sheets = langs.map((lang) => ({ lang, answers: answerQuestions(findings, { lang, now }) }));
  const written: string[] = [];
  for (const [i, { lang, answers }] of sheets.entries()) {
    const suffix = i === 0 ? '' : `.${lang}`;
    await writeFileAtomic(path.join(dir, `answers${suffix}.csv`), answersCsv(answers, lang));
    await writeFileAtomic(path.join(dir, `answers${suffix}.json`), answersJson(answers, findings, { lang, now }));
    written.push(`answers${suffix}.csv`, `answers${suffix}.json`);
  }
  await writeFileAtomic(path.join(dir, 'answers.xlsx'), await answersXlsx(sheets, { created: new Date(now), title: `${QUESTIONNAIRE}: ${findings.run.host.hostname}` }));
  // What the packs link: each question with the finding ids it rests on.
  const rows = new Map<Lang, AnswerRow[]>(sheets.map(({ lang, answers }) => [lang, answers.map((a) => ({ id: a.id, control: a.control, controlName: a.controlName, question: a.question, answer: a.answer, answerLabel: a.answerLabel, basis: a.reason, findings: [...a.findings] }))]));
  return { files: [...written, 'answers.xlsx'], rows };
}
