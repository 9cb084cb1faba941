import { strict as assert } from 'node:assert';
import { gatingFindings } from '../../src/cli/commands/shared';
import type { Finding, FindingsDocument, Outcome, Severity } from '../../src/findings/types';

function doc(...fs: [Outcome, Severity][]): FindingsDocument {
  const findings = fs.map(([outcome, severity], i) => ({ control: `c${i}`, outcome, severity }) as Finding);
  return { run: {} as FindingsDocument['run'], controls: {}, findings, residency: null };
}

describe('cli --fail-on gate', () => {
  it('counts fail, warn and error (could not check) at or above the threshold, never waived or manual', () => {
    assert.equal(gatingFindings(doc(['error', 'critical']), 'critical'), 1);
    assert.equal(gatingFindings(doc(['fail', 'high'], ['warn', 'medium']), 'high'), 1);
    assert.equal(gatingFindings(doc(['waived', 'critical'], ['manual', 'critical'], ['pass', 'critical']), 'low'), 0);
    assert.equal(gatingFindings(doc(['fail', 'critical']), undefined), 0);
  });
});
