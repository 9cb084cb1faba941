import { strict as assert } from 'node:assert';
import { ConfigFileError, parseConfig } from '../../src/config/load';

describe('config/load', () => {
  it('reads organisation, waivers (YAML dates too) and the residency block', () => {
    const c = parseConfig(
      'organisation: Fjord Data AS\nwaivers:\n  - control: cis-5.13\n    target: legacy-app\n    justification: vendor image writes to /\n    approvedBy: CISO\n    expires: 2027-03-31\nresidency:\n  allowed: [eea]\n',
      'audit.yaml',
    );
    assert.equal(c.organisation, 'Fjord Data AS');
    assert.deepEqual(c.waivers, [{ control: 'cis-5.13', target: 'legacy-app', justification: 'vendor image writes to /', approvedBy: 'CISO', expires: '2027-03-31' }]);
    assert.deepEqual(c.residency, { allowed: ['eea'] });
  });

  it('names the file and the problem for malformed input', () => {
    assert.throws(() => parseConfig('organisation: [unclosed', 'a.yaml'), (e: Error) => e instanceof ConfigFileError && /^a\.yaml: not valid YAML/.test(e.message));
    assert.throws(() => parseConfig('organization: typo', 'a.yaml'), /a\.yaml: unknown key "organization"/);
    assert.throws(() => parseConfig('waivers:\n  - control: cis-5.5\n', 'a.yaml'), /a\.yaml: waivers\[0\]: "justification" is required/);
    assert.throws(() => parseConfig('waivers:\n  - {control: x, justification: y, approvedBy: z, expires: soon}\n', 'a.yaml'), /"expires" is not a date: soon/);
    assert.throws(() => parseConfig('- a\n- b\n', 'a.yaml'), /expected a mapping/);
  });

  it('accepts an empty file as no configuration', () => {
    assert.deepEqual(parseConfig('', 'a.yaml'), {});
  });
});

describe('config/load: the residency block', () => {
  it('is validated when the config is read, naming the file and key', () => {
    assert.throws(() => parseConfig('residency:\n  allowd: [eea]\n', 'audit.yaml'), (e: Error) => e instanceof ConfigFileError && /audit\.yaml/.test(e.message) && /allowd/.test(e.message));
  });
});
