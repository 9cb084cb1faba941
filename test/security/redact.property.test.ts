/**
 * Property-based: generated secrets embedded in every field shape the collectors store never survive
 * redaction, while the host and port of URLs do.
 *
 * Secrets are built from chunks (`[A-Z][a-z0-9]{4,8}`) joined by separators a password may hold
 * (`/`, `@`, `:`, `%2F`, `!`, `+`...); no chunk may be left in the output, so a partial scrub
 * (a password cut at its first `@`) fails as well.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { redactArgs, redactDeep, redactEnv, redactHealthcheckTest, redactOptions, redactTree, scrubHistoryLine } from '../../src/evidence/redact';

/** RA_FC_RUNS=5000 for a longer search. */
const RUNS = { numRuns: Number(process.env.RA_FC_RUNS ?? 150) };

const chunk = fc.stringMatching(/^[A-Z][a-z0-9]{4,8}$/);
/** A secret of chunks joined by the given separators. */
const secretOf = (seps: readonly string[]) =>
  fc.tuple(chunk, fc.array(fc.tuple(fc.constantFrom(...seps), chunk), { minLength: 0, maxLength: 3 })).map(([first, rest]) => ({
    text: first + rest.map(([s, c]) => s + c).join(''),
    chunks: [first, ...rest.map(([, c]) => c)],
  }));
/** A shell word (no quoting needed). */
const wordSecret = secretOf(['_', '-', '.', '+', '%']);
/** A URL password: `/`, `@` and `:` included, as the attack used. */
const urlPassword = secretOf(['/', '@', ':', '%2F', '!', '+', '~', '$', ',', ';', '=', '*']);
/** A quoted value (labels, JSON, env). */
const anySecret = secretOf(['/', '@', ':', '!', '+', '=', '#', '?', '&', ' ', ',', '"', "'", '\\']);

const host = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.constantFrom('example.com', 'example.no', 'internal.example.net')).map(([a, b]) => `${a}.${b}`);
const port = fc.integer({ min: 1, max: 65535 });
const scheme = fc.constantFrom('postgres', 'postgresql', 'mysql', 'redis', 'rediss', 'mongodb', 'amqp', 'https', 'http', 'ftp', 'sftp');
const user = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

function assertGone(out: unknown, chunks: readonly string[], context: unknown): void {
  const text = JSON.stringify(out);
  const left = chunks.filter((c) => text.includes(c));
  assert.deepEqual(left, [], `secret parts ${left.join(', ')} survived in ${text} (from ${JSON.stringify(context)})`);
}

