/**
 * The storage collector (issue #5): what this host's disks and Docker volumes really deliver, measured
 * with fio when installed and the built-in Node engine otherwise, plus an opt-in container boot probe.
 * Targets: the Docker data-root and every local volume (from the docker evidence), plus `dirs`.
 */
import type { DockerEvidence } from '../../evidence/types/docker';
import type { StorageEngineName, StorageEvidence, StorageTargetEvidence } from '../../evidence/types/storage';
import type { Collector, CollectorOutcome } from '../types';
import { benchTarget } from './bench';
import { runBootProbe } from './boot-probe';
import type { StorageEngine } from './engine';
import { detectFio, fioEngine, sweepStaleFioDirs } from './fio-engine';
import { machineFacts } from './machine';
import { readMountinfo } from './mountinfo';
import { nodeEngine } from './node-engine';
import { bootProbeRunsFor, parseStorageOptions, type StorageOptions } from './options';
import { profileOf } from './profiles';
import { resolveTargets, targetsFromDocker, type TargetRequest } from './targets';

export { parseStorageOptions, type StorageOptions } from './options';
export { classify } from '../../domain/storage-classification';
export { REFERENCE_CLASSES } from '../../evidence/storage-classes';

import { STORAGE_COLLECTOR_VERSION } from './version';

export { STORAGE_COLLECTOR_VERSION };

/** Pick the engine: fio when asked or (auto) installed; the Node engine otherwise. */
export async function chooseEngine(requested: 'auto' | 'fio' | 'node'): Promise<{ engine: StorageEngine; fallback?: () => StorageEngine }> {
  if (requested === 'node') return { engine: nodeEngine('--engine node') };
  const fio = await detectFio();
  if (requested === 'fio') {
    if (!fio) throw new Error('fio is not installed (or older than 3.0): install it (apt-get install -y fio) or use --engine node');
    return { engine: fioEngine(fio, '--engine fio') };
  }
  if (!fio) return { engine: nodeEngine('auto: fio not installed') };
  return { engine: fioEngine(fio, `auto: ${fio.version} found`), fallback: () => nodeEngine('auto: fallback after fio failed') };
}

export interface StorageRunInput {
  options: StorageOptions;
  /** Docker evidence, for the data-root and volumes (null: only `dirs`). */
  docker: DockerEvidence | null;
  hostRoot: string;
  /** Engine for the boot probe when options.dockerHost is not set. */
  dockerHost?: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface StorageRunOutput {
  evidence: StorageEvidence;
  warnings: string[];
}

/** The whole storage run, shared by the collector and `bench-storage`. */
export async function runStorage(input: StorageRunInput): Promise<StorageRunOutput> {
  const { options, signal, log } = input;
  const profile = profileOf(options.profile ?? 'quick', options.runtimeSeconds !== undefined ? { runtimeSeconds: options.runtimeSeconds } : {});
  const warnings: string[] = [];
  const requests: TargetRequest[] = [];
  if (options.dockerTargets !== false) {
    const fromDocker = targetsFromDocker(input.docker, input.hostRoot);
    requests.push(...fromDocker.requests);
    warnings.push(...fromDocker.warnings);
  }
  for (const d of options.dirs ?? []) requests.push({ path: d, role: 'dir' });

  const { engine, fallback } = await chooseEngine(options.engine ?? 'auto');
  if (engine.info.name === 'fio') sweepStaleFioDirs();
  const machine = machineFacts();
  const targets: StorageTargetEvidence[] = [];
  for (const t of resolveTargets(requests, readMountinfo())) {
    const ev = await benchTarget(t, { profile, engine, ...(fallback ? { fallback } : {}), signal, log, hypervisor: machine.hypervisor });
    targets.push(ev);
    if (ev.status !== 'measured') warnings.push(`${ev.path}: ${ev.status}${ev.reason ? `: ${ev.reason}` : ''}`);
  }

  let bootProbe: StorageEvidence['bootProbe'] = null;
  if (options.bootProbeImage && !signal.aborted) {
    const host = options.dockerHost ?? input.dockerHost;
    if (!host) {
      warnings.push('The boot probe needs a Docker engine address; none was given.');
    } else {
      const runs = bootProbeRunsFor(profile.name);
      log(`boot probe: ${runs.warmupRuns} warm-up + ${options.bootProbeRuns ?? runs.runs} runs of ${options.bootProbeImage}`);
      bootProbe = await runBootProbe({
        image: options.bootProbeImage,
        dockerHost: host,
        runs: options.bootProbeRuns ?? runs.runs,
        warmupRuns: runs.warmupRuns,
        ...(options.bootProbeCmd ? { cmd: options.bootProbeCmd } : {}),
        signal,
        log,
      });
      if (bootProbe.status !== 'ok') warnings.push(`boot probe ${bootProbe.status}: ${bootProbe.error ?? ''}`.trim());
      if (bootProbe.leftOver.length) warnings.push(`boot probe could not remove: ${bootProbe.leftOver.join(', ')}`);
    }
  }
  if (signal.aborted) warnings.push('Interrupted by SIGINT/SIGTERM: the run stopped early and removed its test files and containers.');

  const dataRoot = targets.findIndex((t) => t.status === 'measured' && t.roles.includes('docker-data-root'));
  const firstMeasured = targets.findIndex((t) => t.status === 'measured');
  const primary = dataRoot >= 0 ? dataRoot : firstMeasured >= 0 ? firstMeasured : null;
  // Top-level engine: the one the primary target used (fio may have fallen back to node there).
  const engineInfo = (primary !== null ? targets[primary].engine : null) ?? engine.info;
  return { evidence: { engine: engineInfo, profile, machine, primary, targets, bootProbe }, warnings };
}

export const storageCollector: Collector<'storage'> = {
  name: 'storage',
  version: STORAGE_COLLECTOR_VERSION,
  async collect(ctx): Promise<CollectorOutcome<StorageEvidence>> {
    let options: StorageOptions;
    try {
      options = parseStorageOptions(ctx.options.storage);
    } catch (err) {
      return { status: 'failed', data: null, error: (err as Error).message };
    }
    const dockerFile = ctx.earlier.docker;
    const docker = dockerFile?.data ?? null;
    if (!docker && !options.dirs?.length) {
      const why = dockerFile ? `the docker collector ${dockerFile.status === 'failed' ? `failed (${dockerFile.error ?? 'no data'})` : 'gave no data'}` : 'there is no docker evidence';
      return { status: 'failed', data: null, error: `nothing to measure: ${why}, so the data-root is unknown, and no --dir was given` };
    }
    try {
      const { evidence, warnings } = await runStorage({ options, docker, hostRoot: ctx.hostRoot, ...(ctx.dockerHost ? { dockerHost: ctx.dockerHost } : {}), signal: ctx.signal, log: ctx.log });
      if (!evidence.targets.length) return { status: 'failed', data: null, error: `nothing to measure${warnings.length ? `: ${warnings.join(' ')}` : ''}`, warnings };
      const allMeasured = evidence.targets.every((t) => t.status === 'measured') && (!evidence.bootProbe || evidence.bootProbe.status === 'ok');
      return { status: allMeasured && !warnings.length ? 'ok' : 'partial', data: evidence, ...(warnings.length ? { warnings } : {}) };
    } catch (err) {
      return { status: 'failed', data: null, error: (err as Error).message };
    }
  },
};

export type { StorageEngineName };
