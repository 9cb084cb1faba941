/**
 * `residency-audit bench-storage`: the storage benchmark on its own, for a quick look at a host's
 * disks and Docker volumes without writing an audit pack.
 */
import Docker from 'dockerode';
import { ConfigError, resolveEngineAddress } from '../../collectors/docker/connection';
import { runStorage } from '../../collectors/storage';
import { parseStorageOptions, type StorageOptions } from '../../collectors/storage/options';
import { profileOf, profileSeconds } from '../../collectors/storage/profiles';
import type { DockerEvidence } from '../../evidence/types/docker';
import { WORKLOAD_IDS, type StorageEvidence, type StorageTargetEvidence } from '../../evidence/types/storage';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { withInterrupt } from './interrupt';

export const BENCH_STORAGE_USAGE = `Usage: residency-audit bench-storage [--dir DIR]... [options]

Measure what a host's disks really deliver: 4 KiB random read at QD1 and with 32 in flight, 4 KiB
random write with fdatasync after each write, 1 MiB sequential read and write. Direct I/O on a
freshly written, immediately unlinked test file; the device's own request counters are checked
against the benchmark's. Without --dir, the Docker data-root and every local volume are measured.

Options:
      --dir DIR           directory to measure (repeatable); its filesystem is what is measured
      --engine E          fio, node or auto (default: fio when installed, else the built-in engine)
      --profile P         quick (about 20 s per device, default), full (about 2 min), tiny (tests only)
      --runtime S         seconds per measured window, overriding the profile
      --json              print the result as JSON on stdout (progress stays on stderr)
      --boot-probe IMAGE  also time container boot with IMAGE, which must be present on the engine;
                          creates and always removes throwaway containers (network none)
      --boot-runs N       boot probe runs (default 10; 1 warm-up run is added)
  -H, --docker-host URL   engine for the boot probe and for finding the data-root
                          (else DOCKER_HOST, else unix:///var/run/docker.sock)
  -q, --quiet             no progress lines
  -h, --help              this help

Needs free space of twice the test file (1 GiB for quick; 256 MiB when less than 10 GiB is free).
Refuses tmpfs/ramfs. Ctrl-C stops at once and removes everything it created.

Exit codes: 0 measured; 2 bad usage, or a directory refused (not a disk, too little space);
3 nothing could be measured; 130 interrupted.`;

