/**
 * Structured values: label and option maps (with JSON and mount-option lists inside values), JSON trees
 * (daemon.json, JSON labels), image build steps, healthcheck tests, and whole Engine API objects.
 */
import { redactArgv, scrubCommandLine } from './command';
import { REDACTED } from './marker';
import { isAddressName, isSecretName } from './names';
import { isPlainWord, scrubText } from './text';
import { addressOnly, redactEnv, redactValue } from './values';

/** What a secret-named key keeps: an address when the name also names one (`AUTH_URL`), else nothing. */
function secretKeyValue(key: string, value: string): string {
  if (value === '') return '';
  return isAddressName(key) ? addressOnly(value, { bareNames: true }) ?? REDACTED : REDACTED;
}

/** `{…}` or `[…]` that parses as JSON, else undefined. */
function parseJson(text: string): unknown {
  const t = text.trim();
  if (!/^[{[]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON tree from outside the engine (daemon.json, a JSON label value): values of secret-named keys are
 * dropped at any depth (numbers too; booleans are kept), every other string is scrubbed as text.
 */
export function redactTree(value: unknown, key = ''): unknown {
  const secret = key !== '' && isSecretName(key);
  if (typeof value === 'string') {
    if (secret) return secretKeyValue(key, value);
    const nested = parseJson(value);
    return nested !== undefined && typeof nested === 'object' && nested !== null ? JSON.stringify(redactTree(nested)) : scrubCommandLine(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') return secret ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactTree(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactTree(v, secret ? key : k);
    return out;
  }
  return value;
}

/** `addr=1.2.3.4,username=u,password=p,vers=3.0`: a comma list of options, the first one `name=value`. */
const OPTION_LIST = /^[A-Za-z_][A-Za-z0-9_.-]*=[^\s]*$/;

/** One label or option value under its key. */
export function redactOptionValue(key: string, value: string): string {
  if (typeof value !== 'string') return value;
  if (isSecretName(key)) return secretKeyValue(key, value);
  const json = parseJson(value);
  if (json !== undefined) return JSON.stringify(redactTree(json));
  if (key === 'o' || (OPTION_LIST.test(value) && value.includes(','))) {
    return value
      .split(',')
      .map((kv) => {
        const eq = kv.indexOf('=');
        if (eq < 0) return scrubText(kv, { entropy: true });
        const k = kv.slice(0, eq);
        return isSecretName(k) ? `${k}=${REDACTED}` : `${scrubText(k)}=${scrubText(kv.slice(eq + 1), { entropy: true })}`;
      })
      .join(',');
  }
  return scrubCommandLine(value);
}

/** Labels and driver options: secret-named keys lose their value; `o=addr=1.2.3.4,username=u,password=p` keeps addr only. */
export function redactOptions(opts: Record<string, string> | null | undefined): Record<string, string> | null {
  if (!opts) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts)) out[k] = redactOptionValue(k, v);
  return out;
}

/** `["k=v", …]` label lists (docker info Labels). */
function redactLabelList(list: readonly string[]): string[] {
  return list.map((entry) => {
    const eq = entry.indexOf('=');
    return eq < 0 ? scrubCommandLine(entry) : `${entry.slice(0, eq)}=${redactOptionValue(entry.slice(0, eq), entry.slice(eq + 1))}`;
  });
}

/** `["CMD", argv…]`, `["CMD-SHELL", script]` or `["NONE"]`. */
export function redactHealthcheckTest(test: readonly string[]): string[] {
  const [kind, ...rest] = test;
  if (kind === 'CMD') return [kind, ...redactArgv(rest)];
  if (kind === 'CMD-SHELL') return [kind, ...rest.map((s) => scrubCommandLine(s))];
  return redactArgv(test);
}

/** `K=v K2="v 2"` assignments of ENV/ARG/build args: each value judged like a container env value. */
function redactAssignments(text: string): string {
  return text.replace(/([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g, (_x, k: string, v: string) => {
    const quoted = /^["']/.test(v);
    const r = redactValue(k, quoted ? v.slice(1, -1) : v);
    return `${k}=${quoted && r !== REDACTED ? `${v[0]}${r}${v[0]}` : r}`;
  });
}

/**
 * A Dockerfile instruction as image history shows it (`ENV K=v`, `ENV K v`, `ARG K=v`, `LABEL k=v`,
 * `CMD ["…"]`, `RUN |2 K=v /bin/sh -c …`, the classic `/bin/sh -c #(nop) …` form, or a committed
 * container's command): ENV and ARG values are judged like container env values, labels like labels,
 * commands like command lines.
 */
export function scrubHistoryLine(line: string): string {
  const m = /^(\s*(?:\/bin\/sh -c #\(nop\)\s+)?)([A-Z]+)(\s+)([\s\S]*)$/.exec(line);
  if (m) {
    const [, lead, kw, sp, rest] = m;
    if (kw === 'ENV' || kw === 'ARG') {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) return `${lead}${kw}${sp}${redactAssignments(rest)}`;
      const gap = rest.search(/\s/);
      return gap < 0 ? line : `${lead}${kw}${sp}${rest.slice(0, gap)} ${redactValue(rest.slice(0, gap), rest.slice(gap + 1).trim())}`;
    }
    if (kw === 'LABEL') {
      return `${lead}${kw}${sp}${rest.replace(/([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/g, (_x, k: string, v: string) => {
        const quoted = v.startsWith('"');
        const r = redactOptionValue(k.replace(/^"|"$/g, ''), quoted ? v.slice(1, -1) : v);
        return `${k}=${quoted ? JSON.stringify(r) : r}`;
      })}`;
    }
    if (/^(CMD|ENTRYPOINT|RUN|SHELL|HEALTHCHECK|ONBUILD|COPY|ADD|WORKDIR|USER|EXPOSE|VOLUME|STOPSIGNAL|MAINTAINER)$/.test(kw)) {
      const json = parseJson(rest.replace(/\s*# buildkit$/, ''));
      if (Array.isArray(json) && json.every((x) => typeof x === 'string')) return `${lead}${kw}${sp}${JSON.stringify(redactArgv(json as string[]))}${/# buildkit$/.test(rest) ? ' # buildkit' : ''}`;
      const args = /^\|\d+\s+((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)([\s\S]*)$/.exec(rest);
      if (args) return `${lead}${kw}${sp}${rest.split(/\s/)[0]} ${redactAssignments(args[1])}${scrubCommandLine(args[2])}`;
      return `${lead}${kw}${sp}${scrubCommandLine(rest)}`;
    }
  }
  // Classic RUN with build args: `|2 K=v K2=v2 /bin/sh -c …`.
  const args = /^\|\d+\s+((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)([\s\S]*)$/.exec(line);
  if (args) return `${line.split(/\s/)[0]} ${redactAssignments(args[1])}${scrubCommandLine(args[2])}`;
  return scrubCommandLine(line);
}

const ARGV_KEYS = new Set(['Cmd', 'Entrypoint', 'Args', 'Shell', 'Command']);
const MAP_KEYS = new Set(['Labels', 'Options', 'DriverOpts', 'Opts', 'Annotations', 'StorageOpt', 'Sysctls', 'Status']);
/** `Config` is an options map only under `LogConfig`; elsewhere it is the container or image config. */
const isOptionMap = (key: string, parent: string) => MAP_KEYS.has(key) || (key === 'Config' && parent === 'LogConfig');
/** Free-text engine fields that hold commands or notes people type (history comments, commit messages). */
const COMMAND_TEXT_KEYS = new Set(['Comment', 'Healthcheck']);

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * A program and its arguments kept in two fields (`Entrypoint`+`Cmd`, `Path`+`Args`, `Command`+`Args`):
 * judged as one command line, since `-p` after `mysql` is a password only with the program known.
 */
function redactSplitCommand(obj: Record<string, unknown>, out: Record<string, unknown>, head: string, tail: string): boolean {
  const h = obj[head];
  const t = obj[tail];
  const headList = typeof h === 'string' ? [h] : isStringArray(h) ? h : null;
  if (!headList || !isStringArray(t) || headList.length === 0) return false;
  const joined = redactArgv([...headList, ...t]);
  out[head] = typeof h === 'string' ? joined[0] : joined.slice(0, headList.length);
  out[tail] = joined.slice(headList.length);
  return true;
}

/** Strings already scrubbed in one redactDeep call, per rule: an engine's answer repeats most of its strings many times. */
interface Memo {
  history: Map<string, string>;
  command: Map<string, string>;
  text: Map<string, string>;
}

function memoized(cache: Map<string, string>, value: string, scrub: (v: string) => string): string {
  let out = cache.get(value);
  if (out === undefined) {
    out = scrub(value);
    cache.set(value, out);
  }
  return out;
}

const asText = (v: string): string => scrubCommandLine(v, {});

/** Objects that keep a program and its arguments in two fields. */
const SPLIT_COMMANDS = [['Entrypoint', 'Cmd'], ['Path', 'Args'], ['Command', 'Args']] as const;

/**
 * Deep-redact an Engine API object: Env arrays, argument arrays, label/option maps, build steps and
 * healthchecks by their rules, and every other string scrubbed for embedded credentials. Returns a new
 * object; the input is not changed.
 */
export function redactDeep<T>(value: T, key = '', parent = ''): T {
  return redactWith(value, key, parent, { history: new Map(), command: new Map(), text: new Map() });
}

function redactWith<T>(value: T, key: string, parent: string, memo: Memo): T {
  if (typeof value === 'string') {
    // The scrubbers are pure: the same string under the same rule always gives the same result.
    if (key === 'CreatedBy') return memoized(memo.history, value, scrubHistoryLine) as T;
    if (COMMAND_TEXT_KEYS.has(key)) return memoized(memo.command, value, scrubCommandLine) as T;
    // Most engine strings are short words (states, names, drivers): scrubText keeps them as they are, cheaper than a lookup.
    return (isPlainWord(value) ? value : memoized(memo.text, value, asText)) as T;
  }
  if (Array.isArray(value)) {
    if (isStringArray(value)) {
      if (key === 'Env') return redactEnv(value) as T;
      if (key === 'Test') return redactHealthcheckTest(value) as T;
      if (key === 'OnBuild') return value.map((v) => scrubHistoryLine(v)) as T;
      if (key === 'Labels') return redactLabelList(value) as T;
      if (ARGV_KEYS.has(key)) return redactArgv(value) as T;
    }
    return value.map((v) => redactWith(v, '', '', memo)) as T;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (isOptionMap(key, parent) && Object.values(obj).every((v) => typeof v === 'string')) return redactOptions(obj as Record<string, string>) as T;
    const joined: Record<string, unknown> = {};
    for (const [head, tail] of SPLIT_COMMANDS) {
      if (tail in obj && !(tail in joined)) redactSplitCommand(obj, joined, head, tail);
    }
    const out: Record<string, unknown> = {};
    // for…in over a JSON object (own keys only) without the entry arrays Object.entries allocates.
    for (const k in obj) out[k] = k in joined ? joined[k] : redactWith(obj[k], k, key, memo);
    return out as T;
  }
  return value;
}
