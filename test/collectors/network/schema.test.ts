import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { networkCollector } from '../../../src/collectors/network';
import { runCollector } from '../../../src/collectors/run';
import { PROJECT_ROOT } from '../../../src/version';

function schema(name: string): object {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema', name), 'utf8')) as object;
}

describe('network evidence schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const envelope = ajv.compile(schema('envelope.schema.json'));
  const network = ajv.compile(schema('network.schema.json'));

  it('accepts real network evidence of this host and the recorded rig evidence', async () => {
    const file = await runCollector(networkCollector, { hostRoot: '/', earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} });
    assert.ok(envelope(file), JSON.stringify(envelope.errors));
    assert.ok(network(file.data), JSON.stringify(network.errors?.slice(0, 3)));
    const rig = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/network/docker-20.10-rig/network.json'), 'utf8')) as { data: unknown };
    assert.ok(network(rig.data), JSON.stringify(network.errors?.slice(0, 3)));
  });

  it('refuses a source that failed without saying why', async () => {
    const file = await runCollector(networkCollector, { hostRoot: '/', earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} });
    const data = JSON.parse(JSON.stringify(file.data)) as { filters: { status: string; detail?: string }[] };
    data.filters[0] = { ...data.filters[0], status: 'denied' };
    delete data.filters[0].detail;
    assert.equal(network(data), false);
  });
});
