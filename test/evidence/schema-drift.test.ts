import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateSchemas, HAND_WRITTEN_SCHEMAS, newlyRequired, SCHEMA_DIR } from '../../scripts/generate-schemas';
import { COLLECTOR_NAMES } from '../../src/evidence/types';
import { PROJECT_ROOT } from '../../src/version';

describe('committed schemas match the TypeScript types', function () {
  this.timeout(60_000);
  let generated: Map<string, string>;
  before(() => {
    generated = generateSchemas(PROJECT_ROOT);
  });

  it('every generated schema is committed byte for byte (else: run npm run schemas)', () => {
    const stale: string[] = [];
    for (const [file, text] of generated) {
      let committed: string | null = null;
      try {
        committed = readFileSync(path.join(PROJECT_ROOT, SCHEMA_DIR, file), 'utf8');
      } catch {
        /* missing counts as stale */
      }
      if (committed !== text) stale.push(file);
    }
    assert.deepEqual(stale, [], `${SCHEMA_DIR}/{${stale.join(',')}} differ from the types: run "npm run schemas" and commit the result`);
  });

  it('every file in evidence/schema is either generated or listed as hand-written', () => {
    const known = new Set([...generated.keys(), ...HAND_WRITTEN_SCHEMAS]);
    const unknown = readdirSync(path.join(PROJECT_ROOT, SCHEMA_DIR)).filter((f) => !known.has(f));
    assert.deepEqual(unknown, []);
  });

  it('every collector has a data schema, and evidence schemas are open while findings and config are closed', () => {
    for (const c of COLLECTOR_NAMES) assert.ok(generated.has(`${c}.schema.json`), `no schema for collector ${c}`);
    for (const f of ['envelope', ...COLLECTOR_NAMES, 'manifest']) assert.ok(!generated.get(`${f}.schema.json`)!.includes('"additionalProperties": false'), `${f} schema refuses unknown properties`);
    for (const f of ['findings', 'config']) assert.ok(generated.get(`${f}.schema.json`)!.includes('"additionalProperties": false'), `${f} schema allows unknown properties`);
  });

  it('keeps the overlay rules a type cannot express', () => {
    const docker = JSON.parse(generated.get('docker.schema.json')!) as { definitions: Record<string, { properties: Record<string, { type?: unknown; properties?: Record<string, { anyOf?: { items?: { pattern?: string } }[] }> }> }> };
    const env = docker.definitions.ContainerInspect.properties.Config.properties!.Env.anyOf!.find((b) => b.items);
    assert.match(env!.items!.pattern!, /redacted/);
    assert.equal(docker.definitions.ContainerHostConfig.properties.Memory.type, 'integer');
    assert.deepEqual(docker.definitions.ContainerHostConfig.properties.PidsLimit.type, ['integer', 'null']);
    const envelope = JSON.parse(generated.get('envelope.schema.json')!) as { definitions: { EvidenceFile: { allOf: unknown[]; properties: { collector: { enum: string[] } } } } };
    assert.deepEqual(envelope.definitions.EvidenceFile.properties.collector.enum, [...COLLECTOR_NAMES]);
    assert.equal(envelope.definitions.EvidenceFile.allOf.length, 2);
  });

  it('names properties that became required (an older minor version would be refused)', () => {
    const prev = JSON.stringify({ definitions: { A: { required: ['x'] }, B: { required: [] } } });
    const next = JSON.stringify({ definitions: { A: { required: ['x', 'y'] }, B: { required: [] }, C: { required: ['z'] } } });
    assert.deepEqual(newlyRequired(prev, next), ['A.y']);
    const docker = generated.get('docker.schema.json')!;
    assert.deepEqual(newlyRequired(docker, docker), []);
  });
});
