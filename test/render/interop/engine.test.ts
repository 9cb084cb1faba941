/**
 * The interop exports of a run against a real engine: a couple of test containers (one privileged,
 * created but never started; one running read-only), `run --format oscal,hdf,csv,xlsx`, and each export
 * checked with its users' reader. The engine may hold other containers too: only ours are asserted on.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { contextualizeEvaluation, convertFile } from 'inspecjs';
import type { FindingsDocument } from '../../../src/findings/types';
import { uuidV5 } from '../../../src/render/interop/uuid';
import { createTestContainer, requireEngine } from '../../support/engine';
import { cli, hdfErrors, oscalErrors, parseCsv } from './support';

describe('interop exports of a run against a real engine', function () {
  let out: string | undefined;
  let doc: FindingsDocument;
  let privilegedId: string;
  const read = (f: string) => fs.readFile(path.join(out!, f));

  before(async function () {
    const engine = await requireEngine(this);
    this.timeout(300_000);
    privilegedId = (await createTestContainer(engine, 'interop-priv', { HostConfig: { Privileged: true } })).id;
    await createTestContainer(engine, 'interop-ro', { HostConfig: { ReadonlyRootfs: true, Memory: 64 << 20, PidsLimit: 64 } }, { start: true });
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-interop-engine-'));
    const r = await cli(['run', '--out', out, '--docker-host', engine.host, '--bench', 'off', '--no-dns', '--quiet', '--format', 'oscal,hdf,csv,xlsx']);
    assert.equal(r.code, 0, r.stderr);
    doc = JSON.parse((await read('findings.json')).toString('utf8')) as FindingsDocument;
  });
  after(async () => {
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it('findings.oscal.json is valid OSCAL 1.2.1; the privileged container is a not-satisfied finding linked to the docker evidence', async () => {
    const oscal = JSON.parse((await read('findings.oscal.json')).toString('utf8')) as { 'assessment-results': { results: { observations: { uuid: string; props: { name: string; value: string }[] }[]; findings: { uuid: string; target: { status: { state: string } }; 'related-observations'?: { 'observation-uuid': string }[] }[] }[] } };
    assert.deepEqual(oscalErrors(oscal), []);
    const [result] = oscal['assessment-results'].results;
    assert.equal(result.findings.length, doc.findings.length);
    assert.equal(result.observations.length, doc.run.evidence.length);
    const priv = doc.findings.find((f) => f.check === 'cis.privileged' && f.target.id === privilegedId);
    assert.ok(priv, 'a finding on the privileged container');
    assert.equal(priv.outcome, 'fail');
    const o = result.findings.find((x) => x.uuid === uuidV5(`finding:${priv.id}`))!;
    assert.equal(o.target.status.state, 'not-satisfied');
    const docker = result.observations.find((x) => x.props.some((p) => p.name === 'collector' && p.value === 'docker'))!;
    assert.ok(o['related-observations']?.some((r) => r['observation-uuid'] === docker.uuid), 'linked to the docker evidence observation');
  });

  it('findings.hdf.json is valid HDF and inspecjs shows the privileged-container control as Failed', async () => {
    const text = (await read('findings.hdf.json')).toString('utf8');
    assert.deepEqual(hdfErrors(JSON.parse(text)), []);
    const exec = convertFile(text, true)['1_0_ExecJson'];
    assert.ok(exec, 'inspecjs reads it');
    const priv = doc.findings.find((f) => f.check === 'cis.privileged' && f.target.id === privilegedId)!;
    const control = contextualizeEvaluation(exec).contains.flatMap((p) => p.contains).find((c) => c.data.id === priv.control)!;
    assert.equal(control.root.hdf.status, 'Failed');
    assert.ok(control.root.hdf.segments?.some((s) => s.status === 'failed' && s.resource === 'container'));
  });

  it('findings.csv and findings.xlsx have one row per finding and name our containers', async () => {
    const rows = parseCsv((await read('findings.csv')).toString('utf8').slice(1));
    assert.equal(rows.length - 1, doc.findings.length);
    const targetId = rows[0].indexOf('Target id');
    assert.ok(rows.some((r) => r[targetId] === privilegedId));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read('findings.xlsx')) as unknown as ExcelJS.Buffer);
    assert.equal(wb.worksheets[0].rowCount - 1, doc.findings.length);
    const manifest = JSON.parse((await read('manifest.json')).toString('utf8')) as { files: { path: string }[] };
    for (const f of ['findings.oscal.json', 'findings.hdf.json', 'findings.csv', 'findings.xlsx']) assert.ok(manifest.files.some((m) => m.path === f), `${f} in the manifest`);
  });
});
