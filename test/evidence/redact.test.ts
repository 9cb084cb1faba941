import { strict as assert } from 'node:assert';
import { addressOnly, redactArgs, redactDeep, redactEnv, redactOptions, scrubHistoryLine, scrubString, REDACTED } from '../../src/evidence/redact';

describe('evidence/redact', () => {
  it('keeps env names and only scheme, host and port of URL values', () => {
    const out = redactEnv([
      'DATABASE_URL=postgres://user:password@db.internal.example:5432/app?sslmode=require',
      'REDIS=redis://:s3cr3t@10.0.0.5:6379/0',
      'PLAIN=hello world',
      'API_TOKEN=db.example.com',
      'BROKERS=kafka-1.example.net:9092,10.1.2.3:9092',
      'EMPTY=',
      'NOEQUALS',
    ]);
    assert.deepEqual(out, [
      'DATABASE_URL=postgres://db.internal.example:5432',
      'REDIS=redis://10.0.0.5:6379',
      `PLAIN=${REDACTED}`,
      `API_TOKEN=${REDACTED}`,
      'BROKERS=kafka-1.example.net:9092,10.1.2.3:9092',
      'EMPTY=',
      'NOEQUALS',
    ]);
  });

  it('never keeps something that only looks like a token', () => {
    for (const v of ['ghp_abcdefABCDEF0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'hunter2', 'AKIAIOSFODNN7EXAMPLE']) {
      assert.equal(addressOnly(v), null, v);
    }
    assert.equal(addressOnly('2001:db8::1'), '2001:db8::1');
    assert.equal(addressOnly('[2001:db8::1]:443'), '[2001:db8::1]:443');
    assert.equal(addressOnly('db:5432'), 'db:5432');
  });

  it('handles URLs whose password contains an @', () => {
    assert.deepEqual(redactEnv(['U=postgres://user:p@ss@db.example.com:5432/x']), ['U=postgres://db.example.com:5432']);
  });

  it('scrubs credentials from command lines: --password=x, --password x, URLs, KEY=value', () => {
    const out = redactArgs(['server', '--password=hunter2', '--token', 'abc123', '--db', 'mysql://root:toor@10.0.0.9:3306/x', 'sh', '-c', 'PGPASSWORD=pw psql -h db']);
    assert.deepEqual(out, ['server', `--password=${REDACTED}`, '--token', REDACTED, '--db', 'mysql://10.0.0.9:3306/x', 'sh', '-c', `PGPASSWORD=${REDACTED} psql -h db`]);
    assert.ok(!JSON.stringify(out).includes('hunter2'));
    assert.ok(!JSON.stringify(out).includes('toor'));
  });

  it('keeps addr= and device= of volume options but not username= or password=', () => {
    const out = redactOptions({ type: 'cifs', device: '//files.example.no/share', o: 'addr=192.0.2.10,username=svc,password=Sommer2024!,vers=3.0' });
    assert.deepEqual(out, { type: 'cifs', device: '//files.example.no/share', o: `addr=192.0.2.10,username=${REDACTED},password=${REDACTED},vers=3.0` });
  });

  it('redacts labels with secret names and credentials inside label values', () => {
    const out = redactOptions({ 'com.example.db-password': 'x', note: 'see https://admin:pw@wiki.example.com/page', plain: '<script>alert(1)</script>' });
    assert.deepEqual(out, { 'com.example.db-password': REDACTED, note: 'see https://wiki.example.com/page', plain: '<script>alert(1)</script>' });
  });

  it('scrubs bearer tokens and userinfo in free text', () => {
    assert.equal(scrubString('curl -H "Authorization: Bearer abcdefghijklmnop" https://u:p@x.example.com'), `curl -H "Authorization: Bearer ${REDACTED}" https://x.example.com`);
  });

  it('deep-redacts an inspect object without changing the input', () => {
    const inspect = { Config: { Env: ['PASSWORD=x', 'URL=https://a:b@h.example.com:8443/p'], Cmd: ['--secret=y'], Labels: { token: 't' } }, HostConfig: { LogConfig: { Type: 'splunk', Config: { 'splunk-token': 'tok', 'splunk-url': 'https://splunk.example.com:8088' } } } };
    const copy = JSON.parse(JSON.stringify(inspect));
    const out = redactDeep(inspect);
    assert.deepEqual(inspect, copy);
    const text = JSON.stringify(out);
    for (const secret of ['"x"', ':b@', '=y', '"t"', 'tok"']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    assert.ok(text.includes('https://h.example.com:8443'));
    assert.ok(text.includes('https://splunk.example.com:8088'));
  });

  it('scrubs secrets inside one shell string: --flag value and mysql -p<password>', () => {
    const out = redactArgs(['sh', '-c', 'redis-server --requirepass s3cr3t --port 6379', 'mysqladmin ping -uroot -phunter2'])!.join(' ');
    assert.ok(!out.includes('s3cr3t') && !out.includes('hunter2'), out);
    assert.ok(out.includes('--port 6379'), out);
  });

  it('keeps only the host of a URL whose password contains @, also in free text', () => {
    assert.equal(scrubString('HTTP_PROXY=http://user:p@ss@proxy.example.com:3128'), 'HTTP_PROXY=http://proxy.example.com:3128');
  });

  it('redacts ENV and ARG values in image history like container env values', () => {
    assert.equal(scrubHistoryLine('ENV STRIPE=sk_live_123 API=https://u:p@api.example.com/v1'), `ENV STRIPE=${REDACTED} API=https://api.example.com`);
    assert.equal(scrubHistoryLine('/bin/sh -c #(nop)  ENV MYSQL_ROOT_PASSWORD hunter2'), `/bin/sh -c #(nop)  ENV MYSQL_ROOT_PASSWORD ${REDACTED}`);
    assert.ok(!scrubHistoryLine('|2 NPM_TOKEN=abc123 VERSION=1.2 /bin/sh -c npm ci').includes('abc123'));
    const deep = redactDeep({ History: [{ CreatedBy: 'ENV DB_PASS=hunter2' }], Spec: { TaskTemplate: { ContainerSpec: { Command: ['app', '--password', 'hunter2'] } } } });
    assert.ok(!JSON.stringify(deep).includes('hunter2'), JSON.stringify(deep));
  });

  it('does not take a hex token with a colon for an IPv6 address', () => {
    assert.equal(addressOnly('deadbeef:0123456789abcdef0123'), null);
    assert.equal(addressOnly('fe80::1'), 'fe80::1');
  });
});
