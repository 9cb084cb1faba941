/**
 * Secret redaction for everything the engine returns. Runs in the collector, before anything is
 * written, so no secret ever reaches evidence, findings or a pack.
 *
 * What is kept: variable/label/option names; from URLs the scheme, host and port; bare IPs,
 * host:port and hostnames (they are the residency evidence). Everything else in a value is dropped.
 */

import { isIP } from 'node:net';

export const REDACTED = '[redacted]';

/** Names whose values are secrets whatever they look like. */
const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth|cookie|session|signature|salt|^key$|_key$|-key$|\.key$|username|^user$|_user$|login)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;
const IPV4_PORT = /^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/;
const IPV6_BRACKET_PORT = /^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]+$/i;
/** Lower-case DNS name with a dot and an alphabetic TLD, optional port: a token rarely has this shape. */
const HOSTNAME_PORT = /^(?=.{1,253}(:\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(:\d{1,5})?$/;
/** A lone single-label host with a port (`db:5432`), common in compose setups. */
const LABEL_PORT = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?:\d{1,5}$/;

/** `scheme://user:pass@host:port/path?q` → `scheme://host:port`; null when it is not a URL we can parse. */
export function reduceUrl(value: string): string | null {
  if (!URL_LIKE.test(value)) return null;
  try {
    const u = new URL(value);
    if (!u.hostname) return `${u.protocol}//`;
    return `${u.protocol}//${u.host}`;
  } catch {
    // Unparseable URL-looking text (e.g. `postgres://user:p@ss@host`): keep the part after the last @ up to the path.
    const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:.*@)?([^/?#@\s]+)/i.exec(value);
    return m ? `${m[1]}${m[2]}` : null;
  }
}

/** A value safe to keep as evidence because it is only an address, or null. */
export function addressOnly(value: string): string | null {
  const v = value.trim();
  const url = reduceUrl(v);
  if (url !== null) return url;
  if (IPV4.test(v) || IPV4_PORT.test(v) || (IPV6_BRACKET_PORT.test(v) && isIP(v.slice(1, v.indexOf(']'))) === 6) || (IPV6.test(v) && isIP(v) === 6)) return v;
  if (HOSTNAME_PORT.test(v) || LABEL_PORT.test(v)) return v;
  return null;
}

/** Redact one value given its name: secret names lose the value; other values keep only addresses. */
export function redactValue(name: string, value: string): string {
  if (value === '') return '';
  if (isSecretName(name)) return REDACTED;
  // Comma-separated address lists (KAFKA_BROKERS=a:9092,b:9092) keep every address part.
  const parts = value.split(',');
  if (parts.length > 1) {
    const kept = parts.map((p) => addressOnly(p));
    if (kept.every((p) => p !== null)) return kept.join(',');
  }
  return addressOnly(value) ?? REDACTED;
}

/** `NAME=value` environment entries: names kept, values redacted. */
export function redactEnv(env: readonly string[] | null | undefined): string[] | null {
  if (!env) return env === undefined ? null : null;
  return env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) return entry;
    const name = entry.slice(0, eq);
    return `${name}=${redactValue(name, entry.slice(eq + 1))}`;
  });
}