describe('security: generated secrets never survive redaction (fast-check)', () => {
  it('env value under a secret name, and any value under any name unless it is an address', () => {
    fc.assert(
      fc.property(fc.constantFrom('DB_PASSWORD', 'API_TOKEN', 'SECRET_KEY', 'APP_SEED', 'NOTE', 'X'), anySecret, wordSecret, (name, s, bare) => {
        assertGone(redactEnv([`${name}=${s.text}`]), s.chunks, s.text);
        // An entry without `=` (the secret pasted alone) keeps nothing either.
        assertGone(redactEnv([bare.text]), bare.chunks, bare.text);
      }),
      RUNS,
    );
  });

  it('URL password with / @ : in env, label, argv, shell string and history; host:port survives', () => {
    fc.assert(
      fc.property(scheme, user, urlPassword, host, port, (sch, u, pw, h, p) => {
        const url = `${sch}://${u}:${pw.text}@${h}:${p}/db?sslmode=require`;
        const hp = `${h}:${p}`;
        const env = redactEnv([`DATABASE_URL=${url}`]);
        assert.deepEqual(env, [`DATABASE_URL=${sch}://${hp}`]);
        const label = redactOptions({ 'com.example.db': url, 'com.example.json': JSON.stringify({ url }) });
        const argv = redactArgs(['app', '--db', url, `--dsn=${url}`]);
        const shell = redactArgs(['sh', '-c', `psql '${url}' -c 'select 1' && echo ok`]);
        const history = scrubHistoryLine(`/bin/sh -c psql '${url}'`);
        for (const out of [env, label, argv, shell, history]) {
          assertGone(out, pw.chunks, url);
          assert.ok(JSON.stringify(out).includes(hp), `${hp} kept in ${JSON.stringify(out)}`);
        }
      }),
      RUNS,
    );
  });

  it('credential query parameters (sig, token, X-Amz-*, api_key...) lose their value; the host stays', () => {
    const names = ['sig', 'token', 'access_token', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'api_key', 'apikey', 'key', 'password', 'secret', 'client_secret', 'auth', 'signature'];
    fc.assert(
      fc.property(host, port, fc.constantFrom(...names), wordSecret, (h, p, name, s) => {
        const url = `https://${h}:${p}/path/file.txt?sv=2022-11-02&${name}=${encodeURIComponent(s.text)}&x=1`;
        for (const out of [redactOptions({ 'com.example.backup': url }), redactArgs(['curl', url]), redactArgs(['sh', '-c', `curl -fsS "${url}"`])]) {
          assertGone(out, s.chunks, url);
          assert.ok(JSON.stringify(out).includes(`${h}:${p}`));
        }
      }),
      RUNS,
    );
  });

  it('labels: secret-named keys, well-known token formats under any key, and JSON with secret keys at any depth', () => {
    const base62 = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${n}}$`));
    const b64url = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${n},${n + 20}}$`));
    const token = fc.oneof(
      base62(36).map((x) => `ghp_${x}`),
      base62(36).map((x) => `gho_${x}`),
      fc.stringMatching(/^[A-Z0-9]{16}$/).map((x) => `AKIA${x}`),
      fc.stringMatching(/^[A-Z0-9]{16}$/).map((x) => `ASIA${x}`),
      fc.tuple(fc.stringMatching(/^\d{10,12}$/), base62(24)).map(([a, b]) => `xoxb-${a}-${b}`),
      base62(24).map((x) => `sk_live_${x}`),
      base62(24).map((x) => `rk_live_${x}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{35}$/).map((x) => `AIza${x}`),
      base62(36).map((x) => `npm_${x}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{20}$/).map((x) => `glpat-${x}`),
      fc.tuple(b64url(10), b64url(20), b64url(30)).map(([a, b, c]) => `eyJ${a}.eyJ${b}.${c}`),
      fc.array(base62(64), { minLength: 1, maxLength: 4 }).map((lines) => `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----`),
    );
    const secretKey = fc.constantFrom('password', 'db_pass', 'apiKey', 'client_secret', 'token', 'privateKey', 'credentials', 'auth');
    const plainKey = fc.constantFrom('name', 'db', 'config', 'settings', 'items', 'nested');
    fc.assert(
      fc.property(token, secretKey, anySecret, fc.array(plainKey, { maxLength: 3 }), host, (tok, sk, s, pathKeys, h) => {
        // The token's own body is what must go; its prefix (ghp_, AKIA) may stay.
        const body = tok.replace(/^(ghp_|gho_|AKIA|ASIA|xoxb-|sk_live_|rk_live_|AIza|npm_|glpat-|-----BEGIN PRIVATE KEY-----\n)/, '').split(/[\n.-]/).filter((x) => x.length >= 8 && !/END|PRIVATE/.test(x));
        let json: unknown = { [sk]: s.text, host: h };
        for (const k of pathKeys) json = { [k]: [json] };
        const out = redactOptions({ 'com.example.note': `see ${tok} here`, 'com.example.raw': tok, [`com.example.${sk}`]: s.text, 'com.example.json': JSON.stringify(json) });
        assertGone(out, [...body, ...s.chunks], { tok, json });
        assert.ok(JSON.stringify(out).includes(h), 'the non-secret JSON value stays');
        assertGone(redactTree(json), s.chunks, json);
      }),
      RUNS,
    );
  });

  const flagCases: readonly ((s: string) => string[])[] = [
    (s) => ['mysql', '-u', 'root', `-p${s}`, 'app'],
    (s) => ['mysql', '-u', 'root', '-p', s],
    (s) => ['mysqldump', `--password=${s}`, 'app'],
    (s) => ['mysqladmin', 'ping', '--password', s],
    (s) => ['redis-cli', '-h', 'cache', '-a', s, 'ping'],
    (s) => ['redis-cli', `-a${s}`],
    (s) => ['redis-cli', '--pass', s],
    (s) => ['curl', '-u', `svc:${s}`, 'https://api.example.com'],
    (s) => ['curl', `--user=svc:${s}`, 'https://api.example.com'],
    (s) => ['curl', '-H', `Authorization: Bearer ${s}`, 'https://api.example.com'],
    (s) => ['curl', '--header', `X-Api-Key: ${s}`, 'https://api.example.com'],
    (s) => ['curl', '--oauth2-bearer', s, 'https://api.example.com'],
    (s) => ['wget', `--password=${s}`, 'https://f.example.com'],
    (s) => ['wget', `--http-password=${s}`, 'https://f.example.com'],
    (s) => ['wget', `--header=Authorization: Basic ${s}`, 'https://f.example.com'],
    (s) => ['mongosh', '-u', 'admin', '-p', s],
    (s) => ['mongodump', '--password', s],
    (s) => ['sshpass', '-p', s, 'ssh', 'backup@host'],
    (s) => ['docker', 'login', '-u', 'ci', '-p', s, 'registry.example.com'],
    (s) => ['app', '--token', s],
    (s) => ['app', `--secret=${s}`],
    (s) => ['app', '--key', s],
    (s) => ['app', `--api-key=${s}`],
    (s) => ['keytool', '-storepass', s],
    (s) => ['openssl', 'enc', '-pass', `pass:${s}`],
    (s) => ['ldapsearch', '-D', 'cn=admin', '-w', s],
    (s) => ['smbclient', '//files/share', '-U', `svc%${s}`],
    (s) => ['htpasswd', '-bc', '/etc/htpasswd', 'admin', s],
    (s) => ['env', `PGPASSWORD=${s}`, 'psql', '-h', 'db'],
    (s) => ['java', `-Djavax.net.ssl.keyStorePassword=${s}`, '-jar', 'app.jar'],
  ];
  const filler = fc.array(fc.constantFrom('-v', '--verbose', 'x', '--port', '5432', '-q'), { maxLength: 2 });

  it('argv: the value after each secret flag (per program and generic)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...flagCases), fc.oneof(wordSecret, urlPassword, anySecret), filler, (make, s, extra) => {
        const argv = make(s.text);
        const withExtra = [argv[0], ...extra, ...argv.slice(1)];
        assertGone(redactArgs(argv), s.chunks, argv);
        assertGone(redactArgs(withExtra), s.chunks, withExtra);
        // The same command as Path + Args and as Entrypoint + Cmd, as the engine reports it.
        assertGone(redactDeep({ Path: argv[0], Args: argv.slice(1), Config: { Entrypoint: [argv[0]], Cmd: argv.slice(1) } }), s.chunks, argv);
      }),
      RUNS,
    );
  });

  /** A word as a shell would read it back: bare, single- or double-quoted. */
  const quoteWord = (w: string, style: number) => (style === 0 && /^[A-Za-z0-9_.:/%=@+-]+$/.test(w) ? w : style === 2 ? `"${w.replace(/(["\\$`])/g, '\\$1')}"` : `'${w.replace(/'/g, `'\\''`)}'`);

  it('shell strings, healthchecks and build steps: the same commands inside sh -c, CMD-SHELL and history', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...flagCases), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 3 }), fc.oneof(wordSecret, urlPassword, anySecret), fc.constantFrom(' && ', '; ', ' | ', '\n', ' || '), (cmds, s, sep) => {
        const script = cmds.map(([make, style]) => make(s.text).map((w) => quoteWord(w, style)).join(' ')).join(sep);
        for (const out of [
          redactArgs(['sh', '-c', script]),
          redactArgs(['/bin/bash', '-ec', script]),
          redactHealthcheckTest(['CMD-SHELL', script]),
          redactHealthcheckTest(['CMD', ...cmds[0][0](s.text)]),
          scrubHistoryLine(`/bin/sh -c ${script}`),
          scrubHistoryLine(`RUN /bin/sh -c ${script} # buildkit`),
          scrubHistoryLine(`|1 VERSION=1 /bin/sh -c ${script}`),
          scrubHistoryLine(`sh -c ${script}`),
        ]) {
          assertGone(out, s.chunks, script);
        }
      }),
      RUNS,
    );
  });

  it('history ENV/ARG/LABEL and build args with secret names', () => {
    fc.assert(
      fc.property(fc.constantFrom('DB_PASSWORD', 'NPM_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'GITHUB_TOKEN'), wordSecret, (name, s) => {
        for (const line of [`ENV ${name}=${s.text}`, `/bin/sh -c #(nop)  ENV ${name}=${s.text}`, `/bin/sh -c #(nop)  ENV ${name} ${s.text}`, `ARG ${name}=${s.text}`, `|1 ${name}=${s.text} /bin/sh -c make`, `RUN |1 ${name}=${s.text} /bin/sh -c make # buildkit`, `LABEL ${name.toLowerCase()}="${s.text}"`]) {
          assertGone(scrubHistoryLine(line), s.chunks, line);
        }
      }),
      RUNS,
    );
  });

  it('volume, log and network options: mount-option lists and secret keys', () => {
    fc.assert(
      fc.property(wordSecret, host, (s, h) => {
        const out = redactDeep({
          Volumes: [{ Options: { type: 'cifs', o: `addr=${h},username=svc,password=${s.text},vers=3.0`, device: `//${h}/share` } }],
          HostConfig: { LogConfig: { Type: 'splunk', Config: { 'splunk-token': s.text, 'splunk-url': `https://${h}:8088` } } },
          Networks: [{ Options: { 'com.example.psk': s.text }, IPAM: { Options: { secret: s.text } } }],
        });
        assertGone(out, s.chunks, s.text);
        assert.ok(JSON.stringify(out).includes(`addr=${h}`) && JSON.stringify(out).includes(`https://${h}:8088`));
      }),
      RUNS,
    );
  });
});
