import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AuditConfig } from '../config/load';
import { parseConfig } from '../config/load';
import { hashEntries, MANIFEST_FILE, verifyManifest, writeManifest } from '../evidence/manifest';
import { loadEvidence, toJson, writeFileAtomic } from '../evidence/store';
import type { FindingsDocument } from '../findings/types';
import { renderPack, type PackFormat } from '../render';
import { buildFindings } from './evaluate';

export const FINDINGS_FILE = 'findings.json';
export const CONFIG_FILE = 'config.json';

export class EvidenceIntegrityError extends Error {}

export interface ReportOptions {
  dir: string;
  /** Config given on the command line; otherwise the pack's own config.json; otherwise none. */
  config?: AuditConfig;
  lang: 'en' | 'nb';
  formats: readonly PackFormat[];
  /** Re-render even when evidence no longer matches the manifest (the pack then says so). */
  allowModified?: boolean;
  now?: string;
  toolVersion: string;
}

export interface ReportResult {
  findings: FindingsDocument;
  written: string[];
}

/** Evidence files of DIR that no longer match its manifest; empty when there is no manifest yet. */
async function modifiedEvidence(dir: string): Promise<string[]> {
  try {
    await fs.access(path.join(dir, MANIFEST_FILE));
  } catch {
    return [];
  }
  const v = await verifyManifest(dir);
  return [...v.changed, ...v.missing].filter((p) => p.startsWith('evidence/') || p === CONFIG_FILE);
}

async function readPackConfig(dir: string): Promise<AuditConfig | undefined> {
  const p = path.join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(p, 'utf8');
  } catch {
    return undefined;
  }
  return parseConfig(text, p);
}

/** Evaluate and render from the evidence in DIR alone: no engine, no host access. */
export async function reportFromDir(opts: ReportOptions): Promise<ReportResult> {
  const { dir } = opts;
  const modified = await modifiedEvidence(dir);
  if (modified.length && !opts.allowModified) {
    throw new EvidenceIntegrityError(`evidence in ${dir} does not match its manifest (${modified.join(', ')}); run "residency-audit verify ${dir}" for details`);
  }
  const evidence = await loadEvidence(dir);
  if (Object.keys(evidence).length === 0) throw new Error(`no evidence files in ${path.join(dir, 'evidence')}`);
  const config = opts.config ?? (await readPackConfig(dir)) ?? {};
  if (opts.config) await writeFileAtomic(path.join(dir, CONFIG_FILE), toJson(opts.config));

  const findings = buildFindings(evidence, { config, now: opts.now });
  await writeFileAtomic(path.join(dir, FINDINGS_FILE), toJson(findings));

  const evidenceFiles = Object.keys(evidence).map((c) => `evidence/${c}.json`).sort();
  const listed = [...evidenceFiles, FINDINGS_FILE];
  try {
    await fs.access(path.join(dir, CONFIG_FILE));
    listed.push(CONFIG_FILE);
  } catch {
    /* no config in this pack */
  }
  const manifest = await hashEntries(dir, listed);
  const written = await renderPack(
    { findings, evidence, manifest, config: { organisation: config.organisation, period: config.period, preparedBy: config.preparedBy }, lang: opts.lang },
    dir,
    opts.formats,
  );
  await writeManifest(dir, opts.toolVersion);
  return { findings, written: [FINDINGS_FILE, ...written, MANIFEST_FILE] };
}
