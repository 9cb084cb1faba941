import type { LoadedEvidence } from '../evidence/types';
import type { FindingsDocument } from '../findings/types';
import type { Lang } from '../i18n';

export type PackFormat = 'html' | 'pdf' | 'sarif' | 'junit' | 'transfers' | 'remediation' | 'oscal' | 'hdf' | 'csv' | 'xlsx';
export const PACK_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'sarif', 'junit', 'transfers', 'remediation', 'oscal', 'hdf', 'csv', 'xlsx'];
/** Written when no formats are named: OSCAL, HDF and the workbook are asked for (`--format`). */
export const DEFAULT_PACK_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'sarif', 'junit', 'transfers', 'remediation', 'csv'];
/** Formats written in the pack's language, so once per language (audit-pack.nb.html, findings.nb.csv); the others once, in the first. */
export const LANGUAGE_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'csv', 'xlsx'];

/** File name each format is written to, inside the output folder. */
export const PACK_FILES: Record<PackFormat, string> = {
  html: 'audit-pack.html',
  pdf: 'audit-pack.pdf',
  sarif: 'findings.sarif',
  junit: 'findings.junit.xml',
  transfers: 'transfers.csv',
  remediation: 'remediation.sh',
  oscal: 'findings.oscal.json',
  hdf: 'findings.hdf.json',
  csv: 'findings.csv',
  xlsx: 'findings.xlsx',
};

export interface ManifestRow {
  /** Path relative to the pack folder (`evidence/docker.json`, `findings.json`). */
  path: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Bytes. */
  size: number;
}

/** How much the pack prints: `full` (default) every result; `failures` only what needs action plus the summary tables. */
export type Detail = 'full' | 'failures';
export const DETAILS: readonly Detail[] = ['full', 'failures'];

/** A questionnaire answer as the pack links it to its findings (from src/answers, computed by the pipeline). */
export interface AnswerRow {
  /** CAIQ question id, e.g. `DSP-19.1`. */
  id: string;
  control: string;
  controlName: string;
  question: string;
  answer: string;
  answerLabel: string;
  basis: string;
  /** Ids of the findings the answer rests on. */
  findings: string[];
}

/** Whether the pack is (to be) signed: the signature is written after the manifest, over every file. */
export interface SignatureSummary {
  signed: boolean;
  keyId: string | null;
  /** Why it is not signed when a key was given (evidence modified: the manifest is not rewritten). */
  reason?: string;
}

export interface RenderInput {
  findings: FindingsDocument;
  /** Evidence files keyed by collector; any may be absent or failed. */
  evidence: LoadedEvidence;
  /** Every other file of the pack as hashed before rendering: evidence, config.json, findings.json, answers, transfers.csv, remediation.sh, SARIF, JUnit (the pack cannot list its own hash). */
  manifest: ManifestRow[];
  lang: Lang;
  /** Default `full`. */
  detail?: Detail;
  /** The questionnaire answers in this language, when written. */
  answers?: AnswerRow[];
  /** Default: unsigned. */
  signature?: SignatureSummary;
}
