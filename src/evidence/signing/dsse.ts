import { sign, verify, type KeyObject } from 'node:crypto';

/**
 * DSSE (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse, protocol v1.0.0): the signature
 * covers the payload type and the payload bytes through the Pre-Authentication Encoding, so neither can be
 * swapped without breaking it, and nothing has to be canonicalised.
 */

/** The payload type of an in-toto Statement in a DSSE envelope. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  /** Unauthenticated hint naming the key (here: our 16-hex key id); never a security decision. */
  keyid: string;
  /** Base64 of the raw signature (Ed25519: 64 bytes). */
  sig: string;
}

export interface DsseEnvelope {
  /** Base64 of the serialized body. */
  payload: string;
  payloadType: string;
  signatures: DsseSignature[];
}

/** A signature file that cannot be read as a DSSE envelope or in-toto statement: the message says why. */
export class SignatureFormatError extends Error {}

/**
 * PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where LEN is the ASCII decimal byte
 * length without leading zeros and type is UTF-8 encoded.
 */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'ascii'), type, Buffer.from(` ${body.length} `, 'ascii'), body]);
}

/** Sign body as payloadType with an Ed25519 key (node:crypto takes no digest for Ed25519). */
export function signEnvelope(payloadType: string, body: Uint8Array, privateKey: KeyObject, keyid: string): DsseEnvelope {
  const sig = sign(null, pae(payloadType, body), privateKey);
  return { payload: Buffer.from(body).toString('base64'), payloadType, signatures: [{ keyid, sig: sig.toString('base64') }] };
}

/** True when this one signature verifies over PAE(payloadType, body) with the public key. */
export function signatureVerifies(payloadType: string, body: Uint8Array, sig: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, pae(payloadType, body), publicKey, sig);
  } catch {
    return false; // e.g. a signature of the wrong length
  }
}

/**
 * Base64 as DSSE allows it (standard or URL-safe alphabet, padding optional), and nothing else: Buffer.from
 * silently skips characters it does not know, which would let a garbled file decode to something.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return null;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return null;
  if (/[+/]/.test(bare) && /[-_]/.test(bare)) return null;
  const buf = Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  // Round trip: rejects non-zero trailing bits and anything Buffer would have dropped.
  return buf.toString('base64').replace(/=+$/, '') === bare.replace(/-/g, '+').replace(/_/g, '/') ? buf : null;
}

/** Parse the JSON envelope; unknown fields are ignored (as the envelope spec asks), missing or mistyped ones are named. */
export function parseEnvelope(text: string, file: string): DsseEnvelope {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new SignatureFormatError(`${file} is not valid JSON (${(err as Error).message}): it is damaged or truncated`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SignatureFormatError(`${file} is not a DSSE envelope (expected a JSON object)`);
  const o = v as Record<string, unknown>;
  if (typeof o.payload !== 'string') throw new SignatureFormatError(`${file} is not a DSSE envelope: "payload" is missing or not a string`);
  if (typeof o.payloadType !== 'string') throw new SignatureFormatError(`${file} is not a DSSE envelope: "payloadType" is missing or not a string`);
  if (!Array.isArray(o.signatures) || o.signatures.length === 0) throw new SignatureFormatError(`${file} is not a DSSE envelope: "signatures" is missing or empty`);
  const signatures = o.signatures.map((s: unknown, i) => {
    const so = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    if (typeof so.sig !== 'string') throw new SignatureFormatError(`${file} is not a DSSE envelope: signatures[${i}].sig is missing or not a string`);
    if (so.keyid !== undefined && typeof so.keyid !== 'string') throw new SignatureFormatError(`${file} is not a DSSE envelope: signatures[${i}].keyid is not a string`);
    return { keyid: (so.keyid as string | undefined) ?? '', sig: so.sig };
  });
  return { payload: o.payload, payloadType: o.payloadType, signatures };
}
