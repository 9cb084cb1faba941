/**
 * Quarter-over-quarter comparison at fleet-host scale: two synthetic findings documents with N
 * containers × 90 container checks plus 200 host/daemon findings (N=1,000: 90,200 findings each),
 * 5% of the container findings changed between them, 100 containers removed and 100 added. Prints
 * the time to compare (matching + classification + endpoints + platform + scores), the size of the
 * recorded comparison as JSON, and peak memory of the whole process.
 *
 *   npm run build && node dist/bench/diff-packs.js [N=1000]
 */
import { performance } from 'node:perf_hooks';
import { fingerprint } from '../src/findings/fingerprint';
import { countOutcomes, summarizeScore } from '../src/findings/score';
import type { Finding, FindingsDocument, Outcome, Target } from '../src/findings/types';
import { comparePacks, packRef } from '../src/quarterly/compare';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function mk(check: string, target: Target, outcome: Outcome): Finding {
  const id = fingerprint(check, target);
  const message = { en: `${target.name}: ${check} ${outcome}, with a sentence of typical length for the pack.`, nb: `${target.name}: ${check} ${outcome}, med en setning av vanlig lengde.` };
  return {
    id, check, control: check, title: check, section: 'containers', outcome, severity: 'medium', target, observed: { value: outcome }, expected: null,
    message, remediation: message, references: [], evidence: [{ file: 'evidence/docker.json', pointers: ['/data/containers/0'] }], fingerprint: id,
  };
}

function doc(findings: Finding[]): FindingsDocument {
  const run = {
    tool: 'residency-audit', toolVersion: 'bench', schemaVersion: '2.1.0', evaluatedAt: '2026-11-23T12:00:00Z', collectedAt: '2026-11-23T11:00:00Z', collectedUntil: null,
    host: { hostname: 'h', engineId: 'e', os: null, kernel: null, addresses: [] }, engine: null, collectors: [], evidence: [],
    catalog: { benchmark: 'cis-docker-1.6.0', checks: 90, sha256: '' }, config: { sha256: null, organisation: null, period: null, preparedBy: null },
    invocation: null, counts: countOutcomes(findings), score: summarizeScore(findings), gaps: [],
  } as FindingsDocument['run'];
  return { run, controls: {}, findings, residency: null };
}

function main(): void {
  const n = Number(process.argv[2] ?? 1000);
  const outcomes: Outcome[] = ['pass', 'fail', 'warn', 'manual', 'not-applicable'];
  const build = (from: number, to: number, flip: (i: number) => boolean) => {
    const out: Finding[] = [];
    for (let h = 0; h < 200; h++) out.push(mk(`host-${h}`, { kind: 'host', id: 'h', name: 'h' }, outcomes[h % 5]));
    for (let c = from; c < to; c++) {
      const t: Target = { kind: 'container', id: `id-${c}`, name: `svc-${c}`, identity: `svc-${c}` };
      for (let k = 0; k < 90; k++) {
        const i = c * 90 + k;
        const o = outcomes[(c + k) % 5];
        out.push(mk(`cis-${k}`, t, flip(i) ? (o === 'fail' ? 'pass' : 'fail') : o));
      }
    }
    return out;
  };
  const t0 = performance.now();
  const before = doc(build(0, n, () => false));
  const after = doc(build(100, n + 100, (i) => i % 20 === 0));
  const tBuild = performance.now() - t0;
  const t1 = performance.now();
  const d = comparePacks(before, after, packRef(before, '/old', null, null), packRef(after, null, null, null));
  const tDiff = performance.now() - t1;
  const json = JSON.stringify(d);
  process.stdout.write([
    `containers: ${n} (100 removed, 100 added); findings: ${before.findings.length} old, ${after.findings.length} new`,
    `build synthetic documents: ${tBuild.toFixed(0)} ms`,
    `compare: ${tDiff.toFixed(0)} ms`,
    `counts: ${Object.entries(d.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`,
    `recorded comparison (quarterly.previous) as JSON: ${mb(Buffer.byteLength(json))} for ${d.findings.length} listed changes`,
    `peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`,
  ].join('\n') + '\n');
}

main();
