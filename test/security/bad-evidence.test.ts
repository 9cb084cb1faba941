/**
 * Hostile or damaged evidence must be refused before any check decides from it. Each case takes the
 * sample evidence, applies one mutation, writes the manifest fresh (so the integrity check passes and
 * validation is what is tested) and runs the real CLI `report` on the copy: every one must exit 2
 * naming the file and the JSON path, write no findings, and print no stack or TypeError.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeManifest } from '../../src/evidence/manifest';
import { mapLimit } from '../../src/util/map-limit';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';

const BIN = path.join(PROJECT_ROOT, 'bin/residency-audit');
const SAMPLE = path.join(PROJECT_ROOT, 'evidence/sample');

type Json = any; // mutations reach into arbitrary evidence

interface Case {
  name: string;
  /** Pack-relative file that is mutated, and the pointer the error must name. */
  file: string;
  pointer: string;
  mutate: (doc: Json) => Json | void;
}

const docker = 'evidence/docker.json';
/** How many containers the sample holds: a null pushed at the end sits at this index. */
const SAMPLE_CONTAINERS = (JSON.parse(readFileSync(path.join(SAMPLE, docker), 'utf8')) as { data: { containers: unknown[] } }).data.containers.length;
const host = 'evidence/host.json';
const virt = 'evidence/virt.json';
const storage = 'evidence/storage.json';
const residency = 'evidence/residency.json';

const CASES: Case[] = [
  // numbers as strings: they flipped cis-5.11/5.12 from fail to pass before validation
  { name: 'Memory as a string', file: docker, pointer: '/data/containers/0/HostConfig/Memory', mutate: (d) => void (d.data.containers[0].HostConfig.Memory = '64m') },
  { name: 'NanoCpus as a string', file: docker, pointer: '/data/containers/0/HostConfig/NanoCpus', mutate: (d) => void (d.data.containers[0].HostConfig.NanoCpus = '1.5') },
  { name: 'PidsLimit as a string', file: docker, pointer: '/data/containers/2/HostConfig/PidsLimit', mutate: (d) => void (d.data.containers[2].HostConfig.PidsLimit = '100') },
  { name: 'Privileged as the string "false"', file: docker, pointer: '/data/containers/1/HostConfig/Privileged', mutate: (d) => void (d.data.containers[1].HostConfig.Privileged = 'false') },
  { name: 'CapAdd as a string', file: docker, pointer: '/data/containers/0/HostConfig/CapAdd', mutate: (d) => void (d.data.containers[0].HostConfig.CapAdd = 'ALL') },
  { name: 'containers: "oops"', file: docker, pointer: '/data/containers', mutate: (d) => void (d.data.containers = 'oops') },
  { name: 'info missing', file: docker, pointer: '/data/info', mutate: (d) => void delete d.data.info },
  { name: 'version missing', file: docker, pointer: '/data/version', mutate: (d) => void delete d.data.version },
  { name: 'schemaVersion 999.0.0', file: docker, pointer: '/schemaVersion', mutate: (d) => void (d.schemaVersion = '999.0.0') },
  { name: 'schemaVersion as a number', file: docker, pointer: '/schemaVersion', mutate: (d) => void (d.schemaVersion = 1) },
  { name: 'data: []', file: docker, pointer: '/data', mutate: (d) => void (d.data = []) },
  { name: 'null inside containers', file: docker, pointer: `/data/containers/${SAMPLE_CONTAINERS}`, mutate: (d) => void d.data.containers.push(null) },
  { name: 'HostConfig null', file: docker, pointer: '/data/containers/0/HostConfig', mutate: (d) => void (d.data.containers[0].HostConfig = null) },
  { name: 'null inside SecurityOptions', file: docker, pointer: '/data/info/SecurityOptions/0', mutate: (d) => void (d.data.info.SecurityOptions = [null]) },
  { name: 'images as an object', file: docker, pointer: '/data/images', mutate: (d) => void (d.data.images = {}) },
  { name: 'container Id as a number', file: docker, pointer: '/data/containers/0/Id', mutate: (d) => void (d.data.containers[0].Id = 5) },
  { name: 'status ok without data', file: docker, pointer: '/data', mutate: (d) => void (d.data = null) },
  { name: 'collector of another file', file: docker, pointer: '/collector', mutate: (d) => void (d.collector = 'host') },
  { name: 'the whole file an array', file: docker, pointer: 'the top level', mutate: () => [] },
  // host
  { name: 'host daemon pid as a string', file: host, pointer: '/data/daemon/pid', mutate: (d) => void (d.data.daemon.pid = String(d.data.daemon.pid)) },
  { name: 'host socket uid as a string', file: host, pointer: '/data/sockets/0/uid', mutate: (d) => void (d.data.sockets[0].uid = '0') },
  { name: 'host sockets null', file: host, pointer: '/data/sockets', mutate: (d) => void (d.data.sockets = null) },
  { name: 'host flag value not a list', file: host, pointer: '/data/flags/host', mutate: (d) => void (d.data.flags.host = 'unix:///run/docker.sock') },
  { name: 'host failed but data kept', file: host, pointer: '/data', mutate: (d) => void Object.assign(d, { status: 'failed', error: 'x' }) },
  // virt
  { name: 'virt kernel not a verdict', file: virt, pointer: '/data/kernel', mutate: (d) => void (d.data.kernel = 'maybe') },
  { name: 'virt containers as an object', file: virt, pointer: '/data/containers', mutate: (d) => void (d.data.containers = {}) },
  { name: 'null inside virt signals', file: virt, pointer: '/data/signals/0', mutate: (d) => void (d.data.signals[0] = null) },
  { name: 'envelope startedAt a number', file: virt, pointer: '/startedAt', mutate: (d) => void (d.startedAt = 12) },
  { name: 'envelope host missing', file: virt, pointer: '/host', mutate: (d) => void delete d.host },
  // storage
  { name: 'storage IOPS as a string', file: storage, pointer: '/data/targets/0/results/randread4kQd1/iops', mutate: (d) => void (d.data.targets[0].results.randread4kQd1.iops = '13158') },
  { name: 'storage load average of two', file: storage, pointer: '/data/targets/0/loadavgBefore', mutate: (d) => void (d.data.targets[0].loadavgBefore = [1, 2]) },
  { name: 'storage primary as a string', file: storage, pointer: '/data/primary', mutate: (d) => void (d.data.primary = '0') },
  // residency
  { name: 'residency port as a string', file: residency, pointer: '/data/endpoints/0/port', mutate: (d) => void (d.data.endpoints[0].port = '5432') },
  { name: 'residency address family 5', file: residency, pointer: '/data/endpoints/0/addresses/0/family', mutate: (d) => void (d.data.endpoints[0].addresses[0].family = 5) },
  { name: 'null inside residency endpoints', file: residency, pointer: '/data/endpoints/0', mutate: (d) => void (d.data.endpoints = [null]) },
  { name: 'residency kinds as a string', file: residency, pointer: '/data/endpoints/0/kinds', mutate: (d) => void (d.data.endpoints[0].kinds = 'env') },
  // the pack's config
  { name: 'config waiver expiry a number', file: 'config.json', pointer: '/waivers/0/expires', mutate: (d) => void (d.waivers = [{ control: 'cis-5.5', justification: 'j', approvedBy: 'a', expires: 20270101 }]) },
];

