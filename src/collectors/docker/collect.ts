/**
 * What the docker collector reads from one engine, read-only, and how: the lists first (one request
 * each, side by side), then every container, image and network inspected through one queue at the
 * engine's pace, the swarm beside them. Bounded everywhere: every request has a total deadline, the
 * whole collection another, and the caller's signal (Ctrl-C, SIGTERM) aborts what is in flight at once.
 *
 * An object whose inspection fails is never silently dropped: it is recorded in `uninspected` with the
 * reason (the checks report it, the pack lists it as a gap). Only an object gone by the time it is
 * inspected (404) is a mere warning.
 */
import { setMaxListeners } from 'node:events';
import { redactDeep, scrubString } from '../../evidence/redact';
import {
  REMOVED_DURING_COLLECTION, type ContainerInspect, type DockerEvidence, type ImageInspect, type InspectedKind, type NetworkInspect, type SwarmEvidence,
  type UninspectedObject, type VolumeInspect,
} from '../../evidence/types/docker';
import { mapLimit } from '../../util/map-limit';
import type { CollectorOutcome } from '../types';
import { REQUEST_TIMEOUT_MS, type EngineClient, type RequestOptions } from './request';

/** Inspections in flight at once: enough to keep the engine busy, few enough not to queue on its locks (bench/collect-vs-engine.ts). */
export const INSPECT_CONCURRENCY = 8;

/** Default deadline of one whole docker collection (`--engine-timeout`). */
export const COLLECTION_TIMEOUT_MS = 300_000;

export interface EngineCollectOptions {
  /** Aborts the collection (SIGINT/SIGTERM): in-flight requests stop at once. */
  signal?: AbortSignal;
  /** Deadline of the whole collection, ms; default COLLECTION_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Deadline of one request, ms; default REQUEST_TIMEOUT_MS (never past the collection's). */
  requestTimeoutMs?: number;
  concurrency?: number;
}

/**
 * `ECONNREFUSED`, `ENOENT`, HTTP status… : the shortest honest reason an engine call failed. Engine
 * messages may quote what failed (a mount's options, a registry URL), so they are scrubbed like evidence.
 */
export function reasonOf(err: unknown): string {
  const e = err as { code?: string; statusCode?: number; reason?: string; message?: string; json?: { message?: string } };
  if (e?.statusCode) return scrubString(e.message?.startsWith('HTTP ') ? e.message : `HTTP ${e.statusCode}${e.json?.message ? ` ${e.json.message}` : e.reason ? ` ${e.reason}` : ''}`);
  if (e?.code) return e.code;
  return scrubString(e?.message ?? String(err));
}

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number })?.statusCode === 404;
}

interface ListedContainer { Id: string; Names?: string[]; State?: string }
interface ListedImage { Id: string; RepoTags?: string[] | null }
interface ListedNetwork { Id: string; Name: string; [key: string]: unknown }

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The collection's clock and signal: one abort for Ctrl-C and for the deadline, each with its reason. */
class Budget {
  private readonly ac = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly until: number;
  private readonly onAbort = (): void => this.ac.abort(this.outer?.reason ?? new Error('interrupted'));

  constructor(private readonly outer: AbortSignal | undefined, timeoutMs: number, private readonly requestTimeoutMs: number) {
    this.until = Date.now() + timeoutMs;
    // One listener per request in flight (inspections, lists, swarm reads): more than Node's default of 10.
    setMaxListeners(0, this.ac.signal);
    this.timer = setTimeout(() => this.ac.abort(new Error(`collection deadline of ${Math.round(timeoutMs / 100) / 10} s passed`)), timeoutMs);
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.ac.signal;
  }

  /** Options for the next request: the collection's signal, and what is left of both deadlines. */
  request(query?: Record<string, string>): RequestOptions {
    return { signal: this.ac.signal, timeoutMs: Math.max(1, Math.min(this.requestTimeoutMs, this.until - Date.now())), ...(query ? { query } : {}) };
  }

