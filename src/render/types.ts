import type { LoadedEvidence } from '../evidence/types';
import type { FindingsDocument } from '../findings/types';
import type { Lang } from '../i18n';

export type PackFormat = 'html' | 'pdf' | 'sarif' | 'junit';
export const PACK_FORMATS: readonly PackFormat[] = ['html', 'pdf', 'sarif', 'junit'];

/** File name each format is written to, inside the output folder. */
export const PACK_FILES: Record<PackFormat, string> = {
  html: 'audit-pack.html',
  pdf: 'audit-pack.pdf',
  sarif: 'findings.sarif',
  junit: 'findings.junit.xml',
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
