import Docker from 'dockerode';
import { redactDeep, scrubString } from '../../evidence/redact';
import type { ContainerInspect, DockerEvidence, ImageInspect, NetworkInspect, SwarmEvidence, VolumeInspect } from '../../evidence/types/docker';
import { mapLimit } from '../../util/map-limit';
import type { Collector, CollectorOutcome } from '../types';
import { DEFAULT_DOCKER_HOST, parseEngineAddress } from './connection';

export const DOCKER_COLLECTOR_VERSION = '1.0.0';

/** Inspect calls in flight at once: enough to hide socket latency, few enough not to load the engine. */
const CONCURRENCY = 16;

/**
 * `ECONNREFUSED`, `ENOENT`, HTTP status… : the shortest honest reason an engine call failed. Engine
 * messages may quote what failed (a mount's options, a registry URL), so they are scrubbed like evidence.
 */
export function reasonOf(err: unknown): string {
  const e = err as { code?: string; statusCode?: number; reason?: string; message?: string; json?: { message?: string } };
  if (e?.code) return e.code;
  if (e?.statusCode) return scrubString(`HTTP ${e.statusCode}${e.json?.message ? ` ${e.json.message}` : e.reason ? ` ${e.reason}` : ''}`);
  return scrubString(e?.message ?? String(err));
}

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number })?.statusCode === 404;
}

/** Read everything the checks and the residency collector need from one engine, read-only. */
export async function collectDocker(docker: Docker, endpoint: string, warnings: string[]): Promise<DockerEvidence> {
  const [version, info] = await Promise.all([docker.version(), docker.info()]);
  const [containerList, imageList, networkList, volumeList] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listImages({ all: false }),
    docker.listNetworks(),
    docker.listVolumes(),
  ]);

  // Containers may disappear between list and inspect; that is a warning, not a failure.
  const inspected = await mapLimit(containerList, CONCURRENCY, async (c) => {
    try {
      return (await docker.getContainer(c.Id).inspect()) as unknown as ContainerInspect;
    } catch (err) {
      warnings.push(`container ${c.Id.slice(0, 12)} could not be inspected: ${reasonOf(err)}${isNotFound(err) ? ' (removed during collection)' : ''}`);
      return null;
    }
  });
  const images = await mapLimit(imageList, CONCURRENCY, async (i) => {
    try {
      const img = docker.getImage(i.Id);
      const [inspect, history] = await Promise.all([img.inspect(), img.history()]);
      const withHistory: ImageInspect = { ...(inspect as unknown as ImageInspect), History: (history as unknown as ImageInspect['History']) ?? [] };
      return withHistory;
    } catch (err) {
      warnings.push(`image ${i.Id.replace(/^sha256:/, '').slice(0, 12)} could not be inspected: ${reasonOf(err)}`);
      return null;
    }
  });
  // The network list omits attached containers; inspect fills them in.
  const networks = await mapLimit(networkList, CONCURRENCY, async (n) => {
    try {
      return (await docker.getNetwork(n.Id).inspect()) as unknown as NetworkInspect;
    } catch (err) {
      warnings.push(`network ${n.Name} could not be inspected: ${reasonOf(err)}`);
      return n as unknown as NetworkInspect;
    }
  });
  const volumes = (volumeList.Volumes ?? []) as unknown as VolumeInspect[];
  if (volumeList.Warnings?.length) warnings.push(...volumeList.Warnings.map((w) => `volume list: ${scrubString(w)}`));

  const swarm = await collectSwarm(docker, info as unknown as DockerEvidence['info'], warnings);
  const evidence: DockerEvidence = {
    endpoint,
    version: version as unknown as DockerEvidence['version'],
    info: info as unknown as DockerEvidence['info'],
    containers: inspected.filter((c): c is ContainerInspect => c !== null),
    images: images.filter((i): i is ImageInspect => i !== null),
    networks,
    volumes,
    swarm,
  };
  return redactDeep(evidence);
}

/** Swarm facts are only served by managers; workers and inactive nodes get null with the reason in warnings. */
async function collectSwarm(docker: Docker, info: DockerEvidence['info'], warnings: string[]): Promise<SwarmEvidence | null> {
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
    safe('inspect', () => docker.swarmInspect()),
    safe('nodes', () => docker.listNodes()),
    safe('services', () => docker.listServices()),
    safe('secrets', () => docker.listSecrets()),
    // GET /swarm/unlockkey: the key is read only to learn whether auto-lock is on, then dropped.
    safe('unlock key', () => new Promise<{ UnlockKey?: string }>((resolve, reject) => {
      (docker as unknown as { modem: { dial: (o: object, cb: (e: unknown, d: unknown) => void) => void } }).modem.dial(
        { path: '/swarm/unlockkey', method: 'GET', statusCodes: { 200: true, 500: 'server error', 503: 'node is not part of a swarm' } },
        (err, data) => (err ? reject(err) : resolve((data ?? {}) as { UnlockKey?: string })),
      );
    })),
  ]);
  if (inspect && typeof inspect === 'object') delete (inspect as Record<string, unknown>).JoinTokens;
  return {
    inspect: inspect as Record<string, unknown> | null,
    nodes: nodes as SwarmEvidence['nodes'],
    services: services as SwarmEvidence['services'],
    secretCount: secrets ? (secrets as unknown[]).length : null,
    autoLockEnabled: unlock ? !!unlock.UnlockKey : null,
  };
}

export const dockerCollector: Collector<'docker'> = {
  name: 'docker',
  version: DOCKER_COLLECTOR_VERSION,
  async collect(ctx): Promise<CollectorOutcome<DockerEvidence>> {
    const address = parseEngineAddress(ctx.dockerHost ?? DEFAULT_DOCKER_HOST);
    const docker = new Docker(address.options);
    const endpoint = scrubString(address.display);
    try {
      await docker.ping();
    } catch (err) {
      return { status: 'failed', data: null, error: `engine unreachable at ${endpoint}: ${reasonOf(err)}` };
    }
    const warnings: string[] = [];
    try {
      const data = await collectDocker(docker, endpoint, warnings);
      return { status: warnings.length ? 'partial' : 'ok', data, warnings, engineId: data.info.ID ?? null };
    } catch (err) {
      return { status: 'failed', data: null, error: `engine at ${endpoint} stopped answering: ${reasonOf(err)}`, warnings };
    }
  },
};
