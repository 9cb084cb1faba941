/**
 * Writes evidence/schema/*.schema.json from the TypeScript types (`npm run schemas`), so the schemas the
 * tool validates evidence, findings, manifests and configs with are the types the code is compiled
 * against. test/evidence/schema-drift.test.ts regenerates them in memory and fails when a committed
 * file differs: change a type, run `npm run schemas`, commit both.
 *
 * Evidence schemas (envelope, collector data, manifest) are open: unknown extra properties are allowed
 * (the Docker API adds fields, other minor versions must load) while the types of known properties are
 * enforced. Findings and config stay closed. Rules a type cannot express (credential-free env values,
 * the envelope's status/data rule, integer resource limits) are overlays below, applied after generation.
 *
 * A field added in a minor version must be optional (`?`) in the type, so files of older minor versions
 * keep validating; a renamed, removed or newly required field is a major version.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { createGenerator } from 'ts-json-schema-generator';
import { COLLECTOR_NAMES, EVIDENCE_SCHEMA_VERSION, type CollectorName } from '../src/evidence/types';
import { FINDINGS_SCHEMA_VERSION } from '../src/findings/types';
import { PROJECT_ROOT } from '../src/version';

type Json = { [key: string]: unknown };

export const SCHEMA_DIR = 'evidence/schema';
const ID_BASE = 'https://residency-audit.invalid/schema/';

/** Schemas in SCHEMA_DIR that are written by hand (not TypeScript types): the drift test leaves them alone. */
export const HAND_WRITTEN_SCHEMAS: readonly string[] = ['manifest-signature.schema.json', 'attestations.schema.json'];

/**
 * The data type of every collector, declared in src/evidence/types/<collector>.ts. Adding a collector is
 * one line here (the Record makes it a compile error to forget).
 */
const COLLECTOR_DATA: Record<CollectorName, string> = {
  docker: 'DockerEvidence',
  host: 'HostEvidence',
  virt: 'VirtEvidence',
  storage: 'StorageEvidence',
  residency: 'ResidencyEvidence',
  network: 'NetworkEvidence',
};

interface SchemaSpec {
  /** File name in SCHEMA_DIR. */
  file: string;
  /** Root type, and the source file (relative to the project root) that declares it. */
  type: string;
  source: string;
  $id: string;
  title: string;
  description: string;
  /** Allow unknown extra properties everywhere (evidence); closed schemas refuse them. */
  open: boolean;
  /** Rules a type cannot express, applied to the generated schema. */
  overlay?: (schema: Json) => void;
}

const evidenceMajor = EVIDENCE_SCHEMA_VERSION.split('.')[0];
const findingsMajor = FINDINGS_SCHEMA_VERSION.split('.')[0];

export const SCHEMAS: readonly SchemaSpec[] = [
  {
    file: 'envelope.schema.json',
    type: 'EvidenceEnvelope',
    source: 'scripts/schema-roots.ts',
    $id: `${ID_BASE}evidence-envelope.schema.json`,
    title: 'residency-audit evidence file (evidence/<collector>.json)',
    description: `The envelope every collector's evidence shares (src/evidence/types/envelope.ts EvidenceFile, EVIDENCE_SCHEMA_VERSION ${evidenceMajor}.x). \`data\` is the collector's own facts (see <collector>.schema.json), or null when the collector failed or was skipped. Generated from the TypeScript types (npm run schemas).`,
    open: true,
    overlay: envelopeRules,
  },
  ...Object.entries(COLLECTOR_DATA).map(([collector, type]): SchemaSpec => ({
    file: `${collector}.schema.json`,
    type,
    source: `src/evidence/types/${collector}.ts`,
    $id: `${ID_BASE}${collector}.schema.json`,
    title: `residency-audit ${collector} evidence (data of evidence/${collector}.json)`,
    description: `The facts the ${collector} collector saw (src/evidence/types/${collector}.ts ${type}, evidence schema ${evidenceMajor}.x). Unknown extra properties are allowed; the types of known properties are enforced. Generated from the TypeScript types (npm run schemas).`,
    open: true,
    // Looked up when generating: the overlays are defined further down.
    overlay: (schema: Json) => OVERLAYS[collector as CollectorName]?.(schema),
  })),
  {
    file: 'findings.schema.json',
    type: 'FindingsDocument',
    source: 'src/findings/types.ts',
    $id: `${ID_BASE}findings.schema.json`,
    title: `residency-audit findings (findings.json), schema version ${findingsMajor}`,
    description: `The complete, versioned record of one audit run (src/findings/types.ts FindingsDocument, FINDINGS_SCHEMA_VERSION ${findingsMajor}.x). Generated from the TypeScript types with ts-json-schema-generator; every renderer, the questionnaire answers and diff read this document.`,
    open: false,
  },
  {
    file: 'manifest.schema.json',
    type: 'Manifest',
    source: 'src/evidence/manifest.ts',
    $id: `${ID_BASE}manifest.schema.json`,
    title: 'residency-audit pack manifest (manifest.json)',
    description: 'Every file of the pack (not manifest.json itself, nor manifest.sig.json) with its path, SHA-256 and size (src/evidence/manifest.ts Manifest). Generated from the TypeScript types (npm run schemas).',
    open: true,
  },
  {
    file: 'config.schema.json',
    type: 'AuditConfig',
    source: 'src/config/load.ts',
    $id: `${ID_BASE}config.schema.json`,
    title: 'residency-audit audit configuration (config.json in a pack, --config FILE)',
    description: 'Organisation, period, waivers and residency settings, copied into the pack so `report` decides the same way (src/config/load.ts AuditConfig; the residency block is checked by src/residency/config.ts). Generated from the TypeScript types (npm run schemas).',
    open: false,
  },
];

