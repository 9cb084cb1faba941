import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, resolveEngineAddress } from '../../../src/collectors/docker/connection';

describe('collectors/docker/connection: the docker CLI rules', () => {
  it('prefers --docker-host, then DOCKER_HOST, then the default socket', () => {
    assert.equal(resolveEngineAddress('unix:///a.sock', { DOCKER_HOST: 'unix:///b.sock' }).display, 'unix:///a.sock');
    const env = resolveEngineAddress(undefined, { DOCKER_HOST: 'unix:///b.sock' });
    assert.deepEqual([env.display, env.source], ['unix:///b.sock', 'DOCKER_HOST']);
    const def = resolveEngineAddress(undefined, {});
    assert.deepEqual([def.display, def.source, def.options.socketPath], ['unix:///var/run/docker.sock', 'default', '/var/run/docker.sock']);
  });

  it('uses plain HTTP on tcp:// without DOCKER_TLS_VERIFY, and 2375 by default', () => {
    const a = resolveEngineAddress('tcp://127.0.0.1', {});
    assert.deepEqual([a.options.protocol, a.options.host, a.options.port], ['http', '127.0.0.1', 2375]);
  });

  it('uses TLS with the certificates of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-certs-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) await fs.writeFile(path.join(dir, f), `--${f}--`);
    const a = resolveEngineAddress('tcp://[::1]:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    assert.equal(a.options.protocol, 'https');
    assert.equal(a.options.host, '::1');
    assert.equal(String(a.options.ca), '--ca.pem--');
    assert.throws(() => resolveEngineAddress('tcp://127.0.0.1:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(dir, 'none') }), /client certificates cannot be read/);
  });

  it('drops credentials from the address it shows', () => {
    const a = resolveEngineAddress('tcp://admin:pw@127.0.0.1:2375', {});
    assert.equal(a.display, 'tcp://127.0.0.1:2375');
    assert.equal(a.credentialsDropped, true);
    assert.ok(!JSON.stringify(a.options).includes('pw'), 'the client options carry no credential');
    assert.equal(resolveEngineAddress('tcp://127.0.0.1:2375', {}).credentialsDropped, undefined);
  });

  it('rejects malformed and unsupported addresses with a clear error', () => {
    assert.throws(() => resolveEngineAddress('docker.example.com', {}), ConfigError);
    assert.throws(() => resolveEngineAddress('ssh://user:secret@host', {}), (e: Error) => e instanceof ConfigError && /unsupported Docker host scheme "ssh:\/\/"/.test(e.message) && !e.message.includes('secret'));
    assert.throws(() => resolveEngineAddress('unix://relative.sock', {}), /must be absolute/);
  });

  it('never falls back to the default socket for an empty or host-less address', () => {
    // tcp:// used to reach unix:///var/run/docker.sock while the evidence recorded tcp://:2375.
    for (const bad of ['tcp://', 'tcp://:2375', 'https://', 'tcp://[]:2375']) {
      assert.throws(() => resolveEngineAddress(bad, {}), (e: Error) => e instanceof ConfigError && /invalid Docker host/.test(e.message), bad);
    }
    assert.throws(() => resolveEngineAddress('', {}), /--docker-host is empty/);
    assert.throws(() => resolveEngineAddress('   ', { DOCKER_HOST: 'unix:///b.sock' }), /--docker-host is empty/);
    assert.throws(() => resolveEngineAddress('unix://', {}), /must be absolute/);
    assert.throws(() => resolveEngineAddress('tcp://127.0.0.1:2375/v1.41', {}), /only tcp:\/\/host:port is supported/);
    assert.throws(() => resolveEngineAddress('tcp://127.0.0.1:99999', {}), /cannot parse host and port/);
    // DOCKER_HOST="" counts as unset, as for the docker CLI.
    assert.equal(resolveEngineAddress(undefined, { DOCKER_HOST: '' }).source, 'default');
  });

  it('names a malformed address without its credentials', () => {
    assert.throws(() => resolveEngineAddress('tcp://admin:s3cr/et@127.0.0.1:abc', {}), (e: Error) => /cannot parse/.test(e.message) && !e.message.includes('s3cr') && !e.message.includes('admin'));
    assert.throws(() => resolveEngineAddress('admin:s3cret@host', {}), (e: Error) => !e.message.includes('s3cret'));
  });
});
