import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { residencyCollector } from '../../../src/collectors/residency';
import { PROJECT_ROOT } from '../../../src/version';
import { dockerFile, residencyCtx, sampleDocker, sampleResolver } from '../../residency/support/fixtures';

describe('evidence/schema/residency.schema.json', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema/residency.schema.json'), 'utf8')) as object);

  it('accepts what the collector writes, with every geolocation source and answer', async () => {
    const out = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [{ interface: 'eth0', address: '2001:4860:4860::8888' }] }, dockerFile(sampleDocker())));
    assert.ok(validate(out.data), JSON.stringify(validate.errors?.slice(0, 3)));
    const disputed = out.data!.endpoints.flatMap((e) => e.addresses).find((a) => a.geoStatus === 'disputed');
    assert.ok(disputed, 'the sample has a disputed address (Google DNS over IPv6: US vs CA)');
  });

  it('refuses a disputed address that still names a country, and a source without a licence', async () => {
    const out = await residencyCollector.collect(residencyCtx({ resolver: sampleResolver(), hostAddresses: [] }, dockerFile(sampleDocker())));
    const data = JSON.parse(JSON.stringify(out.data)) as { endpoints: { addresses: { geoStatus?: string; country: string | null }[] }[]; geolocationSources: { licence?: string }[] };
    const a = data.endpoints.flatMap((e) => e.addresses).find((x) => x.geoStatus === 'agreed')!;
    a.geoStatus = 'disputed';
    assert.equal(validate(data), false);
    a.geoStatus = 'agreed';
    assert.ok(validate(data), JSON.stringify(validate.errors?.slice(0, 3)));
    delete data.geolocationSources[0].licence;
    assert.equal(validate(data), false);
  });
});