// ---------------------------------------------------------------- overlays

/** A definition of a generated schema; throws when a type was renamed so that a rule would silently vanish. */
function definition(schema: Json, name: string): Json {
  const d = (schema.definitions as Record<string, Json> | undefined)?.[name];
  if (!d) throw new Error(`schema overlay: no definition "${name}" (was the type renamed?)`);
  return d;
}

function property(node: Json, ...names: string[]): Json {
  let cur = node;
  for (const n of names) {
    const next = (cur.properties as Record<string, Json> | undefined)?.[n];
    if (!next) throw new Error(`schema overlay: no property "${names.join('.')}" (was it renamed?)`);
    cur = next;
  }
  return cur;
}

/** The array schema of `T[]` or `T[] | null`. */
function arrayBranch(node: Json): Json {
  if (node.type === 'array') return node;
  const branch = (node.anyOf as Json[] | undefined)?.find((b) => b.type === 'array');
  if (!branch) throw new Error('schema overlay: expected an array type');
  return branch;
}

/** `number` → `integer`, keeping a `| null`. */
function integer(node: Json): void {
  if (node.type === 'number') node.type = 'integer';
  else if (Array.isArray(node.type) && node.type.includes('number')) node.type = node.type.map((t: string) => (t === 'number' ? 'integer' : t));
  else throw new Error('schema overlay: expected a number type');
}

function envelopeRules(schema: Json): void {
  const env = definition(schema, 'EvidenceFile');
  Object.assign(property(env, 'schemaVersion'), { pattern: '^\\d+\\.\\d+\\.\\d+$', description: 'Data-semver of the evidence format: another major version is refused on load, an older or newer minor one is read.' });
  Object.assign(property(env, 'collector'), { enum: [...COLLECTOR_NAMES] });
  for (const t of ['startedAt', 'endedAt']) Object.assign(property(env, t), { format: 'date-time' });
  env.allOf = [
    { if: { properties: { status: { enum: ['failed', 'skipped'] } } }, then: { required: ['error'], properties: { data: { type: 'null' } } } },
    { if: { properties: { status: { enum: ['ok', 'partial'] } } }, then: { properties: { data: { type: 'object' } } } },
  ];
}

function dockerRules(schema: Json): void {
  Object.assign(property(definition(schema, 'DockerEvidence'), 'endpoint'), { pattern: '^(unix|tcp|http|https|npipe|ssh)://' });
  // The collector reduces env values to an address or [redacted]: a path, query or user-info here is a leaked secret.
  Object.assign(arrayBranch(property(definition(schema, 'ContainerInspect'), 'Config', 'Env')).items as Json, {
    pattern: '^[^=]*(=([a-z][a-z0-9+.-]*://[^/@]*|\\[redacted\\]|[^/@\\s]*)?)?$',
    description: 'NAME=value with values reduced to addresses or [redacted]; never a path, query or credential.',
  });
  // int64 in the Engine API: "64m" or 1.5 here is not a limit the engine could have reported.
  const hostConfig = definition(schema, 'ContainerHostConfig');
  for (const p of ['Memory', 'MemorySwap', 'MemoryReservation', 'NanoCpus', 'CpuShares', 'CpuQuota', 'CpuPeriod', 'PidsLimit']) integer(property(hostConfig, p));
}

/** A command that gave nothing usable says why: any status but `read` carries `detail`. */
function networkRules(schema: Json): void {
  const def = definition(schema, 'CommandRecord');
  def.allOf = [...((def.allOf as Json[] | undefined) ?? []), { if: { properties: { status: { not: { const: 'read' } } } }, then: { required: ['detail'] } }];
}

