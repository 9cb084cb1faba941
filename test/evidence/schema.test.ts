import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { dockerCollector } from '../../src/collectors/docker';
import { runCollector } from '../../src/collectors/run';
import { PROJECT_ROOT } from '../../src/version';
import { createTestContainer, requireEngine } from '../support/engine';

function schema(name: string): object {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema', name), 'utf8')) as object;
}

describe('evidence schemas', function () {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const envelope = ajv.compile(schema('envelope.schema.json'));
  const docker = ajv.compile(schema('docker.schema.json'));

  it('accepts real docker evidence and rejects a failed file without a reason', async function () {
    const engine = await requireEngine(this);
    await createTestContainer(engine, 'schema', { Env: ['URL=https://u:p@example.com:8443/x?token=1', 'SECRET=s'] });
    const file = await runCollector(dockerCollector, { hostRoot: '/', dockerHost: engine.host, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} });
    assert.ok(envelope(file), JSON.stringify(envelope.errors));
    assert.ok(docker(file.data), JSON.stringify(docker.errors?.slice(0, 3)));
    assert.equal(envelope({ ...file, status: 'failed', data: null, error: undefined }), false);
  });

  it('the docker schema refuses an env value that still carries a path or credential', () => {
    const data = { endpoint: 'unix:///x', version: {}, info: {}, images: [], networks: [], volumes: [], swarm: null, containers: [{ Id: 'a', Name: '/a', HostConfig: {}, Config: { Env: ['URL=https://u:p@example.com/x'] } }] };
    assert.equal(docker(data), false);
  });
});
