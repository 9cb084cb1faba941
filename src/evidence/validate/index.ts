/**
 * Validation of pack files on load, before anything is decided from them: the evidence envelope, each
 * collector's data, findings.json and config.json against their JSON Schemas (evidence/schema/,
 * generated from the TypeScript types), after the schema version check. A file that fails is bad
 * input (exit 2); the message names the pack-relative file, the JSON path and what was expected:
 *
 *   evidence/docker.json: /data/containers/3/HostConfig/Memory must be integer (got string "64m")
 */
import { InputError } from '../../errors';
import { TOOL_VERSION } from '../../version';
import { EVIDENCE_SCHEMA_VERSION, type CollectorName, type EvidenceFile } from '../types';
import { describeValue, explain } from './messages';
import { SCHEMA_FILES, validator } from './schemas';
import { versionFit, type VersionFit } from './version';

export { SCHEMA_FILES } from './schemas';
export { versionFit, type VersionFit } from './version';

/** A pack file that does not match its schema: names the file (pack-relative) and the JSON path. */
export class SchemaValidationError extends InputError {
  constructor(
    readonly file: string,
    /** RFC 6901 pointer from the top of the file; `""` for the whole file. */
    readonly pointer: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/**
 * Check `doc` against one schema file; throws SchemaValidationError. `prefix` is where `doc` sits in the
 * file (`/data`), `lenient` allows unknown properties (a newer minor version).
 */
export function validateAgainst(file: string, schemaFile: string, doc: unknown, opts: { prefix?: string; lenient?: boolean } = {}): void {
  const v = validator(schemaFile, opts.lenient);
  if (v(doc)) return;
  const { pointer, text } = explain(v.errors, doc, opts.prefix ?? '');
  throw new SchemaValidationError(file, pointer, text);
}

/** A JSON value that must be an object at the top level. */
export function requireObject(file: string, doc: unknown): Record<string, unknown> {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new SchemaValidationError(file, '', `the top level must be an object (got ${describeValue(doc)})`);
  return doc as Record<string, unknown>;
}

/** The version check of a file; throws when its major version is not the one this tool reads. */
export function checkVersion(file: string, found: unknown, known: string, what: string, otherMajor: (major: number) => string, pointer = '/schemaVersion'): VersionFit {
  const fit = versionFit(found, known, what, otherMajor, pointer);
  if (typeof fit === 'object') throw new SchemaValidationError(file, fit.pointer, fit.text);
  return fit;
}

function evidenceMajorHint(major: number): string {
  const known = Number(EVIDENCE_SCHEMA_VERSION.split('.')[0]);
  return major > known
    ? `the file was written by a newer residency-audit than this one (${TOOL_VERSION}): evaluate it with that version`
    : `the file was written by an older residency-audit: collect the evidence again with this version`;
}

/**
 * One evidence file (`evidence/<collector>.json`, already parsed) as an EvidenceFile: schema version,
 * envelope, collector name, then the collector's data (unless the collector failed or was skipped).
 */
export function validateEvidenceFile(file: string, collector: CollectorName, parsed: unknown): EvidenceFile {
  const doc = requireObject(file, parsed);
  const fit = checkVersion(file, doc.schemaVersion, EVIDENCE_SCHEMA_VERSION, 'evidence', evidenceMajorHint);
  const lenient = fit === 'newer-minor';
  // The envelope's conditional rules, said in words (ajv would only name the failed branch).
  if (doc.status === 'failed' || doc.status === 'skipped') {
    if (doc.data !== null && doc.data !== undefined) throw new SchemaValidationError(file, '/data', `/data must be null when /status is "${doc.status}" (got ${describeValue(doc.data)})`);
    if (typeof doc.error !== 'string') throw new SchemaValidationError(file, '/error', `/error must say why when /status is "${doc.status}" (got ${describeValue(doc.error)})`);
  }
  validateAgainst(file, SCHEMA_FILES.envelope, doc, { lenient });
  if (doc.collector !== collector) throw new SchemaValidationError(file, '/collector', `/collector says the file is from collector ${JSON.stringify(doc.collector)}, not "${collector}"`);
  if (doc.data !== null) validateAgainst(file, `${collector}.schema.json`, doc.data, { prefix: '/data', lenient });
  return doc as unknown as EvidenceFile;
}
