/**
 * Readers the interop tests check our exports with: the vendored NIST OSCAL 1.2.1 Assessment Results
 * schema and the Heimdall exec-json schema (test/fixtures/schemas/README.md names their sources),
 * compiled with ajv and ajv-formats (both schemas are draft-07 and use date-time, uri, email...), and an
 * RFC 4180 CSV parser written here, independent of the writer under test; and the CLI.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from '../../../src/version';

const SCHEMAS = path.join(PROJECT_ROOT, 'test/fixtures/schemas');
export const OSCAL_SCHEMA_FILE = path.join(SCHEMAS, 'oscal_assessment-results_schema-1.2.1.json');
export const HDF_SCHEMA_FILE = path.join(SCHEMAS, 'hdf-exec-json.json');

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');

/** Run the CLI as a user would (built dist/ behind bin/residency-audit). */
export function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 32 << 20 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

const compiled = new Map<string, ValidateFunction>();

function validator(file: string): ValidateFunction {
  let v = compiled.get(file);
  if (!v) {
    // Third-party schemas: not strict (they use keywords and unions strict mode frowns on), every error reported.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiled.set(file, v);
  }
  return v;
}

function errorsOf(v: ValidateFunction, doc: unknown): string[] {
  if (v(doc)) return [];
  return (v.errors ?? []).slice(0, 20).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Schema errors of an OSCAL assessment-results document (empty when valid). */
export function oscalErrors(doc: unknown): string[] {
  return errorsOf(validator(OSCAL_SCHEMA_FILE), doc);
}

/** Schema errors of an HDF (exec-json) document (empty when valid). */
export function hdfErrors(doc: unknown): string[] {
  return errorsOf(validator(HDF_SCHEMA_FILE), doc);
}

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold "" , CR and LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break outside quotes at offset ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last record does not end with CRLF');
  return rows;
}
