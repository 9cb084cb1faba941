import { strict as assert } from 'node:assert';
import { UsageError } from '../../../src/cli/args';
import { checksCommand, type CheckListing } from '../../../src/cli/commands/checks';
import { CIS_DOCKER_1_6_0 } from '../../../src/frameworks/cis-docker-1.6.0';
import { CIS_DOCKER_1_8_0 } from '../../../src/frameworks/cis-docker-1.8.0';

async function runChecks(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await checksCommand(argv, { stdout: (t) => (out += t), columns: 100 });
  return { code, out };
}

describe('residency-audit checks', () => {
  const row = (id: string) => new RegExp(`^cis-${id.replace(/\./g, '\\.')}\\s`, 'm');

  it('lists the 118 CIS Docker Benchmark 1.8.0 ids by default, with level and CIS label beside how this tool decides', async () => {
    const { code, out } = await runChecks([]);
    assert.equal(code, 0);
    for (const r of CIS_DOCKER_1_8_0) {
      assert.match(out, new RegExp(`^cis-${r.id.replace(/\./g, '\\.')}\\s+L${r.level}\\s+${r.assessment}\\s+(automated|manual)\\s`, 'm'), r.id);
    }
    assert.match(out, /CIS Docker Benchmark 1\.8\.0: 118 of 118 recommendations have a check/);
    assert.match(out, /^cis-2\.7\s+L1\s+manual\s+automated\s+medium\s+The devicemapper storage driver is not used$/m);
    assert.match(out, /^cis-2\.8\s.*TLS client certificates$/m, 'the TLS check is 2.8 in 1.8.0');
    assert.match(out, /^cis-2\.19\s/m);
    assert.match(out, /^cis-1\.1\.9\s.*docker\.sock/m, '1.1.9 audits the socket in 1.8.0');
    assert.match(out, /^cis-3\.17\s+L2\s/m, 'levels of the selected version');
    assert.match(out, /^ {4}How: HostConfig\.Privileged of every container/m);
    assert.match(out, /Score: score = 100/);
    assert.doesNotMatch(out, /Not covered by a check/);
    const json = JSON.parse((await runChecks(['--json'])).out) as CheckListing[];
    assert.equal(json.filter((r) => /^cis-\d/.test(r.id)).length, 118);
  });

  it('--benchmark 1.6.0 lists the 117 ids in the old numbering', async () => {
    const { code, out } = await runChecks(['--benchmark', '1.6.0']);
    assert.equal(code, 0);
    for (const r of CIS_DOCKER_1_6_0) assert.match(out, new RegExp(`^cis-${r.id.replace(/\./g, '\\.')}\\s+L${r.level}\\s+${r.assessment}\\s+(automated|manual)\\s`, 'm'), r.id);
    assert.match(out, /CIS Docker Benchmark 1\.6\.0: 117 of 117 recommendations have a check/);
    assert.match(out, /^cis-2\.7\s.*TLS client certificates$/m);
    assert.doesNotMatch(out, row('2.19'));
    assert.doesNotMatch(out, /devicemapper storage driver is not used/);
    assert.match(out, /^cis-1\.1\.9\s.*docker\.socket unit/m);
    const json = JSON.parse((await runChecks(['--json', '--benchmark', 'cis-docker-1.6.0'])).out) as CheckListing[];
    assert.equal(json.filter((r) => /^cis-\d/.test(r.id)).length, 117);
    assert.equal(json.find((r) => r.check === 'cis.tls-auth')!.id, 'cis-2.7');
  });

  it('rejects an unknown benchmark, naming the known ones', async () => {
    await assert.rejects(runChecks(['--benchmark', '1.7.0']), (e: Error) => e instanceof UsageError && /unknown benchmark "1\.7\.0" \(known: cis-docker-1\.8\.0, cis-docker-1\.6\.0/.test(e.message));
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
    const two = JSON.parse((await runChecks(['--json', '--section', '2'])).out) as CheckListing[];
    assert.equal(two.length, 19);
    const dm = two.find((r) => r.id === 'cis-2.7')!;
    assert.deepEqual([dm.check, dm.level, dm.cisAssessment, dm.decided], ['cis.devicemapper', 1, 'manual', 'automated']);
  });

  it('rejects an unknown section with a clear message', async () => {
    await assert.rejects(runChecks(['--section', '9']), (e: Error) => e instanceof UsageError && /CIS section 1-7/.test(e.message));
    await assert.rejects(runChecks(['--section', 'kernel']), (e: Error) => e instanceof UsageError && /got "kernel"/.test(e.message));
  });
});
