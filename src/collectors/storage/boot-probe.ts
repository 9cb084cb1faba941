/**
 * Container boot time (opt-in: it creates containers on the audited host). Each run creates a
 * throwaway container from a local image, starts it (returns when running), waits for it to exit and
 * removes it, timing each step through the Engine API. Everything created is removed on every path
 * out: success, failure, SIGINT/SIGTERM; probe containers left by a crashed run are swept at start.
 */
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type Docker from 'dockerode';
import { parseEngineAddress } from '../docker/connection';
import type { BootPhaseStats, BootProbeEvidence, BootSample } from '../../evidence/types/storage';
import { loadavg3, pidAlive } from './machine';

/** Label on every probe container: `<hostname>:<pid>` of the run that made it. */
export const PROBE_LABEL = 'org.residency-audit.boot-probe';
export const PROBE_NAME_PREFIX = 'ra-bootprobe-';
const WAIT_TIMEOUT_MS = 30_000;

export interface BootProbeOptions {
  image: string;
  /** Engine address (`unix:///var/run/docker.sock`, `tcp://host:2376`). */
  dockerHost: string;
  runs: number;
  warmupRuns: number;
  /** Payload; `sh -c true` by default (busybox has no /bin/true binary, `true` is a shell builtin). */
  cmd?: string[];
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Nearest-rank percentile of a sample, q in (0, 1]. */
export function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function phaseStats(values: readonly number[]): BootPhaseStats | null {
  if (!values.length) return null;
  const r = (n: number): number => Math.round(n * 10) / 10;
  return { medianMs: r(percentile(values, 0.5)), p90Ms: r(percentile(values, 0.9)), minMs: r(Math.min(...values)), maxMs: r(Math.max(...values)) };
}

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number })?.statusCode === 404;
}

/** Remove probe containers of runs on this machine whose process is gone. */
async function sweepStale(docker: Docker): Promise<string[]> {
  const me = hostname();
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [PROBE_LABEL] }) });
  const removed: string[] = [];
  for (const c of list) {
    const [host, pid] = (c.Labels?.[PROBE_LABEL] ?? '').split(':');
    if (host !== me || Number(pid) === process.pid || pidAlive(Number(pid))) continue;
    await docker.getContainer(c.Id).remove({ force: true }).then(() => removed.push((c.Names?.[0] ?? c.Id).replace(/^\//, '')), () => undefined);
  }
  return removed;
}

export async function runBootProbe(o: BootProbeOptions): Promise<BootProbeEvidence> {
  const cmd = o.cmd ?? ['sh', '-c', 'true'];
  const ev: BootProbeEvidence = {
    status: 'failed',
    image: o.image,
    imageId: null,
    imageDigests: [],
    cmd,
    networkMode: 'none',
    warmupRuns: o.warmupRuns,
    runs: o.runs,
    engine: { version: null, apiVersion: null, storageDriver: null, cgroupDriver: null, runtime: null, dataRoot: null },
    samples: [],
    untilRunning: null,
    untilExited: null,
    create: null,
    start: null,
    remove: null,
    leftOver: [],
    loadavgBefore: loadavg3(),
  };
  // Loaded here, not with the module: only a boot probe needs dockerode.
  const docker = new (await import('dockerode')).default(parseEngineAddress(o.dockerHost).options);
  /** Containers created and not yet removed: what cleanup must take care of. */
  const live = new Map<string, string>();
  const removeLive = async (): Promise<void> => {
    for (const [id, name] of [...live]) {
      try {
        await docker.getContainer(id).remove({ force: true });
        live.delete(id);
      } catch (err) {
        if (isNotFound(err)) live.delete(id);
      }
    }
    ev.leftOver = [...live.values()];
  };
  const aborted = (): boolean => o.signal.aborted;
  try {
    const [info, version] = await Promise.all([docker.info(), docker.version()]);
    ev.engine = {
      version: version.Version ?? null,
      apiVersion: version.ApiVersion ?? null,
      storageDriver: info.Driver ?? null,
      cgroupDriver: info.CgroupDriver ?? null,
      runtime: info.DefaultRuntime ?? null,
      dataRoot: info.DockerRootDir ?? null,
    };
    const swept = await sweepStale(docker);
    if (swept.length) o.log(`boot probe: removed ${swept.length} probe container(s) left by a crashed run: ${swept.join(', ')}`);
    try {
      const img = await docker.getImage(o.image).inspect();
      ev.imageId = img.Id;
      ev.imageDigests = img.RepoDigests ?? [];
    } catch (err) {
      if (isNotFound(err)) throw new Error(`image ${o.image} is not on the engine; the probe never pulls (run "docker pull ${o.image}" first)`);
      throw err;
    }
    const owner = `${hostname()}:${process.pid}`;
    const total = o.warmupRuns + o.runs;
    for (let i = 0; i < total; i++) {
      if (aborted()) break;
      const name = `${PROBE_NAME_PREFIX}${process.pid}-${Date.now().toString(36)}-${i}`;
      const t0 = performance.now();
      const c = await docker.createContainer({
        name,
        Image: o.image,
        Entrypoint: cmd,
        Cmd: [],
        Labels: { [PROBE_LABEL]: owner },
        HostConfig: { NetworkMode: 'none', AutoRemove: false },
      });
      live.set(c.id, name);
      const t1 = performance.now();
      if (aborted()) break;
      await c.start();
      const t2 = performance.now();
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const waited = await Promise.race([
        c.wait() as Promise<{ StatusCode: number }>,
        new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), WAIT_TIMEOUT_MS))),
        new Promise<'aborted'>((r) => {
          onAbort = () => r('aborted');
          o.signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]).finally(() => {
        clearTimeout(timer);
        if (onAbort) o.signal.removeEventListener('abort', onAbort);
      });
      const t3 = performance.now();
      if (waited === 'aborted') break;
      if (waited === 'timeout') throw new Error(`the payload "${cmd.join(' ')}" did not exit within ${WAIT_TIMEOUT_MS / 1000} s`);
      if (waited.StatusCode !== 0) throw new Error(`the payload "${cmd.join(' ')}" exited with status ${waited.StatusCode} in ${o.image} (does the image have a shell?)`);
      await c.remove({ force: true });
      live.delete(c.id);
      const t4 = performance.now();
      if (i >= o.warmupRuns) {
        const r = (n: number): number => Math.round(n * 10) / 10;
        ev.samples.push({ createMs: r(t1 - t0), startMs: r(t2 - t1), waitMs: r(t3 - t2), removeMs: r(t4 - t3), untilRunningMs: r(t2 - t0), untilExitedMs: r(t3 - t0) });
      }
      o.log(`boot probe: ${i < o.warmupRuns ? 'warm-up' : `run ${i - o.warmupRuns + 1}/${o.runs}`}: running after ${Math.round(t2 - t0)} ms, exited after ${Math.round(t3 - t0)} ms`);
    }
    ev.status = aborted() ? 'aborted' : 'ok';
    if (aborted()) ev.error = 'interrupted by SIGINT/SIGTERM';
  } catch (err) {
    ev.status = aborted() ? 'aborted' : 'failed';
    ev.error = (err as Error).message;
  } finally {
    await removeLive();
  }
  const s = ev.samples;
  ev.untilRunning = phaseStats(s.map((x) => x.untilRunningMs));
  ev.untilExited = phaseStats(s.map((x) => x.untilExitedMs));
  ev.create = phaseStats(s.map((x: BootSample) => x.createMs));
  ev.start = phaseStats(s.map((x) => x.startMs));
  ev.remove = phaseStats(s.map((x) => x.removeMs));
  return ev;
}
