/**
 * Command lines: argv arrays (Cmd, Entrypoint, Args, Healthcheck tests, process command lines) and shell
 * strings (`sh -c '…'`, CMD-SHELL, image build steps). Flag/value pairs that carry a password or key are
 * found per program (`mysql -pX`, `redis-cli -a X`, `curl -u user:X`, `sshpass -p X`, `docker login -p X`)
 * and for any program (`--password X`, `--token=X`, `-storepass X`); every other word is scrubbed as text.
 */
import { REDACTED } from './marker';
import { isAddressName, isSecretName } from './names';
import { lexShell, replaceWords } from './shell';
import { scrubHeader, scrubText, type TextOptions } from './text';

/** Commands are where generated passwords are typed: random-looking words are dropped too. */
const COMMAND_TEXT: TextOptions = { entropy: true };

/** Programs whose short flags or positional arguments carry secrets. */
type Family = 'mysql' | 'redis' | 'mongo' | 'curl' | 'sshpass' | 'container-cli' | 'openssl' | 'ldap' | 'smb' | 'zip' | '7z' | 'htpasswd' | 'rabbitmqctl' | 'mc' | 'aws' | 'shell' | 'other';

const FAMILY_OF: Record<string, Family> = {};
const family = (f: Family, names: string) => names.split(' ').forEach((n) => (FAMILY_OF[n] = f));
family('mysql', 'mysql mysqldump mysqladmin mysqlcheck mysqlimport mysqlpump mysqlshow mysqlslap mysqlsh mysqlbinlog mariadb mariadb-dump mariadb-admin mariadb-check mariadb-import mariadb-show mariadb-slap mariadb-binlog mytop');
family('redis', 'redis-cli redis-benchmark keydb-cli valkey-cli');
family('mongo', 'mongo mongosh mongodump mongorestore mongoexport mongoimport mongostat mongotop mongofiles');
family('curl', 'curl');
family('sshpass', 'sshpass');
family('container-cli', 'docker podman nerdctl buildah helm oras');
family('openssl', 'openssl');
family('ldap', 'ldapsearch ldapmodify ldapadd ldapdelete ldapwhoami ldappasswd ldapcompare ldapmodrdn ldapexop');
family('smb', 'smbclient rpcclient smbget smbcacls smbcquotas');
family('zip', 'zip unzip zipcloak');
family('7z', '7z 7za 7zr');
family('htpasswd', 'htpasswd');
family('rabbitmqctl', 'rabbitmqctl');
family('mc', 'mc mcli');
family('aws', 'aws');
family('shell', 'sh bash ash dash zsh ksh mksh');
// Known programs without special flags still start a new command (`psql` after `sudo -u postgres`).
family('other', 'psql pg_dump pg_dumpall pg_restore pg_basebackup pgbench pg_isready wget git java env sudo exec gosu su-exec timeout nohup');

/** How a short flag carries its secret: glued (`-pX`), as the next word (`-p X`), and what part of it is not secret. */
interface ShortRule {
  attached: boolean;
  next: boolean;
  /** Keep the value up to and including this character (`-E cert.pem:pw`, `-U user%pw`). */
  keepUpTo?: string;
}
const BOTH: ShortRule = { attached: true, next: true };
const SHORT_FLAGS: Partial<Record<Family, Record<string, ShortRule>>> = {
  // mysql -p alone prompts and the next word is the database; it is dropped too, since people do write `-p secret`.
  mysql: { p: BOTH },
  redis: { a: BOTH },
  mongo: { p: BOTH },
  curl: { u: BOTH, U: BOTH, b: BOTH, E: { ...BOTH, keepUpTo: ':' } },
  sshpass: { p: BOTH },
  openssl: { k: BOTH, K: BOTH },
  ldap: { w: BOTH },
  smb: { U: { ...BOTH, keepUpTo: '%' } },
  zip: { P: BOTH },
  '7z': { p: { attached: true, next: false } },
};
/** `docker login -p X` (elsewhere `-p` publishes a port). */
const LOGIN_FLAGS: Record<string, ShortRule> = { p: BOTH };

/** Flags whose value is one HTTP header (`-H 'X-Api-Key: v'`). */
const HEADER_FLAGS = new Set(['-H', '--header', '--proxy-header']);
const LONG_FLAG = /^(--?)([A-Za-z][A-Za-z0-9_.-]*)(?:=([\s\S]*))?$/;
const MAX_DEPTH = 4;

