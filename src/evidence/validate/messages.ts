/**
 * One readable sentence from ajv's errors: the JSON path (RFC 6901, from the file's top) and what was
 * expected, with a short description of what was found. Values are cut (a file can hold megabytes in
 * one string) and never shown for pattern rules, which guard against leaked credentials.
 */
import type { ErrorObject } from 'ajv';

const MAX_VALUE_CHARS = 60;

/** Keywords that only say "a branch failed": the branch's own error says what is wrong. */
const COMBINATORS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not', '$ref']);

/** `"a long string…"`, cut to MAX_VALUE_CHARS. */
export function shortValue(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/** What a value is, for "(got …)". */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `string ${shortValue(JSON.stringify(v))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${shortValue(String(v))}`;
}

/** The value at an RFC 6901 pointer, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function child(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function named(pointer: string): string {
  return pointer === '' ? 'the top level' : pointer;
}

/**
 * The error to report: the deepest concrete one (inside an `anyOf` branch it is the branch that got
 * furthest), with the `type` errors of every branch at that place merged ("must be array or null").
 */
function pick(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !COMBINATORS.has(e.keyword));
  if (!concrete.length) return errors.slice(0, 1);
  const depth = (e: ErrorObject) => (e.instancePath === '' ? 0 : e.instancePath.split('/').length);
  const deepest = concrete.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return concrete.filter((e) => e.instancePath === deepest.instancePath && (e.keyword === deepest.keyword || (e.keyword === 'type' && deepest.keyword === 'type')));
}

/**
 * "/data/containers/3/HostConfig/Memory must be integer (got string "64m")". `prefix` is the pointer of
 * the validated value inside the file (`/data` for collector data), `doc` that value.
 */
export function explain(errors: readonly ErrorObject[] | null | undefined, doc: unknown, prefix = ''): { pointer: string; text: string } {
  const chosen = pick(errors ?? []);
  const e = chosen[0];
  if (!e) return { pointer: prefix, text: `${named(prefix)} is not valid` };
  const local = e.instancePath;
  const pointer = `${prefix}${local}`;
  const got = `(got ${describeValue(valueAt(doc, local))})`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = [...new Set(chosen.flatMap((x) => String((x.params as { type: string }).type).split(',')))];
      return { pointer, text: `${named(pointer)} must be ${types.join(' or ')} ${got}` };
    }
    case 'required': {
      const missing = child(pointer, String(p.missingProperty));
      return { pointer: missing, text: `${missing} is required but missing` };
    }
    case 'additionalProperties': {
      const extra = child(pointer, String(p.additionalProperty));
      return { pointer: extra, text: `${extra} is not allowed here (unknown property)` };
    }
    case 'enum':
      return { pointer, text: `${named(pointer)} must be one of ${shortValue((p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '))} ${got}` };
    case 'const':
      return { pointer, text: `${named(pointer)} must be ${shortValue(JSON.stringify(p.allowedValue))} ${got}` };
    case 'pattern':
      return { pointer, text: `${named(pointer)} must match the pattern ${shortValue(String(p.pattern))} (value not shown)` };
    case 'format':
      return { pointer, text: `${named(pointer)} must be a ${String(p.format)} ${got}` };
    default:
      return { pointer, text: `${named(pointer)} ${e.message ?? 'is not valid'} ${got}` };
  }
}