/** Credentials embedded in free text: URL userinfo, `name=value` and `--name value` with a secret-looking name, Authorization headers. */
export function scrubString(text: string): string {
  // Up to the last @ before the path: a password may itself contain @.
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/'"]*@/gi, '$1');
  out = out.replace(/\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`);
  // KEY=value / --key=value / key: value where the key names a secret.
  out = out.replace(/((?:--?)?[A-Za-z0-9_.-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth|username|user)[A-Za-z0-9_.-]*)(\s*[=:]\s*)(?!(?:bearer|basic|token)\s)("[^"]*"|'[^']*'|[^\s,;&]+)/gi,
    (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  // `--requirepass s3cr3t` inside one shell string; the value is the next word that is not a flag.
  out = out.replace(/(\s--?[A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth)[A-Za-z0-9_.-]*\s+)(?!-|\[redacted\])("[^"]*"|'[^']*'|[^\s;&|]+)/gi, `$1${REDACTED}`);
  // mysql-style `-p<password>` glued to its flag.
  out = out.replace(/(\s-p)(?=[^\s-])[^\s;&|]+/g, `$1${REDACTED}`);
  return out;
}

/**
 * A Dockerfile instruction as image history shows it (`ENV K=v`, `ENV K v`, `ARG K=v`, or the
 * `|2 K=v K2=v2 /bin/sh -c …` form of build args): values are judged like container env values.
 */
export function scrubHistoryLine(line: string): string {
  const m = /^(\/bin\/sh -c #\(nop\)\s+)?(ENV|ARG)\s+(.*)$/s.exec(line.trim());
  if (m) {
    const [, nop = '', kw, rest] = m;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
      return `${nop}${kw} ${rest.replace(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g, (_x, k: string, v: string) => `${k}=${redactValue(k, v.replace(/^["']|["']$/g, ''))}`)}`;
    }
    const sp = rest.search(/\s/);
    return sp < 0 ? `${nop}${kw} ${rest}` : `${nop}${kw} ${rest.slice(0, sp)} ${redactValue(rest.slice(0, sp), rest.slice(sp + 1).trim())}`;
  }
  const args = /^\|\d+\s+((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)(.*)$/s.exec(line);
  if (args) {
    const kv = args[1].replace(/([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g, (_x, k: string, v: string) => `${k}=${redactValue(k, v)}`);
    return `|${line.slice(1).split(/\s/)[0]} ${kv}${scrubString(args[2])}`;
  }
  return scrubString(line);
}

/**
 * Command-line arguments: `--password=x` → `--password=[redacted]`; `--password x` → the next arg redacted;
 * every argument also scrubbed for URL credentials and `KEY=value` secrets.
 */
export function redactArgs(args: readonly string[] | null | undefined): string[] | null {
  if (!args) return null;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const prev = out.length ? args[i - 1] : '';
    if (/^--?[A-Za-z0-9_.-]+$/.test(prev ?? '') && isSecretName((prev ?? '').replace(/^-+/, '')) && !a.startsWith('-')) {
      out.push(REDACTED);
      continue;
    }
    out.push(scrubString(a));
  }
  return out;
}

/** Labels and driver options: secret-named keys lose their value; `o=addr=1.2.3.4,username=u,password=p` keeps addr only. */
export function redactOptions(opts: Record<string, string> | null | undefined): Record<string, string> | null {
  if (!opts) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts)) {
    if (isSecretName(k)) {
      out[k] = REDACTED;
    } else if (typeof v === 'string' && /[=,]/.test(v) && /^[^=\s]+=/.test(v)) {
      // Mount-option style list: each key=value judged on its own key.
      out[k] = v
        .split(',')
        .map((kv) => {
          const eq = kv.indexOf('=');
          if (eq < 0) return kv;
          const key = kv.slice(0, eq);
          return isSecretName(key) ? `${key}=${REDACTED}` : `${key}=${scrubString(kv.slice(eq + 1))}`;
        })
        .join(',');
    } else {
      out[k] = typeof v === 'string' ? scrubString(v) : v;
    }
  }
  return out;
}

const ENV_KEYS = new Set(['Env']);
const ARG_KEYS = new Set(['Cmd', 'Entrypoint', 'Args', 'Test', 'Shell', 'OnBuild', 'Command']);
const MAP_KEYS = new Set(['Labels', 'Options', 'DriverOpts', 'Config', 'Opts', 'Annotations']);

/**
 * Deep-redact an Engine API object: Env arrays, argument arrays, label/option maps, and every other
 * string scrubbed for embedded credentials. Returns a new object; the input is not changed.
 */
export function redactDeep<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (key === 'CreatedBy' ? scrubHistoryLine(value) : scrubString(value)) as unknown as T;
  if (Array.isArray(value)) {
    if (ENV_KEYS.has(key) && value.every((v) => typeof v === 'string')) return redactEnv(value as string[]) as unknown as T;
    if (ARG_KEYS.has(key) && value.every((v) => typeof v === 'string')) return redactArgs(value as string[]) as unknown as T;
    return value.map((v) => redactDeep(v)) as unknown as T;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (MAP_KEYS.has(key) && Object.values(obj).every((v) => typeof v === 'string')) {
      return redactOptions(obj as Record<string, string>) as unknown as T;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = redactDeep(v, k);
    return out as T;
  }
  return value;
}
