/**
 * The JSON Schemas of evidence/schema/ (generated from the types by scripts/generate-schemas.ts), compiled
 * with ajv once per process and only when something is loaded: `collect` alone never pays for it.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../version';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'evidence', 'schema');

/** Schema files by what they describe. Every collector's data schema is `<collector>.schema.json`. */
export const SCHEMA_FILES = {
  envelope: 'envelope.schema.json',
  findings: 'findings.schema.json',
  config: 'config.schema.json',
  manifest: 'manifest.schema.json',
} as const;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** ISO 8601 date-time as the tool writes it (`toISOString`), with or without fraction, Z or an offset. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

function instance(): Ajv {
  // No coercion, no defaults: a validator that changed the data would hide what the file says.
  // No inlined $refs and no code optimisation pass: compiling is then ~4x faster (bench/validate-evidence.ts),
  // and validating a 1,000-container docker.json stays in the tens of milliseconds.
  ajv ??= new Ajv({
    allErrors: false, strict: false, coerceTypes: false, useDefaults: false, inlineRefs: false, code: { optimize: false },
    formats: { 'date-time': (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) },
  });
  return ajv;
}

/** Drop every `additionalProperties: false`: for a newer minor version, whose extra fields are ignored. */
function relaxed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxed);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'additionalProperties' && v === false)).map(([k, v]) => [k, relaxed(v)]));
}

/**
 * The validator of one schema file. `lenient`: unknown properties are allowed everywhere (a file of a
 * newer minor version than this tool knows).
 */
export function validator(file: string, lenient = false): ValidateFunction {
  const key = `${file}${lenient ? '#lenient' : ''}`;
  let v = compiled.get(key);
  if (!v) {
    let schema: { $id?: string };
    try {
      schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as { $id?: string };
    } catch (err) {
      // The schemas ship with the tool: a missing one is the tool's own failure, not the user's input.
      throw new Error(`residency-audit cannot read its schema ${path.join(SCHEMA_DIR, file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (lenient) schema = { ...(relaxed(schema) as object), $id: (schema.$id ?? file).replace(/(\.schema)?\.json$/, '.lenient.schema.json') };
    v = instance().compile(schema);
    compiled.set(key, v);
  }
  return v;
}
