/**
 * Export time and size of the interop formats (findings.oscal.json, findings.hdf.json, findings.csv,
 * findings.xlsx) for the synthetic findings of bench/pack-1000.ts: N containers (default 1,000) and
 * N endpoints, evaluated by every registered check. Evidence is written to a temp pack folder and read
 * back, so run.evidence carries real SHA-256s (one OSCAL observation per file). Prints seconds and
 * MiB per format, the findings count and peak RSS.
 *
 *   npm run build && node dist/bench/interop-export.js [N] [--lang nb] [--keep DIR]
 */
import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readEvidenceDir, toJson, writeFileAtomic } from '../src/evidence/store';
import { buildFindings } from '../src/pipeline/evaluate';
import { PACK_FILES, renderPack, type PackFormat } from '../src/render';
import { syntheticEvidence } from './pack-1000';

const NOW = '2026-11-23T12:00:00.000Z';
const FORMATS: PackFormat[] = ['oscal', 'hdf', 'csv', 'xlsx'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'en';
  if (lang !== 'en' && lang !== 'nb') throw new Error(`--lang takes en or nb, got "${lang}"`);
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;
  const out = keep ?? mkdtempSync(path.join(os.tmpdir(), 'ra-interop-bench-'));
  for (const [collector, file] of Object.entries(syntheticEvidence(n))) await writeFileAtomic(path.join(out, 'evidence', `${collector}.json`), toJson(file));
  const { evidence, files } = await readEvidenceDir(out);
  const t0 = process.hrtime.bigint();
  const findings = buildFindings(evidence, { config: { organisation: 'Bench AS', period: '2026 Q4' }, now: NOW, files });
  const t1 = process.hrtime.bigint();
  const s = (a: bigint, b: bigint) => (Number(b - a) / 1e9).toFixed(2);
  const lines = [`interop-export: ${n} containers, ${n} endpoints → ${findings.findings.length} findings from ${new Set(findings.findings.map((f) => f.control)).size} controls (evaluate ${s(t0, t1)} s, not part of the export)`];
  const input = { findings, evidence, manifest: [], lang: lang as 'en' | 'nb' };
  let total = 0n;
  for (const format of FORMATS) {
    const a = process.hrtime.bigint();
    await renderPack(input, out, [format]);
    const b = process.hrtime.bigint();
    total += b - a;
    const size = (await fs.stat(path.join(out, PACK_FILES[format]))).size;
    lines.push(`${PACK_FILES[format]}: ${s(a, b)} s, ${(size / 1048576).toFixed(1)} MiB`);
  }
  lines.push(`all four: ${(Number(total) / 1e9).toFixed(2)} s; peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  lines.push(`loadavg: ${readFileSync('/proc/loadavg', 'utf8').trim()}; cpus: ${os.cpus().length}; node ${process.version}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!keep) await fs.rm(out, { recursive: true, force: true });
  else process.stdout.write(`kept: ${out}\n`);
}

void main().catch((err) => {
  process.stderr.write(`interop-export: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