  end(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

/** One inspection queue entry: what to read, and where the result or the failure goes. */
interface Inspection {
  kind: InspectedKind;
  id: string;
  name: string;
  state?: string;
  run: () => Promise<void>;
}

/** The collector outcome, and for a failed collection the bare reason (`ECONNREFUSED`) without the address. */
export type EngineOutcome = CollectorOutcome<DockerEvidence> & { reason?: string };

/**
 * Read everything the checks and the other collectors need from one engine. Resolves (never rejects)
 * with the collector outcome: `failed` when the engine does not answer or the lists cannot be read,
 * `partial` when objects could not be inspected or a part could not be read (the reason in warnings).
 */
export async function collectEngine(client: EngineClient, endpoint: string, opts: EngineCollectOptions = {}): Promise<EngineOutcome> {
  const budget = new Budget(opts.signal, opts.timeoutMs ?? COLLECTION_TIMEOUT_MS, opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  const get = <T>(p: string, query?: Record<string, string>): Promise<T> => client.get<T>(p, budget.request(query));
  const warnings: string[] = [];
  try {
    try {
      await get('/_ping');
    } catch (err) {
      const reason = reasonOf(err);
      return { status: 'failed', data: null, error: `engine unreachable at ${endpoint}: ${reason}`, reason };
    }
    let lists;
    try {
      lists = await Promise.all([
        get<DockerEvidence['version']>('/version'),
        get<DockerEvidence['info']>('/info'),
        get<ListedContainer[]>('/containers/json', { all: 'true' }),
        get<ListedImage[]>('/images/json', { all: 'false' }),
        get<ListedNetwork[]>('/networks'),
        get<{ Volumes?: VolumeInspect[] | null; Warnings?: string[] | null }>('/volumes'),
      ]);
    } catch (err) {
      const reason = reasonOf(err);
      return { status: 'failed', data: null, error: `engine at ${endpoint} stopped answering: ${reason}`, reason, warnings };
    }
    const [version, info, containerList, imageList, networkList, volumeList] = lists;
    const evidence = await inspectAll(get, { containerList, imageList, networkList }, warnings, opts.concurrency ?? INSPECT_CONCURRENCY, () => collectSwarm(get, info, warnings));
    if (volumeList.Warnings?.length) warnings.push(...volumeList.Warnings.map((w) => `volume list: ${scrubString(w)}`));
    const data: DockerEvidence = {
      endpoint,
      version,
      info,
      containers: evidence.containers,
      images: evidence.images,
      networks: evidence.networks,
      volumes: volumeList.Volumes ?? [],
      swarm: evidence.swarm,
      uninspected: evidence.uninspected,
    };
    const gap = data.uninspected!.length > 0 || warnings.some((w) => !w.endsWith(REMOVED_DURING_COLLECTION));
    return { status: gap ? 'partial' : 'ok', data: redactDeep(data), warnings, engineId: info.ID ?? null };
  } finally {
    budget.end();
  }
}

type Get = <T>(p: string, query?: Record<string, string>) => Promise<T>;

interface Inspected {
  containers: ContainerInspect[];
  images: ImageInspect[];
  networks: NetworkInspect[];
  swarm: SwarmEvidence | null;
  uninspected: UninspectedObject[];
}

/** Inspect every listed object through one queue; results keep the engine's list order. */
async function inspectAll(
  get: Get,
  lists: { containerList: ListedContainer[]; imageList: ListedImage[]; networkList: ListedNetwork[] },
  warnings: string[],
  concurrency: number,
  swarm: () => Promise<SwarmEvidence | null>,
): Promise<Inspected> {
  const containers: (ContainerInspect | null)[] = new Array(lists.containerList.length).fill(null);
  const images: (ImageInspect | null)[] = new Array(lists.imageList.length).fill(null);
  // The network list omits attached containers; inspect fills them in (the list entry stays when it cannot).
  const networks: NetworkInspect[] = lists.networkList.map((n) => n as unknown as NetworkInspect);
  const queue: Inspection[] = [
    ...lists.containerList.map((c, i): Inspection => ({
      kind: 'container', id: c.Id, name: (c.Names?.[0] ?? '').replace(/^\//, '') || shortId(c.Id), ...(c.State ? { state: c.State } : {}),
      run: async () => { containers[i] = await get<ContainerInspect>(`/containers/${encodeURIComponent(c.Id)}/json`); },
    })),
    ...lists.imageList.map((img, i): Inspection => ({
      kind: 'image', id: img.Id, name: img.RepoTags?.find((t) => t !== '<none>:<none>') ?? shortId(img.Id),
      run: async () => {
        const [inspect, history] = await Promise.all([get<ImageInspect>(`/images/${encodeURIComponent(img.Id)}/json`), get<ImageInspect['History']>(`/images/${encodeURIComponent(img.Id)}/history`)]);
        images[i] = { ...inspect, History: history ?? [] };
      },
    })),
    ...lists.networkList.map((n, i): Inspection => ({
      kind: 'network', id: n.Id, name: n.Name,
      run: async () => { networks[i] = await get<NetworkInspect>(`/networks/${encodeURIComponent(n.Id)}`); },
    })),
  ];
  const uninspected: UninspectedObject[] = [];
  const [, swarmEvidence] = await Promise.all([
    mapLimit(queue, concurrency, async (job) => {
      try {
        await job.run();
      } catch (err) {
        const what = `${job.kind} ${job.name}${job.name.startsWith(shortId(job.id)) ? '' : ` (${shortId(job.id)})`}`;
        // Gone between list and inspect: a warning. Anything else is a gap that the checks and the pack show.
        if (isNotFound(err)) warnings.push(`${what} could not be inspected: ${reasonOf(err)} ${REMOVED_DURING_COLLECTION}`);
        else {
          const reason = reasonOf(err);
          warnings.push(`${what} could not be inspected: ${reason}`);
          uninspected.push({ kind: job.kind, id: job.id, name: job.name, reason, ...(job.state ? { state: job.state } : {}) });
        }
      }
    }),
    swarm(),
  ]);
  return {
    containers: containers.filter((c): c is ContainerInspect => c !== null),
    images: images.filter((i): i is ImageInspect => i !== null),
    networks,
    swarm: swarmEvidence,
    uninspected,
  };
}

/** Swarm facts are only served by managers; workers and inactive nodes get null with the reason in warnings. */
async function collectSwarm(get: Get, info: DockerEvidence['info'], warnings: string[]): Promise<SwarmEvidence | null> {
  if (info.Swarm?.LocalNodeState !== 'active') return null;
  if (!info.Swarm.ControlAvailable) {
    warnings.push('swarm is active but this node is not a manager: nodes, services, secrets and auto-lock cannot be read here');
    return { inspect: null, nodes: null, services: null, secretCount: null, autoLockEnabled: null };
  }
  const safe = async <T>(what: string, f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (err) {
      warnings.push(`swarm ${what} could not be read: ${reasonOf(err)}`);
      return null;
    }
  };
  const [inspect, nodes, services, secrets, unlock] = await Promise.all([
    safe('inspect', () => get<Record<string, unknown>>('/swarm')),
    safe('nodes', () => get<SwarmEvidence['nodes']>('/nodes')),
    safe('services', () => get<SwarmEvidence['services']>('/services')),
    safe('secrets', () => get<unknown[]>('/secrets')),
    // GET /swarm/unlockkey: the key is read only to learn whether auto-lock is on, then dropped.
    safe('unlock key', () => get<{ UnlockKey?: string }>('/swarm/unlockkey')),
  ]);
  if (inspect && typeof inspect === 'object') delete inspect.JoinTokens;
  return {
    inspect,
    nodes,
    services,
    secretCount: secrets ? secrets.length : null,
    autoLockEnabled: unlock ? !!unlock.UnlockKey : null,
  };
}