/** Evidence that is valid but sparse: what an old engine, a minimal container or a failed collector leaves. */
const SPARSE: { name: string; mutate: (files: Record<string, Json>) => void }[] = [
  {
    name: 'containers, images, networks and volumes with only their required fields; empty info and version',
    mutate: (f) => {
      const d = f[docker].data;
      d.containers = d.containers.map((c: Json) => ({ Id: c.Id, Name: c.Name, HostConfig: {}, Config: {} }));
      d.images = d.images.map((i: Json) => ({ Id: i.Id }));
      d.networks = d.networks.map((n: Json) => ({ Id: n.Id, Name: n.Name }));
      d.volumes = d.volumes.map((v: Json) => ({ Name: v.Name }));
      d.info = {};
      d.version = {};
    },
  },
  {
    name: 'every nullable list null, no daemon process, empty virt signals and no endpoints',
    mutate: (f) => {
      for (const c of f[docker].data.containers) {
        Object.assign(c.HostConfig, { CapAdd: null, CapDrop: null, SecurityOpt: null, Devices: null, Ulimits: null, PortBindings: null, Binds: null, PidsLimit: null, Init: null });
        Object.assign(c.Config, { Env: null, Cmd: null, Entrypoint: null, Labels: null, Healthcheck: null });
      }
      Object.assign(f[host].data, { daemon: null, containerdSocket: null, sockets: [], tcpHosts: [], configFiles: [], registryCerts: [], daemonCandidates: [], flags: {} });
      Object.assign(f[virt].data, { containers: [], unconfirmed: [], signals: [], layers: [], missing: [], crossChecks: [], sources: [], facts: [] });
      Object.assign(f[residency].data, { endpoints: [], geolocation: null, declared: null });
      Object.assign(f[storage].data, { targets: [], primary: null });
    },
  },
  {
    name: 'docker skipped, every other collector failed',
    mutate: (f) => {
      Object.assign(f[docker], { status: 'skipped', error: 'not asked for', data: null });
      for (const c of [host, virt, storage, residency]) Object.assign(f[c], { status: 'failed', error: 'permission denied', data: null });
    },
  },
];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  findingsWritten: boolean;
}

