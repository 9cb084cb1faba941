/**
 * Values whose content is dropped unless it is an address: environment values (container env, image
 * ENV and build ARGs) and values of secret-named keys that also name an address (`AUTH_URL`).
 *
 * Kept: from a URL its scheme, host and port; an IP, `[v6]:port`, `host:port`; a bare host name only
 * where the key names an address (`DB_HOST=db.example.com`), since a dotted word under any other name
 * (`APP_SEED=quartz.violet.marmot`) may as well be a secret.
 */
import { isIP } from 'node:net';
import { containsKnownSecret, looksRandom } from './detectors';
import { REDACTED } from './marker';
import { isAddressName, isSecretName } from './names';
import { reduceUrl } from './url';

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;
const IPV4_PORT = /^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/;
const IPV6_BRACKET_PORT = /^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]+$/i;
/** Lower-case DNS name with a dot and an alphabetic TLD, and a port. */
const HOSTNAME_PORT = /^(?=.{1,253}:\d{1,5}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}:\d{1,5}$/;
/** A lone single-label host with a port (`db:5432`), common in compose setups. */
const LABEL_PORT = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?:\d{1,5}$/;
/** A DNS name (any case, optional leading dot as in NO_PROXY lists), only where the key names an address. */
const HOSTNAME = /^\.?(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/;
/** A single-label name (`db`, `localhost`), only where the key names an address. */
const SINGLE_LABEL = /^[a-z][a-z0-9_-]{0,62}$/;

export interface AddressOptions {
  /** The value stands where an address is expected (the key names one): bare host names are kept. */
  bareNames?: boolean;
}

/** A value safe to keep as evidence because it is only an address, or null. */
export function addressOnly(value: string, opts: AddressOptions = {}): string | null {
  const v = value.trim();
  if (!v || containsKnownSecret(v)) return null;
  const url = reduceUrl(v);
  if (url !== null) return url;
  if (IPV4.test(v) || IPV4_PORT.test(v) || (IPV6_BRACKET_PORT.test(v) && isIP(v.slice(1, v.indexOf(']'))) === 6) || (IPV6.test(v) && isIP(v) === 6)) return v;
  if (HOSTNAME_PORT.test(v) || LABEL_PORT.test(v)) return v;
  if (opts.bareNames && (HOSTNAME.test(v) || SINGLE_LABEL.test(v)) && !looksRandom(v)) return v;
  return null;
}

/** Redact one value given its name: secret names lose the value; other values keep only addresses. */
export function redactValue(name: string, value: string): string {
  if (value === '') return '';
  const address = isAddressName(name);
  if (isSecretName(name) && !address) return REDACTED;
  // Address lists (KAFKA_BROKERS=a:9092,b:9092, NO_PROXY=localhost,.example.com) keep every address part.
  const parts = value.split(',');
  if (parts.length > 1) {
    const kept = parts.map((p) => addressOnly(p, { bareNames: address }));
    if (kept.every((p) => p !== null)) return kept.join(',');
  }
  return addressOnly(value, { bareNames: address }) ?? REDACTED;
}

/**
 * An env entry without `=` is kept only when it is a conventional variable name (upper case, at most two
 * digits): it unsets that variable. Anything else may be a secret pasted without its name.
 */
function bareEntry(entry: string): string {
  const digits = entry.replace(/\D/g, '').length;
  return /^[A-Z_][A-Z0-9_]{0,63}$/.test(entry) && digits <= 2 && !containsKnownSecret(entry) ? entry : REDACTED;
}

/**
 * A variable name as people write them (`DB_HOST`, `http_proxy`, `spring.datasource.url`), not a secret
 * pasted as a whole entry: a base64 key `dGhpc2lz…A==` parses as name `dGhpc2lz…A` and value `=`.
 */
function plausibleName(name: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(name) || looksRandom(name) || containsKnownSecret(name)) return false;
  const mixed = /[a-z]/.test(name) && /[A-Z]/.test(name) && /\d/.test(name);
  return !(mixed && !/[_.-]/.test(name) && name.length >= 12);
}

/** `NAME=value` environment entries: names kept, values redacted. */
export function redactEnv(env: readonly string[] | null | undefined): string[] | null {
  if (!env) return null;
  return env.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const eq = entry.indexOf('=');
    if (eq < 0) return bareEntry(entry);
    const name = entry.slice(0, eq);
    if (!plausibleName(name)) return REDACTED;
    return `${name}=${redactValue(name, entry.slice(eq + 1))}`;
  });
}
