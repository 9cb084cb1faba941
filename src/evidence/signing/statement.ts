import type { ManifestEntry } from '../manifest';
import { SignatureFormatError } from './dsse';

/**
 * The signed payload: an in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md) whose
 * subjects are every file of the manifest plus manifest.json itself, and whose predicate says which run
 * produced the pack.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Our predicate type (under .invalid, like the schema ids: a name no one else can own); fields in README.md, "Signed packs". */
export const AUDIT_PACK_PREDICATE_TYPE = 'https://residency-audit.invalid/predicate/audit-pack/v1';

export interface Subject {
  /** Path relative to the pack folder, forward slashes (as in manifest.json). */
  name: string;
  digest: { sha256: string };
}

type Scalar = string | number | boolean | string[] | null;

/** What the pack's findings.json says about its run; each field null when that findings.json does not have it. */
export interface AuditPackRun {
  toolVersion: string | null;
  schemaVersion: string | null;
  collectedAt: string | null;
  evaluatedAt: string | null;
  host: { hostname: Scalar; engineId: Scalar } | null;
  catalog: { benchmark: Scalar; checks: Scalar; sha256: Scalar } | null;
  config: { sha256: Scalar } | null;
  invocation: { user: Scalar; uid: Scalar; command: Scalar; hostname: Scalar } | null;
}

export interface AuditPackPredicate {
  /** The tool that signed. */
  tool: { name: 'residency-audit'; version: string };
  signedAt: string;
  manifest: { createdAt: string | null; files: number };
  run: AuditPackRun;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof AUDIT_PACK_PREDICATE_TYPE;
  predicate: AuditPackPredicate;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function scalar(v: unknown): Scalar {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}

/** The named fields of an object (each a scalar or null), or null when it is not an object. */
function pick<K extends string>(v: unknown, keys: readonly K[]): Record<K, Scalar> | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, scalar(o[k])])) as Record<K, Scalar>;
}

/** Read the run facts from a parsed findings.json of either schema (v1, or v2 with catalog/config/invocation). */
export function runFromFindings(findings: unknown): AuditPackRun {
  const run = (findings && typeof findings === 'object' ? (findings as Record<string, unknown>).run : undefined) as Record<string, unknown> | undefined;
  const r = run && typeof run === 'object' ? run : {};
  return {
    toolVersion: str(r.toolVersion),
    schemaVersion: str(r.schemaVersion),
    collectedAt: str(r.collectedAt),
    evaluatedAt: str(r.evaluatedAt),
    host: pick(r.host, ['hostname', 'engineId'] as const),
    catalog: pick(r.catalog, ['benchmark', 'checks', 'sha256'] as const),
    config: pick(r.config, ['sha256'] as const),
    invocation: pick(r.invocation, ['user', 'uid', 'command', 'hostname'] as const),
  };
}

export function buildStatement(entries: readonly ManifestEntry[], manifestFile: string, manifestSha256: string, predicate: AuditPackPredicate): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: [...entries.map((e) => ({ name: e.path, digest: { sha256: e.sha256 } })), { name: manifestFile, digest: { sha256: manifestSha256 } }],
    predicateType: AUDIT_PACK_PREDICATE_TYPE,
    predicate,
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Parse a (signature-verified) payload; anything but our statement type and predicate is named and refused. */
export function parseStatement(payload: Buffer, file: string): Statement {
  let v: unknown;
  try {
    v = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new SignatureFormatError(`the payload of ${file} is not JSON`);
  }
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  if (o._type !== STATEMENT_TYPE) throw new SignatureFormatError(`the payload of ${file} is not an in-toto Statement v1 (_type ${JSON.stringify(o._type)})`);
  if (o.predicateType !== AUDIT_PACK_PREDICATE_TYPE) throw new SignatureFormatError(`the statement in ${file} has predicateType ${JSON.stringify(o.predicateType)}, not ${AUDIT_PACK_PREDICATE_TYPE}`);
  if (!Array.isArray(o.subject) || o.subject.length === 0) throw new SignatureFormatError(`the statement in ${file} has no subjects`);
  for (const [i, s] of o.subject.entries()) {
    const so = (s && typeof s === 'object' ? s : {}) as { name?: unknown; digest?: { sha256?: unknown } };
    if (typeof so.name !== 'string' || !so.name) throw new SignatureFormatError(`the statement in ${file}: subject[${i}] has no name`);
    if (typeof so.digest?.sha256 !== 'string' || !SHA256_HEX.test(so.digest.sha256)) throw new SignatureFormatError(`the statement in ${file}: subject ${so.name} has no sha256 digest`);
  }
  if (!o.predicate || typeof o.predicate !== 'object') throw new SignatureFormatError(`the statement in ${file} has no predicate`);
  return o as unknown as Statement;
}
