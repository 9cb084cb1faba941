/**
 * Cost of validating evidence on load (src/evidence/validate): a docker.json of N containers (default
 * 1,000; copies of the sample evidence's real containers with fresh ids), written to a pack folder and
 * read back with readEvidenceDir as `report` does. Prints the file size and, in milliseconds (wall and
 * CPU: CPU time is the steadier figure on a loaded machine), the schema compile (once per process, for
 * the envelope and docker schemas), the validation of the file, and JSON parsing for comparison.
 *
 *   npm run build && node dist/bench/validate-evidence.js [N]
 */
import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EvidenceFile } from '../src/evidence/types';
import type { ContainerInspect, DockerEvidence } from '../src/evidence/types/docker';
import { readEvidenceDir, toJson } from '../src/evidence/store';
import { validateEvidenceFile } from '../src/evidence/validate';
import { validator } from '../src/evidence/validate/schemas';
import { PROJECT_ROOT } from '../src/version';

function ms(t0: number): string {
  return (performance.now() - t0).toFixed(1);
}

/** Wall and CPU milliseconds of fn. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

function figure(t: { wall: number; cpu: number }): string {
  return `${t.wall.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms)`;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const sample = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/sample/evidence/docker.json'), 'utf8')) as EvidenceFile<DockerEvidence>;
  const base = sample.data!.containers;
  const containers: ContainerInspect[] = Array.from({ length: n }, (_, i) => ({ ...structuredClone(base[i % base.length]), Id: i.toString(16).padStart(64, '0'), Name: `/bench-${i}` }));
  const file: EvidenceFile<DockerEvidence> = { ...sample, data: { ...sample.data!, containers } };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-bench-validate-'));
  try {
    const text = toJson(file);
    await fs.mkdir(path.join(dir, 'evidence'));
    await fs.writeFile(path.join(dir, 'evidence/docker.json'), text);

    const compile = timed(() => {
      validator('envelope.schema.json');
      validator('docker.schema.json');
    });
    const parse = timed(() => JSON.parse(text));
    const runs: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const doc = JSON.parse(text) as unknown;
      runs.push(timed(() => validateEvidenceFile('evidence/docker.json', 'docker', doc)));
    }
    const first = runs[0];
    runs.sort((a, b) => a.cpu - b.cpu);

    const t0 = performance.now();
    await readEvidenceDir(dir);
    const read = ms(t0);

    console.log(`docker.json with ${n} containers: ${(text.length / 1e6).toFixed(1)} MB`);
    console.log(`schema compile, envelope + docker (once per process): ${figure(compile)}`);
    console.log(`JSON.parse: ${figure(parse)}`);
    console.log(`validation: first ${figure(first)}; median of 5 ${figure(runs[2])}, fastest ${figure(runs[0])}`);
    console.log(`readEvidenceDir (read + parse + validate + hash): ${read} ms`);
    console.log(`load average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
