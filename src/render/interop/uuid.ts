/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so an export of the same
 * findings.json always carries the same identifiers and re-exports are byte-identical.
 */
import { createHash } from 'node:crypto';

/**
 * The namespace of every UUID residency-audit derives (OSCAL documents, results, observations,
 * findings, back-matter resources). Chosen once at random (version 4) for this tool; never change it,
 * or every identifier of every earlier export changes with it.
 */
export const RESIDENCY_AUDIT_UUID_NAMESPACE = 'a2b33c94-bd8a-4594-9be2-1851918dcb60';

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(uuid: string): Buffer {
  if (!UUID_TEXT.test(uuid)) throw new Error(`not a UUID: "${uuid}"`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** The version 5 UUID of `name` (UTF-8) in `namespace`. */
export function uuidV5(name: string, namespace: string = RESIDENCY_AUDIT_UUID_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
