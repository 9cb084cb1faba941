/**
 * Rendering cost against the size of one field: the sample pack (evidence/sample) with one value made
 * 10 KB, 100 KB and 1 MB long, rendered as HTML and as PDF, each in its own process so the peak RSS is
 * that render's. Fields: a container label value and a container's command line (evidence: no limit
 * applies, they are what the engine reported), a container name, a collector's error text, and the
 * organisation (limited to 200 characters in the config since; rendered here past the config to show
 * what the renderer does with it). A value is one unbroken token (the worst case for line breaking) or
 * words of 8 letters (`--shape words`).
 *
 *   node dist/bench/render-big-fields.js [--fields label,command,name,error,organisation] [--sizes 10k,100k,1m] [--shape token|words] [--formats html,pdf] [--timeout 120]
 *
 * Prints one line per field, size and format: milliseconds and peak RSS (MB); a render that passes the
 * timeout is stopped and shown as such. Linear cost means ×10 size ≈ ×10 time above the base.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/version';

const FIELDS = ['label', 'command', 'name', 'error', 'organisation'] as const;
type Field = (typeof FIELDS)[number];

function big(size: number, shape: string): string {
  if (shape === 'words') return 'abcdefgh '.repeat(Math.ceil(size / 9)).slice(0, size);
  return 'x'.repeat(size);
}

function parseSize(s: string): number {
  const m = /^(\d+)(k|m)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s} (e.g. 10k, 1m)`);
  return Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : m[2] ? 1024 : 1);
}

/** The child: load the sample, enlarge one field, evaluate, render one format; print JSON figures. */
async function child(field: Field, size: number, shape: string, format: 'html' | 'pdf'): Promise<void> {
  const { readEvidenceDir } = await import('../src/evidence/store.js');
  const { buildFindings } = await import('../src/pipeline/evaluate.js');
  const { renderPack } = await import('../src/render/index.js');
  const { parseConfig } = await import('../src/config/load.js');
  const sample = path.join(PROJECT_ROOT, 'evidence/sample');
  const { evidence, files } = await readEvidenceDir(sample);
  const config = parseConfig(await fs.readFile(path.join(sample, 'config.json'), 'utf8'), 'config.json');
  const value = big(size, shape);
  const docker = evidence.docker!.data!;
  const c = docker.containers[0] as unknown as { Name: string; Args: string[]; Config: { Labels: Record<string, string> | null } };
  if (field === 'label') c.Config.Labels = { ...(c.Config.Labels ?? {}), 'com.example.note': value };
  if (field === 'command') c.Args = [...c.Args, value];
  if (field === 'name') c.Name = `/${value}`;
  if (field === 'error') evidence.storage = { ...evidence.storage!, status: 'failed', error: value, data: null };
  const findings = buildFindings(evidence, { config, files, now: '2026-12-01T00:00:00Z' });
  if (field === 'organisation') findings.run.config.organisation = value;
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-bench-big-'));
  try {
    const t0 = process.hrtime.bigint();
    await renderPack({ findings, evidence, manifest: [], lang: 'en' }, out, [format]);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const file = path.join(out, format === 'html' ? 'audit-pack.html' : 'audit-pack.pdf');
    const bytes = (await fs.stat(file)).size;
    process.stdout.write(`${JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes })}\n`);
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [, , , field, size, shape, format] = process.argv;
    return child(field as Field, Number(size), shape, format as 'html' | 'pdf');
  }
  const fields = arg('fields', FIELDS.join(',')).split(',') as Field[];
  for (const f of fields) if (!FIELDS.includes(f)) throw new Error(`unknown field ${f} (known: ${FIELDS.join(', ')})`);
  const sizes = arg('sizes', '10k,100k,1m').split(',').map(parseSize);
  const shape = arg('shape', 'token');
  const formats = arg('formats', 'html,pdf').split(',') as ('html' | 'pdf')[];
  const timeoutS = Number(arg('timeout', '120'));
  console.log(`render-big-fields: sample pack, one field enlarged (${shape === 'words' ? 'words of 8 letters' : 'one unbroken token'}); ${os.cpus().length} CPUs, Node ${process.version}`);
  console.log(`${'field'.padEnd(13)} ${'size'.padStart(8)} ${'format'.padEnd(6)} ${'ms'.padStart(9)} ${'RSS MB'.padStart(8)} ${'output KB'.padStart(10)}`);
  for (const field of fields) {
    for (const size of sizes) {
      for (const format of formats) {
        const line = await new Promise<string>((resolve) => {
          execFile(process.execPath, [__filename, '--child', field, String(size), shape, format], { timeout: timeoutS * 1000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
            if (err) return resolve((err as NodeJS.ErrnoException & { killed?: boolean }).killed ? `> ${timeoutS * 1000} ms (stopped)` : `failed: ${(stderr || err.message).trim().split('\n').slice(-1)[0]}`);
            const r = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; rssMb: number; bytes: number };
            resolve(`${r.ms.toFixed(0).padStart(9)} ${r.rssMb.toFixed(0).padStart(8)} ${(r.bytes / 1024).toFixed(0).padStart(10)}`);
          });
        });
        console.log(`${field.padEnd(13)} ${`${size / 1024} KB`.padStart(8)} ${format.padEnd(6)} ${line}`);
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
