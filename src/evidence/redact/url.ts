/**
 * URLs: user-info (user and password, also passwords holding `/`, `@` or `:`) is always dropped; query
 * and fragment parameters that name a credential (`sig`, `token`, `X-Amz-Signature`, `api_key`...) lose
 * their value; the path of webhook URLs (the path is the credential) is dropped. Scheme, host and port
 * stay: they are the residency evidence.
 */
import { REDACTED } from './marker';
import { isSecretName } from './names';

/** Query parameters that carry a credential although their name says nothing (OAuth codes, CAS tickets). */
const QUERY_SECRET = new Set(['code', 'ticket']);

/** Hosts whose URL path is itself the credential (incoming webhooks, bot tokens). */
const WEBHOOK_HOST = /^(?:hooks\.slack\.com|(?:[a-z0-9-]+\.)?discord(?:app)?\.com|[a-z0-9-]+\.webhook\.office\.com|outlook\.office(?:365)?\.com|api\.telegram\.org|hooks\.zapier\.com|maker\.ifttt\.com|[a-z0-9-]+\.logic\.azure\.com|chat\.googleapis\.com)$/i;
const WEBHOOK_PATH = /^\/(?:services|workflows|triggers|api\/webhooks|webhookb2|webhook|bot|hooks|trigger|workflows|v1\/spaces)\b/i;

/** Host (or [IPv6]) and optional port at the start of the text, ending where an authority ends. */
const AUTHORITY = /^(\[[0-9A-Fa-f:.%]+\]|[A-Za-z0-9._~%-]*)(:\d{0,5})?(?=$|[/?#,;)\]])/;

export interface UrlParts {
  /** Characters of the text after `scheme://` that are user-info, including the final `@` (0 when none). */
  userinfoEnd: number;
  host: string;
  /** `:port` or ''. */
  port: string;
  /** Path, query and fragment. */
  rest: string;
}

/**
 * Split the text after `scheme://` into user-info, host, port and the rest. The user-info ends at the
 * last `@` that is followed by a host and preceded by text that is not a plain path (`registry/@scope`).
 */
export function splitAuthority(text: string): UrlParts {
  const q = text.search(/[?#]/);
  const beforeQuery = q < 0 ? text : text.slice(0, q);
  const std = AUTHORITY.exec(text);
  // No `@` before the query and a well-formed host[:port]: the ordinary case.
  if (!beforeQuery.includes('@') && std && (std[2] === undefined || /^:\d*$/.test(std[2]))) {
    return { userinfoEnd: 0, host: std[1], port: std[2] ?? '', rest: text.slice(std[0].length) };
  }
  for (let at = text.lastIndexOf('@'); at >= 0; at = text.lastIndexOf('@', at - 1)) {
    const prefix = text.slice(0, at);
    if (prefix.includes('/') && !prefix.includes(':')) continue;
    const m = AUTHORITY.exec(text.slice(at + 1));
    if (!m || !m[1]) continue;
    return { userinfoEnd: at + 1, host: m[1], port: m[2] ?? '', rest: text.slice(at + 1 + m[0].length) };
  }
  const m = AUTHORITY.exec(text);
  if (m) return { userinfoEnd: 0, host: m[1], port: m[2] ?? '', rest: text.slice(m[0].length) };
  // Not a well-formed authority (a password with `?`): keep nothing that could be a secret.
  return { userinfoEnd: text.length, host: '', port: '', rest: '' };
}

function secretParam(name: string): boolean {
  let n = name;
  try {
    n = decodeURIComponent(name);
  } catch {
    /* keep the raw name */
  }
  return isSecretName(n) || QUERY_SECRET.has(n.toLowerCase());
}

/** `a=1&sig=x;token=y` → values of credential parameters replaced. */
function scrubParams(params: string): string {
  return params.replace(/(^|[&;])([^=&;#]+)=([^&;#]*)/g, (m, sep: string, name: string, value: string) => (value && secretParam(name) ? `${sep}${name}=${REDACTED}` : m));
}

/** Path, query and fragment of a URL with credentials dropped. */
function scrubRest(host: string, rest: string): string {
  if (WEBHOOK_HOST.test(host) && WEBHOOK_PATH.test(rest)) return `/${REDACTED}`;
  const q = rest.search(/[?#]/);
  if (q < 0) return rest;
  const path = rest.slice(0, q);
  const h = rest.indexOf('#', q);
  const query = h < 0 ? rest.slice(q) : rest.slice(q, h);
  const frag = h < 0 ? '' : rest.slice(h);
  const scrub = (part: string) => (part ? part[0] + scrubParams(part.slice(1)) : '');
  return path + scrub(query) + scrub(frag);
}

const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)((?:(?![a-z][a-z0-9+.-]*:\/\/)[^\s'"`<>])*)/gi;
/** `//user:pw@host/share` (CIFS devices, UNC paths) after a separator. */
const SCHEMELESS = /(^|[\s="'(,])(\/\/)([^\s'"`<>/][^\s'"`<>]*)/g;
/** `user:pw@host` without a scheme (`redis-cli -u`, sshfs): a password needs the `user:` before it. */
const BARE_USERINFO = /(^|[\s="'(,])([^\s@/:'"=]+:(?!\/\/)[^\s'"`<>]*@)(?!sha\d+:)(?=\[?[A-Za-z0-9][A-Za-z0-9._:\]-]*(?:$|[\s/'",;)]))/g;

/** Every URL in the text with user-info and credential parameters dropped. */
export function scrubUrls(text: string): string {
  if (!text.includes('@') && !text.includes('=') && !/:\/\/|^\/\//.test(text)) return text;
  let out = text.replace(URL_IN_TEXT, (_m, scheme: string, after: string) => {
    const p = splitAuthority(after);
    return `${scheme}${p.host}${p.port}${scrubRest(p.host, p.rest)}`;
  });
  out = out.replace(SCHEMELESS, (m, sep: string, slashes: string, after: string) => {
    if (!after.includes('@')) return m;
    const p = splitAuthority(after);
    return `${sep}${slashes}${p.host}${p.port}${p.rest}`;
  });
  out = out.replace(BARE_USERINFO, (_m, sep: string) => sep);
  return out;
}

const URL_ONLY = /^([a-z][a-z0-9+.-]*):\/\/(\S*)$/i;

/**
 * `scheme://user:pass@host:port/path?q` → `scheme://host:port`; null when the text is not one URL.
 * This is what an address value (an env value, a registry mirror) keeps.
 */
export function reduceUrl(value: string): string | null {
  const m = URL_ONLY.exec(value);
  if (!m) return null;
  const p = splitAuthority(m[2]);
  if (p.host && !/^[A-Za-z0-9._-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(p.host)) return `${m[1].toLowerCase()}://`;
  return `${m[1].toLowerCase()}://${p.host.toLowerCase()}${p.port === ':' ? '' : p.port}`;
}
