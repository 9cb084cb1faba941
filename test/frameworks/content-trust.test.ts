/**
 * Docker Content Trust is retired (Docker, 2025): Official Images' DCT signatures expired from
 * 8 August 2025, so a client that enforces it can no longer pull them. CIS 4.5 still asks for it.
 * Nothing this tool writes may tell anyone to turn it on: not the catalog (either benchmark), not a
 * finding, not a rendered pack.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { controlRecords } from '../../src/checks/catalog';
import { ALL_CHECKS } from '../../src/checks/registry';
import { checksCommand } from '../../src/cli/commands/checks';
import { BENCHMARK_IDS, BENCHMARKS } from '../../src/frameworks/benchmarks';
import type { FindingsDocument } from '../../src/findings/types';
import { PROJECT_ROOT } from '../../src/version';
import { dockerEvidence, loaded, run } from '../checks/cis/fixtures';

const exec = promisify(execFile);

/** Advice to enable DCT, in any of the ways it is usually written. */
const ENABLE_DCT = [/DOCKER_CONTENT_TRUST\s*[=:]\s*["']?(1|true)\b/i, /export\s+DOCKER_CONTENT_TRUST\b/i, /\benable\s+(docker\s+)?content\s+trust\b/i];

function assertNoDctAdvice(text: string, where: string): void {
  for (const re of ENABLE_DCT) {
    const m = re.exec(text);
    assert.equal(m, null, `${where} recommends Docker Content Trust: …${m ? text.slice(Math.max(0, m.index - 80), m.index + 80) : ''}…`);
  }
}

async function listed(argv: string[]): Promise<string> {
  let out = '';
  await checksCommand(argv, { stdout: (t) => (out += t), columns: 200 });
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no output recommends Docker Content Trust', function () {
  it('the guard itself catches the ways DCT advice is written', () => {
    for (const bad of ['export DOCKER_CONTENT_TRUST=1 in CI', 'set DOCKER_CONTENT_TRUST: "1"', 'Enable Docker Content Trust on hosts', 'DOCKER_CONTENT_TRUST=true']) {
      assert.throws(() => assertNoDctAdvice(bad, 'sample'), /recommends Docker Content Trust/, bad);
    }
    assertNoDctAdvice('Do not turn on Docker Content Trust: it is retired.', 'sample');
  });

  for (const id of BENCHMARK_IDS) {
    it(`the catalog's texts in ${id} (control records, checks table and --json), in both languages`, async () => {
      const records = controlRecords(ALL_CHECKS, BENCHMARKS[id]);
      assertNoDctAdvice(JSON.stringify(records), `${id} control records`);
      const version = BENCHMARKS[id].version;
      assertNoDctAdvice(await listed(['--benchmark', version]), `checks --benchmark ${version}`);
      assertNoDctAdvice(await listed(['--benchmark', version, '--json']), `checks --benchmark ${version} --json`);
      const ct = Object.values(records).find((r) => r.check === 'cis.content-trust')!;
      assert.equal(ct.control, 'cis-4.5');
      assert.equal(ct.automated, false, 'stays a manual control');
      assert.match(ct.remediation.en, /retired/);
      assert.match(ct.remediation.en, /Official Images/);
      assert.match(ct.remediation.en, /cosign verify/);
      assert.match(ct.remediation.en, /notation verify/);
      assert.match(ct.remediation.en, /by digest/);
    });
  }

  it('4.5 findings explain the retirement and report provenance per image, never as a pass', () => {
    const d = dockerEvidence([], (x) => {
      x.images = [
        { Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['nginx:1.27'], RepoDigests: ['nginx@sha256:' + 'b'.repeat(64)] },
        { Id: 'sha256:' + 'c'.repeat(64), RepoTags: ['registry.example.eu:5000/team/app:3'], RepoDigests: ['registry.example.eu:5000/team/app@sha256:' + 'd'.repeat(64)], Manifests: [{ Kind: 'image' }, { Kind: 'attestation' }] },
        { Id: 'sha256:' + 'e'.repeat(64), RepoTags: ['local/build:dev'], RepoDigests: [] },
      ];
    });
    const fs = run('cis.content-trust', loaded(d));
    assert.equal(fs.length, 3);
    for (const f of fs) {
      assert.equal(f.outcome, 'manual');
      assert.equal(f.control, 'cis-4.5');
      assert.match(f.message.en, /Docker Content Trust is retired/);
      assertNoDctAdvice(JSON.stringify(f), f.target.name);
    }
    const [hub, own, local] = fs;
    assert.match(hub.message.en, /^nginx:1\.27: pulled from docker\.io by digest \(nginx@sha256:b{64}\)\. /);
    assert.match(hub.message.en, /shows no cosign or Notation signature/);
    assert.match(String((hub.observed as Record<string, unknown>).attestationManifests), /^not listed by this engine \(Engine API 1\.41\)$/);
    assert.match(own.message.en, /pulled from registry\.example\.eu:5000 by digest.*lists 1 attestation manifest\(s\) with it, which it does not verify/);
    assert.equal((own.observed as Record<string, unknown>).attestationManifests, 1);
    assert.match(local.message.en, /^local\/build:dev: no registry digest, so it was built or imported on this host/);
    assert.deepEqual(hub.evidence, [{ file: 'evidence/docker.json', pointers: ['/data/images/0/RepoDigests'] }]);
  });

  it('4.5 with no images is manual and says why (what is and is not visible)', () => {
    const [f] = run('cis.content-trust', loaded(dockerEvidence([], (x) => (x.images = []))));
    assert.equal(f.outcome, 'manual');
    assert.match(f.message.en, /Docker Content Trust, which Docker has retired/);
    assert.match(f.message.en, /OCI referrers, which the Engine API does not show/);
  });

  describe('a pack rendered from a copy of evidence/sample (bin/residency-audit report)', function () {
    this.timeout(180_000);
    let dir: string;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'ra-dct-'));
      cpSync(path.join(PROJECT_ROOT, 'evidence', 'sample'), dir, { recursive: true });
      await exec(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'residency-audit'), 'report', dir, '--lang', 'en,nb'], { maxBuffer: 32 << 20 });
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('no file of the pack recommends it, and findings.json carries the 1.8.0 numbering and 4.5\'s explanation', async () => {
      const files = filesUnder(dir);
      assert.ok(files.some((f) => f.endsWith('audit-pack.html')) && files.some((f) => f.endsWith('audit-pack.nb.pdf')), files.join(', '));
      for (const f of files) {
        const text = f.endsWith('.pdf') ? (await exec('pdftotext', ['-enc', 'UTF-8', f, '-'], { maxBuffer: 64 << 20 })).stdout : readFileSync(f, 'utf8');
        assertNoDctAdvice(text, path.relative(dir, f));
      }
      const doc = JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8')) as FindingsDocument;
      assert.equal(doc.run.catalog.benchmark, 'cis-docker-1.8.0');
      assert.equal(Object.keys(doc.controls).filter((c) => /^cis-\d/.test(c)).length, 118);
      const ct = doc.findings.filter((f) => f.check === 'cis.content-trust');
      assert.ok(ct.length > 0 && ct.every((f) => f.outcome === 'manual' && /retired/.test(f.message.en) && /retired/.test(f.remediation.en)));
    });
  });
});