/** A disputed address names no country (every source's answer is in `geo`); every source carries its licence. */
function residencyRules(schema: Json): void {
  const addr = definition(schema, 'AddressFacts');
  addr.allOf = [...((addr.allOf as Json[] | undefined) ?? []), { if: { required: ['geoStatus'], properties: { geoStatus: { const: 'disputed' } } }, then: { properties: { country: { type: 'null' } } } }];
  Object.assign(property(definition(schema, 'GeoDatabaseInfo'), 'licence'), { minLength: 1 });
}

/** Rules the types cannot express, per collector. */
const OVERLAYS: Partial<Record<CollectorName, (schema: Json) => void>> = { docker: dockerRules, network: networkRules, residency: residencyRules };

// ---------------------------------------------------------------- generation

/** Drop every `additionalProperties: false`: unknown properties are allowed, known ones keep their types. */
export function openSchema<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openSchema) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) if (!(k === 'additionalProperties' && v === false)) out[k] = openSchema(v);
  return out as T;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Json)[k])]));
}

/** One TypeScript program for every root type (no @types, no type check: the build checks types). */
function program(root: string): ts.Program {
  const read = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const { options } = ts.convertCompilerOptionsFromJson(read.config.compilerOptions, root);
  const roots = [...new Set(SCHEMAS.map((s) => path.join(root, s.source)))];
  return ts.createProgram(roots, { ...options, types: [], noEmit: true, declaration: false, sourceMap: false });
}

/** Every generated schema as the text of its file, by file name; nothing is written. */
export function generateSchemas(root = PROJECT_ROOT): Map<string, string> {
  const generator = createGenerator({ tsProgram: program(root), skipTypeCheck: true, expose: 'export', topRef: true, jsDoc: 'extended' });
  const out = new Map<string, string>();
  for (const spec of SCHEMAS) {
    let schema = generator.createSchema(spec.type) as Json;
    schema = collapseRootAlias(schema);
    if (spec.open) schema = openSchema(schema);
    spec.overlay?.(schema);
    const { $schema, $ref, definitions, ...rest } = schema;
    const doc = { $schema, $id: spec.$id, title: spec.title, description: spec.description, ...rest, $ref, definitions: sortKeys(definitions) };
    out.set(spec.file, `${JSON.stringify(doc, null, 2)}\n`);
  }
  return out;
}

/** `type EvidenceEnvelope = EvidenceFile` generates a definition that only points on: start at its target. */
function collapseRootAlias(schema: Json): Json {
  const defs = schema.definitions as Record<string, Json>;
  const rootName = decodeURIComponent(String(schema.$ref).replace('#/definitions/', ''));
  const root = defs[rootName];
  const keys = Object.keys(root ?? {}).filter((k) => k !== 'description');
  if (!root || keys.length !== 1 || typeof root.$ref !== 'string') return schema;
  const { [rootName]: _alias, ...others } = defs;
  return { ...schema, $ref: root.$ref, definitions: others };
}

/**
 * Properties required by `next` that `prev` (the committed schema) did not require, as `Definition.property`:
 * files of an older minor version lack them and would be refused, so each needs a major version bump
 * (or the field made optional).
 */
export function newlyRequired(prev: string, next: string): string[] {
  const defs = (text: string) => ((JSON.parse(text) as { definitions?: Record<string, { required?: string[] }> }).definitions ?? {});
  const before = defs(prev);
  const out: string[] = [];
  for (const [name, def] of Object.entries(defs(next))) {
    const old = before[name];
    if (!old) continue;
    for (const p of def.required ?? []) if (!(old.required ?? []).includes(p)) out.push(`${name}.${p}`);
  }
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = path.join(PROJECT_ROOT, SCHEMA_DIR);
  let changed = 0;
  for (const [file, text] of generateSchemas()) {
    const target = path.join(dir, file);
    const old = await fs.readFile(target, 'utf8').catch(() => null);
    if (old === text) continue;
    const required = old === null ? [] : newlyRequired(old, text);
    if (required.length) console.warn(`${SCHEMA_DIR}/${file}: newly required ${required.join(', ')}: files of an older minor version lack them; make them optional or bump the major schema version`);
    await fs.writeFile(target, text);
    changed++;
    console.log(`${SCHEMA_DIR}/${file}: ${old === null ? 'written' : 'updated'}`);
  }
  console.log(`${SCHEMAS.length} schemas generated in ${((Date.now() - started) / 1000).toFixed(1)} s; ${changed} changed`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
