/**
 * Credentials inside free text (no command-line structure): private keys, well-known tokens, URL
 * credentials, Authorization and other secret headers, and `name=value` / `name: value` / `"name": "value"`
 * pairs whose name is secret. With `entropy`, also every word random enough to be a key.
 */
import { looksRandom, scrubPem, scrubTokens } from './detectors';
import { REDACTED } from './marker';
import { isSecretName } from './names';
import { scrubUrls } from './url';

export interface TextOptions {
  /** Also drop words that look randomly generated (for labels, commands, build steps). */
  entropy?: boolean;
}

/** `Authorization: Bearer x` keeps the scheme word; the credential goes. */
const AUTH_HEADER = /\b((?:Proxy-)?Authorization\s*[:=]\s*)(?:(Bearer|Basic|Digest|Token|Negotiate|NTLM|Bot|AWS4-HMAC-SHA256|[A-Za-z][A-Za-z0-9-]*(?=\s+\S))\s+)?("[^"]*"|'[^']*'|[^\s"',;]+)/gi;
/** `bearer x`, `token x` in prose or in a header value whose name was not given. */
const SCHEME_PHRASE = /\b(bearer|basic|token)(\s+)(?!\[redacted\])([A-Za-z0-9._~+/=-]{8,})/gi;
/** `Cookie: a=b; c=d` loses everything up to the end of the line or quote. */
const COOKIE_HEADER = /\b((?:Set-)?Cookie\s*:\s*)([^\r\n"']+)/gi;
/** name (quoted or not) then `=` or `:` then a value (quoted, or up to a separator). */
const KEY_VALUE = /(?<![A-Za-z0-9_.])(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*[=:]\s*)(\[redacted\]|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&"'<>)}\]]+)/g;
/** The same pair in JSON that was escaped into a string: `{\"password\":\"x\"}`. */
const ESCAPED_JSON_PAIR = /(\\")([A-Za-z_][A-Za-z0-9_.-]*)\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)\\"/g;
/** A word each of the three patterns above needs: without one, none of them can match. */
const HEADER_WORD = /authorization|cookie|bearer|basic|token/i;
/** Candidate words for the randomness test: base64/base62 runs, padding only at the end. */
const WORD = /[A-Za-z0-9+/_-]{20,}={0,2}/g;

function scrubKeyValues(text: string): string {
  return text.replace(KEY_VALUE, (m, q: string, key: string, sep: string, value: string) => {
    if (!isSecretName(key) || value === REDACTED || /^(?:proxy-)?authorization$|^(?:set-)?cookie$/i.test(key)) return m;
    // `scheme://` and `host:port` are not pairs; `user:x` without a space is a user name (`label=user:system_u`).
    if (sep.trim() === ':' && (/^\/\//.test(value) || (sep === ':' && !q && /^(user|username|login)$/i.test(key)))) return m;
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
    return `${q}${key}${q}${sep}${quote}${REDACTED}${quote}`;
  }).replace(ESCAPED_JSON_PAIR, (m, q: string, key: string, sep: string) => (isSecretName(key) ? `${q}${key}\\"${sep}\\"${REDACTED}\\"` : m));
}

/** Short words without a separator can hold none of the shapes scrubText looks for (every token format is longer). */
export function isPlainWord(text: string): boolean {
  return text.length < 20 && !/[=:@/\s-]/.test(text);
}

/** Drop every credential the text carries; the rest is kept as it was. */
export function scrubText(text: string, opts: TextOptions = {}): string {
  if (!text || isPlainWord(text)) return text;
  let out = scrubPem(text);
  out = scrubUrls(out);
  out = scrubTokens(out);
  if (HEADER_WORD.test(out)) {
    out = out.replace(AUTH_HEADER, (_m, head: string, scheme: string | undefined, cred: string) => {
      const quote = cred[0] === '"' || cred[0] === "'" ? cred[0] : '';
      return `${head}${scheme ? `${scheme} ` : ''}${quote}${REDACTED}${quote}`;
    });
    out = out.replace(COOKIE_HEADER, (_m, head: string) => `${head}${REDACTED}`);
    out = out.replace(SCHEME_PHRASE, (_m, word: string, sp: string) => `${word}${sp}${REDACTED}`);
  }
  if (/[=:]/.test(out)) out = scrubKeyValues(out);
  if (opts.entropy) out = out.replace(WORD, (w) => (looksRandom(w) ? REDACTED : w));
  return out;
}

/**
 * One header given as a whole value (`-H 'X-Api-Key: v'`, `--header=Private-Token: v`): a secret header
 * name drops the whole value; null when the text is not a header.
 */
export function scrubHeader(text: string): string | null {
  const m = /^(\s*)([A-Za-z][A-Za-z0-9_-]*)(\s*:\s*)([\s\S]*)$/.exec(text);
  if (!m || m[4].startsWith('//')) return null;
  const [, lead, name, sep, value] = m;
  if (!value || !isSecretName(name)) return null;
  if (/^(?:proxy-)?authorization$/i.test(name)) {
    const s = /^(Bearer|Basic|Digest|Token|Negotiate|NTLM|Bot|AWS4-HMAC-SHA256)\s+/i.exec(value);
    return `${lead}${name}${sep}${s ? `${s[1]} ` : ''}${REDACTED}`;
  }
  return `${lead}${name}${sep}${REDACTED}`;
}