function programOf(word: string): string {
  return word.replace(/^.*\//, '').replace(/\.exe$/i, '').toLowerCase();
}

function keepPart(value: string, rule: ShortRule): string {
  if (!rule.keepUpTo) return REDACTED;
  const i = value.indexOf(rule.keepUpTo);
  return i < 0 ? value : `${value.slice(0, i + 1)}${REDACTED}`;
}

/** Positional arguments that are secrets for programs that take a password as an argument. */
function positionalSecrets(fam: Family, words: readonly string[], flagsSeen: string): number[] {
  const pos: number[] = [];
  words.forEach((w, i) => {
    if (i > 0 && !w.startsWith('-')) pos.push(i);
  });
  const at = (k: number) => (k < pos.length ? [pos[k]] : []);
  const lw = (k: number) => (k < pos.length ? words[pos[k]].toLowerCase() : '');
  switch (fam) {
    case 'htpasswd':
      // -b takes the password from the command line: it is the last argument (`-b[c] file user pw`, `-nb user pw`).
      return /b/.test(flagsSeen) && pos.length ? [pos[pos.length - 1]] : [];
    case 'rabbitmqctl':
      return ['add_user', 'change_password', 'authenticate_user'].includes(lw(0)) ? at(2) : [];
    case 'mc':
      if (lw(0) === 'alias' && lw(1) === 'set') return [...at(4), ...at(5)];
      if (lw(0) === 'config' && lw(1) === 'host' && lw(2) === 'add') return [...at(5), ...at(6)];
      return [];
    case 'aws':
      return lw(0) === 'configure' && lw(1) === 'set' && isSecretName(lw(2)) ? at(3) : [];
    default:
      return [];
  }
}

/** Indices where a new command starts: the first word and every known program name. */
function commandStarts(words: readonly string[]): number[] {
  const starts = [0];
  // A path starts a command only from a bin directory (`/usr/bin/mysql`); `/etc/htpasswd` is a file argument.
  for (let i = 1; i < words.length; i++) if (FAMILY_OF[programOf(words[i])] && (!words[i].includes('/') || /(^|\/)s?bin\/[^/]+$|^\.\//.test(words[i]))) starts.push(i);
  return starts;
}

const VARIABLE_REFERENCE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/** `NAME=value` as one word: an env assignment, `-e NAME=value`, `--build-arg NAME=value`, `--set name=value`. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_.-]*)=([\s\S]*)$/;

/** One command (a program and its arguments): secret words replaced; other words left for the text rules. */
function redactCommand(words: readonly string[], depth: number, out: string[], done: boolean[], opts: TextOptions): void {
  const set = (i: number, v: string) => {
    // A shell variable reference (`-p "$DB_PASSWORD"`, `--key=${KEY}`) names a secret without holding it: kept, so a
    // reader sees where the value comes from (and 4.10 does not take a `gpg --recv-keys "$GPG_KEY"` step for a credential).
    const w = words[i];
    const eq = w.indexOf('=');
    out[i] = VARIABLE_REFERENCE.test(w) || (eq >= 0 && v === `${w.slice(0, eq + 1)}${REDACTED}` && VARIABLE_REFERENCE.test(w.slice(eq + 1))) ? w : v;
    done[i] = true;
  };
  let first = 0;
  while (first < words.length && ASSIGNMENT.test(words[first])) first++;
  const fam: Family = FAMILY_OF[programOf(words[first] ?? '')] ?? 'other';
  const isScriptFlag = (w: string | undefined) => fam === 'shell' && /^-[A-Za-z]*c[A-Za-z]*$/.test(w ?? '');
  // Assignments anywhere are whole words: a secret-named one loses its whole value, whatever it holds
  // (not the script after `sh -c`, which is judged as commands).
  words.forEach((w, i) => {
    const a = ASSIGNMENT.exec(w);
    if (a && a[2] && isSecretName(a[1]) && !isScriptFlag(words[i - 1])) set(i, `${a[1]}=${REDACTED}`);
  });
  let shortFlags = SHORT_FLAGS[fam] ?? {};
  let flagsSeen = '';
  type Pending = { kind: 'secret' } | { kind: 'short'; rule: ShortRule } | { kind: 'header' } | { kind: 'script' };
  let pending: Pending | null = null;
  // Arguments without their program (a service's Args, a Cmd after an Entrypoint) start with a flag.
  for (let i = words[first]?.startsWith('-') ? first : first + 1; i < words.length; i++) {
    const w = words[i];
    if (done[i]) continue;
    if (pending) {
      const p: Pending = pending;
      pending = null;
      if (!w.startsWith('-') || p.kind === 'header' || p.kind === 'script') {
        if (p.kind === 'secret') set(i, REDACTED);
        else if (p.kind === 'short') set(i, keepPart(w, p.rule));
        else if (p.kind === 'header') set(i, scrubHeader(w) ?? scrubText(w, opts));
        else set(i, scrubCommandLine(w, opts, depth + 1));
        continue;
      }
    }
    if (fam === 'container-cli' && w === 'login') shortFlags = { ...shortFlags, ...LOGIN_FLAGS };
    if (HEADER_FLAGS.has(w)) {
      pending = { kind: 'header' };
      continue;
    }
    if (isScriptFlag(w)) {
      pending = { kind: 'script' };
      continue;
    }
    const short = /^-([A-Za-z0-9])([\s\S]*)$/.exec(w);
    if (short && !w.startsWith('--')) {
      const rule = shortFlags[short[1]];
      if (rule) {
        if (short[2] && rule.attached) set(i, `-${short[1]}${keepPart(short[2].replace(/^=/, ''), rule)}`);
        else if (!short[2] && rule.next) pending = { kind: 'short', rule };
        continue;
      }
      if (/^[A-Za-z]+$/.test(short[1] + short[2]) && short[2].length < 3) flagsSeen += short[1] + short[2];
    }
    const long = LONG_FLAG.exec(w);
    if (long && (long[1] === '--' || long[2].length >= 3)) {
      const [, dashes, name, value] = long;
      if (/^no-/.test(name)) continue;
      if (value !== undefined && HEADER_FLAGS.has(`${dashes}${name}`)) {
        const h = scrubHeader(value);
        if (h !== null) set(i, `${dashes}${name}=${h}`);
        continue;
      }
      if (!isSecretName(name)) continue;
      // `--auth-url=https://…` names an address: the URL rules keep its host and drop its credentials.
      if (isAddressName(name) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value ?? words[i + 1] ?? '')) continue;
      if (value !== undefined) set(i, value === '' ? w : `${dashes}${name}=${REDACTED}`);
      else pending = { kind: 'secret' };
    }
  }
  for (const i of positionalSecrets(fam, words.slice(first), flagsSeen)) set(first + i, REDACTED);
}

/** Every command in the words judged on its own: the words replaced, and which of them were secrets. */
function markSecrets(words: readonly string[], depth: number, opts: TextOptions): { out: string[]; done: boolean[] } {
  const out = [...words];
  const done = words.map(() => false);
  const starts = commandStarts(words);
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : words.length;
    const outPart = out.slice(s, end);
    const donePart = done.slice(s, end);
    redactCommand(words.slice(s, end), depth, outPart, donePart, opts);
    outPart.forEach((v, j) => {
      out[s + j] = v;
      done[s + j] = donePart[j];
    });
  });
  return { out, done };
}

