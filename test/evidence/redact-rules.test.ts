import { strict as assert } from 'node:assert';
import {
  addressOnly,
  isAddressName,
  isSecretName,
  looksRandom,
  redactArgs,
  redactDeep,
  redactEnv,
  redactOptions,
  redactTree,
  reduceUrl,
  scrubHistoryLine,
  scrubString,
  REDACTED,
} from '../../src/evidence/redact';
import { containsKnownSecret } from '../../src/evidence/redact/detectors';
import { lexShell } from '../../src/evidence/redact/shell';
import { splitAuthority } from '../../src/evidence/redact/url';

describe('evidence/redact rules', () => {
  it('judges names on their words: one list of secret names, with files, modes and public keys excluded', () => {
    for (const n of ['MYSQL_ROOT_PASSWORD', 'apiKey', 'X-Amz-Signature', '--http-password', 'db_pass', 'PGPASSWORD', 'client_secret', 'AWSAccessKeyId', 'Private-Token', '-storepass', 'requirepass', 'com.example.vpn.psk', 'key', 'sig', 'webhook_url']) {
      assert.ok(isSecretName(n), n);
    }
    for (const n of ['tlskey', 'tlscert', 'KEYBOARD_LAYOUT', 'PASSWORD_FILE', 'authorization-plugins', 'TOKEN_TTL', 'PUBLIC_KEY', 'GPG_KEY', 'userns-remap', 'password-stdin', 'SIGTERM', 'monkey', 'bypass']) {
      assert.ok(!isSecretName(n), n);
    }
    for (const n of ['DATABASE_URL', 'REDIS_HOST', 'splunk-url', 'KAFKA_BOOTSTRAP_SERVERS', 'Host', '--server', 'SENTRY_DSN', 'NO_PROXY']) assert.ok(isAddressName(n), n);
    assert.ok(!isAddressName('APP_SEED') && !isAddressName('NODE_ENV'));
  });

  it('splits user-info at the last @ that a host follows, also with / and : in the password', () => {
    assert.deepEqual(splitAuthority('app:Ka7/Mq@Lx:Tv@db.example.com:5432/app'), { userinfoEnd: 17, host: 'db.example.com', port: ':5432', rest: '/app' });
    assert.equal(splitAuthority('registry.npmjs.org/@scope/pkg').host, 'registry.npmjs.org', 'a path with @ is not user-info');
    assert.equal(splitAuthority('api.example.com/x?email=a@b.example').host, 'api.example.com', 'an @ in the query is not user-info');
    assert.equal(reduceUrl('postgres://u:a/b@c:d@DB.Example.com:5432/x?sslmode=require'), 'postgres://db.example.com:5432');
    assert.equal(reduceUrl('https://user:12/34@host.example.com'), 'https://host.example.com');
  });

  it('drops credential query parameters and webhook paths, keeps the rest of the URL', () => {
    assert.equal(scrubString('see https://h.example.com/p?sv=2022&sig=abc%2B&x=1#access_token=zz'), `see https://h.example.com/p?sv=2022&sig=${REDACTED}&x=1#access_token=${REDACTED}`);
    assert.equal(scrubString('https://hooks.slack.com/services/T0/B0/xyz'), `https://hooks.slack.com/${REDACTED}`);
    assert.equal(scrubString('https://registry.npmjs.org/@scope/pkg/-/pkg-1.0.0.tgz'), 'https://registry.npmjs.org/@scope/pkg/-/pkg-1.0.0.tgz');
  });

  it('keeps bare host names only where the key names an address', () => {
    assert.deepEqual(redactEnv(['DB_HOST=db.example.com', 'APP_SEED=quartz.violet.marmot', 'NO_PROXY=localhost,.example.com,10.0.0.0', 'CACHE=cache:6379', 'REDIS_HOST=redis']), [
      'DB_HOST=db.example.com',
      `APP_SEED=${REDACTED}`,
      'NO_PROXY=localhost,.example.com,10.0.0.0',
      'CACHE=cache:6379',
      'REDIS_HOST=redis',
    ]);
    assert.equal(addressOnly('quartz.violet.marmot'), null);
    assert.equal(addressOnly('quartz.violet.marmot', { bareNames: true }), 'quartz.violet.marmot');
    assert.deepEqual(redactEnv(['AUTH_URL=https://u:p@auth.example.com/oauth/token']), ['AUTH_URL=https://auth.example.com'], 'a secret-and-address name keeps the address');
  });

  it('env entries without = are kept only as conventional names; pasted secrets go whole', () => {
    assert.deepEqual(redactEnv(['NO_COLOR', 'Hq8vNoEqualsSecret5Tz', 'AKIAQ7XPLANTLBL4W2ZD', 'dGhpc2lzYXNlY3JldA==', 'A1B2C3D4E5']), ['NO_COLOR', REDACTED, REDACTED, REDACTED, REDACTED]);
  });

  it('leaves ordinary command lines alone: published ports, user names, hex digests, image references', () => {
    const argv = ['docker', 'run', '-p', '8080:80', '-u', '1000', '--name', 'web', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'];
    assert.deepEqual(redactArgs(argv), argv);
    assert.deepEqual(redactArgs(['mysql', '-u', 'root', '-h', 'db.example.com', '-P', '3306']), ['mysql', '-u', 'root', '-h', 'db.example.com', '-P', '3306']);
    assert.deepEqual(redactArgs(['mysql', '-p']), ['mysql', '-p'], 'mysql -p alone prompts: nothing to drop');
    assert.deepEqual(redactArgs(['java', '-cp', '/app/lib/*', 'org.example.ContainerSpecTemplateV2Config']), ['java', '-cp', '/app/lib/*', 'org.example.ContainerSpecTemplateV2Config']);
    assert.deepEqual(redactArgs(['dockerd', '--tlskey', '/etc/docker/key.pem', '--authorization-plugin', 'authz']), ['dockerd', '--tlskey', '/etc/docker/key.pem', '--authorization-plugin', 'authz']);
  });

  it('drops a random-looking word in a command, not identifiers or paths', () => {
    assert.ok(looksRandom('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'));
    for (const w of ['ContainerSpecTemplateV2Config', '/usr/lib/x86_64-linux-gnu/libc.so.6', '0123456789abcdef0123456789abcdef', 'python3.11-minimal_3.11.2']) assert.ok(!looksRandom(w), w);
    assert.deepEqual(redactArgs(['sync', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']), ['sync', REDACTED]);
  });

  it('keeps the quoting of shell strings it rewrites', () => {
    assert.equal(redactArgs(['sh', '-c', `curl -H "Authorization: Bearer abc.def" -u 'ci:pw' https://x.example.com`])![2], `curl -H "Authorization: Bearer ${REDACTED}" -u '${REDACTED}' https://x.example.com`);
    assert.deepEqual(lexShell(`a 'b c' "d\\"e" f\\ g; h && i # note`).map((c) => c.map((w) => w.value)), [['a', 'b c', 'd"e', 'f g'], ['h'], ['i']]);
  });

  it('judges -p and -a only for the programs that take a password there, wherever they start', () => {
    assert.deepEqual(redactArgs(['sudo', '-u', 'app', 'redis-cli', '-a', 'pw1', 'ping']), ['sudo', '-u', 'app', 'redis-cli', '-a', REDACTED, 'ping']);
    assert.deepEqual(redactArgs(['docker', 'exec', 'db', 'mysql', '-pPw2']), ['docker', 'exec', 'db', 'mysql', `-p${REDACTED}`]);
    assert.deepEqual(redactArgs(['docker', 'login', '-u', 'ci', '-p', 'pw3', 'r.example.com']), ['docker', 'login', '-u', 'ci', '-p', REDACTED, 'r.example.com']);
    assert.deepEqual(redactArgs(['curl', '-E', 'client.pem:pw4', 'https://x.example.com']), ['curl', '-E', `client.pem:${REDACTED}`, 'https://x.example.com']);
    assert.deepEqual(redactArgs(['smbclient', '//f/s', '-U', 'svc%pw5']), ['smbclient', '//f/s', '-U', `svc%${REDACTED}`]);
  });

  it('does not take engine fields for secrets: SELinux labels, users, engine ids', () => {
    const inspect = { Config: { User: '1000:1000' }, HostConfig: { SecurityOpt: ['label=user:system_u', 'label=type:svirt_apache_t', 'no-new-privileges'] }, ID: 'ABCD:EFGH:IJKL:MNOP:QRST:UVWX:YZ01:2345:6789:ABCD:EFGH:IJKL' };
    assert.deepEqual(redactDeep(inspect), inspect);
  });

  it('redacts JSON labels and daemon.json by key at any depth, numbers too, booleans kept', () => {
    const tree = { 'log-opts': { 'splunk-token': 't1' }, tls: true, api_key: 1234, nested: [{ db: { password: 'p1', host: 'db.example.com' } }], 'authorization-plugins': ['authz'] };
    assert.deepEqual(redactTree(tree), { 'log-opts': { 'splunk-token': REDACTED }, tls: true, api_key: REDACTED, nested: [{ db: { password: REDACTED, host: 'db.example.com' } }], 'authorization-plugins': ['authz'] });
    assert.deepEqual(redactOptions({ config: '{"a":{"token":"t2"},"b":1}' }), { config: `{"a":{"token":"${REDACTED}"},"b":1}` });
  });

  it('scrubs Dockerfile steps: JSON CMD, LABEL, RUN with build args, and buildkit suffixes', () => {
    assert.equal(scrubHistoryLine('CMD ["mysql","-pPw6"]'), `CMD ["mysql","-p${REDACTED}"]`);
    assert.equal(scrubHistoryLine('LABEL com.example.token="t3" maintainer="ops"'), `LABEL com.example.token="${REDACTED}" maintainer="ops"`);
    assert.equal(scrubHistoryLine('RUN |1 NPM_TOKEN=t4 /bin/sh -c npm ci # buildkit'), `RUN |1 NPM_TOKEN=${REDACTED} /bin/sh -c npm ci # buildkit`);
    assert.equal(scrubHistoryLine('/bin/sh -c #(nop) WORKDIR /app'), '/bin/sh -c #(nop) WORKDIR /app');
  });
});

describe('evidence/redact: every token format, through the one-scan pre-check', () => {
  // One made-up token per format in detectors.ts: the combined pre-check must let each through to its own rule.
  const r = (n: number, set = 'aB3dE5gH7j'): string => Array.from({ length: n }, (_, i) => set[i % set.length]).join('');
  const TOKENS = [
    `AKIA${r(16, 'ABCDEFGH23')}`, `eyJ${r(10)}.${r(10)}.${r(10)}`, `xoxb-${r(12)}`, `xapp-1-${r(12)}`, `ghp_${r(24)}`,
    `github_pat_${r(24)}`, `glpat-${r(22)}`, `sk_live_${r(16)}`, `whsec_${r(24)}`, `AIza${r(35)}`, `GOCSPX-${r(24)}`,
    `ya29.${r(24)}`, `npm_${r(36)}`, `pypi-AgE${r(24)}`, `SG.${r(20)}.${r(20)}`, `hf_${r(32)}`, `dop_v1_${r(64, 'abcdef0123')}`,
    `shpat_${r(32, 'abcdef0123')}`, `glsa_${r(32)}_${r(8, 'abcdef0123')}`, `glc_${r(40)}`, `AGE-SECRET-KEY-1${r(58, 'ABCDEFGH23')}`,
  ];
  for (const token of TOKENS) {
    it(`drops ${token.slice(0, 12)}… in a path, a sentence and alone`, () => {
      for (const text of [token, `/srv/${token}/x`, `the key is ${token} here`]) {
        const out = redactDeep({ Comment: text, Path: text });
        assert.ok(!JSON.stringify(out).includes(token), `${text} kept its token: ${JSON.stringify(out)}`);
        assert.ok(containsKnownSecret(text), text);
      }
    });
  }
});
