/**
 * Reading a pack's findings.json as untrusted input (used by `answer`, `diff`): a regular file of the
 * pack, size-capped, of findings schema major version FINDINGS_SCHEMA_VERSION and valid against
 * evidence/schema/findings.schema.json. A newer minor version is read with its unknown fields ignored;
 * schema 1.x (before the complete record of a run) is refused with the way out: re-evaluate.
 */
import * as path from 'node:path';
import { InputError } from '../errors';
import { readPackFile } from '../evidence/pack-file';
import { checkVersion, requireObject, SCHEMA_FILES, validateAgainst } from '../evidence/validate';
import { TOOL_VERSION } from '../version';
import { FINDINGS_SCHEMA_VERSION, type FindingsDocument } from './types';

export const FINDINGS_FILE = 'findings.json';

/** No findings.json, or one that is not JSON: bad input (exit 2). */
export class FindingsReadError extends InputError {}

/** Validate a parsed findings document; `file` names it in errors (pack-relative). */
export function validateFindings(parsed: unknown, file = FINDINGS_FILE, dir = 'DIR'): FindingsDocument {
  const doc = requireObject(file, parsed);
  const version = doc.run && typeof doc.run === 'object' ? (doc.run as Record<string, unknown>).schemaVersion : undefined;
  const fit = checkVersion(file, version, FINDINGS_SCHEMA_VERSION, 'findings', (major) =>
    major < Number(FINDINGS_SCHEMA_VERSION.split('.')[0])
      ? `run "residency-audit report ${dir}" with this version to re-evaluate it from the evidence`
      : `it was written by a newer residency-audit than this one (${TOOL_VERSION}): read it with that version`,
    '/run/schemaVersion',
  );
  validateAgainst(file, SCHEMA_FILES.findings, doc, { lenient: fit === 'newer-minor' });
  return doc as unknown as FindingsDocument;
}

/** DIR/findings.json, validated. */
export async function readFindings(dir: string): Promise<FindingsDocument> {
  const bytes = await readPackFile(dir, FINDINGS_FILE);
  if (!bytes) throw new FindingsReadError(`no ${FINDINGS_FILE} in ${dir}: run "residency-audit run" or "residency-audit report ${dir}" first`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new FindingsReadError(`${path.join(dir, FINDINGS_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  return validateFindings(parsed, FINDINGS_FILE, dir);
}