const FLAGS = {
  dir: { type: 'string', multiple: true },
  engine: { type: 'string' },
  profile: { type: 'string' },
  runtime: { type: 'string' },
  json: { type: 'boolean' },
  'boot-probe': { type: 'string' },
  'boot-runs': { type: 'string' },
  'docker-host': { type: 'string', short: 'H' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/** Data-root and volumes straight from the engine, for a run without --dir. */
async function dockerPaths(address: ReturnType<typeof resolveEngineAddress>): Promise<DockerEvidence> {
  const docker = new Docker(address.options);
  const [info, volumes] = await Promise.all([docker.info(), docker.listVolumes()]);
  return { endpoint: address.display, version: {}, info, containers: [], images: [], networks: [], volumes: volumes.Volumes ?? [], swarm: null } as unknown as DockerEvidence;
}

const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');

function targetText(t: StorageTargetEvidence): string {
  const head = `${t.path}  [${t.roles.join(', ')}${t.volumes.length ? `: ${t.volumes.join(', ')}` : ''}]`;
  const lines = [head];
  const fsLine = t.filesystem ? `${t.filesystem.type} on ${t.filesystem.source ?? '?'} (${t.filesystem.mountOptions.join(',')})` : 'filesystem unknown';
  const dev = t.device ? `${t.device.name}, scheduler ${t.device.scheduler ?? '?'}, write cache ${t.device.writeCache ?? '?'}` : 'no block device';
  lines.push(`  ${fsLine}; ${dev}`);
  if (t.status !== 'measured') {
    lines.push(`  ${t.status.toUpperCase()}: ${t.reason ?? ''}`);
    return lines.join('\n');
  }
  const tf = t.testFile!;
  lines.push(`  ${t.engine!.version.startsWith(t.engine!.name) ? t.engine!.version : `${t.engine!.name} ${t.engine!.version}`}, ${Math.round(tf.sizeBytes / 1048576)} MiB test file, direct I/O ${tf.directIo ? 'yes' : 'NO'}, ${t.durationSeconds} s, load ${t.loadavgBefore?.[0]} → ${t.loadavgAfter?.[0]}`);
  lines.push(`  ${'workload'.padEnd(18)}${'IOPS'.padStart(10)}${'MiB/s'.padStart(9)}${'p50 µs'.padStart(10)}${'p99 µs'.padStart(10)}  spread (min-max IOPS, cv)  how`);
  for (const id of WORKLOAD_IDS) {
    const r = t.results[id];
    if (!r) continue;
    const spread = r.spread ? `${n0(r.spread.minIops)}-${n0(r.spread.maxIops)}, ${r.spread.cv}` : '-';
    const dev = r.device ? ` dev ${r.device.ratio}/op` : '';
    lines.push(`  ${id.padEnd(18)}${n0(r.iops).padStart(10)}${r.mibps.toFixed(1).padStart(9)}${r.p50Us.toFixed(1).padStart(10)}${r.p99Us.toFixed(1).padStart(10)}  ${spread.padEnd(26)} ${r.label}${dev}`);
  }
  if (t.classification) lines.push(`  → ${t.classification.statement}`);
  for (const w of [...t.warnings, ...WORKLOAD_IDS.flatMap((id) => (t.results[id]?.warnings ?? []).map((x) => `${id}: ${x}`))]) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

function bootText(b: NonNullable<StorageEvidence['bootProbe']>): string {
  const lines = [`container boot (${b.image}, ${b.runs} runs + ${b.warmupRuns} warm-up, network ${b.networkMode}, ${b.engine.storageDriver ?? '?'} on ${b.engine.dataRoot ?? '?'}): ${b.status}${b.error ? `: ${b.error}` : ''}`];
  if (b.untilRunning && b.untilExited) {
    lines.push(`  until running: median ${b.untilRunning.medianMs} ms, p90 ${b.untilRunning.p90Ms} ms; until exited: median ${b.untilExited.medianMs} ms, p90 ${b.untilExited.p90Ms} ms`);
  }
  if (b.leftOver.length) lines.push(`  ! could not remove: ${b.leftOver.join(', ')}`);
  return lines.join('\n');
}

/** The `--json` answer: engine and version on top, the main target's results under `results`. */
export function benchStorageJson(ev: StorageEvidence, warnings: string[]): Record<string, unknown> {
  const main = ev.primary !== null ? ev.targets[ev.primary] : null;
  return {
    engine: ev.engine.name,
    version: ev.engine.version,
    profile: ev.profile.name,
    target: main?.path ?? null,
    results: main?.results ?? {},
    classification: main?.classification ?? null,
    targets: ev.targets,
    bootProbe: ev.bootProbe,
    machine: ev.machine,
    engineInfo: ev.engine,
    profileInfo: ev.profile,
    warnings,
  };
}

export async function benchStorageCommand(argv: string[]): Promise<number> {
  const { values } = parse('bench-storage', argv, FLAGS);
  if (values.help) {
    process.stdout.write(`${BENCH_STORAGE_USAGE}\n`);
    return EXIT.ok;
  }
  let options: StorageOptions;
  try {
    options = parseStorageOptions({
      dirs: values.dir,
      engine: values.engine ?? 'auto',
      profile: values.profile ?? 'quick',
      ...(values.runtime !== undefined ? { runtimeSeconds: values.runtime } : {}),
      ...(values['boot-probe'] !== undefined ? { bootProbeImage: values['boot-probe'] } : {}),
      ...(values['boot-runs'] !== undefined ? { bootProbeRuns: values['boot-runs'] } : {}),
    });
  } catch (err) {
    throw new UsageError(`bench-storage: ${(err as Error).message}`);
  }
  const needEngine = !options.dirs?.length || !!options.bootProbeImage;
  let address: ReturnType<typeof resolveEngineAddress> | null = null;
  if (needEngine) {
    try {
      address = resolveEngineAddress(values['docker-host']);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
  }
  const log = values.quiet ? () => undefined : (line: string) => process.stderr.write(`residency-audit: ${line}\n`);

  return withInterrupt(async (signal) => {
    let docker: DockerEvidence | null = null;
    if (!options.dirs?.length) {
      try {
        docker = await dockerPaths(address!);
      } catch (err) {
        process.stderr.write(`residency-audit: bench-storage: no --dir given and the Docker engine at ${address!.display} did not answer (${(err as Error).message}); pass --dir DIR or --docker-host URL\n`);
        return EXIT.usage;
      }
    }
    const profile = profileOf(options.profile ?? 'quick', options.runtimeSeconds !== undefined ? { runtimeSeconds: options.runtimeSeconds } : {});
    log(`bench-storage: ${profile.name} profile, about ${Math.round(profileSeconds(profile))} s of I/O per device plus writing the test file`);
    const { evidence, warnings } = await runStorage({
      options: { ...options, dockerTargets: !options.dirs?.length },
      docker,
      hostRoot: '/',
      ...(address ? { dockerHost: address.display } : {}),
      signal,
      log,
    });
    if (values.json) process.stdout.write(`${JSON.stringify(benchStorageJson(evidence, warnings), null, 2)}\n`);
    else {
      const parts = evidence.targets.map(targetText);
      if (evidence.bootProbe) parts.push(bootText(evidence.bootProbe));
      process.stdout.write(`${parts.join('\n\n')}\n`);
    }
    if (signal.aborted) return 130;
    for (const t of evidence.targets) if (t.status === 'refused') process.stderr.write(`residency-audit: bench-storage: refused ${t.path}: ${t.reason}\n`);
    if (evidence.targets.some((t) => t.status === 'refused')) return EXIT.usage;
    if (!evidence.targets.length || evidence.targets.some((t) => t.status !== 'measured')) {
      for (const t of evidence.targets) if (t.status === 'failed') process.stderr.write(`residency-audit: bench-storage: ${t.path}: ${t.reason}\n`);
      if (!evidence.targets.length) process.stderr.write(`residency-audit: bench-storage: nothing to measure${warnings.length ? `: ${warnings.join(' ')}` : ''}\n`);
      return EXIT.nothingCollected;
    }
    if (evidence.bootProbe && evidence.bootProbe.status !== 'ok') return EXIT.nothingCollected;
    return EXIT.ok;
  });
}