/** Copy the sample to root/name, let `mutate` change its parsed files, write them and a fresh manifest, run report. */
async function reportMutated(root: string, name: string, files: readonly string[], mutate: (docs: Record<string, Json>) => Record<string, Json> | void): Promise<Outcome & { dir: string }> {
  const dir = path.join(root, name);
  await fs.cp(SAMPLE, dir, { recursive: true });
  const docs: Record<string, Json> = {};
  for (const f of files) docs[f] = JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as Json;
  const replaced = mutate(docs) ?? docs;
  for (const f of files) await fs.writeFile(path.join(dir, f), JSON.stringify(replaced[f], null, 2));
  await writeManifest(dir, TOOL_VERSION);
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, 'report', dir, '--format', 'sarif'], { maxBuffer: 8 << 20 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
  const findingsWritten = await fs.access(path.join(dir, 'findings.json')).then(() => true, () => false);
  return { ...r, findingsWritten, dir };
}

function runCase(root: string, c: Case, i: number): Promise<Outcome> {
  return reportMutated(root, String(i), [c.file], (docs) => {
    const replaced = c.mutate(docs[c.file]);
    return replaced === undefined ? docs : { [c.file]: replaced };
  });
}

const EVIDENCE_FILES = [docker, host, virt, storage, residency];

describe('bad evidence is refused before anything is decided (report on mutated sample evidence)', function () {
  this.timeout(180_000);
  let root: string;
  let outcomes: Outcome[];

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-bad-evidence-'));
    outcomes = await mapLimit(CASES, Math.max(2, Math.min(6, os.cpus().length)), (c, i) => runCase(root, c, i));
  });
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it(`runs ${CASES.length} mutations`, () => {
    assert.ok(CASES.length >= 30);
    assert.equal(outcomes.length, CASES.length);
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: exit 2 naming ${c.file} ${c.pointer}`, () => {
      const o = outcomes[i];
      assert.equal(o.code, 2, `exit ${o.code}: ${o.stderr}`);
      const named = `${c.file}: ${c.pointer}`;
      assert.ok(o.stderr.split('\n').some((l) => l.includes(named) && /^residency-audit: /.test(l)), `"${named}" not in: ${o.stderr}`);
      assert.doesNotMatch(o.stderr, /TypeError|is not a function|Cannot read propert|\n\s+at \S+ \(/);
      assert.equal(o.findingsWritten, false, 'findings.json written from refused evidence');
    });
  }

  it('the unmutated sample (manifest rewritten the same way) still reports with exit 0', async () => {
    const o = await runCase(root, { name: 'none', file: docker, pointer: '', mutate: () => undefined }, CASES.length);
    assert.equal(o.code, 0, o.stderr);
    assert.equal(o.findingsWritten, true);
  });
});

describe('valid but sparse evidence reports, and no check fails on it', function () {
  this.timeout(300_000);
  let root: string;
  let outcomes: (Outcome & { dir: string })[];

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sparse-evidence-'));
    outcomes = await mapLimit(SPARSE, 3, (c, i) => reportMutated(root, `sparse-${i}`, EVIDENCE_FILES, c.mutate));
  });
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  for (const [i, c] of SPARSE.entries()) {
    it(`${c.name}: exit 0, and every check decided or said why not`, async () => {
      const o = outcomes[i];
      assert.equal(o.code, 0, o.stderr);
      assert.doesNotMatch(o.stderr, /TypeError|\n\s+at \S+ \(/);
      const doc = JSON.parse(await fs.readFile(path.join(o.dir, 'findings.json'), 'utf8')) as { findings: { control: string; message: { en: string } }[] };
      const crashed = doc.findings.filter((f) => /failed while evaluating|is not a function|Cannot read propert|is not iterable/.test(f.message.en));
      assert.deepEqual(crashed.map((f) => `${f.control}: ${f.message.en}`), []);
    });
  }
});
