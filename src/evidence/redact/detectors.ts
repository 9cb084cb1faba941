/**
 * The one set of secret-value detectors: well-known token formats recognised by their prefix and shape
 * (they are secrets wherever they appear), PEM private-key blocks, and a test for strings random enough
 * to be a key or password.
 */
import { REDACTED } from './marker';

/** Token formats whose shape alone says "credential". Each matches the whole token. */
const TOKEN_FORMATS: readonly { name: string; re: RegExp }[] = [
  { name: 'AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g },
  { name: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g },
  { name: 'Slack token', re: /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'Slack app token', re: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { name: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{20,}/g },
  { name: 'GitHub fine-grained token', re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { name: 'GitLab token', re: /\bgl(?:pat|dt|rt|ptt|ft|imt|agent|cbt|soat|ffct|oas)-[A-Za-z0-9_-]{20,}/g },
  { name: 'Stripe key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { name: 'Stripe webhook secret', re: /\bwhsec_[A-Za-z0-9]{20,}/g },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { name: 'Google OAuth secret or token', re: /\b(?:GOCSPX-[A-Za-z0-9_-]{20,}|ya29\.[0-9A-Za-z_-]{20,})/g },
  { name: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}/g },
  { name: 'PyPI token', re: /\bpypi-AgE[A-Za-z0-9_-]{20,}/g },
  { name: 'SendGrid key', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { name: 'Hugging Face token', re: /\bhf_[A-Za-z0-9]{30,}/g },
  { name: 'DigitalOcean token', re: /\bdo[opr]_v1_[a-f0-9]{64}/g },
  { name: 'Shopify token', re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/g },
  { name: 'Grafana token', re: /\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})/g },
  { name: 'age secret key', re: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}/g },
];

/** A PEM private-key block, also with escaped newlines (`\n` in JSON text) or without its END line. */
const PEM_BLOCK = /(-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----)[\s\S]*?(?:-----END \2-----|$)/g;

/** Replace every PEM private-key block by its BEGIN/END lines around the marker. */
export function scrubPem(text: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  return text.replace(PEM_BLOCK, (_m, begin: string, label: string) => `${begin}${REDACTED}-----END ${label}-----`);
}

/** Any of the formats: one scan instead of one per format (most strings hold none). */
const ANY_TOKEN = new RegExp(TOKEN_FORMATS.map(({ re }) => `(?:${re.source})`).join('|'));

/** Replace every well-known token in the text by the marker. */
export function scrubTokens(text: string): string {
  if (!ANY_TOKEN.test(text)) return text;
  let out = text;
  for (const { re } of TOKEN_FORMATS) out = out.replace(re, REDACTED);
  return out;
}

/** True when the text holds a well-known token or a private key. */
export function containsKnownSecret(text: string): boolean {
  return text.includes('PRIVATE KEY-----') || ANY_TOKEN.test(text);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A word random enough to be a generated key or password: at least 20 characters of the base64/base62
 * alphabets, upper case, lower case and digits mixed, high entropy and frequent changes between
 * character classes. Identifiers (`ContainerSpecTemplateV2`), hex digests and paths do not pass.
 */
export function looksRandom(word: string): boolean {
  if (word.length < 20 || word.length > 512) return false;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(word)) return false;
  if (!/[A-Z]/.test(word) || !/[a-z]/.test(word) || !/[0-9]/.test(word)) return false;
  // Paths: several slash-separated parts that are words.
  if (/^\/|\/\//.test(word)) return false;
  if (entropy(word) < 3.8) return false;
  const cls = (c: string) => (/[A-Z]/.test(c) ? 'u' : /[a-z]/.test(c) ? 'l' : /[0-9]/.test(c) ? 'd' : 's');
  let changes = 0;
  for (let i = 1; i < word.length; i++) if (cls(word[i]) !== cls(word[i - 1])) changes++;
  // Random base64 changes class about every other character; CamelCase identifiers about every third.
  return changes / word.length >= 0.4;
}
