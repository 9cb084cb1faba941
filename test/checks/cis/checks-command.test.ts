import { strict as assert } from 'node:assert';
import { UsageError } from '../../../src/cli/args';
import { checksCommand, type CheckListing } from '../../../src/cli/commands/checks';
import { CIS_DOCKER_1_6_0 } from '../../../src/frameworks/cis-docker-1.6.0';

async function runChecks(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await checksCommand(argv, { stdout: (t) => (out += t), columns: 100 });
  return { code, out };
}

describe('residency-audit checks', () => {
  it('lists every CIS Docker Benchmark id of sections 1-7 with how it is decided', async () => {
    const { code, out } = await runChecks([]);
    assert.equal(code, 0);
    for (const r of CIS_DOCKER_1_6_0) assert.match(out, new RegExp(`^${r.checkId.replace(/\./g, '\\.')}\\s+L${r.level}\\s+(automated|manual)\\s`, 'm'), r.checkId);
    assert.match(out, /117 of 117 recommendations have a check/);
    assert.match(out, /^ {4}How: HostConfig\.Privileged of every container/m);
    assert.match(out, /Score: score = 100/);
    assert.doesNotMatch(out, /Not covered by a check/);
  });

  it('prints JSON and filters by CIS section number or pack section', async () => {
    const five = JSON.parse((await runChecks(['--json', '--section', '5'])).out) as CheckListing[];
    assert.equal(five.filter((r) => r.id.startsWith('cis-5.')).length, 32);
    assert.ok(five.every((r) => r.cisSection === 5));
    assert.ok(five.some((r) => r.id === 'docker-legacy-links'), 'hardening extras sit with their CIS section');
    const sshd = five.find((r) => r.id === 'cis-5.7')!;
    assert.deepEqual([sshd.level, sshd.decided, sshd.severity, sshd.requires], [1, 'automated', 'medium', ['docker', 'host']]);
    const daemonFiles = JSON.parse((await runChecks(['--json', '--section', 'daemon-files'])).out) as CheckListing[];
    assert.equal(daemonFiles.length, 24);
  });

  it('rejects an unknown section with a clear message', async () => {
    await assert.rejects(runChecks(['--section', '9']), (e: Error) => e instanceof UsageError && /CIS section 1-7/.test(e.message));
    await assert.rejects(runChecks(['--section', 'kernel']), (e: Error) => e instanceof UsageError && /got "kernel"/.test(e.message));
  });
});
