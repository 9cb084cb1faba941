import type { LoadedEvidence } from '../evidence/types';
import type { FindingsDocument } from '../findings/types';
import type { Lang } from '../i18n';

export type PackFormat = 'html' | 'pdf' | 'sarif' | 'junit' | 'oscal' | 'hdf' | 'csv' | 'xlsx';
export const PACK_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'sarif', 'junit', 'oscal', 'hdf', 'csv', 'xlsx'];
/** Written when no formats are named: OSCAL, HDF and the workbook are asked for (`--format`). */
export const DEFAULT_PACK_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'sarif', 'junit', 'csv'];
/** Formats written in the pack's language, so once per language (audit-pack.nb.html, findings.nb.csv); the others once. */
export const LANGUAGE_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'csv', 'xlsx'];

/** File name each format is written to, inside the output folder. */
export const PACK_FILES: Record<PackFormat, string> = {
  html: 'audit-pack.html',
  pdf: 'audit-pack.pdf',
  sarif: 'findings.sarif',
  junit: 'findings.junit.xml',
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

export interface RenderInput {
  findings: FindingsDocument;
  /** Evidence files keyed by collector; any may be absent or failed. */
  evidence: LoadedEvidence;
  /** The evidence files and findings.json (the pack cannot list its own hash). */
  manifest: ManifestRow[];
  lang: Lang;
}