/** Argument words with secrets replaced; every other word scrubbed as text, multi-word ones as commands. */
export function redactArgv(words: readonly string[], opts: TextOptions = COMMAND_TEXT, depth = 0): string[] {
  const { out, done } = markSecrets(words, depth, opts);
  return out.map((w, i) => {
    if (done[i]) return w;
    if (/\s/.test(w) && depth < MAX_DEPTH) return scrubCommandLine(w, opts, depth + 1);
    return scrubHeader(w) ?? scrubText(w, opts);
  });
}

/**
 * A shell string: each simple command (split at `;`, `&&`, `|`, `$(`, newlines...) is judged as argv,
 * then the whole text is scrubbed for credentials in free text.
 */
export function scrubCommandLine(text: string, opts: TextOptions = COMMAND_TEXT, depth = 0): string {
  if (!text) return text;
  // One word has no flag/value pair: the text rules see everything it can hold.
  if (depth >= MAX_DEPTH || !/\s/.test(text)) return scrubText(text, opts);
  const commands = lexShell(text);
  const replacements = new Map<number, string>();
  for (const cmd of commands) {
    const values = cmd.map((w) => w.value);
    const { out, done } = markSecrets(values, depth, opts);
    out.forEach((v, i) => {
      // Quoted words holding a command or a header (`sh -c "mysql -pX"`, `-H "Private-Token: x"`) are judged on their own.
      const next = done[i] ? v : /\s/.test(v) && depth < MAX_DEPTH ? scrubCommandLine(v, opts, depth + 1) : scrubHeader(v) ?? v;
      if (next !== values[i]) replacements.set(cmd[i].start, next);
    });
  }
  return scrubText(replaceWords(text, commands.flat(), replacements), opts);
}
